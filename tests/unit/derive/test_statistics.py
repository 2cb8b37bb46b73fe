"""derive/statistics.py: the survey report and visit statistics (domain.md §5: return rate
target ≥80%, distribution rate target 100%, overall and per-item satisfaction; §6 the monthly
客户拜访统计表). Seed 000's published example: 368 forms returned, 绿化 74% satisfied."""

from __future__ import annotations

from builders import day, survey, visit

from generator.derive.periods import Span
from generator.derive.statistics import (
    Rate,
    in_span,
    satisfaction_by,
    satisfaction_of,
    staff_of,
    survey_result,
    survey_trend,
    visit_stats,
)
from generator.model import Action, Issue, SurveyItem

TODAY = day("2026-11-23")


def test_item_and_overall_rates_pool_the_satisfied_levels():
    # 绿化 272 of 368 satisfied = 73.9% (seed 000: 74%); 电梯 228 of 368 = 62.0% (62%)
    items = (
        SurveyItem(name="绿化管理", counts={"满意": 272, "不满意": 96}),
        SurveyItem(name="电梯", counts={"满意": 228, "不满意": 140}),
    )
    result = survey_result(survey(distributed=400, returned=368, items=items), 0.8, TODAY)
    assert [(i.name, i.rate, str(i.rate)) for i in result.items] == [
        ("绿化管理", Rate(272, 368), "73.9%"),
        ("电梯", Rate(228, 368), "62.0%"),
    ]
    assert result.overall == Rate(500, 736)  # (272 + 228) ÷ (368 + 368)
    assert result.items[0].counts == (272, 96)  # in the survey's level order


def test_the_return_rate_target_is_eighty_percent():
    assert survey_result(survey(distributed=100, returned=80), 0.8, TODAY).return_met
    assert not survey_result(survey(distributed=100, returned=79), 0.8, TODAY).return_met
    assert not survey_result(survey(distributed=0, returned=0), 0.8, TODAY).return_met


def test_the_distribution_rate_needs_a_population():
    full = survey_result(survey(population=100, distributed=100), 0.8, TODAY)
    assert full.distribution_met is True and str(full.distribution) == "100.0%"
    short = survey_result(survey(population=120, distributed=100), 0.8, TODAY)
    assert short.distribution_met is False
    unknown = survey_result(survey(population=None), 0.8, TODAY)
    assert unknown.distribution_met is None and str(unknown.distribution) == "—"


def test_improvement_actions_are_done_overdue_or_open():
    actions = (
        Action(item="电梯", action="更换电梯", owner="S01", due=day("2026-11-30")),
        Action(item="空调", action="检修空调", due=day("2026-11-22")),
        Action(item="绿化", action="补种", due=day("2026-11-22"), done=day("2026-11-20")),
        Action(item="门禁", action="换门禁"),  # no due date: open
    )
    result = survey_result(survey(actions=actions), 0.8, TODAY)
    assert [(a.state, a.label) for a in result.actions] == [
        ("open", "进行中"),
        ("overdue", "逾期未完成"),
        ("done", "已完成"),
        ("open", "进行中"),
    ]


def test_a_trend_lists_every_item_with_no_rate_where_a_survey_lacks_it():
    first = survey_result(survey(items=(SurveyItem(name="绿化", counts={"满意": 1}),)), 0.8, TODAY)
    second = survey_result(survey(items=(SurveyItem(name="电梯", counts={"满意": 1}),)), 0.8, TODAY)
    assert survey_trend([first, second]) == [
        ("绿化", [Rate(1, 1), Rate(0, 0)]),
        ("电梯", [Rate(0, 0), Rate(1, 1)]),
    ]


def test_visit_satisfaction_counts_only_where_asked_and_neutral_is_not_satisfied():
    visits = [
        visit("2026-11-02", satisfaction="satisfied", staff=("S01", "S02")),
        visit("2026-11-03", satisfaction="neutral"),
        visit("2026-11-04", satisfaction="dissatisfied", staff=("S02",)),
        visit("2026-11-05"),  # not asked
    ]
    assert satisfaction_of(visits) == Rate(1, 3)
    assert satisfaction_by(visits, staff_of) == {"S01": Rate(1, 2), "S02": Rate(1, 2)}


def test_visit_statistics_for_a_period():
    visits = [
        visit("2026-10-31"),
        visit("2026-11-02", kind="new_customer", issues=(Issue(text="a"), Issue(text="b"))),
        visit("2026-11-16", method="meeting", customers=("C0002", "C0003")),
        visit("2026-11-30", method="onsite"),
        visit("2026-12-01"),
    ]
    november = in_span(visits, Span(day("2026-11-01"), day("2026-11-30")))
    assert [v.date.day for v in november] == [2, 16, 30]
    stats = visit_stats(november)
    assert (stats.visits, stats.customers, stats.new_customers, stats.issues) == (3, 3, 1, 2)
    assert stats.by_method == {"phone": 1, "meeting": 1, "onsite": 1}
