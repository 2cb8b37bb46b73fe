"""The history cache: what was read up to a commit, so a rebuild only walks newer commits.

One file per repository and records folder in the cache folder (generator.speed.store).
The key includes this package's own source, so a changed reader never meets an old
cache. Any unreadable cache is ignored: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from generator.speed.store import code_fingerprint, collector_paused, folder, load, save

__all__ = ["collector_paused", "folder", "key", "load", "save"]

FORMAT = b"history-cache-2"  # 2: merges, signers, key validity
# the code whose output is cached: the history package and the record reader
SOURCES = ("history/*.py", "read/document.py", "read/guarded_yaml.py", "read/textscan.py")


@cache
def _code_fingerprint() -> bytes:
    return code_fingerprint(FORMAT, SOURCES)


def key(repo: Path, prefix: str, signers: bytes) -> str:
    digest = hashlib.sha256(_code_fingerprint())
    for part in (str(repo.resolve()).encode(), prefix.encode(), signers):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:32]
