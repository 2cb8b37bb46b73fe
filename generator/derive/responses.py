"""Survey responses (问卷) as figures: their sums per item and level, which stand in for a
survey's tallies when the survey record gives none; their comments; the items a response
was not satisfied with, which an event rule `after: survey.dissatisfied` follows up.

- a response's answer counts once for its item and level; an item it leaves out is not
  answered (so an item's answers may be fewer than the forms);
- a level the survey does not mark `satisfied` (不满意, or 一般 where the team counts it
  so) is a dissatisfied answer;
- a survey with `counts` of its own keeps them (the checker compares them with the sums:
  validate/responses.py); one without takes the sums of its responses.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from generator.model import Records, Survey, SurveyItem, SurveyResponse


def by_survey(responses: Iterable[SurveyResponse]) -> dict[str, list[SurveyResponse]]:
    """Each survey's responses, in the order given (the records': by number)."""
    index: dict[str, list[SurveyResponse]] = {}
    for response in responses:
        index.setdefault(response.survey, []).append(response)
    return index


def sums(responses: Iterable[SurveyResponse]) -> Counter[tuple[str, str]]:
    """(item, level) → how many responses give that level for that item."""
    return Counter((item, level) for r in responses for item, level in r.answers.items())


def tallied(survey: Survey, responses: list[SurveyResponse]) -> Survey:
    """The survey with its responses' sums as its counts when it has no counts of its own
    (every level of the survey, 0 included); else (or without responses) as it is."""
    if survey.tallied or not responses:
        return survey
    counted = sums(responses)
    items = tuple(
        SurveyItem(item.name, {lv.name: counted[(item.name, lv.name)] for lv in survey.levels})
        for item in survey.items
    )
    return dataclasses.replace(survey, items=items)


def comments(responses: Iterable[SurveyResponse]) -> list[str]:
    """The comments written on the forms, in the forms' order (as typed: the page masks)."""
    return [r.comments for r in responses if r.comments and r.comments.strip()]


def dissatisfied(survey: Survey, response: SurveyResponse) -> list[tuple[str, str]]:
    """(item, level) of each of the survey's items the response gave a level not counted
    as satisfied, in the survey's item order."""
    unhappy = {lv.name for lv in survey.levels if not lv.satisfied}
    return [
        (item.name, response.answers[item.name])
        for item in survey.items
        if response.answers.get(item.name) in unhappy
    ]


def follow_up_subject(response: SurveyResponse, unhappy: list[tuple[str, str]]) -> str:
    """What a follow-up is about: 调查 2026H2 问卷 12：绿化管理（不满意）、…"""
    items = "、".join(f"{item}（{level}）" for item, level in unhappy)
    return f"调查 {response.survey} 问卷 {response.id}：{items}"


def dissatisfied_by_customer(records: Records) -> dict[str, list[tuple[SurveyResponse, str]]]:
    """Per customer named by a response, each response of theirs with a dissatisfied
    answer and what the follow-up is about (responses naming no customer raise none)."""
    index: dict[str, list[tuple[SurveyResponse, str]]] = {}
    for response in records.responses:
        survey = records.surveys.get(response.survey)
        if survey is None or not response.customer:
            continue
        unhappy = dissatisfied(survey, response)
        if unhappy:
            subject = follow_up_subject(response, unhappy)
            index.setdefault(response.customer, []).append((response, subject))
    return index
