"""The command line as a user meets it."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, huifang

VISIT_ON_25TH = (
    "---\ncustomer: C0001\ndate: 2026-11-25\nmethod: phone\nstaff: [S03]\n---\n电话回访。\n"
)


def test_help_lists_the_commands_in_chinese_and_english():
    result = huifang("--help")
    assert result.returncode == 0
    assert "check" in result.stdout and "demo" in result.stdout and "回访台" in result.stdout


def test_version():
    assert huifang("--version").stdout.startswith("huifang, version")


def test_python_dash_m_generator_is_the_same_command(tree):
    records = tree()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "check",
            "--records",
            str(records),
            "--today",
            "2026-11-23",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0 and "0 个错误" in result.stdout


def test_missing_records_folder_is_a_usage_error(tmp_path):
    result = huifang("check", "--records", str(tmp_path / "nope"))
    assert result.returncode == 2 and "找不到记录目录" in result.stderr


def test_bad_today_is_a_usage_error(tree):
    result = huifang("check", "--records", str(tree()), "--today", "2026/11/23")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_the_day_can_come_from_huifang_today_and_the_option_wins(tree):
    records = tree({"visits/2026/2026-11-25-C0001-phone.md": VISIT_ON_25TH})
    check = ("check", "--records", str(records), "--format", "json", "--no-history")

    def future_visits(*extra: str, day: str) -> int:
        result = huifang(*check, *extra, env={"HUIFANG_TODAY": day})
        return [p["code"] for p in json.loads(result.stdout)["problems"]].count("dates.in_future")

    assert future_visits(day="2026-11-23") == 1
    assert future_visits(day="2026-11-26") == 0
    assert future_visits("--today", "2026-11-23", day="2026-11-26") == 1
    bad = huifang(*check, env={"HUIFANG_TODAY": "11/23"})
    assert bad.returncode == 2 and "HUIFANG_TODAY" in bad.stderr


def test_default_records_folder_is_records_in_the_current_directory(tree):
    records = tree()
    result = huifang("check", "--today", "2026-11-23", "--quiet", cwd=records.parent)
    assert result.returncode == 0 and result.stdout == ""


def test_check_never_writes_into_records(tree):
    records = tree({"visits/2026/2026-11-21-C0001-phone.md": "---\ncustomer: C0001\n---\n"})
    before = {p: p.read_bytes() for p in records.rglob("*") if p.is_file()}
    huifang("check", "--records", str(records), "--format", "json")
    after = {p: p.read_bytes() for p in records.rglob("*") if p.is_file()}
    assert before == after
