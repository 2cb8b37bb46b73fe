"""derive/responses.py: a survey's responses summed into its tallies when it has none, their
comments, and the items each response was not satisfied with (counted by hand)."""

from __future__ import annotations

from builders import context, customer, policy, records, response, survey, visit

from generator.derive.events import event_items
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


FOLLOW_UP = {
    "name": "survey_follow_up",
    "label": "调查不满意 7 天内回访",
    "after": "survey.dissatisfied",
    "within_days": 7,
    "methods": "any",
    "by": "area_agent",
}


def _follow_ups(today, *visits, forms=None):
    recs = records(
        customers=[customer("C0001", area="一区", owner="S02"), customer("C0002", area="一区")],
        surveys=[survey(items=ITEMS, levels=LEVELS)],
        responses=forms if forms is not None else _forms(),
        visits=visits,
        rules=policy(events=[FOLLOW_UP]),
    )
    return event_items(context(recs, today), recs.policy.events[0])


def test_a_dissatisfied_answer_naming_a_customer_is_followed_up_by_the_areas_agent():
    # form 2 (C0001, 2026-06-05): 绿化管理 不满意, 维修服务 一般 → by 2026-06-12, for S01, the
    # agent of 一区 (the owner S02 is a supervisor); the other forms name no customer
    [item] = _follow_ups("2026-06-10")
    assert (item.customer, item.staff, str(item.deadline), item.state) == (
        "C0001",
        ("S01",),
        "2026-06-12",
        "due_soon",
    )
    assert item.subject == "调查 2026H1 问卷 2：绿化管理（不满意）、维修服务（一般）"
    assert item.source.path == "records/surveys/2026H1/responses/2.yaml"
    assert [i.state for i in _follow_ups("2026-06-13")] == ["overdue"]


def test_the_follow_up_is_done_by_the_agents_contact_after_the_form():
    called = visit("2026-06-08", customer="C0001", staff=("S01",))
    [item] = _follow_ups("2026-06-13", called)
    assert item.state == "done" and item.evidence == (called.id,)
    before = visit("2026-06-04", customer="C0001", staff=("S01",))  # before the form: not it
    assert [i.state for i in _follow_ups("2026-06-13", before)] == ["overdue"]


def test_satisfied_forms_raise_nothing():
    happy = [response("1", customer="C0002", answers={"绿化管理": "满意", "维修服务": "基本满意"})]
    assert _follow_ups("2026-06-10", forms=happy) == []
