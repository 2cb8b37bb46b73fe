"""The words the program shows: field titles, personal-data classes and enum texts.

The schemas (`schema/*.json`) are the one description of every field; their
`title`, `x-pii` and `enumDescriptions` ("中文 / English") are read here, and
every message, list and page takes its labels from this module. The few labels
that no schema holds, because the rules compute the values (the state of a due
item, the stage of a complaint), are defined here once, beside them.

Only the standard `json` module reads the schemas: the validate and derive
layers import this module, and importing them must not load the schema
validator, YAML, pickle or worker processes (a test checks `sys.modules`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.problems import field_path

if TYPE_CHECKING:
    from typing import Any, TypeAlias

    # a value in a JSON Schema document: any JSON value
    JsonValue: TypeAlias = Any
    # a JSON Schema document or node: a JSON object
    JsonObject: TypeAlias = dict[str, JsonValue]

KINDS = (
    "team",
    "policy",
    "customer",
    "visit",
    "complaint",
    "survey",
    "survey_response",
    "lost",
    "plan",
)

# Where the labels the program shows live in the schemas: (kind, field path).
METHOD = ("visit", ("method",))
VISIT_KIND = ("visit", ("kind",))
ROLE = ("team", ("staff", 0, "role"))
BY = ("policy", ("cadence", 0, "by"))
PERIOD = ("policy", ("cadence", 0, "period"))


def schema_dir() -> Path:
    """`schema/` beside the package (a checkout) or inside it (an installed wheel)."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "schema", package.parent / "schema"):
        if (candidate / "common.json").is_file():
            return candidate
    raise FileNotFoundError("the huifang JSON Schemas (schema/*.json) are missing")


def read_documents(directory: Path) -> dict[str, JsonObject]:
    """Each schema file by its stem: {"visit": {...}, "common": {...}, ...}."""
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))
    }


def split_text(text: str, value: object) -> tuple[str, str]:
    """An enumDescription "中文 / English" as (中文, English); the value when no English."""
    zh, _, en = text.partition(" / ")
    return zh, en or str(value)


def short(text: str) -> str:
    """A label without its note: "每周（周一开始）" → "每周", for use inside a sentence."""
    return text.partition("（")[0] or text


def enum_of(node: JsonObject) -> list[JsonValue]:
    """The allowed values of a node: its own enum, or the enum of a branch of its anyOf."""
    if "enum" in node:
        return list(node["enum"])
    for branch in node.get("anyOf", []):
        if "enum" in branch:
            return list(branch["enum"])
    return []


def own_labels(node: JsonObject) -> dict[object, tuple[str, str]]:
    """value → (中文, English) of the node's own enum, from its enumDescriptions."""
    descriptions = node.get("enumDescriptions", [])
    return {
        value: split_text(descriptions[index] if index < len(descriptions) else str(value), value)
        for index, value in enumerate(node.get("enum", []))
    }


def labels_of(node: JsonObject) -> dict[object, tuple[str, str]]:
    """value → (中文, English) of a node's enum, or of the anyOf branch that has one."""
    holder = node if "enum" in node else next((b for b in node.get("anyOf", []) if "enum" in b), {})
    return own_labels(holder)


@dataclass(frozen=True)
class FieldInfo:
    """What the schema says of one field: its annotations, $refs resolved."""

    node: JsonObject

    @property
    def title(self) -> str:
        return str(self.node.get("title", ""))

    @property
    def pii(self) -> str:
        return str(self.node.get("x-pii", "none"))

    @property
    def format(self) -> str | None:
        return self.node.get("x-format") or self.node.get("format")

    @property
    def enum_labels(self) -> dict[object, tuple[str, str]]:
        """value → (中文, English), from enumDescriptions written "中文 / English"."""
        return own_labels(self.node)

    def label(self, path: tuple[object, ...]) -> str:
        """`registered（登记时间）` — the field as messages name it."""
        name = field_path(path) or "(文件)"
        return f"{name}（{self.title}）" if self.title else name


class FieldIndex:
    """The schema node of any field of any record kind, with $ref and allOf merged in."""

    def __init__(self, documents: dict[str, JsonObject]) -> None:
        self.documents = documents
        self._fields: dict[tuple[str, tuple[object, ...]], FieldInfo] = {}

    def expand(self, node: JsonObject, base: str) -> tuple[JsonObject, str]:
        """A schema node with its $ref and allOf merged in (its own keywords win)."""
        merged: JsonObject = {}
        ref = node.get("$ref")
        if ref:
            file, _, pointer = ref.partition("#")
            target_base = file[: -len(".json")] if file else base
            target: JsonObject = self.documents[target_base]
            for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
                target = target[part]
            merged, base = self.expand(target, target_base)
        for sub in node.get("allOf", []):
            expanded, _ = self.expand(sub, base)
            merged.setdefault("properties", {}).update(expanded.get("properties", {}))
        own = {k: v for k, v in node.items() if k not in ("$ref", "allOf")}
        if "properties" in own and "properties" in merged:
            own["properties"] = {**merged["properties"], **own["properties"]}
        return {**merged, **own}, base

    def field(self, kind: str, path: tuple[object, ...]) -> FieldInfo:
        key = (kind, tuple(0 if isinstance(p, int) else p for p in path))
        if key not in self._fields:
            node, base = self.expand(self.documents[kind], kind)
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
                node, base = self.expand(child, base)
            self._fields[key] = FieldInfo(node)
        return self._fields[key]


@cache
def shipped() -> FieldIndex:
    """The schemas shipped with this version (read once per process; they never change)."""
    return FieldIndex(read_documents(schema_dir()))


def field(kind: str, path: tuple[object, ...]) -> FieldInfo:
    return shipped().field(kind, path)


def field_label(kind: str, path: tuple[object, ...]) -> str:
    """`registered（登记时间）` — a field as messages name it."""
    return field(kind, path).label(path)


@cache
def enum_labels(kind: str, path: tuple[object, ...]) -> dict[object, tuple[str, str]]:
    """value → (中文, English) of a field's allowed values (an anyOf's enum included)."""
    return labels_of(field(kind, path).node)


def enum_values(kind: str, path: tuple[object, ...]) -> tuple[JsonValue, ...]:
    """A field's allowed values, in the schema's order."""
    return tuple(enum_of(field(kind, path).node))


def enum_label(kind: str, path: tuple[object, ...], value: object) -> tuple[str, str]:
    """(中文, English) label of an allowed value, e.g. a staff role."""
    return enum_labels(kind, path).get(value, (str(value), str(value)))


def enum_text(kind: str, path: tuple[object, ...], value: object) -> str:
    """The Chinese label of an allowed value for display, '' for no value."""
    return enum_label(kind, path, value)[0] if value not in (None, "") else ""


def method_label(method: str) -> str:
    """电话, 上门, … 会议/楼长会: how a visit's method is shown."""
    return enum_label(*METHOD, method)[0]


def period_label(period: str) -> str:
    """每周, 每两周, 每月 …: a period inside a sentence (the schema's note left off)."""
    return short(enum_label(*PERIOD, period)[0])


PLANNER = "planner"  # a planned contact's `by`: only the plan's own person (derive/plans.py)


def by_label(by: str | None) -> str:
    """Who must make a counted contact, '' when anyone may."""
    if by == PLANNER:
        return "本人"
    return "" if by in ("any", "", None) else enum_label(*BY, by)[0]


# --- labels no schema holds: the rules compute these values ---------------------------

BOOLEAN_LABELS = {True: "是", False: "否"}  # a yes/no field's value
SEVERITY_LABELS = {"error": "错误", "warning": "警告"}  # a problem's severity

DUE_STATE_LABELS = {  # a due item's state (derive/items.py STATES)
    "overdue": "逾期",
    "due_today": "今天到期",
    "due_soon": "即将到期",
    "upcoming": "以后",
    "done_late": "超时完成",
    "done": "已完成",
}
DUE_KIND_LABELS = {  # which kind of rule made a due item
    "cadence": "定期回访",
    "event": "事件回访",
    "inactivity": "不活跃跟进",
    "agreed": "约定回访",
    "commitment": "承诺事项",
    "issue": "问题处理",
    "reminder": "提醒",
    "complaint": "投诉时限",
    "plan": "计划",  # a contact a visit plan names (derive/plans.py)
}
SLA_STAGE_LABELS = {  # the stages of a complaint (derive/sla.py STAGES)
    "register": "登记",
    "answer": "首次答复",
    "resolve": "处理完毕",
    "feedback": "反馈客户",
    "followup": "投诉回访",
}
SLA_STATE_LABELS = {  # how far a complaint stage is (derive/sla.py SLA_STATES)
    "met": "按时完成",
    "met_late": "超时完成",
    "running": "进行中",
    "breached": "已超时",
    "waiting": "未开始",
}
ACTION_LABELS = {"done": "已完成", "overdue": "逾期未完成", "open": "进行中"}  # survey actions
# how a file changed in a commit, and how a field's value changed in it
CHANGE_LABELS = {"added": "新建", "modified": "修改", "renamed": "移动/改名", "deleted": "删除"}
FIELD_CHANGE_LABELS = {"added": "新增", "removed": "删除", "changed": "修改"}
SIGNATURE_LABELS = {  # git's %G? codes: (中文, English)
    "G": ("已签名（可信密钥）", "signed by a trusted key"),
    "U": ("已签名（未知密钥）", "signed by an unknown key"),
    "X": ("签名已过期", "the signature has expired"),
    "Y": ("签名密钥已过期", "signed by an expired key"),
    "R": ("签名密钥已吊销", "signed by a revoked key"),
    "B": ("签名无效", "the signature is bad"),
    "E": ("无法验证签名", "the signature cannot be checked"),
    "N": ("未签名", "not signed"),
    "V": ("签名密钥尚未生效", "signed by a key that is not valid yet"),
}
