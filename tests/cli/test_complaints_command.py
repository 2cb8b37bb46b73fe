"""`huifang complaints` in-process: masked by default, --open, formats, errors."""

from __future__ import annotations

import json

from clirun import FILES, TODAY, huifang_in


def complaints(records, *args: str):
    return huifang_in("complaints", "--records", str(records), *TODAY, *args)


def test_the_default_profile_is_masked_and_full_must_be_asked_for(tree):
    records = tree(FILES)
    masked, full = complaints(records), complaints(records, "--profile", "full")
    assert masked.exit_code == full.exit_code == 0
    assert "K2026-0002  C0002 李**" in masked.stdout and "李小明" not in masked.stdout
    assert "K2026-0002  C0002 李小明" in full.stdout


def test_text_has_the_monthly_analysis(tree):
    result = complaints(tree(FILES))
    assert "月度分析" in result.stdout and "K2026-0001" in result.stdout


def test_open_lists_only_complaints_with_a_stage_running_or_breached(tree):
    payload = json.loads(complaints(tree(FILES), "--open", "--format", "json").stdout)
    assert payload["version"] == 1
    for complaint in payload["complaints"]:
        assert {s["state"] for s in complaint["stages"]} & {"running", "breached"}


def test_csv_starts_with_a_byte_order_mark(tree):
    result = complaints(tree(FILES), "--format", "csv")
    assert result.exit_code == 0 and result.stdout.startswith("\ufeff编号,客户")
    assert "李小明" not in result.stdout


def test_a_missing_folder_and_a_bad_format_are_exit_2(tmp_path, tree):
    assert complaints(tmp_path / "nope").exit_code == 2
    assert complaints(tree(), "--format", "ics").exit_code == 2
