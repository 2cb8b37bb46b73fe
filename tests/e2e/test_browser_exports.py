"""Charts readable on a phone and downloads that open (issue 21), in Debian's Chromium: every
plot's text is at least 10 CSS px at 390 px wide with its numbers' table shown; the due
list's Excel, CSV and calendar links download files that openpyxl and icalendar read, and
the subscription link is the calendar's webcal: address."""

from __future__ import annotations

import io

import openpyxl
import pytest
from icalendar import Calendar
from test_browser_acting import browser, open_page, served  # noqa: F401 (fixtures)

SMALLEST_TEXT = 10  # CSS px

TEXT_SIZES = """() => [...document.querySelectorAll('svg.hf-plot')].map(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const table = svg.parentElement.querySelector('table.hf-chart-table');
  return {smallest: Math.min(...sizes), width: svg.getBoundingClientRect().width,
          table: !!table && table.getBoundingClientRect().height > 0};
})"""


@pytest.mark.parametrize("path", ["satisfaction.html", "reports.html", "index.html"])
def test_every_plots_text_is_readable_on_a_phone_and_its_table_is_shown(browser, served, path):  # noqa: F811
    page = open_page(browser, served, path, phone=True)
    plots = page.evaluate(TEXT_SIZES)
    if path != "index.html":
        assert plots, f"{path} has no plot"
    for plot in plots:
        assert plot["smallest"] >= SMALLEST_TEXT, (path, plot)
        assert plot["width"] <= 390 and plot["table"], (path, plot)
    assert not page.errors
    page.context.close()


def _download(page, name: str) -> bytes:
    with page.expect_download() as info:
        page.locator(".hf-downloads a", has_text=name).first.click()
    path = info.value.path()
    return open(path, "rb").read()


def test_the_due_lists_downloads_open_and_the_subscription_is_webcal(browser, served):  # noqa: F811
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    page.goto(served + "due/S05.html")
    book = openpyxl.load_workbook(io.BytesIO(_download(page, "Excel")))
    header = next(book["待访清单"].iter_rows(max_row=1, values_only=True))
    assert header[0] == "状态"
    rows = page.locator("table.hf-due tbody tr").count()
    assert book["待访清单"].max_row - 1 == rows  # the page's rows, one each
    calendar = Calendar.from_ical(_download(page, "日历文件"))
    assert str(calendar["x-wr-calname"]).startswith("回访台 待访 · S05 ")
    assert _download(page, "CSV").startswith("\ufeff".encode())
    webcal = page.locator("a.hf-webcal").get_attribute("href")
    assert webcal == served.replace("http://", "webcal://") + "due/S05.ics"
    assert page.locator("details.hf-webcal-help summary").inner_text() == "怎样在手机上订阅日历"
    context.close()
