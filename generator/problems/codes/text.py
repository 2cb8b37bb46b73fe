"""Characters that do not belong in a record: control, invisible and bidirectional ones,
in the text or written as escapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class TextControlChar(ProblemKind):
    code = "text.control_char"
    title = "控制字符"
    severity = "error"
    zh = "第 {line} 行第 {col} 列有控制字符 {char}。它通常来自复制粘贴，请删除。"
    en = (
        "line {line}, column {col} contains the control character {char}, usually from "
        "copy and paste. Delete it."
    )
    line: int
    col: int
    char: str


@dataclass(frozen=True, kw_only=True)
class TextInvisibleChar(ProblemKind):
    code = "text.invisible_char"
    title = "不可见字符"
    severity = "error"
    zh = "第 {line} 行第 {col} 列有不可见字符 {char}（零宽字符）。它会让编号和比较出错，请删除。"
    en = (
        "line {line}, column {col} contains the invisible character {char} (zero width). "
        "It breaks ids and comparisons; delete it."
    )
    line: int
    col: int
    char: str


@dataclass(frozen=True, kw_only=True)
class TextBidiChar(ProblemKind):
    code = "text.bidi_char"
    title = "文字方向控制字符"
    severity = "error"
    zh = (
        "第 {line} 行第 {col} 列有文字方向控制字符 {char}，它可能让显示内容与实际内容不同。请删除。"
    )
    en = (
        "line {line}, column {col} contains the bidirectional control {char}, which can make "
        "text display differently from what it is. Delete it."
    )
    line: int
    col: int
    char: str


@dataclass(frozen=True, kw_only=True)
class TextEscapedChar(ProblemKind):
    code = "text.escaped_char"
    title = "转义写出的特殊字符"
    severity = "error"
    zh = (
        '字段 {field} 的值含有{what_zh} {char}，它是用转义写出的（例如 "\\u202E"、"\\e"、'
        '"\\t"）。这样的字符会改变显示或终端的行为，请删除这个转义。'
    )
    en = (
        "the value of {field} holds the {what_en} {char}, written as an escape (such as "
        '"\\u202E", "\\e" or "\\t"). Such characters change what is displayed or '
        "what a terminal does; delete the escape."
    )
    field: str | None = None  # the label of the field; None: the path
    what_zh: str
    char: str
    what_en: str
