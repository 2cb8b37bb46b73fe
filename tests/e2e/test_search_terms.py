"""The search box asks Pagefind for what the index holds: huifang.js `searchTerms` and its
Python twin `search_words.search_terms` (which the index's unit tests check against) give
the same terms for every query, in Chromium."""

from __future__ import annotations

from test_browser import CHROMIUM_FLAGS, chromium_path

from generator.site.search_words import search_terms
from generator.site.serve import serving

QUERIES = [
    "满意度", "车位", "C0001", "K2026-0029", "2026-11-20", "11月20日", "2026年11月20日",
    "太极科技（北京）有限公司", "数字100信息", "c0001太极 王小红", "  陈帅 ", "A1S07", "满",
    "“回访”，记录！", "2026/11/20", "Population 总数", "𠀀字", "Ｃ０００１", "Ｋ２０２６－００２９",
    "１１月２０日", "㈱太极", "一0000000000000", "k2026-0029-1234-5678-9", "𠀀abcdefghijklmnopq",
    "＜img src=x＞王芳", "a<b>`c`",
]  # fmt: skip


def test_the_search_box_and_the_index_follow_one_rule(demo_site):
    from playwright.sync_api import sync_playwright

    with serving(demo_site[0]) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(base + "index.html")
        shown = page.evaluate("qs => qs.map(q => window.huifangSearchTerms(q))", QUERIES)
        browser.close()
    assert shown == [" ".join(search_terms(q)) for q in QUERIES]
