"""Reference pages generated from the schemas and the problem catalogue (docs/reference/).

Written and checked by `python -m generator.cli.reference` (make docs); a test runs the
check, so the docs can never drift from the code.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.problems.catalogue import CODES
from generator.read.schema import KINDS, FieldInfo, SchemaSet

KIND_FILES = {
    "team": "records/team.yaml",
    "policy": "records/policy.yaml",
    "customer": "records/customers/<id>.md",
    "visit": "records/visits/YYYY/<date>-<customer>-<method>.md",
    "complaint": "records/complaints/YYYY/<id>.md",
    "survey": "records/surveys/<id>.yaml",
    "survey_response": "records/surveys/<survey id>/responses/<n>.yaml",
    "lost": "records/lost/YYYY/<date>-<customer>.md",
    "plan": "records/plans/YYYY-MM/<staff>.yaml",
}


def _type_text(node: dict) -> str:
    if "enum" in node:
        labels = FieldInfo(node).enum_labels
        return "；".join(f"`{value}` {zh}" for value, (zh, _) in labels.items())
    kind = node.get("type")
    if isinstance(kind, list):
        kind = " | ".join(kind)
    if not kind and "anyOf" in node:
        kind = " | ".join(sub.get("type", "?") for sub in node["anyOf"])
    fmt = node.get("x-format")
    return f"{kind or 'any'}" + (f" ({fmt})" if fmt else "")


def fields(schemas: SchemaSet, kind: str, path: tuple = ()) -> Iterator[tuple[tuple, dict, bool]]:
    """(path, annotated node, required) of every field, depth first, in schema order."""
    node = schemas.field(kind, path).node
    required = set(node.get("required", []))
    for name in node.get("properties", {}):
        child_path = (*path, name)
        child = schemas.field(kind, child_path).node
        yield child_path, child, name in required
        if child.get("type") == "object" or "properties" in child:
            yield from fields(schemas, kind, child_path)
        items = child.get("items")
        if child.get("type") == "array" and isinstance(items, dict):
            item_node = schemas.field(kind, (*child_path, 0)).node
            if "properties" in item_node:
                yield from fields(schemas, kind, (*child_path, 0))


def _path_text(path: tuple) -> str:
    return ".".join("[]" if isinstance(p, int) else p for p in path).replace(".[]", "[]")


def records_page(schemas: SchemaSet) -> str:
    out = [
        "# 记录字段参考 / Record field reference",
        "",
        "Generated from `schema/*.json` by `python -m generator.cli.reference`; do not edit by hand.",
        "",
        "每个字段都有个人信息分类（x-pii）：none 无、name 姓名、phone 电话、email 邮箱、wechat 微信、"
        "address 地址、birthday 生日、id_number 证件号、free_text 自由文本（会扫描其中的电话和证件号）。",
        "Every field has a personal-data class (x-pii) used for masking.",
        "",
    ]
    for kind in KINDS:
        doc = schemas.documents[kind]
        out += [
            f"## {doc['title']}",
            "",
            f"文件 / file: `{KIND_FILES[kind]}`",
            "",
            doc.get("description", ""),
            "",
        ]
        out += [
            "| 字段 field | 名称 | 必填 required | 类型 type | 个人信息 x-pii | 说明 description |",
            "|---|---|---|---|---|---|",
        ]
        for path, node, required in fields(schemas, kind):
            description = node.get("description", "").replace("|", "\\|")
            default = (
                f" 默认 default: `{node['default']}`"
                if "default" in node and not isinstance(node["default"], (dict, list))
                else ""
            )
            out.append(
                f"| `{_path_text(path)}` | {node.get('title', '')} | {'是 yes' if required else ''} | "
                f"{_type_text(node).replace('|', '/')} | {node.get('x-pii', '')} | {description}{default} |"
            )
        out.append("")
    return "\n".join(out)


def problems_page() -> str:
    out = [
        "# 问题代码参考 / Problem codes",
        "",
        "Generated from `generator/problems/codes/` by `python -m generator.cli.reference`; do not edit by hand.",
        "",
        "Codes are stable: scripts may rely on them. The completeness checks (customer.documents_incomplete,",
        "customer.no_contacts, complaint.*, visit.issue_not_forwarded, visit.unreviewed, visit.no_outcome,",
        "visit.no_record) take their severity from `policy.yaml` → `completeness`; the default is shown here.",
        "",
    ]
    group = None
    for code, entry in CODES.items():
        if entry.group() != group:
            group = entry.group()
            out += [f"## {group}", ""]
        out += [f"### `{code}` ({entry.severity})", "", f"- {entry.zh}", f"- {entry.en}", ""]
    return "\n".join(out)


def pages() -> dict[str, str]:
    schemas = SchemaSet()
    return {"records.md": records_page(schemas), "problems.md": problems_page()}


def write_pages(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages().items():
        (folder / name).write_text(text + "\n", encoding="utf-8")


def stale_pages(folder: Path) -> list[Path]:
    """The pages in `folder` that are missing or differ from what the code makes."""
    stale = []
    for name, text in pages().items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text + "\n":
            stale.append(target)
    return stale
