"""A record against its JSON schema (schema/*.json): missing, unknown and ill-typed fields."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class SchemaRequired(ProblemKind):
    code = "schema.required"
    title = "缺少必填字段"
    severity = "error"
    zh = "缺少必填字段 {field}。请补上。"
    en = "the required field {field} is missing. Add it."
    field: str | None = None  # the label of the field; None: the path


@dataclass(frozen=True, kw_only=True)
class SchemaUnknownField(ProblemKind):
    code = "schema.unknown_field"
    title = "未知字段"
    severity = "error"
    zh = "未知字段 {field}{suggest_zh}。请检查拼写；字段名见 docs/reference/records.md。"
    en = (
        "unknown field {field}{suggest_en}. Check the spelling; field names are listed in "
        "docs/reference/records.md."
    )
    field: str | None = None  # the label of the field; None: the path
    suggest_zh: str
    suggest_en: str


@dataclass(frozen=True, kw_only=True)
class SchemaType(ProblemKind):
    code = "schema.type"
    title = "字段类型不对"
    severity = "error"
    zh = "字段 {field} 应为 {expected_zh}，实际是 {actual_zh}{value}。{hint_zh}"
    en = "the field {field} must be {expected_en}, not {actual_en}{value}. {hint_en}"
    field: str | None = None  # the label of the field; None: the path
    expected_zh: str
    actual_zh: str
    value: str
    hint_zh: str
    expected_en: str
    actual_en: str
    hint_en: str


@dataclass(frozen=True, kw_only=True)
class SchemaEnum(ProblemKind):
    code = "schema.enum"
    title = "值不在允许范围内"
    severity = "error"
    zh = "字段 {field} 的值{value} 不在允许范围内。可选值：{allowed}。"
    en = "the field {field} has a value{value} that is not allowed. Allowed: {allowed}."
    field: str | None = None  # the label of the field; None: the path
    value: str
    allowed: str


@dataclass(frozen=True, kw_only=True)
class SchemaFormat(ProblemKind):
    code = "schema.format"
    title = "格式无效"
    severity = "error"
    zh = "字段 {field} 的值{value} 不是有效的{format_zh}。{hint_zh}"
    en = "the field {field} has a value{value} that is not a valid {format_en}. {hint_en}"
    field: str | None = None  # the label of the field; None: the path
    value: str
    format_zh: str
    hint_zh: str
    format_en: str
    hint_en: str


@dataclass(frozen=True, kw_only=True)
class SchemaInvalid(ProblemKind):
    code = "schema.invalid"
    title = "字段值无效"
    severity = "error"
    zh = "字段 {field} {detail_zh}。请参照 docs/reference/records.md 修改。"
    en = "the field {field} {detail}. See docs/reference/records.md."
    field: str | None = None  # the label of the field; None: the path
    detail_zh: str
    detail: str
