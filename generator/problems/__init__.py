"""Problems are data: every finding about the records is a `Problem`, never an exception.

A problem has a stable `code` (documented in docs/reference/problems.md), a
severity, where it is (`Source`: file, line, column), the field it concerns and
a message in Chinese and English that says how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from generator.present.mask import shown

Severity = Literal["error", "warning"]
SEVERITY_LEVELS: tuple[str, ...] = ("error", "warning", "off")


@dataclass(frozen=True, order=True)
class Source:
    """Where something is: a path relative to the folder that holds `records/`."""

    path: str
    line: int = 1
    col: int = 1

    def at(self, line: int, col: int = 1) -> Source:
        return Source(self.path, line, col)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    source: Source
    path: str  # the field, e.g. "contacts[0].phone"; "" for the whole file
    message_zh: str
    message_en: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def where(self) -> str:
        """file:line:col as output shows it: a file name is echoed like any value (numbers
        masked, control characters visible), so it can never break a line of a log."""
        return shown(str(self.source))

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        s = self.source
        return (s.path, s.line, s.col, self.code, self.path, self.message_en)


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    """Sorted by file and line, with exact duplicates removed: a deterministic list."""
    unique = {(p.sort_key(), p.severity, p.message_zh): p for p in problems}
    return [unique[k] for k in sorted(unique)]


def field_path(path: tuple[object, ...]) -> str:
    """("contacts", 0, "phone") -> "contacts[0].phone"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def locate(
    source: Source, locs: Mapping[tuple[object, ...], tuple[int, int]], path: tuple[object, ...]
) -> Source:
    """The position of a field, or of its nearest parent that has one."""
    for n in range(len(path), -1, -1):
        loc = locs.get(path[:n])
        if loc:
            return source.at(*loc)
    return source
