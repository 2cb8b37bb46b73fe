"""Every record has an address, in Chromium: from the dashboard to a complaint's page, from
a complaint, a due row and a timeline to a visit's entry (scrolled into view), and the
register filters filtering. Fixtures and rules of test_browser.py: every request recorded,
none to another host, no page error."""

from __future__ import annotations

# test_browser.py's fixtures, used by their names: each test's `page` parameter is the
# fixture imported here, which ruff takes for a redefinition (F811)
# ruff: noqa: F811
from test_browser import browser, other_hosts, page, served  # noqa: F401


def in_view(page, selector: str) -> bool:
    """The element's top is inside the viewport (the browser scrolled to it)."""
    return page.eval_on_selector(
        selector,
        "e => { const r = e.getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight && r.height > 0; }",
    )


def clean(page) -> None:
    assert page.errors == []
    assert other_hosts(page) == set()


def test_from_the_dashboard_to_a_complaints_page(page):
    page.goto(page.base + "index.html")
    # the open complaints of the dashboard (demo as of 2026-11-23): K2025-0004 is the first
    page.locator("table.hf-complaints a", has_text="K2025-0004").click()
    page.wait_for_url("**/complaints/K2025-0004.html")
    assert page.locator("h1").inner_text() == "投诉 K2025-0004"
    stages = page.locator("table.hf-complaint-stages tbody tr")
    assert stages.count() == 5  # register, answer, resolve, feedback, follow-up
    assert stages.nth(3).locator("td").nth(4).inner_text() == "已超时"  # feedback never sent
    page.locator("table.hf-complaint-facts a", has_text="C0059").click()
    page.wait_for_url("**/customers/C0059.html")
    clean(page)


def test_from_a_complaint_to_its_follow_up_visit_on_the_timeline(page):
    page.goto(page.base + "complaints/K2026-0007.html")
    page.locator("table.hf-complaint-stages a", has_text="2026-01-19-C0039-onsite").click()
    page.wait_for_url("**/customers/C0039*.html#v-2026-01-19-C0039-onsite")
    target = "#v-2026-01-19-C0039-onsite"
    assert page.locator(target).count() == 1
    assert in_view(page, target)
    assert "K2026-0007" in page.locator(target).inner_text()
    clean(page)


def test_from_a_due_row_to_the_visit_that_counts(page):
    page.goto(page.base + "due/S05.html")
    link = page.locator("table.hf-due a", has_text="2026-11-11-C0012-phone")
    link.click()
    page.wait_for_url("**/customers/C0012.html#v-2026-11-11-C0012-phone")
    assert in_view(page, "#v-2026-11-11-C0012-phone")
    clean(page)


def test_from_a_timeline_entry_to_its_complaint_and_back(page):
    page.goto(page.base + "customers/C0035.html")
    page.locator("#k-K2026-0029 h3 a").click()
    page.wait_for_url("**/complaints/K2026-0029.html")
    page.locator("a", has_text="在客户时间线上查看").click()
    page.wait_for_url("**/customers/C0035.html#k-K2026-0029")
    assert in_view(page, "#k-K2026-0029")
    clean(page)


def visible_rows(page, table: str) -> int:
    return page.locator(f"{table} tbody tr:visible").count()


def test_the_complaint_register_filters(page):
    page.goto(page.base + "complaints/index.html")
    table = "#hf-complaint-register"
    assert visible_rows(page, table) == 30  # every complaint of the demo records
    page.select_option("select[data-hf-filter=month]", "2026-09")
    assert visible_rows(page, table) == 5  # received in September 2026 (counted in the records)
    page.select_option("select[data-hf-filter=state-label]", "已超时")
    shown = page.locator(f"{table} tbody tr:visible")
    assert all(
        shown.nth(i).locator("td").nth(7).inner_text() == "已超时" for i in range(shown.count())
    )
    assert page.locator(".hf-register-filters output").inner_text().endswith("共 30 条")
    page.locator(".hf-register-filters button").click()
    assert visible_rows(page, table) == 30
    clean(page)


def test_the_visit_register_filters_and_links_each_visit(page):
    page.goto(page.base + "visits/2026-11.html")
    table = "#hf-visit-register"
    assert visible_rows(page, table) == 42  # the visits of November 2026 up to 11-23
    page.select_option("select[data-hf-filter=method]", "电话")
    assert visible_rows(page, table) == 17  # 17 of them by phone (…-phone.md, …-phone-2.md)
    methods = page.locator(f"{table} tbody tr:visible td:nth-child(4)").all_inner_texts()
    assert set(methods) == {"电话"}
    first = page.locator(f"{table} tbody tr:visible td:first-child a").first
    anchor = first.get_attribute("href").split("#")[1]
    first.click()
    page.wait_for_url(f"**#{anchor}")
    assert in_view(page, f"#{anchor}")
    clean(page)


def test_a_link_to_an_entry_folded_away_opens_it(page):
    # C0057's 25th timeline entry is in the page's folded <details> (the newest 20 are
    # open): the browser opens the <details> for the fragment (Chromium 97+)
    page.goto(page.base + "visits/2026-05.html")
    page.locator("#hf-visit-register a[href$='#v-2026-05-09-C0057-onsite']").click()
    page.wait_for_url("**/customers/C0057.html#v-2026-05-09-C0057-onsite")
    assert page.locator("details.hf-older").get_attribute("open") is not None
    assert in_view(page, "#v-2026-05-09-C0057-onsite")
    clean(page)
