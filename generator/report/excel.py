"""CSV that Excel on Chinese Windows opens as it should, and that no cell can turn into a
formula."""

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


def _cells(row: Iterable[object]) -> list[object]:
    """Cells Excel cannot take for formulas: text starting with = + - @ (a customer named
    `=HYPERLINK(…)`) gets a leading apostrophe, as OWASP advises; numbers stay numbers."""
    return [f"'{c}" if isinstance(c, str) and c.startswith(_FORMULA_START) else c for c in row]
