"""The text of a new record: every field of the schema in canonical order, with comments.

Fields with a value are written out; the others are commented out in their place with
their Chinese label and allowed values, so a user uncomments a line and fills it in
without changing the order. Fields the team's policy expects (completeness checks
that are switched on) are marked as such. A plan's contacts are written one field a line,
each with its label (and the days of its week); a survey response's answers are every item
of its survey commented out with the survey's levels, for the person to fill in. The
result goes through the formatter, so a new file is already in canonical form.
"""

from __future__ import annotations

import datetime as dt
import io

from ruamel.yaml.comments import CommentedMap

from generator.authoring.canonical import format_record, round_trip_yaml
from generator.model import Records, Survey
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
    "plan": "拜访计划书 / visit plan",
    "survey_response": "问卷 / survey response",
}
NOTES = {  # a second line at the top, for what is particular to the kind
    "plan": "# 已按待访清单预填本月要联系的客户：可增删、改周次（week）或改写日期（date）；"
    "审核人和审核日期由主管审核后填写",
    "survey_response": "# 各项评价：去掉项目行首的“# ”，在冒号后写上评价等级；未答的项目不写；"
    "户号/房号和客户编号至少填一项",
}
# fields someone else fills in later
FILLED_IN_LATER = {
    ("plan", "approved_by"): "主管审核后填写",
    ("plan", "approved_on"): "主管审核后填写",
}
BODIES = {
    "customer": "客户概况：\n",
    "visit": "## 会谈记录\n\n",
    "complaint": "## 处理经过\n\n",
    "lost": "## 丢单分析\n\n",
}
STAFF_FIELDS = frozenset(
    {"owner", "chief", "staff", "first_responder", "reviewed_by", "approved_by"}
)
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


def field_hint(
    schemas: SchemaSet, records: Records, kind: str, key: str, within: tuple = ()
) -> str:
    """The comment for a field: its label, then what may be written there (`within`: the
    path of the mapping holding it, for a field of a list's entry)."""
    path = (*within, key)
    node = schemas.field(kind, path).node
    label = node.get("title", key)
    choices = schemas.field(kind, path).enum_labels or schemas.field(kind, (*path, 0)).enum_labels
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


def _week_days(month: object, week: object) -> str:
    """The days of a plan's week in its month: 2026-12-28 至 12-31."""
    from generator.derive.plans import week_start

    monday = week_start(str(week))
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except ValueError:
        return ""
    if monday is None:
        return ""
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    start, end = max(monday, first), min(monday + dt.timedelta(days=6), last)
    return f"{start.isoformat()} 至 {end.strftime('%m-%d')}" if start <= end else ""


def _entry_lines(
    kind: str, key: str, entry: dict, values: dict, records: Records, schemas: SchemaSet
) -> list[str]:
    """One entry of a list of mappings (a plan's contact), a field a line with its label:
    the value's own label for a choice, the customer's name, the week's days; the fields
    without a value commented out in their place."""
    lines = []
    fields = schemas.field(kind, (key, 0)).node.get("properties", {})
    for name in fields:
        if name not in entry:
            if name in ("method", "purpose"):
                hint = field_hint(schemas, records, kind, name, (key, 0))
                lines.append(f"# {name}:  # {hint}")
            continue
        label = schemas.field(kind, (key, 0, name)).node.get("title", name)
        choices = schemas.field(kind, (key, 0, name)).enum_labels
        value = entry[name]
        if name == "customer" and value in records.customers:
            label += f"：{records.customers[value].name}"
        elif name == "week":
            days = _week_days(values.get("month"), value)
            label += f"：{days}" if days else ""
        elif choices and value in choices:
            label += f"：{choices[value][0]}"
        block = _dump({name: value}).rstrip("\n").split("\n")
        lines.append(f"{block[0]}  # {label}")
        lines += block[1:]
    return [("- " if n == 0 else "  ") + line for n, line in enumerate(lines)]


def _answer_lines(survey: Survey) -> list[str]:
    """Every item of the survey commented out, with the levels it may be given."""
    levels = " | ".join(level.name for level in survey.levels) or "调查记录中的评价等级"
    out = []
    for item in survey.items:
        line = _dump({item.name: None}).split("\n")[0].rstrip()
        out.append(f"  # {line}  # {levels}")
    return out


def render(
    kind: str,
    values: dict,
    records: Records,
    schemas: SchemaSet,
    source: Source,
    survey: Survey | None = None,
) -> str:
    """The new record's text (Markdown with front matter, or YAML for surveys, plans and
    responses; `survey`: the one a response answers)."""
    expected = expected_fields(records, kind)
    required = set(schemas.field(kind, ()).node.get("required", []))
    lines = [f"# {HEADINGS[kind]}：可选字段去掉行首的“# ”再填写；说明见 docs/guide.md"]
    if kind in NOTES:
        lines.append(NOTES[kind])
    for key in schemas.field(kind, ()).node.get("properties", {}):
        hint = field_hint(schemas, records, kind, key)
        if key in expected and key not in required:
            hint += "（按制度应填写）"
        if (kind, key) in FILLED_IN_LATER:
            hint += f"（{FILLED_IN_LATER[kind, key]}）"
        if key == "customer" and values.get(key) in records.customers:
            hint += f"：{records.customers[values[key]].name}"
        if kind == "survey_response" and key == "date" and survey is not None:
            hint += f"；调查期间 {survey.period.start} 至 {survey.period.end}"
        if kind == "plan" and key == "contacts" and isinstance(values.get(key), list):
            lines.append(f"{key}:  # {hint}")
            for entry in values[key]:
                lines += _entry_lines(kind, key, entry, values, records, schemas)
        elif kind == "survey_response" and key == "answers" and key not in values and survey:
            lines.append(f"{key}:  # {hint}")
            lines += _answer_lines(survey)
        elif key in values:
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
