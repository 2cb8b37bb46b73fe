"""Every download the demo site links (Excel workbooks, calendars, CSV) exists beside the page
that links it and opens as Excel and a phone's calendar open it (openpyxl, icalendar); the
workbooks hold what their pages show; a calendar links customers' pages only when the team
gave the site's address."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
from icalendar import Calendar

from generator.site.downloads import write_downloads
from tests.unit.builders import customer, policy, records
from tests.unit.test_record_addresses import site_data

DOWNLOAD = re.compile(r'<a[^>]* href="([^"#?]+\.(?:xlsx|ics|csv))"')


def _downloads(site: Path) -> dict[Path, set[str]]:
    """Each linked download → the pages linking it."""
    linked: dict[Path, set[str]] = {}
    for page in site.rglob("*.html"):
        for href in DOWNLOAD.findall(page.read_text("utf-8")):
            target = (page.parent / html.unescape(urlsplit(href).path)).resolve()
            linked.setdefault(target, set()).add(page.relative_to(site).as_posix())
    return linked


def test_every_linked_download_exists_and_opens(demo_site):
    site, _ = demo_site
    linked = _downloads(site)
    kinds = {path.suffix for path in linked}
    assert kinds == {".xlsx", ".ics", ".csv"}
    for path, pages in linked.items():
        assert path.is_file(), f"{path} linked from {sorted(pages)} is missing"
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            for sheet in book.worksheets:
                header = next(sheet.iter_rows(max_row=1, values_only=True))
                assert all(isinstance(h, str) and h for h in header), (path, sheet.title)
                assert sheet.freeze_panes == "A2"
        elif path.suffix == ".ics":
            calendar = Calendar.from_ical(path.read_bytes())
            assert str(calendar["x-wr-calname"]).startswith("回访台 待访 · ")
        else:
            text = path.read_text("utf-8")
            assert text.startswith("\ufeff") and next(csv.reader(io.StringIO(text[1:])))


def test_the_pages_link_the_team_the_persons_the_registers_and_the_reports_downloads(demo_site):
    site, _ = demo_site
    linked = {
        p.relative_to(site.resolve()).as_posix(): pages for p, pages in _downloads(site).items()
    }
    for suffix in ("xlsx", "csv", "ics"):
        assert "due/index.html" in linked[f"due/team.{suffix}"]
    staff_pages = [p.stem for p in (site / "due").glob("S*.html")]
    assert staff_pages
    for staff in staff_pages:
        assert f"due/{staff}.html" in linked[f"due/{staff}.xlsx"]
    assert "complaints/index.html" in linked["complaints/complaints.xlsx"]
    assert "reports.html" in linked["reports.xlsx"]
    months = [p.stem for p in (site / "visits").glob("20??-??.html")]
    assert months and all(f"visits/{m}.html" in linked[f"visits/{m}.xlsx"] for m in months)


def _cells(row: str) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td>(.*?)</td>", row)
    ]


def test_the_reports_workbook_holds_the_pages_statistics_tables(demo_site):
    site, _ = demo_site
    page = (site / "reports.html").read_text("utf-8")
    tables = re.findall(r'<table class="hf-statistics">(.*?)</table>', page, re.S)
    book = openpyxl.load_workbook(site / "reports.xlsx")
    assert book.sheetnames[-1] == "回访结果"
    assert len(book.sheetnames) == len(tables) + 1
    for sheet, table in zip(book.worksheets, tables, strict=False):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        shown = [_cells(r) for r in rows if "<td>" in r]
        cells = list(sheet.iter_rows(min_row=2, values_only=True))
        assert [(r[0], int(r[1]), int(r[2])) for r in shown] == [(c[0], c[1], c[2]) for c in cells]


def test_the_visit_register_workbook_has_the_months_visits(demo_site):
    site, _ = demo_site
    for month_page in sorted((site / "visits").glob("20??-??.html"))[-2:]:
        total = int(re.search(r"本月 (\d+) 次拜访", month_page.read_text("utf-8")).group(1))
        book = openpyxl.load_workbook(month_page.with_suffix(".xlsx"))
        rows = list(book.active.iter_rows(min_row=2, values_only=True))
        assert len(rows) == total
        assert all(isinstance(r[0], dt.datetime) for r in rows)
        month = month_page.stem
        assert all(r[0].strftime("%Y-%m") == month for r in rows)


def test_a_calendar_links_each_customers_page_only_with_the_sites_address(tmp_path):
    monthly = {"name": "a_monthly", "label": "每月联系 1 次", "applies": {"grade": ["A"]},
               "methods": "any", "period": "month", "min": 1}  # fmt: skip
    recs = records(customers=[customer("C0001", grade="A")], rules=policy(cadence=[monthly]))
    data = site_data(recs)
    write_downloads(data, tmp_path / "plain")
    events = Calendar.from_ical((tmp_path / "plain" / "due" / "team.ics").read_bytes()).walk(
        "VEVENT"
    )
    assert events and all("url" not in e for e in events)
    data.site_address = "https://intranet.example.com/huifang/"
    write_downloads(data, tmp_path / "addressed")
    events = Calendar.from_ical((tmp_path / "addressed" / "due" / "team.ics").read_bytes()).walk(
        "VEVENT"
    )
    assert events
    for event in events:
        assert str(event["url"]) == "https://intranet.example.com/huifang/customers/C0001.html"
        assert "客户页面 https://intranet.example.com/huifang/customers/C0001.html" in str(
            event["description"]
        )


def test_a_workbook_that_shows_the_same_is_kept_and_one_that_changed_is_written(tmp_path):
    monthly = {"name": "a_monthly", "label": "每月联系 1 次", "applies": {"grade": ["A"]},
               "methods": "any", "period": "month", "min": 1}  # fmt: skip
    recs = records(customers=[customer("C0001", grade="A")], rules=policy(cadence=[monthly]))
    site = tmp_path / "site"
    write_downloads(site_data(recs), site)
    team = site / "due" / "team.xlsx"
    team.write_bytes(b"marker")  # a file written again would lose it
    write_downloads(site_data(recs), site)
    assert team.read_bytes() == b"marker"  # the same rows: not written again
    write_downloads(site_data(recs, today="2026-12-02"), site)  # another as-of day
    assert team.read_bytes() != b"marker" and openpyxl.load_workbook(team)
    team.unlink()
    write_downloads(site_data(recs, today="2026-12-02"), site)
    assert openpyxl.load_workbook(team)  # missing from the site: written whatever the digest
