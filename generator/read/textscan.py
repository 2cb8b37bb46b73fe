"""Characters that have no place in record fields: tabs, control, zero-width and bidi.

They come from copy and paste (Word, WeChat, web pages) and are invisible in
most editors, so each is reported with its exact line and column. Written as escapes in
a quoted YAML string (`"\\u202E"`, `"\\e]0;…\\a"`) they are not in the file's text but
in the value it decodes to: `scan_values` checks the decoded values too.
"""

from __future__ import annotations

import bisect
import re

from generator.problems import Problem, Source, field_path
from generator.problems.cap import ProblemCap
from generator.problems.catalogue import make_problem

_BAD_CHARS = re.compile(
    "[\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u200b-\u200d\u2060\ufeff"  # zero width
    "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"  # bidi controls
)
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c")


def _code_for(char: str) -> str:
    if char == "\t":
        return "yaml.tab"
    if char in _ZERO_WIDTH:
        return "text.invisible_char"
    if char in _BIDI:
        return "text.bidi_char"
    return "text.control_char"


def scan_field_text(text: str, source: Source, line_offset: int = 0) -> list[Problem]:
    """Problems for bad characters in YAML text; one tab problem per line; bounded (one
    line says how many more of a kind there were)."""
    if not _BAD_CHARS.search(text):
        return []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    cap = ProblemCap()
    tab_lines: set[int] = set()
    for match in _BAD_CHARS.finditer(text):
        index = bisect.bisect_right(line_starts, match.start()) - 1
        line, col = index + 1 + line_offset, match.start() - line_starts[index] + 1
        char = match.group()
        code = _code_for(char)
        if code == "yaml.tab":
            if line in tab_lines:
                continue
            tab_lines.add(line)
        if cap.room(code):
            if code == "yaml.tab":  # its message names the line only
                cap.add(make_problem(code, source.at(line, col), line=line))
            else:
                cap.add(
                    make_problem(
                        code, source.at(line, col), line=line, col=col, char=f"U+{ord(char):04X}"
                    )
                )
        else:
            cap.skip(code, source.at(line, col))
    return cap.problems()


_WHAT = {
    "text.invisible_char": ("不可见字符", "invisible character"),
    "text.bidi_char": ("文字方向控制字符", "bidirectional control"),
}


def scan_values(data: object, where, text: str) -> list[Problem]:
    """Problems for bad characters in decoded keys and values (`where(path)` gives a field's
    Source) that are not in the YAML `text` itself (that scan reports those): they came
    from escapes."""
    cap = ProblemCap()
    stack: list[tuple[tuple, object]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append(((*path, key), item))
                if isinstance(key, str):
                    stack.append(((*path, key), key))
        elif isinstance(value, list):
            stack += [((*path, index), item) for index, item in enumerate(value)]
        elif isinstance(value, str) and (match := _BAD_CHARS.search(value)):
            if match.group() in text:
                continue
            if not cap.room("text.escaped_char"):
                cap.skip("text.escaped_char", where(path))
                continue
            code = _code_for(match.group())
            what_zh, what_en = _WHAT.get(code, ("控制字符", "control character"))
            cap.add(
                make_problem(
                    "text.escaped_char",
                    where(path),
                    field_path(path),
                    char=f"U+{ord(match.group()):04X}",
                    what_zh=what_zh,
                    what_en=what_en,
                )
            )
    problems = cap.problems()
    return sorted(problems, key=lambda p: p.sort_key())
