"""The `search index` stage: Pagefind's extended build over the pages' articles.

Pagefind indexes the search
tree that `render.write_page` fills beside the docs tree: each page's article (the
part made from records) with the filters the templates mark (类型, 等级, 负责人, 地域,
客户类型), at the same path as its page in the site. So the index is built while MkDocs
builds the site, on the second core, and moved into `site/pagefind` after. Result URLs
keep their `.html` (`--keep-index-url`) because the site uses `use_directory_urls: false`.
Every bundle then goes through `finish_index` (character pairs instead of jieba's words:
search_words.py). The Pagefind version is pinned in pyproject.toml; docs/site.md says why
that one.
"""

from __future__ import annotations

from pathlib import Path

import pagefind_bin_extended

from generator.site.search_words import add_inner_words


class SearchIndexError(Exception):
    """Pagefind failed (the message says why, in Chinese and English)."""


def index_command(articles: Path, bundle: Path) -> list[str]:
    """Pagefind over the search tree, writing its bundle (pagefind.js, index) to `bundle`."""
    return [
        str(pagefind_bin_extended.get_executable()),
        "--site", str(articles),
        "--output-path", str(bundle.resolve()),
        "--keep-index-url",
        "--silent",
    ]  # fmt: skip


def finish_index(bundle: Path) -> None:
    """What every Pagefind bundle goes through right after Pagefind wrote it (the whole index
    or a shard): every part of a word made findable (search_words.py), then the chunks' word
    ranges made contiguous (search_chunks.py). Pure in the bundle's files: the same index
    gives the same bytes."""
    try:
        add_inner_words(bundle)  # its chunk ranges contiguous (search_chunks.contiguous)
    except (ValueError, KeyError, TypeError, OSError) as error:  # another Pagefind's layout
        raise SearchIndexError(
            f"搜索索引的格式不是预期的 Pagefind 1.4 格式 / the search index is not in Pagefind "
            f"1.4's layout ({error}); install the pinned version: pip install -e ."
        ) from error


def check_index(returncode: int, output: str, bundle: Path) -> None:
    if returncode != 0 or not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(
            "搜索索引生成失败 / Pagefind could not index the site:\n" + output[-4000:]
        )
