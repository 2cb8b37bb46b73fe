"""The check pipeline end to end: load the records, run the cross-record checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.checks import run_checks
from generator.history import History
from generator.history.timeliness import late_records
from generator.problems import Problem, sorted_problems
from generator.records import Records, is_config_path, load_records
from generator.schemas import SchemaSet
from generator.timing import StageTimer

# problems with a commit, not with the file they point at
HISTORY_TRUST = frozenset({"history.untrusted_commit", "history.rewritten"})


@dataclass
class CheckReport:
    records: Records
    problems: list[Problem]  # sorted by file and line, deterministic
    documents: int

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def config_error(self) -> bool:
        """An error in team.yaml or policy.yaml: the rules themselves cannot be trusted."""
        root = self.records.root
        return any(
            p.is_error and is_config_path(root, p.source.path) and p.code not in HISTORY_TRUST
            for p in self.problems
        )

    def exit_code(self, strict: bool = False) -> int:
        """0 clean (warnings allowed unless strict), 1 problems, 2 configuration error."""
        if self.config_error:
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def adding(self, problems: list[Problem]) -> CheckReport:
        return CheckReport(self.records, sorted_problems(self.problems + problems), self.documents)


def check_records(
    root: Path,
    today: date,
    schemas: SchemaSet | None = None,
    timer: StageTimer | None = None,
    history: History | None = None,
) -> CheckReport:
    """All checks; with the Git history also the timeliness of filing and review."""
    timer = timer or StageTimer()
    loaded = load_records(root, schemas, timer)
    with timer("cross-checks"):
        problems = loaded.problems + run_checks(loaded.records, today)
    if history is not None:
        with timer("timeliness"):
            problems += late_records(loaded.records, history)
    with timer("sort"):
        ordered = sorted_problems(problems)
    return CheckReport(loaded.records, ordered, loaded.documents)
