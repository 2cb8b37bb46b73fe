"""What may be shown of a value: personal data masked by its class (the schema's `x-pii`),
and characters that would act instead of being read made visible.

The one place that finds phone and ID numbers: problem messages (a phone number in a CI
log is a leak), the site's masked profile, history output and the post-build scan all
use `numbers_in`. A number is found however it was typed — with spaces, dashes, dots or
brackets between its groups (`138 1234 5678`, `(021) 6234 5679`, `110105-19900307-1234`),
in full-width or mathematical digits, with invisible format characters (soft hyphen,
zero-width space) inside, with a +86 / 0086 prefix — because each candidate is judged
on its digits alone after NFKC-like normalisation (every Unicode decimal digit counts).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

# Invisible format characters (Unicode Cf and friends): they are dropped before judging.
FORMAT_CHARS = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
)
# Combining marks (accents, the keycap of 1⃣) sit on a digit without changing it.
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_SPACES = " \t\r\n\u00a0\u1680\u2000-\u200a\u202f\u205f\u2800\u3000"
_DASHES = "\\-\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d_~\uff5e,"
_DOTS = ".\uff0e\u00b7\u30fb"
_BRACKETS = "()\uff08\uff09"
_SEPARATOR = f"[{FORMAT_CHARS}{_COMBINING}{_SPACES}{_DASHES}{_DOTS}{_BRACKETS}]"
# Digits: every Unicode decimal digit, and the digit forms NFKC turns into digits
# (superscript ¹, subscript ₁, circled ① ❶ ➀ ➊ ⓵ ⓪)
_OTHER_DIGITS = (
    "\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u24ea"
    "\u24f5-\u24fd\u2776-\u277e\u2780-\u2788\u278a-\u2792"
)
_DIGIT = rf"[\d{_OTHER_DIGITS}]"
# a candidate: digit groups joined by short separators; judged group by group below
_RUN = re.compile(rf"{_DIGIT}+(?:{_SEPARATOR}{{1,8}}{_DIGIT}+)*(?:[Xx](?![A-Za-z]))?")
_FORMAT = re.compile(f"[{FORMAT_CHARS}{_COMBINING}]")
_NOT_DIGIT = re.compile(rf"[^\d{_OTHER_DIGITS}]+")

# In Markdown or HTML source, tags and entities between digits vanish when it is shown.
_MARKUP = r"<[^<>\n]{0,60}>|&#?\w{1,10};"
_RUN_IN_MARKUP = re.compile(
    rf"{_DIGIT}+(?:(?:{_SEPARATOR}|{_MARKUP}){{1,8}}{_DIGIT}+)*(?:[Xx](?![A-Za-z]))?"
)
_MARKUP_PARTS = re.compile(_MARKUP)
_NORMAL_SEPARATOR = str.maketrans(
    {
        **{c: " " for c in "\t\r\n\u00a0\u1680\u202f\u205f\u2800\u3000"},
        **{c: "-" for c in "_~\uff5e,"},
        **{chr(c): " " for c in range(0x2000, 0x200B)},
        **{
            c: "-"
            for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
        },
        **{c: "." for c in "\uff0e\u00b7\u30fb"},
        "\uff08": "(",
        "\uff09": ")",
    }
)
# What may stand between two groups of one number once format characters are dropped.
# Not ". " (the end of a sentence or a table cell in the search index) nor a slash.
_JOINS = frozenset({"", " ", "-", ".", " - ", "(", ")", ") ", " (", ")-", "-(", "  "})
_GROUP = re.compile(f"{_DIGIT}+")
_MAX_DIGITS = 18  # the longest number looked for (an ID number; +86 mobiles are 13)

_MOBILE = re.compile(r"(?:0086|86)?(1[3-9]\d{9})")
_ID_NUMBER = re.compile(r"\d{17}[\dXx]")
# an area code (010, 02x, 03xx–09xx) and a local number of seven or eight digits
_AREA = r"0(?:10|2\d|[3-9]\d\d)"
_LANDLINE = re.compile(rf"(?:{_AREA}\d{{7,8}}|(?:0086|86)(?:10|2\d|[3-9]\d\d)\d{{7,8}})")

MOBILE, ID_NUMBER, LANDLINE = "mobile number", "ID number", "landline number"


def _digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def _kind(digits: str, sizes: tuple[int, ...], first: str) -> str | None:
    """What number `digits` is, `first` being its first group as typed (`whole`: the only
    one). Split numbers are held to how people split them, so that dates and figures
    that happen to sit side by side (`2026-10-01–2026-10-31`) are not taken for one."""
    whole, prefixed = len(sizes) == 1, first in ("86", "0086")
    split_as_phones_are = len(first) in (1, 3) or sizes in ((4, 3, 4), (4, 4, 3))
    if _MOBILE.fullmatch(digits) and (whole or prefixed or split_as_phones_are):
        return MOBILE
    if _ID_NUMBER.fullmatch(digits) and _plausible_id(digits):
        return ID_NUMBER
    if _LANDLINE.fullmatch(digits) and (whole or prefixed or re.fullmatch(_AREA, first)):
        return LANDLINE
    return None


def _plausible_id(digits: str) -> bool:
    """A resident ID number: a region code, then a birth date YYYYMMDD (19xx or 20xx)."""
    year, month, day = digits[6:10], int(digits[10:12]), int(digits[12:14])
    return (
        digits[0] in "12345678" and year[:2] in ("19", "20") and 1 <= month <= 12 and 1 <= day <= 31
    )


def numbers_in(text: str, markup: bool = False) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, ASCII digits) of every phone or ID number in `text`, however typed;
    with `markup`, `text` is Markdown or HTML source, whose tags and entities a reader never
    sees (`138<b>1234</b>5678`, `138&shy;1234&shy;5678`)."""
    for run in (_RUN_IN_MARKUP if markup else _RUN).finditer(text):
        # no number looked for has fewer than 10 digits (a date has 8: most runs stop here)
        if run.end() - run.start() < 10 or len(_NOT_DIGIT.sub("", run.group())) < 10:
            continue
        start, end = run.span()
        glued = (  # the run's first or last group is part of a code of letters and digits
            _HEX_BEFORE.search(text, max(0, start - 16), start) is not None,
            _HEX_AFTER.match(text, end) is not None,
        )
        yield from _numbers_of_run(run.group(), start, markup, glued)


# Letters with a digit beyond them (`d8cf` before `0345`, `b7` after `52`): a hash or a
# UUID, not a word like TEL before a number.
_HEX_BEFORE = re.compile(r"\d[A-Za-z]+\Z")
_HEX_AFTER = re.compile(r"[A-Za-z]+\d")


def _numbers_of_run(
    run: str, offset: int, markup: bool, glued: tuple[bool, bool] = (False, False)
) -> Iterator[tuple[int, int, str, str]]:
    """The numbers in one run of digit groups. A number of several groups never begins or
    ends with a group that is part of a word (a UUID's `d8cf0345-8000-52b7`)."""
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(run)]
    if markup:  # digits inside a tag or an entity (`&#8203;`) are not the number's
        hidden = [m.span() for m in _MARKUP_PARTS.finditer(run)]
        groups = [g for g in groups if not any(a <= g[0] < b for a, b in hidden)]
    tail_x = run[-1] in "Xx"

    def between(i: int) -> str:
        gap = run[groups[i][1] : groups[i + 1][0]]
        return _MARKUP_PARTS.sub("", gap) if markup else gap

    joinable = [  # may group i and i+1 be parts of one number?
        _FORMAT.sub("", between(i)).translate(_NORMAL_SEPARATOR) in _JOINS
        for i in range(len(groups) - 1)
    ]
    i = 0
    while i < len(groups):
        found = None
        digits = ""
        first = _digits(run[groups[i][0] : groups[i][1]])
        for j in range(i, len(groups)):
            if j > i and not joinable[j - 1]:
                break
            digits += _digits(run[groups[j][0] : groups[j][1]])
            if len(digits) > _MAX_DIGITS:
                break
            end = groups[j][1]
            candidate = digits
            if tail_x and j == len(groups) - 1:
                candidate, end = digits + "X", len(run)
            if j > i and ((i == 0 and glued[0]) or (j == len(groups) - 1 and glued[1])):
                continue
            sizes = tuple(b - a for a, b in groups[i : j + 1])
            kind = _kind(candidate, sizes, first) or _kind(digits, sizes, first)
            if kind:
                found = (j, end if kind == ID_NUMBER else groups[j][1], kind, candidate)
        if found is None:
            i += 1
            continue
        j, end, kind, digits = found
        if kind != ID_NUMBER:
            digits = digits.rstrip("X")
        yield offset + groups[i][0], offset + end, kind, digits
        i = j + 1


def _masked_number(kind: str, digits: str, star: str, typed: str = "") -> str:
    if kind == ID_NUMBER:
        return digits[:4] + star * 10 + digits[-4:]
    if kind == MOBILE:
        digits = _MOBILE.fullmatch(digits).group(1)  # type: ignore[union-attr]
    elif digits.startswith("0"):  # 010 and 02x are the three-digit area codes, others four
        area = digits[:3] if digits[1] in "12" else digits[:4]
        bracket = ")" in typed or "）" in typed  # (010)6234 5678 keeps its bracket
        return f"{area}{')' if bracket else '-'}{star * 4}{digits[-4:]}"
    return mask_phone(digits, star)


def mask_phone(value: str, star: str = "*") -> str:
    """138****5678 for a mobile; the last four digits kept for anything else."""
    digits = [str(unicodedata.digit(c)) for c in value if c.isdigit()]
    if len(digits) >= 11:
        return "".join(digits[-11:-8]) + star * 4 + "".join(digits[-4:])
    if len(digits) > 4:
        return star * (len(digits) - 4) + "".join(digits[-4:])
    return star * 4


def mask_name(value: str) -> str:
    """张* / 欧阳** : the family name stays, the rest is hidden."""
    value = value.strip()
    if not value:
        return value
    return value[0] + "*" * max(1, len(value) - 1)


def mask_text(text: str, star: str = "*", markup: bool = False) -> str:
    """Phone and ID numbers found inside free text masked. `star`: what hides a digit (the
    site's bodies use a placeholder, so two masks on a line are never Markdown emphasis);
    `markup`: the text is Markdown or HTML source (see `numbers_in`)."""
    if len(text) < 10:
        return text
    pieces, last = [], 0
    for start, end, kind, digits in numbers_in(text, markup):
        pieces += [text[last:start], _masked_number(kind, digits, star, text[start:end])]
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def mask_value(value: object, pii: str | None) -> str:
    """A value as text, masked according to its personal-data class."""
    text = str(value)
    if pii in (None, "none"):
        return mask_text(text)
    if pii == "phone":
        return mask_phone(text)
    if pii == "name":
        return mask_name(text)
    if pii == "free_text":
        return mask_text(text)
    return "***"  # address, birthday, id_number, email, wechat: nothing of it is shown


# Characters that act on a terminal, a log or a line-based format instead of being read:
# C0/C1 controls (ESC starts terminal sequences), line and paragraph separators, and the
# invisible format characters (bidi overrides reorder what is shown).
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{FORMAT_CHARS}]")


def visible(text: str) -> str:
    """`text` with every control, bidi and invisible character written as \\uXXXX, so a
    value echoed in a message can neither drive the terminal nor break a line."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown(text: str) -> str:
    """A value as any message may echo it: numbers masked, invisible characters visible."""
    return visible(mask_text(text))


# Markup inside a line of text: a browser shows what it holds run together with its sides.
_INLINE_TAG = re.compile(
    r"</?(?:a|b|i|em|strong|del|s|code|span|mark|small|sub|sup|u|abbr|font|wbr)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE_VALUE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")


def html_text(markup: str, keep_attributes: bool = False, joiner: str = " | ") -> str:
    """The text of HTML as a reader sees it, for finding numbers: inline tags gone (their
    text joins its neighbours), other tags a break, entities decoded (`&shy;` is a soft
    hyphen); with `keep_attributes`, attribute values (a `tel:` link) as text of their own."""
    parts = []
    if keep_attributes:
        for tag in _TAG.findall(markup):
            parts += [a or b for a, b in _ATTRIBUTE_VALUE.findall(tag)]
    text = _TAG.sub(joiner, _INLINE_TAG.sub("", markup))
    return html.unescape(joiner.join([text, *parts]))
