"""The visit registers as spreadsheets: `visits/<month>.xlsx` beside each month's page, the
same columns as the page (registers.VISIT_COLUMNS), dates as date cells. Written straight
into the built site with the other downloads. (The complaint register's download is
`complaints/complaints.xlsx`, every complaint with each stage's deadline: downloads.py.)"""

from __future__ import annotations

from pathlib import Path

from generator.report.xlsx import Book, Cell, Sheet
from generator.site.data import SiteData
from generator.site.download_files import DownloadFiles
from generator.site.registers import VISIT_COLUMNS, visit_register, visits_by_month

TYPED = {"date": "moment", "next_contact": "next_contact_at"}  # column → its typed value


def visit_register_workbook(data: SiteData, month: str, visits: list) -> Book:
    rows = visit_register(data, visits)
    cells: list[list[Cell]] = [
        [row[TYPED.get(key, key)] or None for key, _ in VISIT_COLUMNS] for row in rows
    ]
    header = [name for _, name in VISIT_COLUMNS]
    return Book.of([Sheet(f"客户拜访登记表 {month}", header, cells)], created=data.today)


def write_register_downloads(
    data: SiteData, site: Path, files: DownloadFiles | None = None
) -> None:
    """Each month's register as .xlsx (kept when unchanged: `files`); those of months no
    longer on the site removed."""
    folder = site / "visits"
    folder.mkdir(parents=True, exist_ok=True)
    own = files is None
    files = files or DownloadFiles(site, data.privacy.page_value)
    written = set()
    for month, visits in visits_by_month(data).items():
        files.book(f"visits/{month}.xlsx", visit_register_workbook(data, month, visits))
        written.add(f"{month}.xlsx")
    if own:
        files.save()
    for old in folder.glob("*.xlsx"):
        if old.name not in written:
            old.unlink()
