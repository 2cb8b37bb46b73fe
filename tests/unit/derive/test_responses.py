"""derive/responses.py: a survey's responses summed into its tallies when it has none, their
comments, and the items each response was not satisfied with (counted by hand)."""

from __future__ import annotations

from builders import records, response, survey

from generator.derive.responses import comments, dissatisfied, dissatisfied_by_customer, tallied
from generator.derive.statistics import Rate, survey_result
from generator.model import Level, SurveyItem

LEVELS = (
    Level("满意", True),
    Level("基本满意", True),
    Level("一般", False),
    Level("不满意", False),
)
ITEMS = (SurveyItem("绿化管理"), SurveyItem("维修服务"))


def _forms():
    return [
        response("1", answers={"绿化管理": "满意", "维修服务": "基本满意"}, comments="很好"),
        response("2", answers={"绿化管理": "不满意", "维修服务": "一般"}, customer="C0001"),
        response("3", answers={"绿化管理": "基本满意"}, comments="  "),
        response("4", answers={"绿化管理": "满意", "维修服务": "满意"}, comments="希望多补种"),
    ]


def test_a_survey_without_counts_takes_its_responses_sums():
    s = tallied(survey(items=ITEMS, levels=LEVELS, returned=4), _forms())
    green, repair = s.items
    assert dict(green.counts) == {"满意": 2, "基本满意": 1, "一般": 0, "不满意": 1}
    assert dict(repair.counts) == {"满意": 1, "基本满意": 1, "一般": 1, "不满意": 0}
    result = survey_result(s, 0.8, s.period.end)
    # 绿化管理: 满意 2 + 基本满意 1 of 4 answers = 75%; 维修服务: 1 + 1 of 3 (form 3 left it out)
    assert [i.rate for i in result.items] == [Rate(3, 4), Rate(2, 3)]
    assert result.overall == Rate(5, 7)


def test_a_survey_with_counts_keeps_them_and_one_without_responses_too():
    counted = survey(items=(SurveyItem("绿化管理", {"满意": 9}),), levels=LEVELS)
    assert tallied(counted, _forms()) is counted
    bare = survey(items=ITEMS, levels=LEVELS)
    assert tallied(bare, []) is bare


def test_comments_in_form_order_without_blank_ones():
    assert comments(_forms()) == ["很好", "希望多补种"]


def test_levels_not_marked_satisfied_are_dissatisfied_answers():
    s = survey(items=ITEMS, levels=LEVELS)
    first, second, *_ = _forms()
    assert dissatisfied(s, first) == []
    assert dissatisfied(s, second) == [("绿化管理", "不满意"), ("维修服务", "一般")]


def test_only_responses_naming_a_customer_are_followed_up():
    s = survey(items=ITEMS, levels=LEVELS)
    anonymous = response("5", answers={"绿化管理": "不满意"})
    found = dissatisfied_by_customer(records(surveys=[s], responses=[*_forms(), anonymous]))
    assert list(found) == ["C0001"]
    [(form, subject)] = found["C0001"]
    assert form.id == "2" and subject == "调查 2026H1 问卷 2：绿化管理（不满意）、维修服务（一般）"
