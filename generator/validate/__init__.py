"""The `validate` stage: checks across records, each a pure function.

Every check takes the loaded records and `today` (never the clock) and returns
problems. Checks whose severity the team sets (completeness) read it from the
policy; the others have the severity of their code in generator.problems.catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from generator.model import Records
from generator.problems import Problem
from generator.validate import (
    completeness,
    dates,
    identity,
    lost,
    plans,
    policy_rules,
    references,
    responses,
    signoffs,
    surveys,
)

Check = Callable[[Records, date], list[Problem]]

CHECKS: tuple[Check, ...] = (
    *identity.CHECKS,
    *signoffs.CHECKS,
    *references.CHECKS,
    *dates.CHECKS,
    *surveys.CHECKS,
    *responses.CHECKS,
    *completeness.CHECKS,
    *lost.CHECKS,
    *plans.CHECKS,
    *policy_rules.CHECKS,
)


def run_checks(records: Records, today: date) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        problems += check(records, today)
    return problems
