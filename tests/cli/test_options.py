"""What the commands share: one --profile (masked unless full is asked for), one --today."""

from __future__ import annotations

import click
import pytest
from clirun import huifang_in

from generator.cli import main

COMMANDS = sorted(main.commands)


def options(name: str) -> dict[str, click.Parameter]:
    return {p.name: p for p in main.commands[name].params if p.name}


def test_the_help_lists_every_command_with_chinese_labels():
    result = huifang_in("--help")
    assert result.exit_code == 0
    assert "回访台" in result.stdout
    for name in ("check", "due", "complaints", "history", "build", "serve", "demo", "new", "fmt"):
        assert f"  {name} " in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_each_commands_help_is_bilingual(name):
    result = huifang_in(name, "--help")
    assert result.exit_code == 0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.stdout), name
    assert "-h, --help" in result.stdout


def test_every_profile_option_defaults_to_masked():
    """The fixed bug: due, complaints and history defaulted to full, build to masked."""
    having = [name for name in COMMANDS if "profile" in options(name)]
    assert having == ["build", "complaints", "due", "history", "serve"]
    for name in having:
        profile = options(name)["profile"]
        assert profile.default == "masked", name
        assert isinstance(profile.type, click.Choice)
        assert list(profile.type.choices) == ["masked", "full"], name


def test_one_profile_and_one_today_declaration_everywhere():
    """Declared once (generator.cli.options): every command has the same help for them."""
    for option in ("profile", "today"):
        helps = {options(n)[option].help for n in COMMANDS if option in options(n)}
        assert len(helps) == 1, option


@pytest.mark.parametrize("name", ["check", "due", "complaints", "build"])
def test_a_bad_today_is_a_usage_error(tree, name):
    result = huifang_in(name, "--records", str(tree()), "--today", "2026/11/23")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_a_today_outside_the_supported_years_is_a_usage_error(tree):
    result = huifang_in("due", "--records", str(tree()), "--today", "2106-01-01")
    assert result.exit_code == 2 and "2105-12-31" in result.stderr


def test_an_unknown_profile_is_a_usage_error(tree):
    result = huifang_in("due", "--records", str(tree()), "--profile", "public")
    assert result.exit_code == 2 and "masked" in result.stderr
