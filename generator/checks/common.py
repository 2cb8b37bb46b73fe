"""What the check modules share."""

from __future__ import annotations

from generator.codes import make_problem
from generator.problems import Problem, Severity, field_path
from generator.records import Records


def problem_at(
    records: Records,
    code: str,
    record: object,
    path: tuple,
    severity: Severity | None = None,
    **params: object,
) -> Problem:
    """A problem located at a field of a record (its own line, or its record's)."""
    return make_problem(
        code, records.where(record, *path), field_path(path), severity=severity, **params
    )
