"""CSV that Excel on Chinese Windows opens as it should, and that no cell can turn into a
formula (`defused`, shared with the .xlsx writer in report/xlsx.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable


def excel_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """CSV in UTF-8 with a byte-order mark, so Excel on Chinese Windows opens it correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(map(_cells, rows))
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def defused(cell: object) -> object:
    """A cell Excel cannot take for a formula: text starting with = + - @ (a customer named
    `=HYPERLINK(…)`) gets a leading apostrophe, as OWASP advises; numbers stay numbers.
    The CSV and the .xlsx exports (report/xlsx.py) both write cells through it."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def _cells(row: Iterable[object]) -> list[object]:
    return [defused(c) for c in row]
