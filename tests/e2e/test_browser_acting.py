"""Acting from the site (issue 21): the home page's cards open the list they count, each
person's 今日待办, a banner on a page viewed days after its as-of day, the due list on a
phone as cards by customer, and a tel: link only in the full profile. Debian's Chromium
through Playwright, as tests/e2e/test_browser.py drives it: every request recorded, none
to another host, no page error."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import ROOT, build_site
from test_browser import CHROMIUM_FLAGS, chromium_path, other_hosts, playwright_api

from generator.site.serve import serving

STATE_ORDER = ["逾期", "今天到期", "即将到期", "以后"]  # most urgent first
CHINA = dt.timezone(dt.timedelta(hours=8))

GOLDEN_DUE = (ROOT / "tests/golden/due.txt").read_text(encoding="utf-8")


def golden_counts() -> dict[str, int]:
    """The team's counts as tests/golden/due.txt (the demo as of 2026-11-23, reviewed when it
    changes) states them in its second line: 共 逾期 38，今天到期 3，即将到期 48，以后 19."""
    found = dict(re.findall(r"(逾期|今天到期|即将到期) (\d+)", GOLDEN_DUE.splitlines()[1]))
    return {"overdue": int(found["逾期"]), "due_today": int(found["今天到期"]),
            "due_soon": int(found["即将到期"])}  # fmt: skip


def golden_overdue(staff: str) -> list[str]:
    """The customers of `staff`'s overdue items in tests/golden/due.txt, in its order."""
    section = GOLDEN_DUE.split(f"\n{staff} ", 1)[1].split("\n\n", 1)[0]
    lines = [line for line in section.splitlines()[1:] if line.split()[0] == "逾期"]
    return [re.search(r"\bC\d{4}\b", line).group() for line in lines]


TEAM = golden_counts()
LATER = int(re.search(r"以后 (\d+)", GOLDEN_DUE.splitlines()[1]).group(1))
# S05 陈帅 has only overdue items today, for fewer customers (some twice): C0056 … C0043
S05_TODAY = golden_overdue("S05")


@pytest.fixture(scope="module")
def served(demo_site):
    site, _ = demo_site
    with serving(site) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def open_page(browser, base, path, *, phone=False, day=None, hour=10):
    """A page in a fresh context (a phone's 390×844 if asked), the clock at `day` `hour`
    o'clock China time if given; with the requests and errors it caused."""
    size = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
    context = browser.new_context(locale="zh-CN", viewport=size, is_mobile=phone)
    page = context.new_page()
    if day is not None:
        page.clock.set_fixed_time(dt.datetime.combine(day, dt.time(hour), CHINA))
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(base + path)
    return page


@pytest.mark.parametrize(
    "state,label", [("overdue", "项逾期"), ("due_today", "项今天到期"), ("due_soon", "项即将到期")]
)
def test_each_count_card_opens_the_due_list_filtered_to_what_it_counts(
    browser, served, state, label
):
    page = open_page(browser, served, "index.html", day=dt.date(2026, 11, 23))
    card = page.locator(".hf-card", has_text=label)
    assert card.locator("strong").inner_text() == str(TEAM[state])
    card.locator("a").click()
    page.wait_for_url(f"**/due/index.html#{state}")
    rows = page.locator("table.hf-due tbody tr")
    shown = rows.evaluate_all("rows => rows.filter(r => !r.hidden).map(r => r.dataset.state)")
    assert shown == [state] * TEAM[state]
    assert page.locator(".hf-due-filter").is_visible()
    page.locator(".hf-due-filter a").click()  # 显示全部
    assert rows.evaluate_all("rows => rows.filter(r => r.hidden).length") == 0
    assert page.errors == [] and other_hosts(page) == set()


def test_without_the_script_the_filtered_address_shows_the_whole_list(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "due/index.html#due_today")
    assert (
        page.locator("table.hf-due tbody tr:visible").count() == sum(TEAM.values()) + LATER
    )  # + 以后
    context.close()


def test_todays_list_of_one_person_holds_exactly_their_overdue_and_due_today_items(browser, served):
    page = open_page(browser, served, "index.html", day=dt.date(2026, 11, 23))
    row = page.locator("table.hf-staff tbody tr", has_text="S05")
    row.locator("a", has_text=f"{len(S05_TODAY)} 项").click()
    page.wait_for_url("**/due/today-S05.html")
    assert page.locator("h1").inner_text().startswith("今日待办 S05")
    cells = page.locator("table.hf-due tbody tr td:nth-child(3)").all_inner_texts()
    assert [c.split(" ")[0] for c in cells] == S05_TODAY
    states = page.locator("table.hf-due tbody tr td:nth-child(1)").all_inner_texts()
    assert states == ["逾期"] * len(S05_TODAY)
    assert page.errors == [] and other_hosts(page) == set()


@pytest.mark.parametrize(
    "path",
    ["index.html", "due/S05.html", "customers/index.html", "customers/C0001.html", "reports.html"],
)
def test_a_page_viewed_three_days_after_its_as_of_day_says_so_at_the_top(browser, served, path):
    page = open_page(browser, served, path, day=dt.date(2026, 11, 26))
    banner = page.locator(".md-content__inner > .hf-stale")
    assert banner.inner_text().startswith("本页数据截至 2026-11-23，已过 3 天（今天 2026-11-26）")
    fresh = open_page(browser, served, path, day=dt.date(2026, 11, 23), hour=23)
    assert fresh.locator(".hf-stale").count() == 0  # 23:00 in China is still the as-of day
    assert page.errors == [] and other_hosts(page) == set()


def test_the_day_is_the_teams_not_the_viewers_time_zone(browser, served):
    # 2026-11-23 17:00 UTC is 2026-11-24 01:00 in China: one day old there
    page = open_page(browser, served, "index.html", day=dt.date(2026, 11, 24), hour=1)
    assert "已过 1 天" in page.locator(".hf-stale").inner_text()


def test_items_due_since_the_build_count_as_overdue_in_the_filtered_list(browser, served):
    # on 2026-11-26 S05's item due 11-24 (C0055) is overdue too; the birthday greeting due
    # 11-26 (C0017) is not: the masked profile shows its day only as 下旬 (the 30th)
    page = open_page(browser, served, "due/S05.html#overdue", day=dt.date(2026, 11, 26))
    assert shown_customers(page) == [*S05_TODAY, "C0055"]
    page = open_page(browser, served, "due/S05.html#due_today", day=dt.date(2026, 11, 24))
    assert shown_customers(page) == ["C0055"]
    cards = page.locator(".hf-due-card").evaluate_all("cs => cs.filter(c => !c.hidden).length")
    assert cards == 1


def shown_customers(page) -> list[str]:
    return page.locator("table.hf-due tbody tr").evaluate_all(
        "rows => rows.filter(r => !r.hidden).map(r => r.cells[2].textContent.split(' ')[0])"
    )


def test_the_state_column_sorts_by_urgency_not_by_pinyin(browser, served):
    page = open_page(browser, served, "due/index.html")
    page.locator("table.hf-due thead th", has_text="状态").click()
    states = page.locator("table.hf-due tbody tr td:nth-child(1)").all_inner_texts()
    ranks = [STATE_ORDER.index(s) for s in states]
    assert ranks == sorted(ranks) and ranks[0] == 0 and ranks[-1] == 3


def test_on_a_phone_the_due_list_is_cards_by_customer_most_urgent_first(browser, served):
    page = open_page(browser, served, "due/S05.html", phone=True, day=dt.date(2026, 11, 23))
    assert not page.locator("table.hf-due").is_visible()
    cards = page.locator(".hf-due-card")
    assert cards.first.is_visible()
    ids = [h.split(" ")[0] for h in cards.locator("h3").all_inner_texts()]
    assert len(ids) == len(set(ids))  # each customer once
    items = page.locator("table.hf-due tbody tr").count()
    assert cards.locator("li").count() == items  # every item, in a card
    firsts = cards.evaluate_all("cs => cs.map(c => c.querySelector('li strong').textContent)")
    ranks = [STATE_ORDER.index(s) for s in firsts]
    assert ranks == sorted(ranks)
    overdue = list(dict.fromkeys(S05_TODAY))  # the overdue customers, oldest deadline first
    assert ids[: len(overdue)] == overdue
    split = page.locator(".hf-due-card .hf-id").evaluate_all(
        "spans => spans.filter(s => s.getClientRects().length > 1).map(s => s.textContent)"
    )
    assert split == []
    greet = cards.nth(0).locator(".hf-greet").inner_text()
    assert greet.startswith("联系人：") and "*" in greet  # the masked profile: a masked name
    assert page.locator("a[href^='tel:']").count() == 0
    assert page.errors == [] and other_hosts(page) == set()


@pytest.fixture(scope="module")
def full_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("full") / "site"
    result, _ = build_site(ROOT / "records", out, "--profile", "full")
    assert result.returncode == 0, result.stderr
    with serving(out) as base:
        yield base


def test_the_full_profile_gives_each_contact_a_tel_link(browser, full_site):
    page = open_page(browser, full_site, "due/S05.html", phone=True)
    links = page.locator(".hf-due-card .hf-greet a[href^='tel:']")
    assert links.count() > 0
    href = links.first.get_attribute("href")
    assert href[4:].lstrip("+").isdigit() and len(href) >= 4 + 7
    assert links.first.inner_text().replace("-", "").replace(" ", "").endswith(href[-4:])
    assert page.errors == [] and other_hosts(page) == set()
