"""The built demo site in a real headless Chromium (Debian's `chromium`, driven by Playwright).

Outside CI a missing browser skips these tests with a message saying how to
install it; with CI=true they never skip (`.ci/run` installs chromium first).
Every request the pages make is recorded: none may leave this machine.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.site.render import NOT_SEARCHED
from generator.site.serve import serving

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The Chinese query list: each query with pages it must find. Besides these, every
# query must find every page whose article contains it (recall 1.0, checked against
# the built HTML). Chosen for two- and three-character words, names and ids.
QUERIES = {
    "投诉": ["complaints/index.html", "customers/C0055.html"],
    "满意度": ["satisfaction.html", "customers/C0001.html"],
    "售后": ["customers/C0059.html"],
    "回访": ["reports.html", "customers/C0018.html"],
    "整改": ["satisfaction.html"],
    "绿化": ["satisfaction.html"],
    "太极科技": ["customers/C0001.html"],
    "陈帅": ["due/S05.html"],
    "C0001": ["customers/C0001.html"],
    "K2026-0029": ["customers/C0035.html", "complaints/index.html"],
    "客户拜访统计表": ["reports.html"],
}


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    message = (
        "没有找到 Chromium，浏览器测试已跳过。安装：sudo apt-get install chromium / "
        "no chromium found, browser tests skipped; install it with: sudo apt-get install chromium"
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("CI=true: " + message.split(" / ")[1].replace("skipped", "cannot be skipped"))
    pytest.skip(message)


@pytest.fixture(scope="module")
def served(demo_site):
    site, _ = demo_site
    with serving(site) as base:
        yield site, base


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, served):
    """A fresh page that records every request and every script error."""
    _, base = served
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.base = base
    yield page
    context.close()


def other_hosts(page) -> set[str]:
    return {
        urlparse(url).hostname
        for url in page.requests
        if urlparse(url).scheme in ("http", "https", "ws", "wss")
        and urlparse(url).hostname != "127.0.0.1"
    }


def test_dashboard_shows_the_figures_and_mounts_search_in_the_header(page):
    page.goto(page.base + "index.html")
    assert "锦程物业服务有限公司" in page.title()
    assert page.locator(".hf-as-of time").get_attribute("datetime") == "2026-11-23"
    assert page.locator(".hf-card").count() >= 6
    assert page.locator("table.hf-staff tbody tr").count() >= 3
    assert page.locator(".md-header__inner #hf-search .pagefind-ui__search-input").is_visible()
    assert page.locator("svg.hf-chart").first.is_visible()
    assert page.errors == []
    assert other_hosts(page) == set()


def test_customer_page_has_profile_map_and_timeline(page):
    page.goto(page.base + "customers/C0001.html")
    assert page.locator("h1").inner_text().startswith("C0001")
    assert page.locator("table.hf-contacts tbody tr").count() == 3
    assert page.locator("svg.hf-chart title").text_content().endswith("关键人物与我方联系人")
    assert "133****1828" in page.content()
    assert page.errors == [] and other_hosts(page) == set()
    page.goto(page.base + "customers/C0057.html")  # the demo's longest timeline (56 entries)
    assert page.locator(".hf-entry").count() > 20
    assert not page.locator("details.hf-older").get_attribute("open")  # older entries folded
    assert page.errors == [] and other_hosts(page) == set()


def test_due_table_sorts_filters_and_links_to_customers(page):
    page.goto(page.base + "due/S05.html")
    rows = page.locator("table.hf-due tbody tr")
    count = rows.count()
    assert count > 5
    customer_header = page.locator("table.hf-due thead th", has_text="客户")
    customer_header.click()
    first = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(count)]
    customer_header.click()
    second = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(count)]
    assert first == sorted(first) and second == first[::-1]
    page.locator("input.hf-filter").fill("逾期")
    visible = [r for r in range(count) if rows.nth(r).is_visible()]
    assert 0 < len(visible) < count
    assert all("逾期" in rows.nth(r).inner_text() for r in visible)
    rows.nth(visible[0]).locator("a").click()
    page.wait_for_url(re.compile(r"/customers/C\d{4}\.html$"))
    assert other_hosts(page) == set()


def test_items_due_since_the_build_are_highlighted_in_the_viewers_browser(browser, served):
    _, base = served
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.clock.install(time="2026-12-31T10:00:00")
    page.goto(base + "due/index.html")
    days = page.eval_on_selector_all(
        "table.hf-due tbody tr:not(.hf-overdue)", "rows => rows.map(r => r.dataset.deadline)"
    )
    expected = sum(day[:10] < "2026-12-31" for day in days)
    assert expected > 0
    assert page.locator("tr.hf-now-overdue").count() == expected
    context.close()


def _article_texts(site: Path) -> dict[str, str]:
    texts = {}
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue  # the page for a missing address: not searchable, nothing of a record
        if NOT_SEARCHED.fullmatch(path.relative_to(site).with_suffix(".md").as_posix()):
            continue  # a list repeating other pages' records: its title alone is indexed
        article = r'<article class="md-content__inner[^"]*">(.*?)</article>'  # what a reader sees
        found = re.search(article, path.read_text("utf-8"), re.S)
        if found:
            plain = html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))
            texts[path.relative_to(site).as_posix()] = plain
    return texts


# Pagefind first says "searching for q" (no count), then "n results for q" with a
# placeholder per result until its fragment loads, and a "load more" button after
# five. Done when every counted result shows its page link; the poll clicks
# "load more" meanwhile.
ALL_RESULTS_SHOWN = """q => {
    const message = document.querySelector('.pagefind-ui__message');
    if (!message || !message.textContent.includes(q)) return false;
    const count = Number((message.textContent.replace(q, '').match(/\\d+/) || ['0'])[0]);
    const more = document.querySelector('.pagefind-ui__button');
    if (more) { more.click(); return false; }
    const loaded = '.pagefind-ui__result-inner > .pagefind-ui__result-title > a';
    return count > 0 && document.querySelectorAll('.pagefind-ui__result').length === count
        && document.querySelectorAll(loaded).length === count;
}"""


def _search_through_the_ui(page, query: str) -> list[str]:
    page.locator("#hf-search .pagefind-ui__search-input").fill(query)
    page.wait_for_function(ALL_RESULTS_SHOWN, arg=query, polling=100)
    links = page.locator(".pagefind-ui__result-inner > .pagefind-ui__result-title > a")
    return [
        urlparse(links.nth(i).get_attribute("href")).path.lstrip("/") for i in range(links.count())
    ]


def test_the_chinese_query_list_finds_every_page_in_the_pagefind_ui(page, served):
    site, _ = served
    texts = _article_texts(site)
    page.goto(page.base + "index.html")
    for query, must in QUERIES.items():
        found = set(_search_through_the_ui(page, query))
        containing = {path for path, text in texts.items() if query in text}
        assert set(must) <= containing, (query, "the fixed expectation is stale")
        missing = containing - found
        assert not missing, f"{query}: {len(missing)} of {len(containing)} pages not found"
    assert page.errors == []
    assert other_hosts(page) == set()


def test_search_filters_narrow_results(page):
    page.goto(page.base + "index.html")
    results = page.evaluate(
        """async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            const filters = await pagefind.filters();
            const all = await pagefind.search('科技');
            const a1 = await pagefind.search('科技', { filters: { 等级: 'A1', 类型: '客户' } });
            const urls = await Promise.all(a1.results.map(r => r.data().then(d => d.url)));
            return { filters, all: all.results.length, a1: urls };
        }"""
    )
    assert {"等级", "负责人", "地域", "客户类型", "类型"} <= set(results["filters"])
    assert 0 < len(results["a1"]) < results["all"]
    assert all(url.startswith("/customers/C") for url in results["a1"])


RESULT = ".pagefind-ui__result"


def test_on_a_phone_the_filters_start_folded_and_results_fill_the_drop_down(browser, served):
    _, base = served
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "index.html")
    page.locator("#hf-search .pagefind-ui__search-input").fill("回访")
    page.wait_for_selector(RESULT + " .pagefind-ui__result-title a")
    panel = page.locator("#hf-search .pagefind-ui__filter-panel")
    toggle = page.locator("#hf-search .hf-filters-toggle")
    assert not panel.is_visible() and toggle.is_visible()
    drawer = page.locator("#hf-search .pagefind-ui__drawer").bounding_box()
    visible = [box for box in (page.locator(RESULT).nth(i).bounding_box() for i in range(3)) if box]
    assert all(box["y"] + box["height"] <= drawer["y"] + drawer["height"] for box in visible[:3])
    toggle.click()
    assert panel.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    context.close()


def test_an_id_typed_in_the_box_shows_its_page_first_as_a_direct_link(page):
    page.goto(page.base + "index.html")
    page.locator("#hf-search .pagefind-ui__search-input").fill("c0001")
    page.wait_for_selector("#hf-search .hf-own:not([hidden]) a")
    first = page.locator("#hf-search .pagefind-ui__drawer a").first
    assert first.get_attribute("href").endswith("/customers/C0001.html")
    assert first.inner_text().startswith("直达 C0001")
    assert page.errors == [] and other_hosts(page) == set()
