"""One canonical form for record files (`huifang fmt`), written with ruamel.yaml round-trip.

The canonical form:
- fields in the order the schema lists them (unknown fields after, as they were);
  maps and lists in block style, mappings indented by 2, list dashes under their key;
- a text value is single-quoted when a YAML reader would otherwise take it for
  something else (a date, a time like 10:30, a number, yes/no), and plain otherwise;
  block scalars (| and >) keep their style;
- a plain value read as a number, boolean or date in a field the schema types as
  text — an unquoted phone number or date — is quoted, keeping exactly what was typed;
- comments stay (ruamel keeps each one with the field above it), and the Markdown
  body after the front matter is kept byte for byte, as are a BOM and CRLF endings.

Plain scalars are loaded as text (the `TextResolver`), so what the user typed is what
comes back out; our own reader (generator.read.document) then checks that the data did not
change, except for the quoting fixes, before anything is written.
"""

from __future__ import annotations

import codecs
import io
from dataclasses import dataclass, field

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.compat import ordereddict
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    FoldedScalarString,
    LiteralScalarString,
    ScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tag import Tag

from generator.problems import Problem, Source
from generator.problems.catalogue import make_problem
from generator.read.document import parse_text
from generator.read.guarded_yaml import _NULLS, resolve_plain
from generator.read.schema import SchemaSet

# Long Chinese sentences must never be folded onto a second line.
LINE_WIDTH = 1000
_PYYAML = yaml.resolver.Resolver()


class TextResolver(VersionedResolver):
    """Every plain scalar is text (or null): the formatter sees exactly what was typed."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return Tag(
                suffix="tag:yaml.org,2002:null" if value in _NULLS else "tag:yaml.org,2002:str"
            )
        return super().resolve(kind, value, implicit)


def round_trip_yaml(text_scalars: bool = True) -> YAML:
    """ruamel.yaml set up for the canonical layout; `text_scalars` reads every plain
    scalar as text (for reformatting); without it, Python values are written (templates)."""
    handler = YAML(typ="rt")
    if text_scalars:
        handler.Resolver = TextResolver
        handler.preserve_quotes = True
    handler.width = LINE_WIDTH
    handler.indent(mapping=2, sequence=2, offset=0)
    return handler


def reads_as_text(text: str) -> bool:
    """Would `text`, unquoted, read back as this same text — in our reader and in YAML 1.1
    readers (PyYAML, most editors)?"""
    if resolve_plain(text) != text:
        return False
    return _PYYAML.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


def expects_text(node: dict) -> bool | None:
    """Does the schema type this field as text? None when the schema does not say."""
    kinds = node.get("type")
    if kinds is None:
        enum = node.get("enum")
        return all(isinstance(v, str) for v in enum) if enum else None
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "string" in kinds


@dataclass
class Formatted:
    """A file's canonical text, or None when it cannot be formatted (see `problems`)."""

    text: str | None
    original: str
    problems: list[Problem] = field(default_factory=list)
    data: object = None  # what the file holds, as the checker reads it (when formatted)

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.original


class _Canonicaliser:
    def __init__(self, schemas: SchemaSet, kind: str) -> None:
        self.schemas = schemas
        self.kind = kind
        self.fixed: dict[tuple, str] = {}  # path → text, for plain values quoted as text

    def value(self, value, path: tuple):
        if isinstance(value, CommentedMap):
            return self.mapping(value, path)
        if isinstance(value, CommentedSeq):
            value.fa.set_block_style()
            for index, item in enumerate(value):
                value[index] = self.value(item, (*path, index))
            return value
        if isinstance(value, str):
            return self.scalar(value, path)
        return value

    def mapping(self, mapping: CommentedMap, path: tuple) -> CommentedMap:
        mapping.fa.set_block_style()
        order = list(self.schemas.field(self.kind, path).node.get("properties", {}))
        rank = {key: index for index, key in enumerate(order)}
        keys = sorted(mapping, key=lambda k: (0, rank[k]) if k in rank else (1, 0))
        for key in keys:  # a stable sort: unknown fields keep their order, after known ones
            mapping.move_to_end(key)
        for key in keys:
            # ordereddict's own __setitem__: CommentedMap's would keep the old quoting style
            ordereddict.__setitem__(mapping, key, self.value(mapping[key], (*path, key)))
        return mapping

    def scalar(self, value: str, path: tuple):
        if isinstance(value, LiteralScalarString | FoldedScalarString):
            return value
        text = str(value)
        if not isinstance(value, ScalarString):  # typed without quotes
            wants_text = expects_text(self.schemas.field(self.kind, path).node)
            if wants_text and not reads_as_text(text):
                self.fixed[path] = text
                return SingleQuotedScalarString(text)
            return value
        return text if reads_as_text(text) else SingleQuotedScalarString(text)


def _set(data, path: tuple, value) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _cannot_format(err: RuamelError, source: Source, offset: int) -> Problem:
    """fmt.cannot_format at the line ruamel names (`offset` lines before the YAML text)."""
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 1 + offset if mark is not None else offset + 1
    detail = " ".join(str(getattr(err, "problem", None) or err).split())
    return make_problem("fmt.cannot_format", source.at(line), detail=detail)


def format_record(
    original: str, kind: str, markdown: bool, schemas: SchemaSet, source: Source
) -> Formatted:
    """The canonical text of one record file's content (already decoded)."""
    bom = codecs.BOM_UTF8.decode() if original.startswith(codecs.BOM_UTF8.decode()) else ""
    text = original[len(bom) :]
    before = parse_text(text, source, markdown)
    errors = [p for p in before.problems if p.is_error]
    if errors or before.data is None:
        return Formatted(None, original, errors)
    newline = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    if markdown:
        lines = text.split("\n")
        closing = before.body_line - 2  # the line that closes the front matter
        front = "\n".join(lines[1:closing]) + "\n"
        body = "\n".join(lines[closing + 1 :])
    else:
        front, body = text, ""
    handler = round_trip_yaml()
    try:
        data = handler.load(front.replace("\r\n", "\n"))
        canon = _Canonicaliser(schemas, kind)
        data = canon.value(data, ())
        out = io.StringIO()
        handler.dump(data, out)
    except RuamelError as err:  # what our reader accepts and ruamel does not (null: and ~:)
        return Formatted(None, original, [_cannot_format(err, source, 1 if markdown else 0)])
    yaml_text = out.getvalue().replace("\n", newline)
    result = bom + (f"---{newline}{yaml_text}---{newline}{body}" if markdown else yaml_text)

    # The guard: the formatted file must read back as the same data (quoting fixes aside).
    after = parse_text(result[len(bom) :], source, markdown)
    expected = before.data
    for path, fixed in canon.fixed.items():
        _set(expected, path, fixed)
    if after.data != expected or (markdown and after.body != before.body):
        return Formatted(None, original, [make_problem("fmt.would_change", source)])
    return Formatted(result, original, data=before.data)
