"""Survey responses (问卷) through the commands: `check` reads them from
records/surveys/<survey>/responses/, sums them against the survey's tallies and masks the
household in what it says; `fmt` puts one in canonical form; folders deeper than
responses/ hold no records."""

from __future__ import annotations

import json

from clirun import huifang_in

# the base tree's survey 2026H1 counts 绿化管理 满意 70, 不满意 20 of 90 forms returned
NO_COUNTS = """\
id: 2026H1
title: 2026 年上半年满意度调查
period: {start: 2026-06-01, end: 2026-06-20}
distributed: 5
returned: 3
levels:
  - {name: 满意, satisfied: true}
  - {name: 不满意, satisfied: false}
items:
  - name: 绿化管理
  - name: 供电管理
"""
FORMS = {
    "surveys/2026H1/responses/1.yaml": (
        "household: 3栋2单元501\ndate: 2026-06-03\nanswers: {绿化管理: 满意, 供电管理: 满意}\n"
    ),
    "surveys/2026H1/responses/2.yaml": (
        "customer: C0001\ndate: 2026-06-04\nanswers: {绿化管理: 不满意}\n"
        "comments: 草坪枯黄，请回电 13812345678\n"
    ),
}


def check(records, sample: bool = False):
    """The problems of the survey and its responses (without the small sample's warning:
    3 forms are fewer than the policy's 10, seed 000's 调查对象不得少于10名)."""
    result = huifang_in("check", "--records", str(records), "--today", "2026-11-23",
                        "--format", "json")  # fmt: skip
    return [
        p
        for p in json.loads(result.stdout)["problems"]
        if "surveys" in p["file"] and (sample or p["code"] != "survey.small_sample")
    ]


def test_responses_of_a_survey_without_counts_are_read_and_pass(tree):
    found = check(tree({"surveys/2026H1.yaml": NO_COUNTS, **FORMS}), sample=True)
    assert [p["code"] for p in found] == ["survey.small_sample"]  # 3 returned, fewer than 10


def test_responses_against_the_surveys_own_tallies_name_each_difference(tree):
    first = "household: 3栋2单元501\ndate: 2026-06-03\nanswers: {绿化管理: 满意}\n"
    forms = {**FORMS, "surveys/2026H1/responses/1.yaml": first}
    found = check(tree(forms))  # the base survey's 70 and 20 against 1 and 1
    assert [(p["code"], p["file"], p["line"]) for p in found] == [
        ("survey.tally_mismatch", "records/surveys/2026H1.yaml", 11),
        ("survey.tally_mismatch", "records/surveys/2026H1.yaml", 11),
    ]
    assert "记为 70，但 responses/ 中的问卷有 1 份" in found[0]["message"]["zh"]
    assert "记为 20，但 responses/ 中的问卷有 1 份" in found[1]["message"]["zh"]


def test_a_household_typed_as_a_number_is_masked_as_an_address_in_the_message(tree):
    form = "household: 13812345678\ndate: 2026-06-03\nanswers: {绿化管理: 满意}\n"
    records = tree({"surveys/2026H1.yaml": NO_COUNTS, "surveys/2026H1/responses/1.yaml": form})
    [found] = check(records)
    assert found["code"] == "schema.type" and found["file"].endswith("responses/1.yaml")
    # masked as an address (x-pii address: nothing without a district), not as a phone
    assert "13812345678" not in found["message"]["zh"] + found["message"]["en"]
    assert '实际是 整数 "***"' in found["message"]["zh"]


def test_a_form_with_neither_household_nor_customer_is_refused(tree):
    form = "date: 2026-06-03\nanswers: {绿化管理: 满意}\n"
    records = tree({"surveys/2026H1.yaml": NO_COUNTS, "surveys/2026H1/responses/1.yaml": form})
    [found] = check(records)
    assert found["severity"] == "error" and found["file"].endswith("responses/1.yaml")


def test_a_folder_below_responses_is_a_stray(tree):
    form = FORMS["surveys/2026H1/responses/1.yaml"]
    records = tree({"surveys/2026H1.yaml": NO_COUNTS, "surveys/2026H1/responses/old/1.yaml": form})
    found = check(records)
    assert [(p["code"], p["file"]) for p in found] == [
        ("survey.no_tallies", "records/surveys/2026H1.yaml"),  # no counts and no responses
        ("file.unknown_location", "records/surveys/2026H1/responses/old/1.yaml"),
    ]


def test_fmt_puts_a_response_in_the_schemas_order_with_its_date_quoted(tree):
    messy = "comments: 很好\nanswers:\n  绿化管理: 满意\ndate: 2026-06-03\nhousehold: 1栋101\n"
    records = tree({"surveys/2026H1.yaml": NO_COUNTS, "surveys/2026H1/responses/7.yaml": messy})
    result = huifang_in("fmt", "--records", str(records))
    assert result.exit_code == 0, result.stderr
    text = (records / "surveys/2026H1/responses/7.yaml").read_text(encoding="utf-8")
    assert text == (
        "household: 1栋101\ndate: '2026-06-03'\nanswers:\n  绿化管理: 满意\ncomments: 很好\n"
    )
