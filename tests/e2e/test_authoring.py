"""Writing records on request: `huifang new` and `huifang fmt`, run as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, check_json, huifang, run_in_terminal

DEMO = ROOT / "records"


@pytest.fixture
def demo(tmp_path) -> Path:
    """A copy of the shipped demo records (the team's real shape: policy, 8 staff, 60 customers)."""
    return Path(shutil.copytree(DEMO, tmp_path / "records"))


def check_now(records: Path) -> tuple[int, dict]:
    """check as of the clock: `new` stamps a complaint's registration with the time now."""
    result = huifang("check", "--records", str(records), "--format", "json", "--no-history")
    return result.returncode, json.loads(result.stdout)


def problems_in(payload: dict, path: str) -> list[dict]:
    return [p for p in payload["problems"] if p["file"] == path]


def created(result) -> Path:
    assert result.returncode == 0, result.stderr
    line = next(li for li in result.stdout.splitlines() if li.startswith("已创建"))
    return Path(line.split()[-1])


# --- new ---------------------------------------------------------------------------------
def test_new_visit_is_named_after_date_customer_and_method_and_checks_without_errors(demo):
    result = huifang(
        "new", "visit", "--records", str(demo), "--customer", "C0001", "--date", "2026-11-21",
        "--set", "method=onsite", "--set", "kind=routine", "--set", "objective=了解需求",
    )  # fmt: skip
    path = created(result)
    assert path == demo / "visits/2026/2026-11-21-C0001-onsite.md"
    text = path.read_text(encoding="utf-8")
    assert "customer: C0001  # 客户：太极科技有限公司" in text
    assert "date: '2026-11-21'" in text
    assert "- S07" in text  # the customer's owner, by default the one who visits
    # the optional fields are there, commented out, with their labels and allowed values
    assert "# satisfaction:  # 满意度：satisfied 满意 | neutral 一般 | dissatisfied 不满意" in text
    assert "# reviewed_by:" in text and "按制度应填写" in text
    code, payload = check_json(demo)
    shown = "records/visits/2026/2026-11-21-C0001-onsite.md"
    assert code == 0
    # what remains is what only the visitor can write: the conversation record
    assert [p["code"] for p in problems_in(payload, shown)] == ["visit.no_record"]
    path.write_text(text + "客户对上次维修满意，约定下月再访。\n", encoding="utf-8")
    assert problems_in(check_json(demo)[1], shown) == []
    assert huifang("fmt", "--check", "--records", str(demo), str(path)).returncode == 0


def test_new_takes_the_next_free_id_and_file_name_and_never_overwrites(demo):
    first = created(huifang("new", "visit", "--records", str(demo), "--customer", "C0002",
                            "--date", "2026-11-21"))  # fmt: skip
    second = created(huifang("new", "visit", "--records", str(demo), "--customer", "C0002",
                             "--date", "2026-11-21"))  # fmt: skip
    assert (first.name, second.name) == ("2026-11-21-C0002-phone.md", "2026-11-21-C0002-phone-2.md")
    customer = created(huifang("new", "customer", "--records", str(demo), "--staff", "S05",
                               "--set", "name=新客户有限公司", "--set", "grade=B1"))  # fmt: skip
    assert customer.name == "C0061.md"
    before = customer.read_bytes()
    again = huifang("new", "customer", "--records", str(demo), "--customer", "C0061",
                    "--staff", "S05", "--set", "name=重复", "--set", "grade=B1")  # fmt: skip
    assert again.returncode == 2 and "已存在" in again.stderr
    assert customer.read_bytes() == before
    complaint = created(huifang("new", "complaint", "--records", str(demo), "--customer", "C0001",
                                "--date", "2026-11-20 14:30", "--set", "channel=phone",
                                "--set", "category=service", "--staff", "S05"))  # fmt: skip
    assert complaint == demo / "complaints/2026/K2026-0031.md"
    assert "received: 2026-11-20 14:30" in complaint.read_text(encoding="utf-8")
    survey = created(huifang("new", "survey", "--records", str(demo)))
    assert survey.name == "2027H1.yaml"  # the demo's latest survey is 2026H2
    code, payload = check_now(demo)
    new_files = {f"records/{p.relative_to(demo).as_posix()}" for p in (customer, complaint, survey)}
    errors = [p for p in payload["problems"] if p["file"] in new_files and p["severity"] == "error"]
    assert code == 0 and errors == []
    assert huifang("fmt", "--check", "--records", str(demo)).returncode == 0


def test_new_without_required_values_says_which_to_give(demo):
    result = huifang("new", "complaint", "--records", str(demo), "--customer", "C0001")
    assert result.returncode == 2
    assert "--set channel=" in result.stderr and "--set category=" in result.stderr
    assert not list((demo / "complaints/2026").glob("K2026-0031*"))
    bad = huifang("new", "visit", "--records", str(demo), "--customer", "C0001", "--set", "nope=1")
    assert bad.returncode == 2 and "nope" in bad.stderr


def test_new_asks_for_missing_values_interactively(demo):
    # customer, then Enter to keep the defaults / skip the optional questions
    answers = "C0003\nonsite\nroutine\n了解客户需求\n\n"
    result = huifang("new", "visit", "--records", str(demo), "--interactive",
                     "--date", "2026-11-22", input=answers)  # fmt: skip
    path = created(result)
    assert "客户" in result.stdout and path.name == "2026-11-22-C0003-onsite.md"
    text = path.read_text(encoding="utf-8")
    assert "kind: routine" in text and "objective: 了解客户需求" in text
    assert "# outcome:" in text  # skipped with Enter: stays commented out


def test_new_prompts_on_a_real_terminal_without_being_asked(demo):
    """Run in a pseudo-terminal, `new visit` with no customer asks for one."""
    args = ["new", "visit", "--records", str(demo), "--date", "2026-11-22"]
    code, output = run_in_terminal(args, answer_after="客户", answer="C0004\n\n\n\n\n")
    assert code == 0, output
    assert (demo / "visits/2026/2026-11-22-C0004-phone.md").exists()


# --- fmt ---------------------------------------------------------------------------------
MESSY = """\
---
# 回访记录（手写）
staff: [S01]      # 我和小李
customer: C0001
method: phone
date: 2026-11-20   # 日期
outcome: "客户满意"
---
电话回访，客户满意。

  正文里的缩进、   空格和 --- 都原样保留。
---
"""
TIDY = """\
---
# 回访记录（手写）
customer: C0001
date: '2026-11-20' # 日期
method: phone
staff:            # 我和小李
- S01
outcome: 客户满意
---
电话回访，客户满意。

  正文里的缩进、   空格和 --- 都原样保留。
---
"""


def test_fmt_rewrites_into_the_canonical_form_keeping_comments_and_body(tree):
    records = tree({"visits/2026/2026-11-20-C0001-phone.md": MESSY})
    path = records / "visits/2026/2026-11-20-C0001-phone.md"
    check = huifang("fmt", "--check", "--records", str(records))
    assert check.returncode == 1
    assert "需要整理 / would reformat records/visits/2026/2026-11-20-C0001-phone.md" in check.stdout
    assert path.read_text(encoding="utf-8") == MESSY  # --check changes nothing
    result = huifang("fmt", "--records", str(records), str(path))
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == TIDY
    again = huifang("fmt", "--check", "--records", str(records), str(path))
    assert again.returncode == 0, again.stdout  # idempotent


def test_fmt_quotes_what_yaml_would_misread_and_the_data_stays_the_same(tree):
    customer = """\
    ---
    id: C0001
    name: 上海示例贸易有限公司
    grade: A
    owner: S01
    since: 2026-01-05
    contacts:
      - name: 张伟
        mobile: 13912345678
        birthday: 10:30
    ---
    """
    records = tree({"customers/C0001.md": customer})
    assert "schema.type" in {p["code"] for p in check_json(records)[1]["problems"]}
    result = huifang("fmt", "--records", str(records), "--diff")
    assert result.returncode == 0 and "+  mobile: '13912345678'" in result.stdout
    text = (records / "customers/C0001.md").read_text(encoding="utf-8")
    assert "since: '2026-01-05'" in text and "birthday: '10:30'" in text
    codes = {p["code"] for p in check_json(records)[1]["problems"]}
    assert "schema.type" not in codes  # the phone number is text now, exactly as typed


def test_fmt_keeps_crlf_line_endings_and_a_bom(tree):
    raw = "\ufeff---\r\ncustomer: C0001\r\nstaff: [S01]\r\ndate: '2026-11-20'\r\nmethod: phone\r\n---\r\n正文\r\n"
    records = tree({"visits/2026/2026-11-20-C0001-phone.md": raw.encode("utf-8")})
    path = records / "visits/2026/2026-11-20-C0001-phone.md"
    assert huifang("fmt", "--records", str(records), str(path)).returncode == 0
    out = path.read_bytes().decode("utf-8")
    expected = "\ufeff---\r\ncustomer: C0001\r\ndate: '2026-11-20'\r\nmethod: phone\r\nstaff:\r\n- S01\r\n---\r\n正文\r\n"
    assert out == expected


def test_fmt_leaves_a_broken_file_alone_and_says_why(tree):
    broken = "---\ncustomer: C0001\ncustomer: C0002\n---\n"
    records = tree({"visits/2026/2026-11-21-C0001-phone.md": broken, "customers/C0001.md": None})
    path = records / "visits/2026/2026-11-21-C0001-phone.md"
    result = huifang("fmt", "--records", str(records))
    assert result.returncode == 1
    assert "yaml.duplicate_key" in result.stderr and "未整理" in result.stderr
    assert path.read_text(encoding="utf-8") == broken


def test_fmt_reports_a_file_ruamel_cannot_load_and_still_formats_the_others(tree):
    # our reader takes keys as text (null and ~ differ); ruamel reads both as the null key
    both = "---\nid: C0002\nname: 乙公司\nnull: 1\n~: 2\n---\n正文\n"
    records = tree({"customers/C0002.md": both, "visits/2026/2026-11-20-C0001-phone.md": MESSY})
    result = huifang("fmt", "--records", str(records))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "records/customers/C0002.md:5:1: error fmt.cannot_format" in result.stderr
    assert "null: 和 ~:" in result.stderr and "null: and ~:" in result.stderr
    assert (records / "customers/C0002.md").read_text(encoding="utf-8") == both
    assert (records / "visits/2026/2026-11-20-C0001-phone.md").read_text("utf-8") == TIDY


def test_fmt_keeps_an_edit_saved_while_it_formatted_the_file(tree, monkeypatch):
    from generator.authoring import fmt

    records = tree({"visits/2026/2026-11-20-C0001-phone.md": MESSY})
    path = records / "visits/2026/2026-11-20-C0001-phone.md"
    edited = MESSY.replace("客户满意", "客户很满意")
    real = fmt.format_record

    def format_while_someone_saves(text, *args):
        result = real(text, *args)  # formatted from the bytes read ...
        path.write_text(edited, encoding="utf-8")  # ... and an editor saves meanwhile
        return result

    monkeypatch.setattr(fmt, "format_record", format_while_someone_saves)
    report = fmt.format_files(records, fmt.record_files(records, [path]), write=True)
    assert path.read_text(encoding="utf-8") == edited  # the edit is kept
    assert [p.code for p in report.problems] == ["fmt.changed_meanwhile"]
    assert report.problems[0].source.path == "records/visits/2026/2026-11-20-C0001-phone.md"
    assert report.changed == [] and not list(path.parent.glob(".*.tmp"))
    monkeypatch.setattr(fmt, "format_record", real)  # unchanged since read: formatted
    report = fmt.format_files(records, fmt.record_files(records, [path]), write=True)
    assert report.changed and not report.problems


def test_the_shipped_records_are_in_canonical_form():
    result = huifang("fmt", "--check", "--records", str(DEMO))
    assert result.returncode == 0, result.stdout
