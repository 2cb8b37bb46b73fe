"""The parse stage: guarded YAML, encodings, front matter, invisible characters."""

from __future__ import annotations

import pytest

from generator.problems import Source
from generator.read.document import MAX_FILE_BYTES, READ_PIECE, parse_text, read_document, read_raw
from generator.read.guarded_yaml import MAX_DEPTH, load_yaml, resolve_plain

SRC = Source("records/customers/C0001.md")


def codes(problems):
    return [(p.code, p.source.line) for p in problems]


def test_duplicate_key_names_both_lines_and_keeps_the_first():
    doc = load_yaml("id: C1\nname: 甲\nid: C2\n", SRC)
    assert doc.data == {"id": "C1", "name": "甲"}
    [problem] = doc.problems
    assert problem.code == "yaml.duplicate_key" and problem.source.line == 3
    assert "第 1 行和第 3 行" in problem.message_zh and "lines 1 and 3" in problem.message_en


def test_nested_duplicate_key_is_found_too():
    doc = load_yaml("contacts:\n  - name: 甲\n    name: 乙\n", SRC)
    assert codes(doc.problems) == [("yaml.duplicate_key", 3)]


def test_anchors_and_aliases_are_refused_and_never_expanded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    doc = load_yaml(bomb, SRC)
    found = {p.code for p in doc.problems}
    assert found == {"yaml.anchor", "yaml.alias", "file.more_problems"}  # 72 aliases: 20 listed
    assert all(v is None for v in doc.data["c"])  # aliases became None, nothing was expanded


def test_very_deep_nesting_is_an_error_not_a_crash():
    text = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    doc = load_yaml(text, SRC)
    assert doc.data is None
    assert [p.code for p in doc.problems] == ["yaml.too_deep"]
    assert str(MAX_DEPTH) in doc.problems[0].message_zh


def test_explicit_tags_are_refused_but_str_is_allowed():
    doc = load_yaml("a: !!python/object:os.system x\nb: !!str 123\n", SRC)
    assert codes(doc.problems) == [("yaml.tag", 1)]
    assert doc.data["b"] == "123"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("14:30", "14:30"),  # YAML 1.1 would make this 870 (base 60)
        ("2026-11-20", "2026-11-20"),  # dates stay text until the schema says otherwise
        ("13812345678", 13812345678),
        ("no", False),
        ("yes", True),
        ("0755", 755),
        ("1.5", 1.5),
        ("~", None),
        ("1" * 60, "1" * 60),  # long digit strings stay text
        ("张三", "张三"),
    ],
)
def test_plain_scalars_resolve_like_yaml_1_2_with_1_1_booleans(text, value):
    assert resolve_plain(text) == value


def test_syntax_error_has_line_and_chinese_explanation():
    doc = load_yaml("name: 甲\nnote: a: b\n", SRC)
    [problem] = doc.problems
    assert (problem.code, problem.source.line) == ("yaml.syntax", 2)
    assert "冒号" in problem.message_zh


def test_second_document_is_refused():
    assert [p.code for p in load_yaml("a: 1\n---\nb: 2\n", SRC).problems] == [
        "yaml.multiple_documents"
    ]


def test_front_matter_lines_are_file_lines():
    doc = parse_text("---\nid: C1\nid: C2\n---\nbody\n", SRC, markdown=True)
    assert codes(doc.problems) == [("yaml.duplicate_key", 3)]
    assert doc.body == "body\n" and doc.body_line == 5


@pytest.mark.parametrize(
    ("text", "code"),
    [("id: C1\n", "file.no_front_matter"), ("---\nid: C1\n", "file.unclosed_front_matter")],
)
def test_front_matter_must_be_there_and_closed(text, code):
    assert [p.code for p in parse_text(text, SRC, markdown=True).problems] == [code]


def test_top_level_must_be_a_mapping():
    doc = parse_text("- a\n- b\n", SRC, markdown=False)
    assert [p.code for p in doc.problems] == ["yaml.not_mapping"]
    assert "列表" in doc.problems[0].message_zh


def test_tab_is_reported_with_its_line_without_a_second_syntax_error():
    doc = parse_text("---\nid: C1\n\tname: 甲\n---\n", SRC, markdown=True)
    assert codes(doc.problems) == [("yaml.tab", 3)]


@pytest.mark.parametrize(
    ("char", "code"),
    [
        ("\u200b", "text.invisible_char"),
        ("\u202e", "text.bidi_char"),
        ("\x07", "text.control_char"),
    ],
)
def test_invisible_and_control_characters_are_errors_with_line_and_column(char, code):
    doc = parse_text(f"---\nid: C1\nname: 张{char}三\n---\n", SRC, markdown=True)
    [problem] = [p for p in doc.problems if p.code == code]
    assert (problem.source.line, problem.source.col) == (3, 8)


def test_bom_and_crlf_are_fine(tmp_path):
    path = tmp_path / "C0001.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\nid: C1\r\nname: \xe7\x94\xb2\r\n---\r\nbody\r\n")
    doc = read_document(path, SRC)
    assert doc.problems == [] and doc.data == {"id": "C1", "name": "甲"}


def test_gbk_file_is_named_and_asked_to_be_resaved(tmp_path):
    path = tmp_path / "C0001.md"
    path.write_bytes("---\nid: C1\nname: 张三\n---\n".encode("gbk"))
    [problem] = read_document(path, SRC).problems
    assert problem.code == "file.encoding_gbk" and problem.source.line == 3
    assert "UTF-8" in problem.message_zh and "GBK" in problem.message_en


def test_binary_garbage_is_not_utf8(tmp_path):
    path = tmp_path / "C0001.md"
    path.write_bytes(b"---\nid: \xff\xfe\xfd\n---\n")
    assert [p.code for p in read_document(path, SRC).problems] == ["file.encoding"]


def test_oversized_file_is_not_read(tmp_path):
    path = tmp_path / "C0001.md"
    path.write_bytes(b"a" * (MAX_FILE_BYTES + 1))
    assert [p.code for p in read_document(path, SRC).problems] == ["file.too_large"]


@pytest.mark.parametrize(
    "size", [0, READ_PIECE - 1, READ_PIECE, 3 * READ_PIECE + 7, MAX_FILE_BYTES]
)
def test_a_file_up_to_the_limit_is_read_whole_across_read_pieces(tmp_path, size):
    path = tmp_path / "C0001.md"
    content = bytes(i % 251 for i in range(size))
    path.write_bytes(content)
    assert read_raw(path, SRC) == (content, None)


def test_discover_finds_records_by_place_and_warns_for_strays(tmp_path):
    from generator.read.load import discover, kind_of

    files = [
        "team.yaml", "policy.yaml", "README.md", "notes.yaml",
        "customers/C0001.yaml", "customers/readme.md", "customers/draft.txt",
        "visits/2026/2026-11-02-C0001-phone.md", "visits/2026/_old.md",
        "misc/x.yaml", ".git/objects/a.yaml", "_drafts/visits/v.md", "visits/.tmp/v.md",
    ]  # fmt: skip
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    found, problems = discover(tmp_path)
    shown = tmp_path.name
    assert [(f.kind, f.shown) for f in found] == [
        ("customer", f"{shown}/customers/C0001.yaml"),
        ("policy", f"{shown}/policy.yaml"),
        ("team", f"{shown}/team.yaml"),
        ("visit", f"{shown}/visits/2026/2026-11-02-C0001-phone.md"),
    ]
    assert sorted((p.code, p.source.path) for p in problems) == [
        ("file.unknown_location", f"{shown}/misc/x.yaml"),
        ("file.unknown_location", f"{shown}/notes.yaml"),
    ]
    # The one rule, asked per path (the history reader and fmt do):
    assert kind_of("visits/2026/a.md") == "visit"
    assert kind_of("notes.yaml") == "stray"
    assert kind_of("_drafts/visits/v.md") is None
    assert kind_of("visits/.tmp/v.md") is None
    assert kind_of("customers/readme.md") is None
