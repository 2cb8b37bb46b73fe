"""What a search result's excerpt shows: the words of two table headings or two filter values
are apart, not run together ("A1S07 张娟本省机构", "姓名职务电话" before)."""

from __future__ import annotations

import json
from pathlib import Path

from generator.site.search_chunks import unpacked

ZERO_WIDTH_SPACE = "\u200b"  # Pagefind puts one between the words it segmented


def _content_of(site: Path, url_end: str) -> str:
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(unpacked(path))
        if fragment["url"].endswith(url_end):
            return str(fragment["content"]).replace(ZERO_WIDTH_SPACE, "")
    raise AssertionError(f"no search fragment for {url_end}")


def test_headings_and_filter_values_are_apart_in_the_excerpt(demo_site):
    site, _ = demo_site
    content = _content_of(site, "customers/C0001.html")
    assert "姓名职务电话" not in content
    assert "姓名 职务 电话" in content
    # the page's filters (grade, owner, region, kind) read as separate words
    assert "A1 S07" in content or "A1 S0" in content, content[:300]
