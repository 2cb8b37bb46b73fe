"""Survey tallies add up: distributed ≤ population, returned ≤ distributed, item counts ≤
returned, known levels; and a survey has at least the policy's `surveys.min_sample` returned
forms (seed 000: 调查对象不得少于10名)."""

from __future__ import annotations

from datetime import date

from generator.model import Records
from generator.problems import Problem
from generator.validate.common import problem_at


def survey_counts(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for s in records.survey_list:
        if s.population is not None and s.distributed > s.population:
            problems.append(
                problem_at(
                    records,
                    "survey.distributed_exceeds_population",
                    s,
                    ("distributed",),
                    distributed=s.distributed,
                    population=s.population,
                )
            )
        if s.returned > s.distributed:
            problems.append(
                problem_at(
                    records,
                    "survey.returned_exceeds_distributed",
                    s,
                    ("returned",),
                    returned=s.returned,
                    distributed=s.distributed,
                )
            )
        levels = [level.name for level in s.levels]
        for i, item in enumerate(s.items):
            for name in item.counts:
                if name not in levels:
                    problems.append(
                        problem_at(
                            records,
                            "survey.unknown_level",
                            s,
                            ("items", i, "counts", name),
                            item=item.name,
                            level=name,
                            allowed="、".join(levels),
                        )
                    )
            total = sum(item.counts.values())
            if total > s.returned:
                problems.append(
                    problem_at(
                        records,
                        "survey.counts_exceed_returned",
                        s,
                        ("items", i),
                        item=item.name,
                        total=total,
                        returned=s.returned,
                    )
                )
    return problems


def survey_samples(records: Records, today: date) -> list[Problem]:
    if not records.policy_usable:
        return []
    least = records.policy.surveys.min_sample
    return [
        problem_at(
            records, "survey.small_sample", s, ("returned",), returned=s.returned, least=least
        )
        for s in records.survey_list
        if s.returned < least
    ]


CHECKS = (survey_counts, survey_samples)
