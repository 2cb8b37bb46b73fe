"""The build's own errors (each message says why, in Chinese and English)."""

from __future__ import annotations


class BuildError(Exception):
    """The site could not be built (the message says why, in Chinese and English)."""


class OutFolderError(BuildError):
    """`--out` names a folder a build must never replace."""
