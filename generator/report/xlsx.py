"""Excel workbooks (.xlsx) as a Chinese office expects them, written with XlsxWriter.

One small, generic writer for every export (due lists, complaints, the 客户拜访统计表, the
registers):

    from generator.report.xlsx import Percent, Sheet, workbook

    data = workbook(
        [Sheet("待访", ("截止日期", "客户", "拜访次数", "满意率"),
               [(dt.date(2026, 11, 30), "C0001 张*", 3, Percent(0.75))])],
        created=dt.date(2026, 11, 23),
    )
    (folder / "due.xlsx").write_bytes(data)

Each sheet has its Chinese header row in bold, frozen (it stays on screen while scrolling)
and with a filter; each column is as wide as its widest cell (a Chinese character counts as
two). A cell is written by its Python type: `str` as text — defused against formula
injection exactly as the CSV export is (report/excel.py `defused`) and never read as a
formula, number or link —, `int`/`float` as a number, `Percent` as a number shown as a
percentage, `datetime.date` as a date cell (yyyy-mm-dd), `datetime.datetime` as a date and
time (a time zone is converted to Beijing time first), `bool` as 是/否, `None` as an empty
cell. Values must be shown already (masked by generator/present): the writer shows what it
is given.

`created` is the workbook's creation date in its properties: give the as-of day, so the same
records make the same bytes (XlsxWriter's zip entries carry a fixed time of their own).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from generator.model import LOCAL_TZ
from generator.report.excel import defused

MAX_WIDTH = 60  # columns wider than this wrap nothing but stop growing: a long note stays readable
DATE_WIDTH, DATETIME_WIDTH = 10, 16
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")  # characters Excel refuses in a sheet's name


class Percent(float):
    """A rate between 0 and 1, written as a number with a percent format (0.75 → 75.0%)."""


Cell = str | int | float | dt.date | None


@dataclass(frozen=True)
class Sheet:
    name: str  # at most 31 characters are kept; characters Excel refuses become ·
    header: Sequence[str]
    rows: Iterable[Sequence[Cell]]


@dataclass(frozen=True)
class Book:
    """A workbook not yet written: its sheets (rows kept as lists) and creation date. Its
    digest is of what it shows, so a build can keep last time's file when that is the same
    (writing is ten times the cost of making the rows: docs/performance.md)."""

    sheets: tuple[Sheet, ...]
    created: dt.date

    @classmethod
    def of(cls, sheets: Iterable[Sheet], created: dt.date) -> Book:
        kept = tuple(Sheet(s.name, tuple(s.header), [tuple(r) for r in s.rows]) for s in sheets)
        return cls(kept, created)

    def digest(self) -> str:
        shown = [(s.name, s.header, s.rows) for s in self.sheets]
        return hashlib.sha256(repr((self.created, shown)).encode()).hexdigest()

    def bytes(self) -> bytes:
        return workbook(self.sheets, self.created)


def workbook(sheets: Iterable[Sheet], created: dt.date) -> bytes:
    """The .xlsx file's bytes holding `sheets` in order (at least one; an empty list makes
    one empty sheet, as Excel needs)."""
    import xlsxwriter  # only builds and commands that write a workbook load it

    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            # text is text: never a formula, a number or a link, whatever it looks like
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"created": dt.datetime.combine(created, dt.time())})
    formats = {
        "header": book.add_format({"bold": True, "bg_color": "#E3F2FD", "border": 1}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        "percent": book.add_format({"num_format": "0.0%"}),
    }
    used: set[str] = set()
    for sheet in sheets:
        _write_sheet(book.add_worksheet(_sheet_name(sheet.name, used)), sheet, formats)
    if not used:
        book.add_worksheet()
    book.close()
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    """Excel's rules: 1–31 characters, none of []:*?/\\, unique regardless of case."""
    base = _NOT_IN_NAMES.sub("·", name).strip("'")[:31] or "Sheet"
    candidate, number = base, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(candidate.casefold())
    return candidate


def _write_sheet(sheet, content: Sheet, formats: dict) -> None:
    widths = [cell_len(str(h)) for h in content.header]
    for column, header in enumerate(content.header):
        sheet.write_string(0, column, str(defused(header)), formats["header"])
    row = 0
    for row, cells in enumerate(content.rows, start=1):
        for column, value in enumerate(cells):
            width = _write_cell(sheet, row, column, value, formats)
            if column < len(widths):
                widths[column] = max(widths[column], width)
            else:
                widths.append(width)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, min(width, MAX_WIDTH) + 2)
    sheet.freeze_panes(1, 0)
    if content.header:
        sheet.autofilter(0, 0, row, len(content.header) - 1)


def _write_cell(sheet, row: int, column: int, value: object, formats: dict) -> int:
    """Writes one cell by its type; returns its width in character cells."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        text = "是" if value else "否"
        sheet.write_string(row, column, text)
        return cell_len(text)
    if isinstance(value, Percent):
        sheet.write_number(row, column, float(value), formats["percent"])
        return len(f"{value:.1%}")
    if isinstance(value, int | float):
        sheet.write_number(row, column, value)
        return len(f"{value:g}")
    if isinstance(value, dt.datetime):
        local = value.astimezone(LOCAL_TZ).replace(tzinfo=None) if value.tzinfo else value
        sheet.write_datetime(row, column, local, formats["datetime"])
        return DATETIME_WIDTH
    if isinstance(value, dt.date):
        sheet.write_datetime(row, column, value, formats["date"])
        return DATE_WIDTH
    text = str(defused(str(value)))
    sheet.write_string(row, column, text)
    return max((cell_len(line) for line in text.splitlines()), default=0)
