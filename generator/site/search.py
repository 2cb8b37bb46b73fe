"""The `search index` stage: Pagefind's extended build over the built site.

The extended binary segments Chinese with jieba at index time. Only the
article (`data-pagefind-body`, set by the theme override) is indexed, with the
filters the templates mark (类型, 等级, 负责人, 地域, 客户类型). Result URLs keep
their `.html` (`--keep-index-url`) because the site uses `use_directory_urls: false`.
The Pagefind version is pinned in pyproject.toml; docs/search.md says why that one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pagefind_bin_extended


class SearchIndexError(Exception):
    """Pagefind failed (the message says why, in Chinese and English)."""


def index_site(site: Path) -> None:
    result = subprocess.run(
        [
            str(pagefind_bin_extended.get_executable()),
            "--site",
            str(site),
            "--keep-index-url",
            "--silent",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").is_file():
        raise SearchIndexError(
            "搜索索引生成失败 / Pagefind could not index the site:\n"
            + (result.stderr or result.stdout)[-4000:]
        )
