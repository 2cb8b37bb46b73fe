"""One schema property → one field of the browser editor's form (Decap CMS `fields:`).

Everything a field shows comes from the schema, through `vocabulary`'s FieldIndex (its
`$ref`s resolved): the Chinese title is the label, the Chinese half of the description the
hint, an enum's Chinese labels the options of a select, the required list `required:`, a
pattern the pattern with the Chinese half of the description as its message (what the
checker would say is the form the value must have). Ids of customers and staff become
relation widgets, dates and times pickers writing the text the checker reads. No label is
written here a second time.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from generator.vocabulary import FieldIndex, own_labels, split_text

Field = dict[str, Any]

# The relation a `$ref` to an id of another record makes (collection and file of cms_config).
CUSTOMER_RELATION = {"collection": "customers", "value_field": "id",
                     "search_fields": ["id", "name"], "display_fields": ["id", "name"]}  # fmt: skip
STAFF_RELATION = {"collection": "team", "file": "team", "value_field": "staff.*.id",
                  "search_fields": ["staff.*.id", "staff.*.name"],
                  "display_fields": ["staff.*.id", "staff.*.name"]}  # fmt: skip
RELATIONS = {"customer_ref": CUSTOMER_RELATION, "staff_ref": STAFF_RELATION}
# The text a date picker writes: the checker's forms (common.json date, datetime, time).
PICKERS: dict[str, Field] = {
    "date": {"format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False},
    "datetime": {"format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm"},
    "date_or_datetime": {
        "format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm",
    },
    "time": {"format": "HH:mm", "date_format": False, "time_format": "HH:mm"},
}  # fmt: skip
LONG_TEXT = "free_text"  # a free-text field gets a text area, not one line


class NotAFormField(ValueError):
    """A schema node no form widget can hold (an object keyed by free names)."""


ENGLISH_HALF = re.compile(r"\s?/ (?=[A-Za-z(])")  # "…（不含 .md）/ the id…": no space before /


def chinese(text: str) -> str:
    """The Chinese half of a schema text written "中文 / English"."""
    return ENGLISH_HALF.split(split_text(text, "")[0], maxsplit=1)[0].strip()


def ref_name(node: dict) -> str:
    """`customer_ref` of {"$ref": "common.json#/$defs/customer_ref"}, else ""."""
    return str(node.get("$ref", "")).rpartition("/")[2]


def form_field(index: FieldIndex, name: str, raw: dict, base: str, required: bool) -> Field:
    """The form field of property `name`, its schema node `raw` read in document `base`."""
    node, inner_base = index.expand(raw, base)
    field: Field = {"name": name, "label": str(node.get("title") or name)}
    hint = chinese(str(node.get("description", "")))
    if hint and hint != field["label"]:
        field["hint"] = hint
    field["required"] = required
    field.update(_widget(index, raw, node, inner_base))
    return field


def _widget(index: FieldIndex, raw: dict, node: dict, base: str) -> Field:
    relation = RELATIONS.get(ref_name(raw))
    if relation is not None:
        return {"widget": "relation", **copy.deepcopy(relation)}
    kind = node.get("type")
    if "enum" in node:
        return {"widget": "select", "options": _options(node)}
    if kind == "array":
        return _list(index, node, base)
    if kind == "object":
        if "properties" not in node:
            raise NotAFormField("an object keyed by free names")
        return {"widget": "object", "collapsed": False, "fields": object_fields(index, node, base)}
    if kind == "boolean":
        return {"widget": "boolean"}  # no default: an untouched box writes nothing
    if kind in ("integer", "number"):  # a number, not text ("86000" is not a number)
        limits = {k: node[k] for k in ("minimum", "maximum") if k in node}
        value_type = "int" if kind == "integer" else "float"
        return {
            "widget": "number",
            "value_type": value_type,
            **{k[:3]: v for k, v in limits.items()},
        }
    picker = PICKERS.get(str(node.get("x-format", "")))
    if picker is not None:
        return {"widget": "datetime", "picker_utc": False, **picker}
    widget: Field = {"widget": "text" if node.get("x-pii") == LONG_TEXT else "string"}
    if "pattern" in node:
        message = chinese(str(node.get("description", ""))) or str(node.get("title", ""))
        widget["pattern"] = [node["pattern"], f"格式：{message}"]
    return widget


def _options(node: dict) -> list[dict[str, Any]]:
    return [{"label": zh, "value": value} for value, (zh, _en) in own_labels(node).items()]


def _list(index: FieldIndex, node: dict, base: str) -> Field:
    raw_items = node.get("items", {})
    relation = RELATIONS.get(ref_name(raw_items))
    if relation is not None:  # staff: [S01, S05] — a relation with more than one value
        return {"widget": "relation", "multiple": True, **copy.deepcopy(relation),
                **({"min": node["minItems"]} if "minItems" in node else {})}  # fmt: skip
    items, items_base = index.expand(raw_items, base)
    if "enum" in items:
        return {"widget": "select", "multiple": True, "options": _options(items)}
    limits = {k[:3]: node[k] for k in ("minItems", "maxItems") if k in node}
    if items.get("type") == "object":
        fields = object_fields(index, items, items_base)
        return {"widget": "list", "collapsed": False, "fields": fields, **limits}
    item = form_field(index, "item", raw_items, base, required=True)
    item["label"] = str(items.get("title") or node.get("title") or "")
    return {"widget": "list", "field": item, **limits}


def object_fields(index: FieldIndex, node: dict, base: str) -> list[Field]:
    """Every property of an object node, in the schema's order (the order files are written in)."""
    required = set(node.get("required", []))
    return [
        form_field(index, name, raw, base, name in required)
        for name, raw in node.get("properties", {}).items()
        if not _free_names(index, raw, base)
    ]


def _free_names(index: FieldIndex, raw: dict, base: str) -> bool:
    """An object keyed by names the record chooses (a survey item's counts per level)."""
    node, _ = index.expand(raw, base)
    return node.get("type") == "object" and "properties" not in node
