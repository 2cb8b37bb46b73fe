"""`huifang fmt` in-process: --check, --diff, writing, and files it must leave alone."""

from __future__ import annotations

from clirun import huifang_in

MESSY = "---\nstaff: [S01]\nmethod: phone\ndate: 2026-11-20\ncustomer: C0001\n---\n电话回访。\n"
VISIT = "visits/2026/2026-11-20-C0001-phone.md"


def fmt(records, *args: str):
    return huifang_in("fmt", *args, "--records", str(records))


def test_check_lists_what_would_change_and_changes_nothing(tree):
    records = tree({VISIT: MESSY})
    result = fmt(records, "--check")
    assert result.exit_code == 1
    assert f"需要整理 / would reformat records/{VISIT}" in result.stdout
    assert (records / VISIT).read_text(encoding="utf-8") == MESSY


def test_diff_shows_the_change(tree):
    result = fmt(tree({VISIT: MESSY}), "--check", "--diff")
    assert result.exit_code == 1 and "+date: '2026-11-20'" in result.stdout


def test_fmt_writes_the_canonical_form_once(tree):
    records = tree({VISIT: MESSY})
    first = fmt(records, str(records / VISIT))
    assert first.exit_code == 0 and "已整理 / reformatted" in first.stdout
    text = (records / VISIT).read_text(encoding="utf-8")
    assert text.index("customer:") < text.index("date:") < text.index("staff:")
    assert text.endswith("---\n电话回访。\n")
    assert fmt(records, "--check", str(records / VISIT)).exit_code == 0  # idempotent


def test_a_broken_file_is_left_alone_with_exit_1(tree):
    broken = "---\ncustomer: C0001\ncustomer: C0002\n---\n"
    records = tree({"visits/2026/2026-11-21-C0001-phone.md": broken})
    result = fmt(records)
    assert result.exit_code == 1 and "yaml.duplicate_key" in result.stderr
    assert (records / "visits/2026/2026-11-21-C0001-phone.md").read_text("utf-8") == broken


def test_a_missing_records_folder_is_exit_2(tmp_path):
    assert fmt(tmp_path / "nope").exit_code == 2
