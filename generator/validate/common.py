"""What the check modules share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from generator.model import Records, Sourced
from generator.problems import Problem, Severity, field_path
from generator.problems.catalogue import make_problem


def problem_at(
    records: Records,
    code: str,
    record: Sourced,
    path: tuple,
    severity: Severity | None = None,
    **params: object,
) -> Problem:
    """A problem located at a field of a record (its own line, or its record's)."""
    return make_problem(
        code, records.where(record, *path), field_path(path), severity=severity, **params
    )


# A finder yields (code, record, field path, message params) for one policy check.
Finder = Callable[..., Iterable[tuple[str, Sourced, tuple, dict]]]


def switched_checks(
    records: Records, finders: Mapping[str, Finder], *args: object
) -> list[Problem]:
    """Run each finder whose policy check (completeness.<name>.severity) is not `off`, with
    that severity, passing `records` and `args`."""
    problems = []
    for name, finder in finders.items():
        severity = records.policy.severity(name)
        if severity == "off":
            continue
        for code, record, path, params in finder(records, *args):
            problems.append(problem_at(records, code, record, path, severity, **params))
    return problems
