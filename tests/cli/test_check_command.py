"""`huifang check` in-process: exit codes, formats, PATHS, --strict, --quiet."""

from __future__ import annotations

import json

from clirun import huifang_in
from conftest import CUSTOMER, VISIT

TODAY = ("--today", "2026-11-23")
BAD_VISIT = {"visits/2026/2026-11-21-C0009-phone.md": VISIT.replace("C0001", "C0009")}


def test_clean_records_exit_0_with_a_summary(tree):
    result = huifang_in("check", "--records", str(tree()), *TODAY, "--no-history")
    assert result.exit_code == 0, result.output
    assert "0 个错误" in result.stdout


def test_an_error_exits_1_and_names_file_and_code(tree):
    result = huifang_in("check", "--records", str(tree(BAD_VISIT)), *TODAY, "--no-history")
    assert result.exit_code == 1
    assert "records/visits/2026/2026-11-21-C0009-phone.md:" in result.stdout
    assert "ref.unknown_customer" in result.stdout


def test_json_is_versioned(tree):
    result = huifang_in("check", "--records", str(tree(BAD_VISIT)), *TODAY, "--format", "json")
    payload = json.loads(result.stdout)
    assert result.exit_code == 1 and payload["version"] == 1
    assert "ref.unknown_customer" in {p["code"] for p in payload["problems"]}


def test_paths_report_only_those_files(tree):
    records = tree(BAD_VISIT)
    other = records / "customers" / "C0001.md"
    result = huifang_in("check", str(other), "--records", str(records), *TODAY, "--no-history")
    assert result.exit_code == 0 and "C0009" not in result.stdout


def test_strict_fails_on_warnings(tree):
    # S04 has left: a customer still owned by them is a warning (ref.inactive_staff)
    records = tree({"customers/C0001.md": CUSTOMER.replace("owner: S01", "owner: S04")})
    loose = huifang_in(
        "check", "--records", str(records), *TODAY, "--no-history", "--format", "json"
    )
    codes = {p["code"] for p in json.loads(loose.stdout)["problems"]}
    assert loose.exit_code == 0 and "ref.inactive_staff" in codes
    strict = huifang_in("check", "--records", str(records), *TODAY, "--no-history", "--strict")
    assert strict.exit_code == 1


def test_quiet_prints_only_problems(tree):
    result = huifang_in("check", "--records", str(tree()), *TODAY, "--no-history", "--quiet")
    assert result.exit_code == 0 and result.stdout == ""


def test_a_missing_folder_or_policy_is_exit_2(tree, tmp_path):
    missing = huifang_in("check", "--records", str(tmp_path / "nope"))
    assert missing.exit_code == 2 and "找不到记录目录" in missing.stderr
    broken = huifang_in(
        "check", "--records", str(tree({"policy.yaml": "grades: 不是列表\n"})), *TODAY
    )
    assert broken.exit_code == 2


def test_require_signed_outside_a_repository_is_exit_2(tree):
    result = huifang_in("check", "--records", str(tree()), *TODAY, "--require-signed")
    assert result.exit_code == 2
