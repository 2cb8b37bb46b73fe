"""Survey tallies add up: returned ≤ distributed, item counts ≤ returned, known levels."""

from __future__ import annotations

from datetime import date

from generator.codes import make_problem
from generator.problems import Problem
from generator.records import Records


def survey_counts(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for s in records.survey_list:
        if s.returned > s.distributed:
            problems.append(
                make_problem(
                    "survey.returned_exceeds_distributed",
                    records.where(s, "returned"),
                    "returned",
                    returned=s.returned,
                    distributed=s.distributed,
                )
            )
        levels = [level.name for level in s.levels]
        for i, item in enumerate(s.items):
            for name in item.counts:
                if name not in levels:
                    problems.append(
                        make_problem(
                            "survey.unknown_level",
                            records.where(s, "items", i, "counts", name),
                            f"items[{i}].counts.{name}",
                            item=item.name,
                            level=name,
                            allowed="、".join(levels),
                        )
                    )
            total = sum(item.counts.values())
            if total > s.returned:
                problems.append(
                    make_problem(
                        "survey.counts_exceed_returned",
                        records.where(s, "items", i),
                        f"items[{i}]",
                        item=item.name,
                        total=total,
                        returned=s.returned,
                    )
                )
    return problems


CHECKS = (survey_counts,)
