"""validate/surveys.py: tallies add up, and enough forms came back (domain.md §5: car repair
samples at least 10 customers every half year; schema default surveys.min_sample 10)."""

from __future__ import annotations

from builders import codes, policy, records, survey

from generator.model import SurveyItem
from generator.validate.surveys import survey_counts, survey_samples

TODAY = None  # neither check reads the day


def _counts(**fields):
    return codes(survey_counts(records(surveys=[survey(**fields)]), TODAY))


def test_tallies_that_add_up_raise_nothing():
    item = SurveyItem(name="绿化管理", counts={"满意": 70, "不满意": 20})  # 90 = returned
    assert _counts(population=100, distributed=100, returned=90, items=(item,)) == []


def test_more_distributed_than_the_population_and_more_returned_than_distributed():
    # 发放率 cannot exceed 100% (domain.md §5): 101 forms for 100 households
    assert _counts(population=100, distributed=101, returned=90) == [
        "survey.distributed_exceeds_population"
    ]
    assert _counts(distributed=80, returned=81) == ["survey.returned_exceeds_distributed"]


def test_without_a_population_the_distribution_is_not_compared():
    assert _counts(population=None, distributed=5000, returned=90) == []


def test_an_item_answered_more_often_than_forms_came_back_and_an_unknown_level():
    over = SurveyItem(name="电梯", counts={"满意": 60, "不满意": 31})  # 91 > 90 returned
    odd = SurveyItem(name="供水管理", counts={"一般": 1})  # not one of 满意/不满意
    found = survey_counts(records(surveys=[survey(items=(over, odd))]), TODAY)
    assert codes(found) == ["survey.counts_exceed_returned", "survey.unknown_level"]
    assert found[0].path == "items[0]" and found[1].path == "items[1].counts.一般"


def test_fewer_than_ten_returned_forms_is_a_small_sample():
    # min_sample 10 (schema default, domain.md §5 "a sample of ≥10"): 9 is short, 10 is enough
    small = survey("2026H1", distributed=20, returned=9)
    enough = survey("2026H2", distributed=20, returned=10)
    found = survey_samples(records(surveys=[small, enough]), TODAY)
    assert codes(found) == ["survey.small_sample"]
    assert found[0].source.path == "records/surveys/2026H1.yaml"


def test_the_team_sets_its_own_minimum_and_an_unusable_policy_judges_none():
    rules = policy(surveys={"min_sample": 30})
    assert codes(survey_samples(records(surveys=[survey()], rules=rules), TODAY)) == []
    rules = policy(surveys={"min_sample": 91})  # 90 returned
    assert codes(survey_samples(records(surveys=[survey()], rules=rules), TODAY)) == [
        "survey.small_sample"
    ]
    unusable = records(surveys=[survey(returned=1, distributed=1)], policy_usable=False)
    assert survey_samples(unusable, TODAY) == []
