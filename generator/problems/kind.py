"""A kind of problem: its code, severity, messages and the values the messages name.

Each problem code is a frozen dataclass subclassing `ProblemKind` in a module of
`generator.problems.codes`; its fields are the placeholders of its two templates:

    @dataclass(frozen=True, kw_only=True)
    class FileTooLarge(ProblemKind):
        code = "file.too_large"
        severity = "error"
        zh = "文件有 {size} 字节，超过上限 {limit} 字节，未读取。…"
        en = "the file has {size} bytes, more than the limit of {limit}; …"
        size: int
        limit: int

A declaration is checked when its class is made, so a mistake stops the import rather
than reaching a user as a message with a hole in it: the zh and en templates together
use exactly the declared fields (each a plain `{name}`), the severity is one of
"error"/"warning". `catalogue_of` then checks that every code's prefix belongs to its
module and that no code is declared twice.
"""

from __future__ import annotations

import dataclasses
import inspect
import string
from collections.abc import Iterable
from types import ModuleType
from typing import ClassVar, get_args

from generator.present.mask import shown
from generator.problems import Problem, Severity, Source


class DeclarationError(TypeError):
    """A problem kind declared wrongly: a programming error, raised at import."""


def placeholders(template: str) -> set[str]:
    """The names a template fills in; only plain `{name}` is allowed (no format spec,
    conversion, index or attribute: a message value is text, shown as it is)."""
    names = set()
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise DeclarationError(
                f"placeholder {{{name}}} is not a plain {{name}} in {template!r}"
            )
        names.add(name)
    return names


class ProblemKind:
    """The base of every problem kind; an instance holds one problem's message values."""

    code: ClassVar[str]
    title: ClassVar[str]  # a short Chinese name of the problem (the 数据质量 page's heading)
    severity: ClassVar[Severity]
    zh: ClassVar[str]
    en: ClassVar[str]
    _fields: ClassVar[tuple[str, ...]] = ()  # set for each kind from its annotations

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        where = f"{cls.__module__}.{cls.__qualname__}"
        for name in ("code", "title", "severity", "zh", "en"):
            if not isinstance(cls.__dict__.get(name), str):
                raise DeclarationError(f"{where} declares no {name}")
        prefix, dot, rest = cls.code.partition(".")
        if not (prefix and dot and rest):
            raise DeclarationError(f"{where}: the code {cls.code!r} is not prefix.name")
        if cls.severity not in get_args(Severity):
            raise DeclarationError(f"{where}: severity {cls.severity!r} is not error or warning")
        cls._fields = tuple(inspect.get_annotations(cls))
        declared = set(cls._fields)
        used = placeholders(cls.zh) | placeholders(cls.en)
        if used != declared:
            raise DeclarationError(
                f"{cls.code}: the templates use {sorted(used)} but the fields are "
                f"{sorted(declared)} (undeclared: {sorted(used - declared)}, "
                f"unused: {sorted(declared - used)})"
            )

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        """The names of the values the messages name, in declaration order."""
        return cls._fields

    @classmethod
    def group(cls) -> str:
        """The code's prefix: "file" for file.too_large."""
        return cls.code.partition(".")[0]

    def problem(self, source: Source, path: str = "", severity: Severity | None = None) -> Problem:
        """The problem at `source` concerning the field `path` ("" for the whole file).

        Every value echoed in a message is masked by pattern, whatever field it came from,
        and shown without control characters (messages reach terminals, CI logs,
        annotations); None is shown as nothing. A `field` not given is the path."""
        path = shown(path)
        values: dict[str, object] = {}
        for name in self.fields():
            value = getattr(self, name)
            if name == "field" and value is None:
                values[name] = path
            else:
                values[name] = (
                    "" if value is None else shown(value) if isinstance(value, str) else value
                )
        return Problem(
            code=self.code,
            severity=severity or self.severity,
            source=source,
            path=path,
            message_zh=self.zh.format_map(values).strip(),
            message_en=self.en.format_map(values).strip(),
        )


def catalogue_of(modules: Iterable[ModuleType]) -> dict[str, type[ProblemKind]]:
    """Code -> kind of the kinds the modules declare, in module and declaration order.

    A module holds the codes of the prefixes in its `PREFIXES` (by default its own name's
    last part); a code outside them, or declared twice, is a DeclarationError."""
    found: dict[str, type[ProblemKind]] = {}
    for module in modules:
        prefixes = getattr(module, "PREFIXES", (module.__name__.rpartition(".")[2],))
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, ProblemKind)):
                continue
            if value.__module__ != module.__name__ or value is ProblemKind:
                continue  # imported, not declared here
            if not dataclasses.is_dataclass(value):
                raise DeclarationError(f"{value.code}: {value.__qualname__} is not a dataclass")
            if value.group() not in prefixes:
                raise DeclarationError(
                    f"{value.code} is declared in {module.__name__}, which holds {', '.join(prefixes)}"
                )
            if value.code in found:
                other = found[value.code]
                raise DeclarationError(
                    f"{value.code} is declared twice: {other.__module__}.{other.__qualname__} "
                    f"and {module.__name__}.{value.__qualname__}"
                )
            found[value.code] = value
    return found
