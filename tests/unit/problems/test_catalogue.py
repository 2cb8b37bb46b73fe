"""problems/kind.py and codes/: every code declared once, in its prefix's module, with
templates that use exactly its fields; make_problem refuses what no message can say."""

from __future__ import annotations

import types
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.problems import Source
from generator.problems.catalogue import CODES, make_problem
from generator.problems.codes import MODULES
from generator.problems.codes.file import FileTooLarge
from generator.problems.kind import DeclarationError, ProblemKind, catalogue_of

SOURCE = Source("records/team.yaml", 3, 5)


def test_every_code_is_in_the_module_of_its_prefix_and_declared_once():
    declared = [
        value
        for module in MODULES
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, ProblemKind)
        and value.__module__ == module.__name__
    ]
    assert len(declared) == len(CODES) == len({kind.code for kind in declared})
    for module in MODULES:
        prefixes = getattr(module, "PREFIXES", (module.__name__.rpartition(".")[2],))
        assert all(k.group() in prefixes for k in declared if k.__module__ == module.__name__)
    assert all(CODES[kind.code] is kind for kind in declared)


def test_a_template_naming_an_undeclared_value_stops_the_import():
    with pytest.raises(DeclarationError, match=r"undeclared: \['limit'\]"):

        @dataclass(frozen=True, kw_only=True)
        class Bad(ProblemKind):
            code = "file.bad"
            title = "坏"
            severity = "error"
            zh = "文件有 {size} 字节，上限 {limit}。"
            en = "the file has {size} bytes."
            size: int


def test_a_declared_value_no_template_names_stops_the_import():
    with pytest.raises(DeclarationError, match=r"unused: \['size'\]"):

        @dataclass(frozen=True, kw_only=True)
        class Bad(ProblemKind):
            code = "file.bad"
            title = "坏"
            severity = "error"
            zh = "文件太大。"
            en = "the file is too large."
            size: int


@pytest.mark.parametrize(
    ("attrs", "match"),
    [
        ({"severity": "fatal"}, "is not error or warning"),
        ({"code": "nodot"}, "is not prefix.name"),
        ({"zh": "第 {line!r} 行"}, "not a plain"),
        ({"zh": "第 {line:>4} 行"}, "not a plain"),
        ({"en": None}, "declares no en"),
        ({"title": None}, "declares no title"),  # the 数据质量 page names it
    ],
)
def test_a_malformed_declaration_stops_the_import(attrs, match):
    body = {"code": "file.bad", "title": "坏", "severity": "error", "zh": "第 {line} 行",
            "en": "line {line}"}  # fmt: skip
    body = {k: v for k, v in (body | attrs).items() if v is not None}
    body["__annotations__"] = {"line": "int"}
    with pytest.raises(DeclarationError, match=match):
        types.new_class("Bad", (ProblemKind,), exec_body=lambda ns: ns.update(body))


def _module(name: str, *kinds: type[ProblemKind], prefixes: tuple[str, ...] | None = None):
    module = types.ModuleType(name)
    for kind in kinds:
        kind.__module__ = name
        setattr(module, kind.__name__, kind)
    if prefixes:
        module.PREFIXES = prefixes  # type: ignore[attr-defined]
    return module


def _kind(name: str, code: str) -> type[ProblemKind]:
    kind = types.new_class(
        name,
        (ProblemKind,),
        exec_body=lambda ns: ns.update(
            code=code, title="坏", severity="error", zh="坏。", en="bad."
        ),
    )
    return dataclass(frozen=True, kw_only=True)(kind)


def test_a_code_outside_its_module_s_prefixes_is_refused():
    stray = _module("generator.problems.codes.file", _kind("Stray", "yaml.stray"))
    with pytest.raises(DeclarationError, match=r"yaml\.stray is declared in .*file"):
        catalogue_of([stray])
    grouped = _module("x.identity", _kind("Kept", "path.kept"), prefixes=("id", "path"))
    assert list(catalogue_of([grouped])) == ["path.kept"]


def test_a_code_declared_twice_is_refused():
    one = _module("x.file", _kind("One", "file.twice"))
    two = _module("y.file", _kind("Two", "file.twice"))
    with pytest.raises(DeclarationError, match=r"file\.twice is declared twice"):
        catalogue_of([one, two])


def test_a_kind_that_is_no_dataclass_is_refused():
    kind = types.new_class(
        "Plain",
        (ProblemKind,),
        exec_body=lambda ns: ns.update(
            code="file.plain", title="坏", severity="error", zh="坏。", en="bad."
        ),
    )
    with pytest.raises(DeclarationError, match="not a dataclass"):
        catalogue_of([_module("x.file", kind)])


def test_an_unknown_code_or_a_missing_or_extra_value_is_a_programming_error():
    with pytest.raises(KeyError, match=r"file\.nope"):
        make_problem("file.nope", SOURCE)
    with pytest.raises(TypeError, match=r"file\.too_large: missing values \['limit'\]"):
        make_problem("file.too_large", SOURCE, size=5)
    with pytest.raises(TypeError, match=r"values not in its messages \['col'\]"):
        make_problem("yaml.tab", SOURCE, line=3, col=4)


def test_values_are_masked_and_a_field_not_given_is_the_path():
    p = make_problem("schema.required", SOURCE, "contacts[0].phone")
    assert p.message_en == "the required field contacts[0].phone is missing. Add it."
    named = make_problem("schema.required", SOURCE, "phone", field="电话")
    assert named.message_zh == "缺少必填字段 电话。请补上。" and named.path == "phone"
    masked = make_problem("id.duplicate", SOURCE, id="13912345678", other="a\x07b")
    assert "13912345678" not in masked.message_en and "\x07" not in masked.message_en
    nothing = make_problem("id.duplicate", SOURCE, id="C1", other=None)
    assert nothing.message_en.startswith("the id C1 is also used by . ")
    trusted = make_problem(
        "history.rewritten", SOURCE, verified="abc", head="def", file=Path("x/f")
    )
    assert "delete x/f " in trusted.message_en


def test_a_kind_made_directly_gives_the_problem_make_problem_gives():
    direct = FileTooLarge(size=5_000_001, limit=5_000_000).problem(SOURCE, severity="warning")
    assert direct == make_problem(
        "file.too_large", SOURCE, severity="warning", size=5_000_001, limit=5_000_000
    )
    assert direct.severity == "warning" and "5000001" in direct.message_en
