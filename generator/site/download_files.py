"""Writing the downloads into the kept site: a workbook whose contents are the same as last
build's is not written again (writing a workbook costs ten times making its rows: at 100,000
visits the registers alone took seconds every build, for one visit changed).

The digests of what each file showed are kept beside the site folder (`downloads.json` in
the work folder, never published); a file missing from the site is written whatever the
digest says.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.report.xlsx import Book, Sheet

MANIFEST = "downloads.json"


class DownloadFiles:
    """`shown`: what every text cell goes through, as every value of a page does (Jinja's
    finalize, Privacy.page_value): the masked profile masks numbers in any field."""

    def __init__(self, site: Path, shown: Callable[[Any], Any] = lambda value: value) -> None:
        self.site = site
        self.shown = shown
        self.manifest = site.parent / MANIFEST
        try:
            known = json.loads(self.manifest.read_text("utf-8"))
        except (OSError, ValueError):
            known = {}
        self.known: dict[str, str] = known if isinstance(known, dict) else {}
        self.kept: dict[str, str] = {}

    def book(self, relative: str, book: Book) -> None:
        """`book` at `relative` (e.g. "due/S05.xlsx"), unless the file there shows the same."""
        path = self.site / relative
        book = Book(
            tuple(Sheet(s.name, s.header, [tuple(map(self.shown, r)) for r in s.rows])
                  for s in book.sheets),
            book.created,
        )  # fmt: skip
        digest = book.digest()
        if self.known.get(relative) != digest or not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(book.bytes())
        self.kept[relative] = digest

    def save(self) -> None:
        """The digests of this build's workbooks, for the next."""
        self.manifest.write_text(json.dumps(self.kept, sort_keys=True), "utf-8")
