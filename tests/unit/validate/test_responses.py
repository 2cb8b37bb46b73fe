"""validate/responses.py: survey responses (问卷) are named by their number, belong to a
survey that exists, answer its items in its levels within its period; a survey's own tallies
must equal its responses' sums (seed 000: 客服中心对回收的意见表进行统计分析)."""

from __future__ import annotations

from builders import LEVELS, codes, customer, day, records, response, survey

from generator.model import Level, SurveyItem
from generator.problems import Source
from generator.validate import run_checks
from generator.validate.responses import answers, file_names, tallies

TODAY = day("2026-11-23")
ITEMS = (SurveyItem("绿化管理"), SurveyItem("供电管理"))


def test_forms_numbered_without_leading_zeros_pass_others_are_warned():
    named = [response("1"), response("12"), response("368")]
    assert file_names(records(responses=named), TODAY) == []
    found = file_names(records(responses=[response("012"), response("第3份")]), TODAY)
    assert codes(found) == ["response.filename_mismatch"] * 2
    assert all(p.severity == "warning" for p in found)
    assert "问卷文件名 012 不是问卷编号" in found[0].message_zh


def test_the_same_number_twice_in_one_survey_is_a_duplicate_not_across_surveys():
    first = response("5")
    again = response("5", source=Source("records/surveys/2026H1/responses/5.md"))
    other = response("5", survey="2025H2")
    found = file_names(records(responses=[first, again, other]), TODAY)
    assert codes(found) == ["id.duplicate"]
    assert found[0].source.path.endswith("5.md") and "2026H1/5" in found[0].message_zh


def test_a_response_in_the_folder_of_no_survey_is_an_error_unless_the_survey_is_unreadable():
    lone = response("1", survey="2030H1")
    (found,) = answers(records(responses=[lone]), TODAY)
    assert found.code == "response.unknown_survey" and found.is_error
    assert "surveys/2030H1/responses/" in found.message_zh
    broken = records(responses=[lone], unreadable={"survey": frozenset({"2030H1"})})
    assert answers(broken, TODAY) == []


def test_items_and_levels_must_be_the_surveys():
    s = survey(items=ITEMS)
    form = response(answers={"绿化管理": "不满意", "绿化": "满意", "供电管理": "很好"})
    found = answers(records(surveys=[s], responses=[form]), TODAY)
    assert codes(found) == ["response.unknown_item", "response.unknown_level"]
    assert "“绿化”" in found[0].message_zh and "可选：绿化管理、供电管理" in found[0].message_zh
    assert found[0].path == "answers.绿化"
    assert "“很好”" in found[1].message_zh and "可选：满意、不满意" in found[1].message_zh


def test_the_date_within_the_period_not_in_the_future_and_a_known_customer():
    s = survey(items=ITEMS)  # period 2026-06-01 … 2026-06-20
    assert answers(records(surveys=[s], responses=[response(date=day("2026-06-01"))]), TODAY) == []
    assert answers(records(surveys=[s], responses=[response(date=day("2026-06-20"))]), TODAY) == []
    late = answers(records(surveys=[s], responses=[response(date=day("2026-06-21"))]), TODAY)
    assert codes(late) == ["response.outside_period"] and late[0].severity == "warning"
    assert "2026-06-21 不在调查 2026H1 的期间 2026-06-01 至 2026-06-20 内" in late[0].message_zh
    ahead = answers(
        records(surveys=[s], responses=[response(date=day("2026-06-10"))]), day("2026-06-09")
    )
    assert codes(ahead) == ["dates.in_future"]
    stranger = response(customer="C0099")
    found = answers(records(surveys=[s], responses=[stranger], customers=[customer()]), TODAY)
    assert codes(found) == ["ref.unknown_customer"]


def _forms():
    # three forms: 绿化管理 满意, 不满意, 不满意; 供电管理 满意, 满意 (the third leaves it out)
    return [
        response("1", answers={"绿化管理": "满意", "供电管理": "满意"}),
        response("2", answers={"绿化管理": "不满意", "供电管理": "满意"}),
        response("3", answers={"绿化管理": "不满意"}),
    ]


def test_tallies_equal_to_the_responses_sums_pass():
    s = survey(
        items=(
            SurveyItem("绿化管理", {"满意": 1, "不满意": 2}),
            SurveyItem("供电管理", {"满意": 2, "不满意": 0}),
        ),
        returned=3,
    )
    assert tallies(records(surveys=[s], responses=_forms()), TODAY) == []


def test_a_tally_that_differs_names_the_item_the_level_the_tally_and_the_count():
    s = survey(
        items=(
            SurveyItem("绿化管理", {"满意": 1, "不满意": 3}),
            SurveyItem("供电管理", {"满意": 2}),
        ),
        returned=4,
    )
    (found,) = tallies(records(surveys=[s], responses=_forms()), TODAY)
    assert found.code == "survey.tally_mismatch" and found.is_error
    assert found.path == "items[0].counts.不满意"
    assert "项目“绿化管理”评价为“不满意”的人数记为 3，但 responses/ 中的问卷有 2 份" in (
        found.message_zh
    )


def test_a_survey_without_tallies_takes_its_responses_but_not_more_than_returned():
    s = survey(items=ITEMS, returned=3)
    assert tallies(records(surveys=[s], responses=_forms()), TODAY) == []
    fewer = survey(items=ITEMS, returned=2)
    (found,) = tallies(records(surveys=[fewer], responses=_forms()), TODAY)
    assert found.code == "survey.responses_exceed_returned"
    assert "有 3 份问卷，多于回收份数 2" in found.message_zh


def test_an_ended_survey_with_neither_tallies_nor_responses_is_warned():
    s = survey(items=ITEMS)  # ended 2026-06-20
    (found,) = tallies(records(surveys=[s]), TODAY)
    assert found.code == "survey.no_tallies" and found.severity == "warning"
    assert tallies(records(surveys=[s]), day("2026-06-20")) == []  # its last day: not yet
    levels = (*LEVELS, Level("一般", False))
    counted = survey(items=(SurveyItem("绿化管理", {"满意": 5}),), levels=levels)
    assert tallies(records(surveys=[counted]), TODAY) == []


def test_all_checks_together_on_good_responses_find_nothing():
    s = survey(items=ITEMS, returned=3)
    recs = records(surveys=[s], responses=_forms())
    assert [p for p in run_checks(recs, TODAY) if "responses" in p.source.path] == []
