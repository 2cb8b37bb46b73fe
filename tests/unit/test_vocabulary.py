"""generator.vocabulary: every label the program shows comes from the schemas, once."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator import vocabulary
from generator.derive.items import STATES, Deadline, DueItem, Need
from generator.present.due import View

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = {
    p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "schema").glob("*.json")
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _enum_nodes(node: object, where: str):
    """Every schema node that lists allowed values, with where it is."""
    if isinstance(node, dict):
        if "enum" in node:
            yield where, node
        for key, child in node.items():
            yield from _enum_nodes(child, f"{where}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _enum_nodes(child, f"{where}/{index}")


ENUMS = [
    (f"{name}.json#{where}", node)
    for name, doc in SCHEMAS.items()
    for where, node in _enum_nodes(doc, "")
]


def _schema_texts(kind: str, path: tuple) -> dict[object, str]:
    """value → the Chinese half of its enumDescription, read straight from the JSON."""
    node = vocabulary.field(kind, path).node
    node = node if "enum" in node else next(b for b in node["anyOf"] if "enum" in b)
    return {
        v: d.partition(" / ")[0]
        for v, d in zip(node["enum"], node["enumDescriptions"], strict=True)
    }


@pytest.mark.parametrize(("where", "node"), ENUMS, ids=[where for where, _ in ENUMS])
def test_every_enum_value_of_every_schema_has_a_chinese_and_an_english_label(where, node):
    descriptions = node.get("enumDescriptions")
    assert descriptions is not None, (
        f"{where}: no enumDescriptions (or $ref the enum that has them)"
    )
    assert len(descriptions) == len(node["enum"]), where
    for value, text in zip(node["enum"], descriptions, strict=True):
        zh, sep, en = text.partition(" / ")
        assert sep and CJK.search(zh) and en.strip(), (
            f"{where}: {value!r} → {text!r} is not '中文 / English'"
        )
        assert vocabulary.labels_of(node)[value] == (zh, en)


def test_an_enum_copied_into_the_policy_is_the_field_it_refers_to():
    """The policy's method lists and applies conditions name the visit's and customer's own
    values, so an error about them shows those labels (not 'meeting（meeting）')."""
    assert vocabulary.enum_labels("policy", ("methods", "phone", 0)) == vocabulary.enum_labels(
        *vocabulary.METHOD
    )
    for name in ("kind", "stage", "region"):
        assert vocabulary.enum_labels(
            "policy", ("cadence", 0, "applies", name, 0)
        ) == vocabulary.enum_labels("customer", (name,))


def test_a_wrong_method_in_the_policy_is_told_with_the_methods_labels():
    from generator.problems import Source
    from generator.read.document import Document
    from generator.read.schema import default_schemas

    data = {"methods": {"onsite": ["onsite", "fax"]}}
    problems = [
        p
        for p in default_schemas().validate("policy", Document(Source("policy.yaml"), data))
        if p.code == "schema.enum"
    ]
    assert len(problems) == 1
    assert "methods.onsite[1]（方式）" in problems[0].message_zh
    assert "meeting（会议/楼长会）" in problems[0].message_zh


@pytest.mark.parametrize("method", vocabulary.enum_values(*vocabulary.METHOD))
def test_each_methods_label_in_a_due_list_is_the_schemas(method):
    item = DueItem(
        "cadence",
        "r",
        "规则",
        "C1",
        ("S1",),
        Deadline(dt.date(2026, 11, 30)),
        "upcoming",
        Need(1, (method,)),
    )
    assert View.progress(item) == f"已 0/1 次（{_schema_texts('visit', ('method',))[method]}）"


def test_meeting_is_shown_as_the_schema_and_the_domain_name_it():
    """The due list said 会议 while the schema says 会议/楼长会 (the building-leader
    meeting of property management, domain.md §2 and seed 000): the schema is the source."""
    item = DueItem(
        "cadence",
        "r",
        "规则",
        "C1",
        ("S1",),
        Deadline(dt.date(2026, 11, 30)),
        "upcoming",
        Need(1, ("onsite", "meeting"), "chief"),
    )
    assert View.progress(item) == "已 0/1 次（上门/会议/楼长会，首席客户经理）"
    every = Need(1, vocabulary.enum_values(*vocabulary.METHOD))
    assert "任何方式" in View.progress(
        DueItem("cadence", "r", "l", "C1", (), Deadline(dt.date(2026, 1, 1)), "upcoming", every)
    )


@pytest.mark.parametrize("by", vocabulary.enum_values(*vocabulary.BY))
def test_who_must_make_a_contact_is_named_as_the_schema_names_them(by):
    item = DueItem(
        "cadence",
        "r",
        "l",
        "C1",
        (),
        Deadline(dt.date(2026, 1, 1)),
        "upcoming",
        Need(1, ("phone",), by),
    )
    expected = "" if by == "any" else "，" + _schema_texts("policy", ("cadence", 0, "by"))[by]
    assert View.progress(item) == f"已 0/1 次（电话{expected}）"


def test_periods_read_in_a_sentence_without_the_schemas_note():
    texts = _schema_texts("policy", ("cadence", 0, "period"))
    assert texts["week"] == "每周（周一开始）"
    assert vocabulary.period_label("week") == "每周"
    for period, text in texts.items():
        assert vocabulary.period_label(period) == text.partition("（")[0]


def test_roles_and_record_fields_are_the_schemas():
    for role, text in _schema_texts("team", ("staff", 0, "role")).items():
        assert vocabulary.enum_label(*vocabulary.ROLE, role)[0] == text
    assert vocabulary.enum_label(*vocabulary.ROLE, "finance") == ("财务主管", "finance manager")
    assert vocabulary.enum_text("visit", ("kind",), None) == ""
    assert vocabulary.enum_label("visit", ("kind",), "unknown") == ("unknown", "unknown")
    assert vocabulary.field_label("complaint", ("registered",)) == "registered（登记时间）"
    assert vocabulary.field("customer", ("contacts", 3, "mobile")).pii == "phone"
    assert vocabulary.field("customer", ("family", 0, "name")).pii == "name"


def test_the_computed_states_have_a_label_each():
    from generator.derive.sla import SLA_STATES, STAGES

    assert set(vocabulary.DUE_STATE_LABELS) == set(STATES)
    assert set(vocabulary.SLA_STATE_LABELS) == set(SLA_STATES)
    assert set(vocabulary.SLA_STAGE_LABELS) == set(STAGES)


def _label_tables(tree: ast.AST):
    """Dict literals of short Chinese labels keyed by identifiers: {"phone": "电话", …}
    (an empty label counts: {"any": "", "owner": "负责人"} shows nothing for anyone)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and len(node.keys) >= 2:
            keys = [
                k.value
                for k in node.keys
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
            ]
            values = [
                v.value
                for v in node.values
                if isinstance(v, ast.Constant)
                and isinstance(v.value, str)
                and (CJK.search(v.value) or not v.value)
            ]
            labels = len(keys) == len(node.keys) and len(values) == len(node.values)
            if (
                labels
                and any(map(CJK.search, values))
                and all(len(v) <= 12 and "{" not in v for v in values)
            ):
                yield node.lineno, set(keys)


def test_no_module_repeats_a_schemas_enum_texts():
    enums = [set(node["enum"]) for _, node in ENUMS]
    repeated = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.name == "vocabulary.py":
            continue
        for line, keys in _label_tables(ast.parse(path.read_text(encoding="utf-8"))):
            if any(keys <= values for values in enums):
                repeated.append(f"{path.relative_to(ROOT)}:{line}")
    assert not repeated, (
        f"labels of a schema enum defined again (use generator.vocabulary): {repeated}"
    )


def test_vocabulary_loads_no_validator_yaml_pickle_or_worker_processes():
    code = (
        "import sys, generator.vocabulary as v; v.enum_labels(*v.METHOD); "
        "print(sorted(m for m in ('jsonschema_rs', 'yaml', 'pickle', 'multiprocessing') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"
