"""Survey responses (问卷): named by their number (1.yaml, 12.yaml: no leading zeros, once
per survey), in the folder of a survey that exists, answering its items in its levels, dated
within its period and not after today, naming a known customer if any; and a survey's
tallies against them: a survey that gives counts must have exactly its responses' sums
(when it has responses), one that gives none has no more responses than forms returned,
and a survey that has ended with neither has no figures at all (a warning)."""

from __future__ import annotations

import re
from datetime import date

from generator.derive.responses import by_survey, sums
from generator.model import Records, Survey, SurveyResponse
from generator.problems import Problem
from generator.problems.catalogue import make_problem
from generator.validate.common import problem_at
from generator.validate.dates import _not_future
from generator.validate.references import _unknown

NUMBER = re.compile(r"[1-9][0-9]{0,6}")  # a form's number, as the file name


def file_names(records: Records, today: date) -> list[Problem]:
    problems = []
    first: dict[tuple[str, str], SurveyResponse] = {}
    for response in records.responses:
        if not NUMBER.fullmatch(response.id):
            problems.append(
                make_problem("response.filename_mismatch", response.source, "", stem=response.id)
            )
        key = (response.survey, response.id)
        if key in first:  # 12.yaml and 12.md: the same form twice
            other = first[key].source
            problems.append(
                make_problem(
                    "id.duplicate",
                    response.source,
                    "",
                    id=f"{response.survey}/{response.id}",
                    other=f"{other.path}:{other.line}",
                )
            )
        else:
            first[key] = response
    return problems


def answers(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    unread = records.unreadable.get("survey", frozenset())
    for response in records.responses:
        problems += _unknown(records, "customer", response, ("customer",), response.customer)
        problems += _not_future(
            records, "survey_response", response, ("date",), response.date, today
        )
        survey = records.surveys.get(response.survey)
        if survey is None:
            if response.survey not in unread:  # a survey file that exists but is broken
                problems.append(
                    make_problem(
                        "response.unknown_survey", response.source, "", survey=response.survey
                    )
                )
            continue
        problems += _against_survey(records, survey, response)
    return problems


def _against_survey(records: Records, survey: Survey, response: SurveyResponse) -> list[Problem]:
    problems = []
    items = [item.name for item in survey.items]
    levels = [level.name for level in survey.levels]
    for item, level in response.answers.items():
        where = ("answers", item)
        if item not in items:
            problems.append(
                problem_at(
                    records,
                    "response.unknown_item",
                    response,
                    where,
                    item=item,
                    survey=survey.id,
                    allowed="、".join(items),
                )
            )
        elif level not in levels:
            problems.append(
                problem_at(
                    records,
                    "response.unknown_level",
                    response,
                    where,
                    item=item,
                    level=level,
                    survey=survey.id,
                    allowed="、".join(levels),
                )
            )
    period = survey.period
    if not period.start <= response.date <= period.end:
        problems.append(
            problem_at(
                records,
                "response.outside_period",
                response,
                ("date",),
                date=response.date.isoformat(),
                survey=survey.id,
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            )
        )
    return problems


def tallies(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    forms = by_survey(records.responses)
    for survey in records.survey_list:
        responses = forms.get(survey.id, [])
        if survey.tallied and responses:
            problems += _mismatches(records, survey, responses)
        elif responses and len(responses) > survey.returned:
            problems.append(
                problem_at(
                    records,
                    "survey.responses_exceed_returned",
                    survey,
                    ("returned",),
                    count=len(responses),
                    returned=survey.returned,
                )
            )
        elif not survey.tallied and not responses and survey.period.end < today:
            problems.append(
                problem_at(
                    records,
                    "survey.no_tallies",
                    survey,
                    ("items",),
                    end=survey.period.end.isoformat(),
                    survey=survey.id,
                )
            )
    return problems


def _mismatches(records: Records, survey: Survey, responses: list[SurveyResponse]):
    counted = sums(responses)
    for index, item in enumerate(survey.items):
        for level in survey.levels:
            tally = item.counts.get(level.name, 0)
            count = counted[(item.name, level.name)]
            if tally != count:
                yield problem_at(
                    records,
                    "survey.tally_mismatch",
                    survey,
                    ("items", index, "counts", level.name),
                    item=item.name,
                    level=level.name,
                    tally=tally,
                    count=count,
                )


CHECKS = (file_names, answers, tallies)
