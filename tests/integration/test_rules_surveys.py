"""The survey settings act (issue 18, item 2): surveys.every_months makes a survey-due
team item, surveys.min_sample a check warning, distribution_rate_target a figure on the
satisfaction page. Expectations from the issue's example (last survey 2025-03, 8 forms
returned) and seed 000 (发放率 100%, 回收率 80%, 调查对象不得少于10名), not from the code."""

from __future__ import annotations

import datetime as dt

from conftest import agenda_for, check_json, rules_tree

from generator.derive.periods import add_months
from generator.derive.statistics import survey_result
from generator.model import Level, Period, Survey, SurveyItem

GRADES = "grades:\n  - {id: A, label: 重要客户}\nareas: [一区]\n"
MARCH_2025 = """\
id: 2025Q1
title: 2025 年一季度满意度调查
period: {start: 2025-03-01, end: 2025-03-20}
distributed: 10
returned: 8
levels:
  - {name: 满意, satisfied: true}
  - {name: 不满意, satisfied: false}
items:
  - name: 维修服务
    counts: {满意: 6, 不满意: 2}
"""


def _tree(tree, survey=MARCH_2025, policy=GRADES):
    return rules_tree(tree, policy, **{"surveys/2026H1.yaml": None, "surveys/2025Q1.yaml": survey})


def test_a_team_whose_last_survey_was_march_2025_has_an_overdue_survey_item(tree):
    # every 6 months from the end of the last survey, 2025-03-20: due 2025-09-20
    (item,) = [i for i in agenda_for(_tree(tree)).items if i.rule == "survey"]
    assert item.state == "overdue" and item.customer == ""
    assert item.deadline.day == dt.date(2025, 9, 20)
    assert item.staff == ("S04",)  # the team's manager (RULES_TEAM), as for team reminders
    assert "2025Q1" in item.subject


def test_the_survey_item_follows_every_months_and_shows_only_when_near(tree):
    yearly = GRADES + "surveys: {every_months: 24}\n"
    # 2025-03-20 + 24 months = 2027-03-20: far ahead on 2026-11-23, not listed
    assert not [i for i in agenda_for(_tree(tree, policy=yearly)).items if i.rule == "survey"]
    items = agenda_for(_tree(tree, policy=yearly), "2027-03-15").items
    (item,) = [i for i in items if i.rule == "survey"]
    assert (item.state, item.deadline.day) == ("due_soon", dt.date(2027, 3, 20))


def test_without_any_survey_the_first_is_due_every_months_after_due_start(tree):
    policy = GRADES + "due: {start: 2026-01-15}\n"
    records = rules_tree(tree, policy, **{"surveys/2026H1.yaml": None})
    (item,) = [i for i in agenda_for(records).items if i.rule == "survey"]
    assert (item.state, item.deadline.day) == ("overdue", dt.date(2026, 7, 15))


def test_months_are_added_on_the_calendar():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2025, 3, 20), 6) == dt.date(2025, 9, 20)
    assert add_months(dt.date(2026, 12, 1), 1) == dt.date(2027, 1, 1)


def test_fewer_returned_forms_than_min_sample_is_a_warning(tree):
    _, payload = check_json(_tree(tree), "--today", "2026-11-23")
    (small,) = [p for p in payload["problems"] if p["code"] == "survey.small_sample"]
    assert small["severity"] == "warning" and small["file"].endswith("2025Q1.yaml")
    assert "8 份" in small["message"]["zh"] and "10 份" in small["message"]["zh"]
    eight = GRADES + "surveys: {min_sample: 8}\n"
    _, payload = check_json(_tree(tree, policy=eight), "--today", "2026-11-23")
    assert not [p for p in payload["problems"] if p["code"] == "survey.small_sample"]


def test_more_forms_distributed_than_households_is_an_error(tree):
    survey = MARCH_2025.replace("distributed: 10", "population: 9\ndistributed: 10")
    _, payload = check_json(_tree(tree, survey), "--today", "2026-11-23")
    assert "survey.distributed_exceeds_population" in {p["code"] for p in payload["problems"]}


def _survey(population, distributed=368) -> Survey:
    return Survey(
        id="2026H1",
        period=Period(dt.date(2026, 7, 1), dt.date(2026, 7, 31)),
        population=population,
        distributed=distributed,
        returned=300,
        levels=(Level("满意", True), Level("不满意", False)),
        items=(SurveyItem("电梯服务", {"满意": 186, "不满意": 114}),),
    )


def test_distribution_rate_is_distributed_over_the_population_against_its_target():
    # 368 forms to 400 households: 92%, short of 100%
    result = survey_result(_survey(400), 0.8, dt.date(2026, 11, 23), 1.0)
    assert str(result.distribution) == "92.0%" and result.distribution_met is False
    full = survey_result(_survey(368), 0.8, dt.date(2026, 11, 23), 1.0)
    assert str(full.distribution) == "100.0%" and full.distribution_met is True
    # a team whose target is 90%: 92% meets it
    assert survey_result(_survey(400), 0.8, dt.date(2026, 11, 23), 0.9).distribution_met is True
    unknown = survey_result(_survey(None), 0.8, dt.date(2026, 11, 23), 1.0)
    assert str(unknown.distribution) == "—" and unknown.distribution_met is None


def test_the_satisfaction_page_shows_the_distribution_rate(tree, tmp_path):
    from conftest import build_site

    survey = MARCH_2025.replace("distributed: 10", "population: 20\ndistributed: 10")
    result, work = build_site(_tree(tree, survey), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (work / "docs" / "satisfaction.md").read_text(encoding="utf-8")
    assert "发放率 <strong>50.0%</strong>（应发 20 份，目标 100%，" in page
    assert "未达标" in page
