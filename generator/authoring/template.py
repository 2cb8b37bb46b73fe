"""The text of a new record: every field of the schema in canonical order, with comments.

Fields with a value are written out; the others are commented out in their place with
their Chinese label and allowed values, so a user uncomments a line and fills it in
without changing the order. Fields the team's policy expects (completeness checks
that are switched on) are marked as such. The result goes through the formatter, so a
new file is already in canonical form.
"""

from __future__ import annotations

import io

from ruamel.yaml.comments import CommentedMap

from generator.authoring.canonical import format_record, round_trip_yaml
from generator.model import Records
from generator.problems import Source
from generator.read.schema import SchemaSet

# completeness check → the fields of a kind it expects filled in
EXPECTED_BY_CHECK = {
    "customer_documents": ("customer", ("documents",)),
    "customer_contacts": ("customer", ("contacts",)),
    "complaint_feedback": ("complaint", ("feedback_sent", "customer_feedback")),
    "complaint_resolution": ("complaint", ("resolution",)),
    "complaint_special_reason": ("complaint", ("special_reason",)),
    "visit_review": ("visit", ("reviewed_by", "reviewed_on")),
    "visit_outcome": ("visit", ("outcome",)),
}
HEADINGS = {
    "customer": "客户档案 / customer",
    "visit": "回访记录 / visit",
    "complaint": "投诉记录 / complaint",
    "survey": "满意度调查 / survey",
    "lost": "丢单报告 / lost deal",
}
BODIES = {
    "customer": "客户概况：\n",
    "visit": "## 会谈记录\n\n",
    "complaint": "## 处理经过\n\n",
    "lost": "## 丢单分析\n\n",
}
STAFF_FIELDS = frozenset({"owner", "chief", "staff", "first_responder", "reviewed_by"})
_TYPE_HINTS = {
    "date": "YYYY-MM-DD，加引号",
    "datetime": "YYYY-MM-DD HH:MM",
    "date_or_datetime": "YYYY-MM-DD 或 YYYY-MM-DD HH:MM",
    "time": "HH:MM，加引号",
    "phone": "加引号，例如 '13812345678'",
}


def expected_fields(records: Records, kind: str) -> set[str]:
    """Fields of `kind` that a switched-on completeness check of the policy expects."""
    policy = records.policy
    return {
        name
        for check, (check_kind, names) in EXPECTED_BY_CHECK.items()
        if check_kind == kind and policy.severity(check) != "off"
        for name in names
    }


def field_hint(schemas: SchemaSet, records: Records, kind: str, key: str) -> str:
    """The comment for a field: its label, then what may be written there."""
    node = schemas.field(kind, (key,)).node
    label = node.get("title", key)
    choices = schemas.field(kind, (key,)).enum_labels or schemas.field(kind, (key, 0)).enum_labels
    if key == "grade" and records.policy.grades:
        allowed = " | ".join(f"{g.id} {g.label}".strip() for g in records.policy.grades)
    elif key == "area" and records.policy.areas:
        allowed = " | ".join(records.policy.areas)
    elif key in ("reason", "lost_reason") and records.policy.lost_reasons:
        allowed = " | ".join(f"{r.id} {r.label}" for r in records.policy.lost_reasons)
    elif choices:
        allowed = " | ".join(f"{value} {zh}" for value, (zh, _) in choices.items())
    elif key in STAFF_FIELDS:
        allowed = "员工编号，见 team.yaml"
    else:
        allowed = _TYPE_HINTS.get(node.get("x-format", ""), "")
    many = "（可多个）" if node.get("type") == "array" and choices else ""
    return f"{label}{many}" + (f"：{allowed}" if allowed else "")


def _dump(mapping: dict) -> str:
    out = io.StringIO()
    round_trip_yaml(text_scalars=False).dump(CommentedMap(mapping), out)
    return out.getvalue()


def render(kind: str, values: dict, records: Records, schemas: SchemaSet, source: Source) -> str:
    """The new record's text (Markdown with front matter, or YAML for surveys)."""
    expected = expected_fields(records, kind)
    required = set(schemas.field(kind, ()).node.get("required", []))
    lines = [f"# {HEADINGS[kind]}：可选字段去掉行首的“# ”再填写；说明见 docs/guide.md"]
    for key in schemas.field(kind, ()).node.get("properties", {}):
        hint = field_hint(schemas, records, kind, key)
        if key in expected and key not in required:
            hint += "（按制度应填写）"
        if key == "customer" and values.get(key) in records.customers:
            hint += f"：{records.customers[values[key]].name}"
        if key in values:
            block = _dump({key: values[key]}).rstrip("\n").split("\n")
            lines.append(f"{block[0]}  # {hint}")
            lines += block[1:]
        else:
            lines.append(f"# {key}:  # {hint}")
    front = "\n".join(lines) + "\n"
    markdown = kind in BODIES
    text = f"---\n{front}---\n{BODIES[kind]}" if markdown else front
    formatted = format_record(text, kind, markdown, schemas, source)
    return formatted.text if formatted.text is not None else text
