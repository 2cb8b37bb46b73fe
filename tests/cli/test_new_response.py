"""`huifang new response`: the next form of a survey, numbered after the ones there, with
every item of the survey to answer in its levels; accepted by `check` once filled in."""

from __future__ import annotations

import json

from clirun import huifang_in

# the base tree has 2026H1 (items 绿化管理; levels 满意, 不满意); this one begins later
SURVEY = """\
id: 2026H2
title: 2026 年下半年满意度调查
period: {start: 2026-07-01, end: 2026-12-31}
distributed: 5
returned: 3
levels:
  - {name: 满意, satisfied: true}
  - {name: 基本满意, satisfied: true}
  - {name: 不满意, satisfied: false}
items:
  - name: 绿化管理
  - name: 供电管理
"""
FORMS = {
    "surveys/2026H2.yaml": SURVEY,
    "surveys/2026H2/responses/1.yaml": (
        "household: 3栋2单元501\ndate: 2026-07-03\nanswers: {绿化管理: 满意, 供电管理: 满意}\n"
    ),
    "surveys/2026H2/responses/2.yaml": (
        "customer: C0001\ndate: 2026-07-04\nanswers: {绿化管理: 不满意}\n"
    ),
}
FOLDER = "surveys/2026H2/responses"


def new_response(records, *args: str):
    return huifang_in("new", "response", *args, "--records", str(records), "--no-interactive")


def survey_problems(records) -> list[dict]:
    """What check says of the surveys and their forms (3 returned are fewer than the
    policy's 10: that warning aside)."""
    result = huifang_in("check", "--records", str(records), "--today", "2026-11-23",
                        "--format", "json")  # fmt: skip
    return [
        p
        for p in json.loads(result.stdout)["problems"]
        if "surveys" in p["file"] and p["code"] != "survey.small_sample"
    ]


def test_the_next_form_lists_every_item_with_its_levels(tree):
    records = tree(FORMS)
    result = new_response(records, "--survey", "2026H2", "--date", "2026-07-10",
                          "--set", "household=5栋1单元302")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = records / FOLDER / "3.yaml"  # after 1.yaml and 2.yaml
    assert f"已创建 / created {path}" in result.stdout
    assert "调查 / survey 2026H2：2026 年下半年满意度调查" in result.stdout
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "household: 5栋1单元302  # 户号/房号" in lines
    assert (
        "date: '2026-07-10'  # 填写日期：YYYY-MM-DD，加引号；调查期间 2026-07-01 至 2026-12-31"
        in lines
    )
    at = lines.index("answers:  # 各项评价")
    assert lines[at + 1 : at + 3] == [
        "  # 绿化管理:  # 满意 | 基本满意 | 不满意",
        "  # 供电管理:  # 满意 | 基本满意 | 不满意",
    ]
    assert "# customer:  # 客户" in lines and "# comments:  # 意见和建议" in lines


def test_check_accepts_the_form_once_an_answer_is_filled_in(tree):
    records = tree(FORMS)
    assert new_response(records, "--date", "2026-07-10", "--customer", "C0001").exit_code == 0
    path = records / FOLDER / "3.yaml"  # the latest survey by default: 2026H2
    before = survey_problems(records)
    assert [(p["code"], p["file"]) for p in before] == [
        ("schema.type", f"records/{FOLDER}/3.yaml")  # answers: nothing yet
    ]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  # 供电管理:  #", "  供电管理: 基本满意  #"), encoding="utf-8")
    assert survey_problems(records) == []


def test_the_number_follows_every_numbered_file_there_even_a_broken_one(tree):
    records = tree({**FORMS, f"{FOLDER}/7.md": "not: [a form\n"})
    result = new_response(records, "--survey", "2026H2", "--set", "household=1栋")
    assert result.exit_code == 0, result.stderr
    assert (records / FOLDER / "8.yaml").exists()
    assert sorted(p.name for p in (records / FOLDER).iterdir()) == [
        "1.yaml", "2.yaml", "7.md", "8.yaml"
    ]  # fmt: skip


def test_the_first_form_of_a_survey_is_1(tree):
    records = tree()
    assert new_response(records, "--survey", "2026H1").exit_code == 0
    lines = (records / "surveys/2026H1/responses/1.yaml").read_text(encoding="utf-8")
    assert "  # 绿化管理:  # 满意 | 不满意\n" in lines


def test_an_unknown_survey_or_one_without_items_is_a_usage_error(tree):
    records = tree({**FORMS, "surveys/2027H1.yaml": SURVEY.replace("2026H2", "2027H1")
                    .replace("2026-07-01", "2027-01-01").replace("2026-12-31", "2027-06-30")
                    .split("items:")[0] + "items: []\n"})  # fmt: skip
    unknown = new_response(records, "--survey", "2025H2")
    assert unknown.exit_code == 2
    assert "没有调查 2025H2" in unknown.stderr and "no survey '2025H2'" in unknown.stderr
    assert "2026H1" in unknown.stderr and "2026H2" in unknown.stderr  # what there is
    empty = new_response(records, "--survey", "2027H1")
    assert empty.exit_code == 2
    assert "还没有调查项目" in empty.stderr and "has no items" in empty.stderr
    assert "Traceback" not in unknown.stderr + empty.stderr
    assert not (records / "surveys/2025H2").exists() and not (records / "surveys/2027H1").exists()
    month = new_response(records, "--survey", "2026H2", "--month", "2026-12")
    assert month.exit_code == 2 and "--month" in month.stderr
    staff = new_response(records, "--survey", "2026H2", "--staff", "S01")
    assert staff.exit_code == 2 and "names no staff" in staff.stderr
    assert sorted(p.name for p in (records / FOLDER).iterdir()) == ["1.yaml", "2.yaml"]
