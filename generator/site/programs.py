"""MkDocs and Pagefind, the two programs of their own a build runs over the work folder.

MkDocs builds its copy of the site in `work/site`; `--dirty` when the mkdocs.yml it runs
with is the last build's, so only pages whose docs file is newer than their built page
are built again (writer.py writes a docs file only when its bytes change). The nav lists
the section pages only, so a page MkDocs leaves as it was still has the nav a full build
gives it (tests/e2e/test_incremental.py compares every file with a clean build). Pagefind
indexes a search tree into a new bundle, which every bundle leaves through
`search.finish_index`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from generator.site.errors import BuildError
from generator.site.search import SearchIndexError, check_index, finish_index, index_command
from generator.timing import StageTimer

_DISK_ERROR = re.compile(r"^\w*Error: (\[Errno \d+\] .*)$", re.M)


def mkdocs_build(config: Path, env: dict, dirty: bool, timer: StageTimer) -> None:
    """MkDocs over the docs tree into the site folder mkdocs.yml names."""
    mode = "--dirty" if dirty else "--clean"
    command = [sys.executable, "-m", "mkdocs", "build", mode, "--quiet", "-f", str(config)]
    with timer("MkDocs"):
        built = subprocess.run(command, capture_output=True, text=True, env=env)
    if built.returncode != 0:
        disk = _DISK_ERROR.findall(built.stderr)
        if disk:  # a full or read-only disk: say so, not MkDocs' traceback
            detail = disk[-1]
            raise BuildError(
                f"无法写入网站：{detail}。请检查磁盘空间和写权限；原来的网站没有改动。"
                f" / cannot write the site: {detail}. Check the free disk space and "
                "permissions; the previous site is unchanged."
            )
        raise BuildError(f"MkDocs 构建失败 / the MkDocs build failed:\n{built.stderr[-4000:]}")


def pagefind_index(search: Path, bundle: Path, timer: StageTimer) -> None:
    """Pagefind over the search tree into `bundle` (a new folder), finished for the browser."""
    with timer("Pagefind"):
        indexed = subprocess.run(index_command(search, bundle), capture_output=True, text=True)
    try:
        check_index(indexed.returncode, indexed.stderr or indexed.stdout, bundle)
        with timer("search.finish_index"):
            finish_index(bundle)
    except SearchIndexError as error:
        raise BuildError(str(error)) from error
