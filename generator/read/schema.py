"""The `schema` stage: JSON Schema 2020-12 validation of each parsed file.

The schemas in `schema/` are the single description of every field: editors
use them for completion, this module validates with them (jsonschema-rs, with
format checking), the reference docs are generated from them, and their
`default`s are the policy's defaults. Each violation becomes a bilingual
problem at the field's own line, with personal values masked.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import jsonschema_rs

from generator.present.mask import mask_value
from generator.problems import Problem, field_path
from generator.problems.cap import ProblemCap
from generator.problems.catalogue import make_problem
from generator.read.document import Document

KINDS = ("team", "policy", "customer", "visit", "complaint", "survey")
BASE_URI = "file:///huifang/schema/"
_FULL_WIDTH = re.compile("[０-９－：／　]")
FIRST_YEAR, LAST_YEAR = 1900, 2199  # the years schema/common.json allows in dates
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:[+-]\d{2}:?\d{2}|Z)?"
)


def schema_dir() -> Path:
    """`schema/` beside the package (a checkout) or inside it (an installed wheel)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "schema", package.parent / "schema"):
        if (candidate / "common.json").is_file():
            return candidate
    raise FileNotFoundError("the huifang JSON Schemas (schema/*.json) are missing")


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
    return bool(match) and not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR


@dataclass(frozen=True)
class FieldInfo:
    """What the schema says of one field: its annotations, $refs resolved."""

    node: dict

    @property
    def title(self) -> str:
        return self.node.get("title", "")

    @property
    def pii(self) -> str:
        return self.node.get("x-pii", "none")

    @property
    def format(self) -> str | None:
        return self.node.get("x-format") or self.node.get("format")

    @property
    def enum_labels(self) -> dict[object, tuple[str, str]]:
        """value → (中文, English), from enumDescriptions written "中文 / English"."""
        descriptions = self.node.get("enumDescriptions", [])
        labels = {}
        for index, value in enumerate(self.node.get("enum", [])):
            text = descriptions[index] if index < len(descriptions) else str(value)
            zh, _, en = text.partition(" / ")
            labels[value] = (zh, en or str(value))
        return labels

    def label(self, path: tuple) -> str:
        name = field_path(path) or "(文件)"
        return f"{name}（{self.title}）" if self.title else name

    def show(self, value: object, raw: str | None = None) -> str:
        """A value for a message, as the user typed it where known, masked."""
        return f' "{mask_value(value if raw is None else raw, self.pii)[:60]}"'


class SchemaSet:
    """All record schemas, their validators and a field index for messages."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or schema_dir()
        self.documents: dict[str, dict] = {
            p.stem: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(self.directory.glob("*.json"))
        }
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
        self._fields: dict[tuple, FieldInfo] = {}

    # --- the field index -----------------------------------------------------------
    def _expand(self, node: dict, base: str) -> tuple[dict, str]:
        """A schema node with its $ref and allOf merged in (its own keywords win)."""
        merged: dict = {}
        ref = node.get("$ref")
        if ref:
            file, _, pointer = ref.partition("#")
            target_base = file[: -len(".json")] if file else base
            target: object = self.documents[target_base]
            for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
                target = target[part]  # type: ignore[index]
            merged, base = self._expand(target, target_base)  # type: ignore[arg-type]
        for sub in node.get("allOf", []):
            expanded, _ = self._expand(sub, base)
            merged.setdefault("properties", {}).update(expanded.get("properties", {}))
        own = {k: v for k, v in node.items() if k not in ("$ref", "allOf")}
        if "properties" in own and "properties" in merged:
            own["properties"] = {**merged["properties"], **own["properties"]}
        return {**merged, **own}, base

    def field(self, kind: str, path: tuple) -> FieldInfo:
        key = (kind, tuple(0 if isinstance(p, int) else p for p in path))
        if key not in self._fields:
            node, base = self._expand(self.documents[kind], kind)
            for part in path:
                if isinstance(part, int):
                    child = node.get("items")
                else:
                    child = node.get("properties", {}).get(part)
                    if child is None and isinstance(node.get("additionalProperties"), dict):
                        child = node["additionalProperties"]
                if not isinstance(child, dict):
                    node = {}
                    break
                node, base = self._expand(child, base)
            self._fields[key] = FieldInfo(node)
        return self._fields[key]

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
        self.shown = self.info.show(self.value, doc.plain.get(self.path))

    def problem(self, code: str, path: tuple | None = None, **params: object) -> Problem:
        path = self.path if path is None else path
        info = self.schemas.field(self.kind, path)
        return make_problem(
            code, self.doc.where(path), field_path(path), field=info.label(path), **params
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


def field_label(kind: str, path: tuple) -> str:
    """`registered（登记时间）` — a field as messages name it."""
    return default_schemas().field(kind, path).label(path)


def enum_text(kind: str, path: tuple, value: object) -> str:
    """The Chinese label of an allowed value for display, '' for no value."""
    return enum_label(kind, path, value)[0] if value not in (None, "") else ""


def enum_label(kind: str, path: tuple, value: object) -> tuple[str, str]:
    """(中文, English) label of an allowed value, e.g. a staff role."""
    return _enum_labels(kind, path).get(value, (str(value), str(value)))


@cache
def _enum_labels(kind: str, path: tuple) -> dict[object, tuple[str, str]]:
    return default_schemas().field(kind, path).enum_labels  # the shipped schemas never change
