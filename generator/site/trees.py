"""The work folder's docs and search trees, kept between builds: what no page has any more.

A page whose record is deleted or renamed is not written again; its files in the trees
and its built page in MkDocs' copy of the site are removed here, so an incremental build
leaves the files a clean build makes and no others.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from generator.site.shards import MAIN, shard_of
from generator.site.team_settings import TeamSettings
from generator.site.writer import Digests


def prune(
    work: Path, mirror: Path, digests: Digests, team: TeamSettings | None, sharded: bool
) -> None:
    """Files of the docs and search trees no page of this build has (a record deleted or
    renamed, a page now in another shard), and the built pages of the docs files among them."""
    wanted = set(digests)
    searched = {f"{shard_of(p, sharded)}/{p.removesuffix('.md')}.html" for p in wanted}
    if team is not None:
        searched |= {f"{MAIN}/{n.removesuffix('.md')}.html" for n in team.files
                     if n.endswith(".md")}  # fmt: skip
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
