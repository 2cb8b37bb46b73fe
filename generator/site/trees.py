"""The work folder's docs and search trees, kept between builds: what no page has any more.

A page whose record is deleted or renamed is not written again; its files in the trees
and its built page in MkDocs' copy of the site are removed here, so an incremental build
leaves the files a clean build makes and no others. `search_digest` says what the search
index is made from, so Pagefind runs only when that changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from generator.site.team_settings import TeamSettings
from generator.site.writer import Digests
from generator.speed.buildkey import file_bytes


def prune(work: Path, mirror: Path, digests: Digests, team: TeamSettings | None) -> None:
    """Files of the docs and search trees no page of this build has (a record deleted or
    renamed), and the built pages of the docs files among them."""
    wanted = set(digests)
    searched = {f"{p.removesuffix('.md')}.html" for p in wanted}
    if team is not None:
        searched |= {f"{n.removesuffix('.md')}.html" for n in team.files if n.endswith(".md")}
    for gone in _unlisted(work / "docs", wanted):
        _remove(work / "docs" / gone)
        _remove(mirror / f"{gone.removesuffix('.md')}.html")
    for gone in _unlisted(work / "search", searched):
        _remove(work / "search" / gone)


def _unlisted(tree: Path, wanted: set[str]) -> list[str]:
    found = []
    for folder, _, names in os.walk(tree):
        relative = Path(folder).relative_to(tree).as_posix()
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in names if prefix + name not in wanted]
    return found


def _remove(path: Path) -> None:
    """A file, and its folder when that is left empty (a clean build would not make it)."""
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # not empty
        path.parent.rmdir()


def search_digest(search: Path, digests: Digests, team: TeamSettings | None) -> str:
    """What the search index is made from: each page's search copy, the team's pages."""
    digest = hashlib.sha256()
    for path in sorted(digests):
        digest.update(f"{path}\0{digests[path][1]}\0".encode())
    for name in sorted(team.files if team is not None else ()):
        if name.endswith(".md"):
            copy = search / f"{name.removesuffix('.md')}.html"
            digest.update(name.encode() + b"\0" + file_bytes(copy))
    return digest.hexdigest()
