"""The visit register as .xlsx (generator/site/register_exports.py), read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from generator.site.register_exports import visit_register_workbook, write_register_downloads
from generator.site.registers import VISIT_COLUMNS
from tests.unit.builders import at, records, visit
from tests.unit.test_record_addresses import site_data


def test_a_months_register_as_a_workbook_with_dates_as_dates(tmp_path):
    visits = [
        visit("2026-11-02", time="09:30", next_contact=at("2026-12-01 10:00")),
        visit("2026-11-10", outcome='=HYPERLINK("http://evil.example/")'),
    ]
    data = site_data(records(visits=visits))
    book = openpyxl.load_workbook(
        io.BytesIO(visit_register_workbook(data, "2026-11", visits).bytes())
    )
    sheet = book.active
    assert sheet.title == "客户拜访登记表 2026-11"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(name for _, name in VISIT_COLUMNS)
    assert rows[1][0] == dt.datetime(2026, 11, 2, 9, 30)  # a date cell, with the visit's time
    assert rows[2][0] == dt.datetime(2026, 11, 10)  # a day without a time
    next_contact = [name for _, name in VISIT_COLUMNS].index("约定下次沟通")
    assert rows[1][next_contact] == dt.datetime(2026, 12, 1, 10, 0)
    outcome = [name for _, name in VISIT_COLUMNS].index("实际结果")
    assert not str(rows[2][outcome]).startswith("=")  # never a formula
    assert sheet.freeze_panes == "A2"
    assert len(rows) == 3

    write_register_downloads(data, tmp_path)
    (tmp_path / "visits" / "2025-01.xlsx").write_bytes(b"old")  # a month no longer shown
    write_register_downloads(data, tmp_path)
    assert sorted(p.name for p in (tmp_path / "visits").iterdir()) == ["2026-11.xlsx"]
