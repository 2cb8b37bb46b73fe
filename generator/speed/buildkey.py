"""The whole build's key: everything a site depends on, so an unchanged build can stop.

A build with nothing changed rendered every page, ran MkDocs and Pagefind and scanned it
all, to publish the same bytes. Its key starts from the check's own run key (every record
file's digest, the stray files, the day, the Git head and shallow boundary, this
program's code, the schemas, the holiday data: speed/runcache.py) and adds what only the
site reads: the as-of moment (complaint limits run in hours), the profile, the page
templates and theme, the versions of the programs that make the pages (MkDocs, Material,
Pagefind, Jinja, the Markdown renderer and cleaner), and the caller's other inputs (the
allowed signers' file, the team's mkdocs.yml and pages). The site build
(site/__init__.py) stores it in the work folder and in the site's mark file; equal keys
and the site still that build: nothing to do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.derive.items import AsOf
from generator.speed import enabled
from generator.speed.store import code_fingerprint

FORMAT = b"site-build-1"
# What turns records into the site's bytes besides our own code.
PROGRAMS = ("mkdocs", "mkdocs-material", "pagefind-bin-extended", "jinja2", "markupsafe",
            "cmarkgfm", "nh3", "pyyaml")  # fmt: skip


def build_key(
    check_key: bytes | None, as_of: AsOf, masked: bool, templates: Path, inputs: Iterable[bytes]
) -> str | None:
    """The build's key (hex), or None when there is none to compare: the speed switch is
    off, or the check ran without its key."""
    if check_key is None or not enabled():
        return None
    digest = hashlib.blake2b(FORMAT, digest_size=32)
    for part in (check_key, code_fingerprint(), _site_program(templates),
                 as_of.now.isoformat().encode(), b"masked" if masked else b"full"):  # fmt: skip
        digest.update(len(part).to_bytes(8, "big") + part)
    for part in inputs:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def program_digest(templates: Path, masked: bool) -> str:
    """What made a work folder's trees: this program, its templates, the programs it runs
    and the profile (speed/sitestate.py: another one's trees are rebuilt from nothing)."""
    digest = hashlib.sha256(FORMAT + code_fingerprint() + _site_program(templates))
    digest.update(b"masked" if masked else b"full")
    return digest.hexdigest()


@cache
def _site_program(templates: Path) -> bytes:
    """The page templates and theme files (read once per process) and the programs'
    versions: a changed template or an upgraded MkDocs never meets an old site."""
    digest = hashlib.sha256()
    for name in PROGRAMS:
        try:
            digest.update(f"{name} {version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name} -\0".encode())
    for path in sorted(p for p in templates.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def file_bytes(path: Path | None) -> bytes:
    """A file's bytes as a key input (its absence is an input too)."""
    if path is None:
        return b"\0none"
    try:
        return path.read_bytes()
    except OSError:
        return b"\0unreadable " + str(path).encode()
