"""The team's mkdocs.yml: every setting that would break the site's guarantees stops `huifang
build` (and serve) before any record is read, with the file, the line, the key, why and how
to fix it in Chinese and English — exit 2, never a traceback."""

from __future__ import annotations

import pytest
from clirun import huifang_in

REFUSED = {
    "plugins": ("plugins:\n  - search\n", 1, "plugins", "Pagefind"),
    "plugins, social cards": ("plugins: [social]\n", 1, "plugins", "other hosts"),
    "Google Fonts": ("theme:\n  font:\n    text: Roboto\n", 2, "theme.font", "Google Fonts"),
    "a script": ("extra_javascript: [https://cdn.example.com/a.js]\n", 1, "extra_javascript", "scripts are refused"),
    "analytics": ("extra:\n  analytics:\n    provider: google\n", 2, "extra.analytics", "another host"),
    "the generator link": ("extra:\n  generator: true\n", 2, "extra.generator", "another host"),
    "custom_dir": ("theme:\n  custom_dir: overrides\n", 2, "theme.custom_dir", "theme override"),
    "docs_dir": ("docs_dir: docs\n", 1, "docs_dir", "site_pages/"),
    "site_dir": ("site_dir: public\n", 1, "site_dir", "--out"),
    "hooks": ("hooks: [my_hook.py]\n", 1, "hooks", "remove `hooks`"),
    "use_directory_urls": ("use_directory_urls: true\n", 1, "use_directory_urls", ".html"),
    "snippets": ("markdown_extensions:\n  - pymdownx.snippets\n", 2, "markdown_extensions.0", "past the checks"),
    "an unknown extension": ("markdown_extensions:\n  - markdown_exec\n", 2, "markdown_extensions.0", "allow-list"),
    "a python tag": ("markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
                     "        - format: !!python/name:pymdownx.superfences.fence_code_format\n",
                     4, "", "import and run code"),
    "repo_url": ("repo_url: https://github.com/example/records\n", 1, "repo_url", "in the browser"),
    "site_url": ("site_url: https://example.com/\n", 1, "site_url", "canonical"),
    "a palette switch": ("theme:\n  palette:\n    - scheme: default\n    - scheme: slate\n", 2, "theme.palette", "form"),
    "instant loading": ("theme:\n  features: [navigation.instant]\n", 2, "theme.features.0", "instant"),
    "an unknown key": ("extra_templates_dir: x\n", 1, "extra_templates_dir", "not a setting"),
    "a missing page": ("nav:\n  - 制度: 制度.md\n", 2, "nav.0.制度", "site_pages/"),
}  # fmt: skip


@pytest.mark.parametrize("name", REFUSED)
def test_a_setting_that_breaks_a_guarantee_is_refused_with_where_why_and_how(tree, name):
    text, line, key, why = REFUSED[name]
    records = tree()
    team = records.parent / "mkdocs.yml"
    team.write_text(text, encoding="utf-8")
    result = huifang_in(
        "build", "--records", str(records), "--today", "2026-11-23",
        "--out", str(records.parent / "site"), "--work", str(records.parent / "work"), "-q",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{team}:{line}:"), first
    assert f": {key}: " in first or not key, first
    assert why in first and " / " in first
    assert any("\u4e00" <= ch <= "\u9fff" for ch in first.split(" / ")[0])
    assert "网站没有生成 / the team's mkdocs.yml cannot be used" in result.stderr
    assert not (records.parent / "site").exists() and not (records.parent / "work").exists()


def test_config_names_another_file_and_a_missing_one_is_exit_2(tree):
    records = tree()
    other = records.parent / "elsewhere.yml"
    other.write_text("plugins: [privacy]\n", encoding="utf-8")
    out = str(records.parent / "site")
    refused = huifang_in("build", "--records", str(records), "--config", str(other), "--out", out)
    assert refused.exit_code == 2 and refused.stderr.startswith(f"{other}:1: plugins:")
    missing = huifang_in("build", "--records", str(records), "--config", "nope.yml", "--out", out)
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_a_script_or_a_link_in_the_team_folder_is_refused(tree):
    records = tree()
    (records.parent / "mkdocs.yml").write_text("site_name: 团队\n", encoding="utf-8")
    pages = records.parent / "site_pages"
    pages.mkdir()
    (pages / "x.js").write_text("alert(1)\n", encoding="utf-8")
    result = huifang_in("build", "--records", str(records), "--out", str(records.parent / "s"))
    assert result.exit_code == 2 and "no scripts or HTML" in result.stderr
    (pages / "x.js").unlink()
    (pages / "c.md").symlink_to(records / "team.yaml")
    result = huifang_in("build", "--records", str(records), "--out", str(records.parent / "s"))
    assert result.exit_code == 2 and "a link" in result.stderr
    (pages / "c.md").unlink()
    (pages / "customers").mkdir()
    (pages / "customers" / "C0001.md").write_text("# 假的\n", encoding="utf-8")
    result = huifang_in("build", "--records", str(records), "--out", str(records.parent / "s"))
    assert result.exit_code == 2 and "the generated site uses this name" in result.stderr


def test_build_help_says_which_file_is_read():
    text = " ".join(huifang_in("build", "--help").stdout.split())
    assert "--config" in text and "mkdocs.yml in the folder that holds the records folder" in text
