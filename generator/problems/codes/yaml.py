"""The YAML of a record, read by the guarded reader: syntax, and what a record may not use
(anchors, aliases, tags, duplicate keys, deep nesting, many documents).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class YamlSyntax(ProblemKind):
    code = "yaml.syntax"
    title = "YAML 语法错误"
    severity = "error"
    zh = "YAML 语法错误：{detail_zh}。请检查这一行的缩进、冒号和引号。（{detail}）"
    en = "YAML syntax error: {detail}. Check the indentation, colons and quotes on this line."
    detail_zh: str
    detail: str


@dataclass(frozen=True, kw_only=True)
class YamlTab(ProblemKind):
    code = "yaml.tab"
    title = "用了制表符缩进"
    severity = "error"
    zh = "第 {line} 行有制表符（Tab）。YAML 只能用空格缩进，请把 Tab 换成空格。"
    en = (
        "line {line} contains a tab character. YAML is indented with spaces only; "
        "replace the tab with spaces."
    )
    line: int


@dataclass(frozen=True, kw_only=True)
class YamlDuplicateKey(ProblemKind):
    code = "yaml.duplicate_key"
    title = "字段重复"
    severity = "error"
    zh = (
        "字段 {key} 出现了两次（第 {first} 行和第 {line} 行），后一个会悄悄覆盖前一个。"
        "请删掉其中一个。"
    )
    en = (
        "the key {key} appears twice (lines {first} and {line}); one would silently replace "
        "the other. Remove one of them."
    )
    key: str
    first: int
    line: int


@dataclass(frozen=True, kw_only=True)
class YamlAnchor(ProblemKind):
    code = "yaml.anchor"
    title = "用了 YAML 锚点"
    severity = "error"
    zh = "不允许使用 YAML 锚点（&{name}）。请直接写出完整内容。"
    en = "YAML anchors (&{name}) are not allowed. Write the content out in full."
    name: str


@dataclass(frozen=True, kw_only=True)
class YamlAlias(ProblemKind):
    code = "yaml.alias"
    title = "用了 YAML 别名"
    severity = "error"
    zh = "不允许使用 YAML 别名（*{name}）。请直接写出完整内容。"
    en = "YAML aliases (*{name}) are not allowed. Write the content out in full."
    name: str


@dataclass(frozen=True, kw_only=True)
class YamlTag(ProblemKind):
    code = "yaml.tag"
    title = "用了 YAML 标签"
    severity = "error"
    zh = "不允许使用 YAML 标签 {tag}。请去掉它；如需文本，请给值加引号。"
    en = "the YAML tag {tag} is not allowed. Remove it; to force text, put the value in quotes."
    tag: str


@dataclass(frozen=True, kw_only=True)
class YamlTooDeep(ProblemKind):
    code = "yaml.too_deep"
    title = "嵌套过深"
    severity = "error"
    zh = "嵌套层数超过 {limit} 层，文件未读取。记录不需要这么深的结构，请检查缩进或括号。"
    en = (
        "nesting is deeper than {limit} levels; the file was not read. Records never need "
        "this depth: check the indentation or brackets."
    )
    limit: int


@dataclass(frozen=True, kw_only=True)
class YamlTooManyNodes(ProblemKind):
    code = "yaml.too_many_nodes"
    title = "内容过多"
    severity = "error"
    zh = (
        "文件中的字段和值超过 {limit} 个，从这里起未读取，整个文件不能使用。一条记录不需要这么多内容；"
        "请检查文件是否是复制粘贴或程序生成出了错，或把内容拆分成多条记录。"
    )
    en = (
        "the file holds more than {limit} keys and values; it was not read from here on and "
        "cannot be used. No record needs that many: check whether a copy and paste or a "
        "program went wrong, or split the content into several records."
    )
    limit: int


@dataclass(frozen=True, kw_only=True)
class YamlComplexKey(ProblemKind):
    code = "yaml.complex_key"
    title = "字段名不是文本"
    severity = "error"
    zh = "字段名必须是简单文本，不能是列表或映射。请改成普通的字段名。"
    en = "a key must be plain text, not a list or a mapping. Use a plain field name."


@dataclass(frozen=True, kw_only=True)
class YamlMultipleDocuments(ProblemKind):
    code = "yaml.multiple_documents"
    title = "一个文件多个文档"
    severity = "error"
    zh = "一个文件只能有一个 YAML 文档（发现多余的 ---）。请删除多余的分隔行或拆成两个文件。"
    en = (
        "a file holds one YAML document only (an extra --- was found). Remove the extra "
        "separator or split the file in two."
    )


@dataclass(frozen=True, kw_only=True)
class YamlNotMapping(ProblemKind):
    code = "yaml.not_mapping"
    title = "顶层不是映射"
    severity = "error"
    zh = "记录的顶层必须是“字段: 值”的映射，这里是{found_zh}。请按示例记录的格式书写。"
    en = (
        "the top level of a record must be a mapping of field: value, not {found_en}. "
        "Follow the layout of the demo records."
    )
    found_zh: str
    found_en: str
