"""Guarded YAML reading on top of libyaml's C event parser.

PyYAML's C loader keeps the last of two duplicate keys silently, expands
aliases (an alias bomb explodes when walked) and its composer recurses (very
deep nesting crashes the process). So we take only libyaml's event stream
(fast, iterative) and build the values here, iteratively, with:

- duplicate keys reported with both lines (the first value is kept);
- anchors, aliases and explicit tags rejected;
- a depth limit and a limit on the number of nodes;
- plain scalars resolved like YAML 1.2's core schema, except that yes/no/on/off
  stay booleans as YAML 1.1 readers (and most editors) see them. Dates, times
  and phone numbers are never converted: `2026-11-20` and `14:30` stay text,
  and the schema decides what they must look like;
- a map from each field path to its (line, column) for error messages;
- at most `problems.cap.MAX_PER_CODE` problems of each code (one more says how many
  were not listed), so a file of 200,000 aliases or duplicate keys stays small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from generator.problems import Problem, Source
from generator.problems.cap import ProblemCap
from generator.problems.catalogue import make_problem

MAX_DEPTH = 24
# Keys, values, lists and maps a file may hold: the largest real record (policy.yaml) has
# a few hundred; jsonschema-rs collects every error of a document before giving the first
# (~2 KB each), so a 1 MB list of 250,000 wrong values would cost 500 MB to validate.
MAX_NODES = 50_000

_Loader: type[yaml.CSafeLoader] | type[yaml.SafeLoader]
try:  # the C parser is the fast path; the pure-Python one gives the same events
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), float("inf")),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), float("-inf")),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), float("nan")),
}
_STR_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})

# libyaml's messages, in Chinese, for the mistakes people really make.
_SYNTAX_ZH = {
    "mapping values are not allowed": "这里不能出现冒号；如果值里有冒号，请给整个值加引号",
    "did not find expected ',' or ']'": "方括号列表没有闭合",
    "did not find expected ',' or '}'": "花括号映射没有闭合",
    "found unexpected end of stream": "文件意外结束，可能有引号或括号没有闭合",
    "found character that cannot start any token": "有不能作为开头的字符（如 Tab、@、`）",
    "could not find expected ':'": "缺少冒号“:”",
    "did not find expected key": "缩进不一致，找不到应有的字段名",
    "did not find expected '-' indicator": "列表的缩进不一致",
    "found unknown escape character": "双引号中有无效的转义字符（\\），可改用单引号",
    "found unexpected ':'": "位置不对的冒号",
    "expected ',' or ']', but got": "方括号列表没有正确结束",
    "expected ',' or '}', but got": "花括号映射没有正确结束",
    "found special characters that are not allowed": "有不允许的特殊字符",
    "did not find expected node content": "缺少内容",
    "found a tab character that violates indentation": "缩进中有 Tab 字符",
    "found a tab character where an indentation space is expected": "缩进中有 Tab 字符",
    "found undefined tag handle": "未定义的标签",
    "block sequence entries are not allowed in this context": "这里不能开始列表（- ），请检查缩进",
}


def resolve_plain(text: str) -> object:
    """The value of an unquoted scalar (see the module docstring for the rules)."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if len(text) < 40:  # long digit strings stay text rather than become huge numbers
        if _INT.fullmatch(text):
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]
    return text


@dataclass
class YamlDoc:
    data: object = None
    locs: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    # the source text of unquoted scalars that did not become text (for hints)
    plain: dict[tuple, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class _Drop:
    """Marks a map entry whose value is to be skipped (after a duplicate or bad key)."""


_DROP = _Drop()
_EXPECT_KEY = object()


@dataclass
class _Frame:
    value: dict | list
    path: tuple
    key: object = _EXPECT_KEY
    key_lines: dict = field(default_factory=dict)


class _Builder:
    def __init__(self, source: Source, line_offset: int) -> None:
        self.source = source
        self.offset = line_offset
        self.doc = YamlDoc()
        self.cap = ProblemCap()
        self.stopped: list[Problem] = []  # what ended the reading: always listed
        self.stack: list[_Frame] = []
        self.skip = 0  # >0 while skipping a collection used as a key
        self.root_set = False
        self.nodes = 0

    def loc(self, mark) -> tuple[int, int]:
        return (mark.line + 1 + self.offset, mark.column + 1)

    def report(self, code: str, mark, **params: object) -> None:
        # path and severity are given (their defaults) so that **params can only be the
        # values the messages name
        line, col = self.loc(mark)
        where = self.source.at(line, col)
        if self.cap.room(code):
            self.cap.add(make_problem(code, where, "", severity=None, **params))
        else:  # only counted: the message is never made
            self.cap.skip(code, where)

    def stop(self, code: str, mark, **params: object) -> bool:
        """The problem that ends the reading (always listed, whatever the cap); False."""
        line, col = self.loc(mark)
        where = self.source.at(line, col)
        self.stopped.append(make_problem(code, where, "", severity=None, **params))
        return False

    def check_node(self, event) -> bool:
        """Anchors and explicit tags are refused; returns False if the value is unusable."""
        if event.anchor is not None:
            self.report("yaml.anchor", event.start_mark, name=event.anchor)
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STR_TAGS:
            self.report("yaml.tag", event.start_mark, tag=tag.replace("tag:yaml.org,2002:", "!!"))
            return False
        return True

    def place(self, value: object, mark, raw_plain: str | None = None) -> tuple | None:
        """Put a finished value into its parent; returns its path (None if dropped)."""
        if not self.stack:
            self.doc.data, self.root_set = value, True
            self.doc.locs[()] = self.loc(mark)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            path = (*frame.path, len(frame.value))
            frame.value.append(value)
            self.doc.locs[path] = self.loc(mark)
        else:
            key, frame.key = frame.key, _EXPECT_KEY
            if key is _DROP:
                return None
            path = (*frame.path, key)
            frame.value[key] = value
        if raw_plain is not None:
            self.doc.plain[path] = raw_plain
        return path

    def take_key(self, frame: _Frame, event: ScalarEvent) -> None:
        key = event.value
        line, col = self.loc(event.start_mark)
        if key in frame.key_lines:
            self.report(
                "yaml.duplicate_key",
                event.start_mark,
                key=key,
                first=frame.key_lines[key],
                line=line,
            )
            frame.key = _DROP
            return
        frame.key_lines[key] = line
        frame.key = key
        self.doc.locs[(*frame.path, key)] = (line, col)

    def feed(self, event) -> bool:
        """Handle one event; returns False to stop reading the document."""
        if isinstance(event, (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent)):
            self.nodes += 1
            if self.nodes > MAX_NODES:
                return self.stop("yaml.too_many_nodes", event.start_mark, limit=MAX_NODES)
        if self.skip:
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                self.skip += 1
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                self.skip -= 1
            return True
        top = self.stack[-1] if self.stack else None
        keyed = None  # the map whose next key this event is, if it is one
        if top is not None and isinstance(top.value, dict) and top.key is _EXPECT_KEY:
            keyed = top
        if isinstance(event, ScalarEvent):
            usable = self.check_node(event)
            if keyed is not None:
                self.take_key(keyed, event)
                if not usable:
                    keyed.key = _DROP
                return True
            plain = not event.style and event.implicit[0]  # libyaml gives "" for plain
            value = resolve_plain(event.value) if plain else event.value
            raw = event.value if plain and not isinstance(value, str) else None
            self.place(value if usable else None, event.start_mark, raw)
        elif isinstance(event, AliasEvent):
            self.report("yaml.alias", event.start_mark, name=event.anchor)
            if keyed is not None:
                keyed.key = _DROP
            else:
                self.place(None, event.start_mark)
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            self.check_node(event)
            if keyed is not None:
                self.report("yaml.complex_key", event.start_mark)
                keyed.key = _DROP
                self.skip = 1
                return True
            if len(self.stack) >= MAX_DEPTH:
                return self.stop("yaml.too_deep", event.start_mark, limit=MAX_DEPTH)
            container: dict | list = {} if isinstance(event, MappingStartEvent) else []
            path = self.place(container, event.start_mark)
            self.stack.append(_Frame(container, path if path is not None else ("?",)))
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            self.stack.pop()
        elif isinstance(event, DocumentStartEvent) and self.root_set:
            return self.stop("yaml.multiple_documents", event.start_mark)
        return True


def load_yaml(
    text: str,
    source: Source,
    line_offset: int = 0,
    quiet_lines: frozenset[int] = frozenset(),
) -> YamlDoc:
    """Parse one YAML document. Never raises for bad input.

    `line_offset` is the number of lines before `text` in the file (front
    matter starts on line 2). A syntax error on one of `quiet_lines` is not
    reported again (those lines already have a problem, such as a tab).
    """
    builder = _Builder(source, line_offset)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not builder.feed(event):
                builder.doc.data = None
                break
    except yaml.MarkedYAMLError as err:
        builder.doc.data = None
        mark = err.problem_mark or err.context_mark
        line, col = builder.loc(mark) if mark else (line_offset + 1, 1)
        if line not in quiet_lines:
            detail = (err.problem or err.context or "invalid YAML").strip()
            detail_zh = next(
                (zh for en, zh in _SYNTAX_ZH.items() if detail.startswith(en)), "无法解析"
            )
            builder.stopped.append(
                make_problem(
                    "yaml.syntax", source.at(line, col), detail=detail, detail_zh=detail_zh
                )
            )
    except yaml.YAMLError as err:  # reader errors without a mark (rare)
        builder.doc.data = None
        builder.stopped.append(
            make_problem(
                "yaml.syntax", source.at(line_offset + 1), detail=str(err), detail_zh="无法解析"
            )
        )
    builder.doc.problems = builder.cap.problems() + builder.stopped
    return builder.doc
