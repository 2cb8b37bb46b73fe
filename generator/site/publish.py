"""The built site put together beside `--out`, sharing nothing the next build may change.

The work folder keeps MkDocs' own copy of the site (`work/site`, rebuilt `--dirty`) and the
search index (`work/pagefind`) between builds; both are changed in place by the next
build. So the site that replaces `--out` is a new folder whose files are either links to
the files of the site published now — when their bytes are the same — or fresh copies:
a file of a published site is never written again, only linked into the next one, so a
failed build still leaves the last good site as it was, and an unchanged page keeps its
file (bytes and time). The copies are what changed: the post-build scan reads those.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

from generator.speed import enabled


def assemble(
    source: Path, target: Path, published: Path | None, skip: str = ""
) -> tuple[list[Path], list[Path]]:
    """Every file under `source` into `target` (its top-level entry `skip` left out): (all
    of them, the ones copied — not the same as in `published`, the site there now)."""
    old = published if published is not None and published.is_dir() and enabled() else None
    every, copied = [], []
    for folder, subfolders, names in os.walk(source):
        relative = Path(folder).relative_to(source)
        if relative == Path("."):
            subfolders[:] = [s for s in subfolders if s != skip]
            names = [n for n in names if n != skip]
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            made, there = Path(folder) / name, target / relative / name
            every.append(there)
            if old is not None and _link_same(made, old / relative / name, there):
                continue
            shutil.copy2(made, there)  # its time kept: the next build compares by it first
            copied.append(there)
    return every, copied


def _link_same(made: Path, old: Path, there: Path) -> bool:
    """Link the published file `old` as `there` if it holds the bytes of `made`."""
    try:
        new_stat, old_stat = made.stat(), old.stat()
    except OSError:
        return False
    if new_stat.st_size != old_stat.st_size:
        return False
    if new_stat.st_mtime_ns != old_stat.st_mtime_ns and not filecmp.cmp(made, old, shallow=False):
        return False
    try:
        os.link(old, there)
    except OSError:  # no hard links here: a copy
        return False
    return True
