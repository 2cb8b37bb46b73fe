"""Documentation stays true: every command and option, every schema field, every problem code."""

from __future__ import annotations

import click
from click.testing import CliRunner
from conftest import ROOT

from generator.cli import main
from generator.cli.reference import main as reference_command
from generator.problems.catalogue import CODES
from generator.read.schema import KINDS, SchemaSet
from generator.report import reference


def test_every_cli_command_and_option_is_documented():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert f"## `huifang {name}`" in text, name
        assert command.help and any("\u4e00" <= ch <= "\u9fff" for ch in command.help), (
            f"{name} help has Chinese"
        )
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}" in text, f"{name} {opt} is not in docs/cli.md"


def test_every_schema_field_has_a_chinese_title_a_description_and_a_pii_class():
    schemas = SchemaSet()
    for kind in KINDS:
        for path, node, _ in reference.fields(schemas, kind):
            where = f"{kind}: {'.'.join(map(str, path))}"
            assert node.get("title"), f"{where} has no title"
            assert any("\u4e00" <= ch <= "\u9fff" for ch in node["title"]), (
                f"{where} title is not Chinese"
            )
            assert node.get("description"), f"{where} has no description"
            assert node.get("x-pii") in {
                "none",
                "name",
                "phone",
                "email",
                "wechat",
                "id_number",
                "address",
                "birthday",
                "free_text",
            }, where
            if "enum" in node:
                assert len(node.get("enumDescriptions", [])) == len(node["enum"]), (
                    f"{where} enum labels"
                )


def test_generated_reference_pages_are_up_to_date():
    result = CliRunner().invoke(reference_command, ["--check", str(ROOT / "docs" / "reference")])
    assert result.exit_code == 0, f"run: make docs\n{result.output}"


def test_the_reference_command_writes_checks_and_wants_one_of_the_two(tmp_path):
    run = CliRunner().invoke
    stale = run(reference_command, ["--check", str(tmp_path)])
    assert stale.exit_code == 1 and "out of date (run: make docs)" in stale.output
    assert run(reference_command, ["--write", str(tmp_path / "ref")]).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "ref").iterdir()) == ["problems.md", "records.md"]
    assert run(reference_command, ["--check", str(tmp_path / "ref")]).exit_code == 0
    assert run(reference_command, []).exit_code == 2
    both = ["--write", str(tmp_path), "--check", str(tmp_path)]
    assert run(reference_command, both).exit_code == 2


def test_every_problem_code_is_in_the_reference_and_bilingual():
    text = (ROOT / "docs" / "reference" / "problems.md").read_text(encoding="utf-8")
    for code, entry in CODES.items():
        assert f"`{code}`" in text
        assert any("\u4e00" <= ch <= "\u9fff" for ch in entry.zh), code
        assert entry.en and entry.en != entry.zh and entry.en[0].isascii(), code


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
