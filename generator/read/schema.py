"""The `schema` stage: JSON Schema 2020-12 validation of each parsed file.

The schemas in `schema/` are the single description of every field: editors
use them for completion, this module validates with them (jsonschema-rs, with
format checking), the reference docs are generated from them, and their
`default`s are the policy's defaults. Each violation becomes a bilingual
problem at the field's own line, with personal values masked.
"""

from __future__ import annotations

import difflib
import re
from datetime import datetime
from functools import cache
from pathlib import Path

import jsonschema_rs

from generator.present.mask import mask_value
from generator.problems import Problem, field_path
from generator.problems.cap import ProblemCap
from generator.problems.catalogue import make_problem
from generator.read.document import Document
from generator.vocabulary import KINDS as KINDS  # the record kinds, re-exported
from generator.vocabulary import FieldIndex, read_documents
from generator.vocabulary import FieldInfo as FieldInfo
from generator.vocabulary import schema_dir as schema_dir

BASE_URI = "file:///huifang/schema/"
_FULL_WIDTH = re.compile("[０-９－：／　]")
FIRST_YEAR, LAST_YEAR = 1900, 2199  # the years schema/common.json allows in dates
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:[+-]\d{2}:?\d{2}|Z)?"
)


def _is_datetime(text: str) -> bool:
    match = _DATETIME.fullmatch(text)
    if not match:
        return False
    date, hour, minute, second = match.groups()
    try:
        datetime.strptime(f"{date} {hour}:{minute}:{second or '00'}", "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return False
    return True


def _is_date_or_datetime(text: str) -> bool:
    if len(text) == 10:
        try:
            datetime.strptime(text, "%Y-%m-%d")
        except ValueError:
            return False
        return True
    return _is_datetime(text)


def _is_birthday(text: str) -> bool:
    """YYYY-MM-DD or MM-DD (02-29 is a real birthday even without a year)."""
    full = text if len(text) == 10 else f"2000-{text}"
    try:
        datetime.strptime(full, "%Y-%m-%d")
    except ValueError:
        return False
    return True


FORMATS = {
    "huifang-datetime": _is_datetime,
    "huifang-date-or-datetime": _is_date_or_datetime,
    "huifang-birthday": _is_birthday,
}

# How each x-format is named in messages, and what a right value looks like.
FORMAT_LABELS: dict[str, tuple[str, str]] = {
    "date": ("日期（YYYY-MM-DD，例如 2026-11-20）", "date (YYYY-MM-DD, e.g. 2026-11-20)"),
    "datetime": (
        "日期时间（YYYY-MM-DD HH:MM，例如 2026-11-20 14:30）",
        "date and time (YYYY-MM-DD HH:MM, e.g. 2026-11-20 14:30)",
    ),
    "date_or_datetime": (
        "日期或日期时间（YYYY-MM-DD 或 YYYY-MM-DD HH:MM）",
        "date or date and time (YYYY-MM-DD or YYYY-MM-DD HH:MM)",
    ),
    "time": ("时间（HH:MM，例如 09:30）", "time (HH:MM, e.g. 09:30)"),
    "phone": (
        "电话号码（手机 11 位，或 区号-号码，如 021-62345678）",
        "phone number (11-digit mobile, or area code-number such as 021-62345678)",
    ),
    "email": ("电子邮箱地址", "email address"),
    "id": ("编号（字母、数字、- 和 _）", "id (letters, digits, - and _)"),
    "birthday": ("生日（YYYY-MM-DD 或 MM-DD）", "birthday (YYYY-MM-DD or MM-DD)"),
    "rule_name": ("规则名（小写英文字母、数字和下划线）", "rule name (a-z, 0-9 and _)"),
    "event_ref": ("事件（如 events.installed、visit.repair）", "event (e.g. events.installed)"),
    "month_day": ("月-日（MM-DD）", "month-day (MM-DD)"),
    "month": ("月份（YYYY-MM，例如 2026-12）", "month (YYYY-MM, e.g. 2026-12)"),
    "week": (
        "周次（ISO 周次如 2026-W49，或这一周星期一的日期）",
        "week (an ISO week such as 2026-W49, or the date of its Monday)",
    ),
    "signing_key": (
        "SSH 签名公钥（ssh-ed25519 AAAA…）或指纹（SHA256: 加 43 个字符）",
        "SSH signing public key (ssh-ed25519 AAAA…) or fingerprint (SHA256: and 43 characters)",
    ),
}

_TYPE_NAMES = {
    "string": ("文本", "text"),
    "integer": ("整数", "a whole number"),
    "number": ("数字", "a number"),
    "boolean": ("是非值（true/false）", "true or false"),
    "array": ("列表", "a list"),
    "object": ("映射（字段: 值）", "a mapping"),
    "null": ("空值", "empty"),
}


def _type_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def _value_at(data: object, path: tuple) -> object:
    for part in path:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _year_out_of_range(text: str) -> bool:
    match = re.match(r"(\d{4})-\d{2}-\d{2}", text)
    return match is not None and not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR


def _shown(info: FieldInfo, value: object, raw: str | None = None) -> str:
    """A value for a message, as the user typed it where known, masked."""
    return f' "{mask_value(value if raw is None else raw, info.pii)[:60]}"'


class SchemaSet:
    """All record schemas, their validators and a field index for messages."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or schema_dir()
        self.documents: dict[str, dict] = read_documents(self.directory)
        registry = jsonschema_rs.Registry(
            [(BASE_URI + name + ".json", doc) for name, doc in self.documents.items()]
        )
        self.validators = {
            kind: jsonschema_rs.validator_for(
                self.documents[kind],
                registry=registry,
                base_uri=BASE_URI + kind + ".json",
                validate_formats=True,
                formats=FORMATS,
            )
            for kind in KINDS
        }
        self._index = FieldIndex(self.documents)

    def field(self, kind: str, path: tuple) -> FieldInfo:
        """What the schema says of a field (its titles and labels: `generator.vocabulary`)."""
        return self._index.field(kind, path)

    # --- validation ----------------------------------------------------------------
    def validate(self, kind: str, doc: Document) -> list[Problem]:
        """The file's schema problems, bounded by a `ProblemCap` together with the ones
        the reader found: past the bound an error is only counted, never turned into a
        message (a list of 250,000 wrong values costs a count, not 250,000 problems)."""
        if doc.data is None:
            return []
        cap = ProblemCap(doc.problems)
        # A value of the wrong type also fails its enum or format: say only the first.
        # (jsonschema-rs reports a node's type before its other keywords.)
        mistyped: set[tuple] = set()
        for error in self.validators[kind].iter_errors(doc.data):
            name = error.kind.name
            code = _CODE_OF.get(name, "schema.invalid")
            path = tuple(error.instance_path)
            if code == "schema.type":
                mistyped.add(path)
            elif path in mistyped:
                continue
            if code == "schema.unknown_field":  # one error names every unknown key
                unexpected = error.kind.as_dict().get("unexpected", [])
                listed = unexpected[: cap.space(code)]
                if listed:
                    for problem in _ErrorReport(self, kind, doc, error).unknown_fields(listed):
                        cap.add(problem)
                if len(unexpected) > len(listed):
                    first = doc.where((*path, unexpected[len(listed)]))
                    cap.skip(code, first, count=len(unexpected) - len(listed))
            elif cap.room(code):
                for problem in _ErrorReport(self, kind, doc, error).problems():
                    cap.add(problem)
            else:
                cap.skip(code, doc.where(path))
        problems = cap.problems()
        mistyped_fields = {p.path for p in problems if p.code == "schema.type"}
        return [p for p in problems if p.code == "schema.type" or p.path not in mistyped_fields]


# The code each kind of jsonschema-rs error becomes (the rest: schema.invalid).
_CODE_OF = {
    "required": "schema.required",
    "additionalProperties": "schema.unknown_field",
    "unevaluatedProperties": "schema.unknown_field",
    "type": "schema.type",
    "enum": "schema.enum",
    "format": "schema.format",
    "pattern": "schema.format",
}


class _ErrorReport:
    """Turns one jsonschema-rs error into problems (an unknown-fields error may give several)."""

    def __init__(self, schemas: SchemaSet, kind: str, doc: Document, error) -> None:
        self.schemas, self.kind, self.doc = schemas, kind, doc
        self.path = tuple(error.instance_path)
        self.name = error.kind.name
        self.details = error.kind.as_dict()
        self.info = schemas.field(kind, self.path)
        self.value = _value_at(doc.data, self.path)
        self.shown = _shown(self.info, self.value, doc.plain.get(self.path))

    def problem(self, code: str, path: tuple | None = None, **params: object) -> Problem:
        path = self.path if path is None else path
        info = self.schemas.field(self.kind, path)
        return make_problem(
            code,
            self.doc.where(path),
            field_path(path),
            severity=None,  # given so that **params can only be the values the messages name
            field=info.label(path),
            **params,
        )

    def problems(self) -> list[Problem]:
        handler = getattr(self, "_" + self.name.lower(), None)
        return handler() if handler else [self._invalid()]

    def _required(self) -> list[Problem]:
        return [self.problem("schema.required", (*self.path, self.details["property"]))]

    def _additionalproperties(self) -> list[Problem]:
        return self.unknown_fields(self.details.get("unexpected", []))

    def unknown_fields(self, keys: list[str]) -> list[Problem]:
        known = sorted(self.info.node.get("properties", {}))
        out = []
        for key in keys:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            out.append(
                self.problem(
                    "schema.unknown_field",
                    (*self.path, key),
                    suggest_zh=f"（是不是 {close[0]}？）" if close else "",
                    suggest_en=f" (did you mean {close[0]}?)" if close else "",
                )
            )
        return out

    _unevaluatedproperties = _additionalproperties

    def _type(self) -> list[Problem]:
        expected = [t for t in self.details.get("types", []) if t != "null"] or ["null"]
        actual = _type_of(self.value)
        raw = self.doc.plain.get(self.path)
        hint_zh = hint_en = ""
        if raw is not None and "string" in expected:
            shown = mask_value(raw, self.info.pii)
            hint_zh = f'YAML 把没有引号的 {shown} 读成了{_TYPE_NAMES[actual][0]}；请加引号，写成 "{shown}"。'
            hint_en = f'YAML reads the unquoted {shown} as {_TYPE_NAMES[actual][1]}; put it in quotes: "{shown}".'
        elif expected == ["boolean"] and actual == "string":
            hint_zh, hint_en = "请写 true（是）或 false（否）。", "Write true or false."
        return [
            self.problem(
                "schema.type",
                expected_zh="或".join(_TYPE_NAMES[t][0] for t in expected),
                expected_en=" or ".join(_TYPE_NAMES[t][1] for t in expected),
                actual_zh=_TYPE_NAMES[actual][0],
                actual_en=_TYPE_NAMES[actual][1],
                value=self.shown if actual not in ("array", "object") else "",
                hint_zh=hint_zh,
                hint_en=hint_en,
            )
        ]

    def _enum(self) -> list[Problem]:
        labels = self.info.enum_labels
        allowed = ", ".join(f"{value}（{zh}）" for value, (zh, _) in labels.items())
        return [self.problem("schema.enum", value=self.shown, allowed=allowed)]

    def _format(self) -> list[Problem]:
        fmt = self.info.format or self.details.get("format", "")
        label_zh, label_en = FORMAT_LABELS.get(fmt, (fmt, fmt))
        hint_zh = hint_en = ""
        text = str(self.value)
        if _FULL_WIDTH.search(text):
            hint_zh, hint_en = (
                "其中有全角字符，请改用半角数字和符号。",
                "It contains full-width characters; use ASCII digits and symbols.",
            )
        elif fmt in ("date", "datetime", "date_or_datetime") and _year_out_of_range(text):
            hint_zh, hint_en = (
                "年份应在 1900 到 2199 之间（日期要参与计算，不能写 9999 这样的占位）。",
                "The year must be 1900 to 2199 (dates are computed with; no 9999 placeholders).",
            )
        elif fmt in ("date", "datetime", "date_or_datetime", "birthday") and re.match(
            r"\d{4}-\d{2}-\d{2}", text
        ):
            hint_zh, hint_en = (
                "这一天在日历上不存在，请核对。",
                "That day does not exist in the calendar; check it.",
            )
        return [
            self.problem(
                "schema.format",
                value=self.shown,
                format_zh=label_zh,
                format_en=label_en,
                hint_zh=hint_zh,
                hint_en=hint_en,
            )
        ]

    _pattern = _format

    def _invalid(self) -> Problem:
        limit = self.details.get("limit")
        zh, en = {
            "minLength": (
                "不能为空" if limit == 1 else f"至少 {limit} 个字符",
                f"must have at least {limit} character(s)",
            ),
            "maxLength": (f"最多 {limit} 个字符", f"must have at most {limit} characters"),
            "minimum": (f"不能小于 {limit}", f"must be at least {limit}"),
            "maximum": (f"不能大于 {limit}", f"must be at most {limit}"),
            "minItems": (f"至少要有 {limit} 项", f"needs at least {limit} item(s)"),
            "uniqueItems": ("列表中有重复项", "the list has duplicate items"),
            "const": (
                f"必须是 {self.details.get('expected_value')}",
                f"must be {self.details.get('expected_value')}",
            ),
            "propertyNames": (
                "名称只能用小写英文字母、数字和下划线",
                "names may only use a-z, 0-9 and _",
            ),
            "anyOf": ("写法不对", "has the wrong form"),
        }.get(self.name, ("不符合规定", "is not valid"))
        return self.problem("schema.invalid", detail_zh=zh, detail=en)


@cache
def default_schemas() -> SchemaSet:
    """The schemas shipped with this version (loaded once per process)."""
    return SchemaSet()
