"""Accessibility of every page type of the built demo site: axe-core in Debian's Chromium.

axe-core is the copy vendored in tests/vendor/axe-core (`make vendor-axe`; checked against
its SHA-256 here, never fetched). Each page type is opened on a desktop (1366×900) and a
phone (390×844) screen after the page's own scripts have run (the search box mounted, the
tables made sortable), and must have no critical or serious violation. The same visits
listen to the console and the network: no console error, no failed request, no request
for a page that does not exist, on any page type.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from test_browser import browser, other_hosts, served  # noqa: F401 (fixtures)

from generator.site.serve import serving

AXE = ROOT / "tests" / "vendor" / "axe-core"

# One page of each type: (name, a glob under the site; the first match, in sorted order, is
# opened). A new page type is one more line. `required=False` for types only some builds
# have (deleted records need a Git history).
PAGE_TYPES: list[tuple[str, str, bool]] = [
    ("dashboard", "index.html", True),
    ("customers", "customers/index.html", True),
    ("customer", "customers/C0001.html", True),
    ("timeline-2", "customers/*-timeline-2.html", False),  # a customer with over 50 entries
    ("due", "due/index.html", True),
    ("due-person", "due/S05.html", True),
    ("complaints", "complaints/index.html", True),
    ("complaint", "complaints/K*.html", True),
    ("visits", "visits/index.html", True),
    ("visit-register", "visits/20*.html", True),
    ("deals", "deals/index.html", True),
    ("lost-deals", "deals/lost.html", True),
    ("reports", "reports.html", True),
    ("report-archive", "reports/archive.html", True),
    ("report-week", "reports/week-*.html", True),
    ("report-month", "reports/month-*.html", True),
    ("today-person", "due/today-*.html", True),
    ("satisfaction", "satisfaction.html", True),
    ("survey-notice", "satisfaction/*-notice.html", True),
    ("quality", "quality.html", True),
    ("changes", "changes/index.html", True),
    ("changes-customers", "changes/customers.html", True),
    ("changes-month", "changes/20*.html", True),
    ("deleted", "changes/deleted/*.html", False),
    ("team-page", "制度.html", True),
    ("404", "404.html", True),
]

SCREENS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
BLOCKING = ("critical", "serious")


def axe_source() -> str:
    """The vendored axe.min.js, refused if it is not the copy `make vendor-axe` recorded."""
    sums = dict(line.split()[::-1] for line in (AXE / "SHA256SUMS").read_text().splitlines())
    data = (AXE / "axe.min.js").read_bytes()
    assert hashlib.sha256(data).hexdigest() == sums["axe.min.js"], (
        "axe.min.js changed: make vendor-axe"
    )
    return data.decode("utf-8")


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_source()


def page_of_type(site: Path, pattern: str, required: bool) -> str:
    found = sorted(site.glob(pattern))
    if not found:
        assert not required, f"the demo site has no page {pattern}"
        pytest.skip(f"this build has no page {pattern}")
    return found[0].relative_to(site).as_posix()


def open_watched(browser, url: str, screen: dict):  # noqa: F811 (browser: a fixture)
    """A page at `url` with every console error, script error, failed request and HTTP
    error response recorded, once its scripts are done (the search box mounted)."""
    context = browser.new_context(locale="zh-CN", viewport=screen)
    page = context.new_page()
    page.problems = []
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"script: {error}"))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and page.problems.append(f"{r.status}: {r.url}"))
    response = page.goto(url)
    page.wait_for_selector("#hf-search .pagefind-ui__search-input", state="attached")
    page.wait_for_load_state("networkidle")
    return context, page, response


def blocking_violations(page, axe: str) -> list[str]:
    page.evaluate(axe)  # DevTools' evaluate is not subject to the pages' CSP
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"][:5]:
            found.append(f"{violation['id']} ({violation['impact']}): {node['target']} — "
                         f"{node['failureSummary'].splitlines()[-1].strip()}")  # fmt: skip
        found.append(f"{violation['id']}: {len(violation['nodes'])} nodes in all")
    return found


@pytest.fixture(scope="module")
def visit(browser, served):  # noqa: F811 (test_browser's fixtures)
    """Opens a path of the served demo site on a screen: (site, context, page)."""
    site, base = served

    def open_path(path: str, screen: str):
        context, page, _ = open_watched(browser, base + path, SCREENS[screen])
        return context, page

    return site, open_path


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(
    ("name", "pattern", "required"), PAGE_TYPES, ids=[t[0] for t in PAGE_TYPES]
)
def test_page_type_has_no_serious_violation_and_no_console_error(
    visit, axe, screen, name, pattern, required
):
    site, open_path = visit
    path = page_of_type(site, pattern, required)
    context, page = open_path(path, screen)
    try:
        assert page.problems == [], f"{path}: {page.problems}"
        assert other_hosts(page) == set()
        found = blocking_violations(page, axe)
        assert found == [], f"{path} ({screen}):\n" + "\n".join(found)
    finally:
        context.close()


def test_sortable_headers_sort_from_the_keyboard(visit):
    _, open_path = visit
    context, page = open_path("due/S05.html", "desktop")
    try:
        header = page.locator("table.hf-due thead th", has_text="客户")
        button = header.locator("button.hf-sort")
        assert button.evaluate("b => b.tabIndex") == 0  # in the Tab order, as every button
        rows = page.locator("table.hf-due tbody tr")
        original = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())]
        button.focus()
        page.keyboard.press("Enter")
        assert header.get_attribute("aria-sort") == "ascending"
        first = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())]
        page.keyboard.press("Space")
        assert header.get_attribute("aria-sort") == "descending"
        second = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())]
        assert sorted(first) == sorted(original) and first == sorted(first) != original
        assert second == first[::-1]
        others = page.locator("table.hf-due thead th[aria-sort]")
        assert others.count() == 1  # only the column sorted by says so
    finally:
        context.close()


def test_a_table_wider_than_the_screen_scrolls_from_the_keyboard(visit):
    _, open_path = visit
    context, page = open_path("reports.html", "phone")
    try:
        scrolling = page.locator("table.hf-statistics[tabindex='0']")
        assert scrolling.count() >= 1
        table = scrolling.first
        assert table.evaluate("t => t.scrollWidth > t.clientWidth")
        assert table.get_attribute("aria-label").endswith("表格（可滚动）")
        table.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("t => t.scrollLeft > 0", arg=table.element_handle())
        page.set_viewport_size(SCREENS["desktop"])  # wide enough now: no longer a tab stop
        page.wait_for_function("t => !t.hasAttribute('tabindex')", arg=table.element_handle())
    finally:
        context.close()


@pytest.mark.parametrize(
    ("scheme", "primary"), [("slate", "teal"), ("default", "light-green"), ("default", "yellow")]
)
def test_team_palettes_keep_the_contrast(browser, axe, tmp_path, scheme, primary):  # noqa: F811
    """The team's mkdocs.yml picks the palette: a dark scheme, a primary whose links Material
    colours on its own (light-green), one that carried black text (yellow)."""
    team = tmp_path / "team"
    shutil.copytree(ROOT / "site_pages", team / "site_pages")
    palette = f"  palette:\n    scheme: {scheme}\n    primary: {primary}\n    accent: deep orange\n"
    text = re.sub(r"  palette:\n(?:    .*\n)+", palette, (ROOT / "mkdocs.yml").read_text("utf-8"))
    (team / "mkdocs.yml").write_text(text, encoding="utf-8")
    result, _ = build_site(
        ROOT / "records", tmp_path / "site", "--config", str(team / "mkdocs.yml")
    )
    assert result.returncode == 0, result.stderr
    with serving(tmp_path / "site") as base:
        for path in ("index.html", "due/S05.html"):
            context, page, _ = open_watched(browser, base + path, SCREENS["desktop"])
            try:
                assert page.locator("body").get_attribute("data-md-color-primary") == primary
                assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
                found = blocking_violations(page, axe)
                assert found == [], f"{primary} {scheme} {path}:\n" + "\n".join(found)
            finally:
                context.close()
