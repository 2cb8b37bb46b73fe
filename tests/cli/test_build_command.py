"""`huifang build` in-process: its help and the option errors that stop it before any page
(whole builds run as subprocesses in the site tests: MkDocs and Pagefind)."""

from __future__ import annotations

from clirun import huifang_in


def test_help_names_the_masked_default_and_the_out_folder_rules():
    result = huifang_in("build", "--help")
    text = " ".join(result.stdout.split())  # as wrapped for any terminal width
    assert result.exit_code == 0
    assert "生成网站" in text and "例子 / examples" in text
    assert "--profile [masked|full]" in text and "[default: masked]" in text
    assert "--out" in text and "检查通过后才替换" in text


def test_a_missing_records_folder_is_exit_2(tmp_path):
    result = huifang_in("build", "--records", str(tmp_path / "nope"), "--out", str(tmp_path / "s"))
    assert result.exit_code == 2 and "找不到记录目录" in result.stderr


def test_the_records_folder_as_out_is_refused(tree):
    records = tree()
    result = huifang_in(
        "build", "--records", str(records), "--today", "2026-11-23", "--out", str(records), "-q"
    )
    assert result.exit_code == 2
    assert (records / "team.yaml").exists()


def test_an_unknown_profile_is_exit_2(tree):
    result = huifang_in("build", "--records", str(tree()), "--profile", "public")
    assert result.exit_code == 2
