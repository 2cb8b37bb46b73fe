"""The check pipeline end to end: load the records, run the cross-record checks.

generator.speed memoises the whole of it (speed/runcache.py): when nothing the result
depends on has changed since the last run, the problems come from that run and the
records are loaded only if a caller asks for them. With the speed switch off the records
are read in order and checked, nothing kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.history import History
from generator.model import Records
from generator.problems import Problem, sorted_problems
from generator.progress import SILENT, Reporter
from generator.read.load import (
    FileReader,
    Found,
    LoadResult,
    discover,
    display_path,
    is_config_path,
    load_records,
    read_in_order,
)
from generator.read.schema import SchemaSet
from generator.speed import enabled as speed_enabled
from generator.speed.runcache import Outcome, memoised_check
from generator.timing import StageTimer
from generator.validate import run_checks
from generator.validate.gate import accepted
from generator.validate.plans import plan_records
from generator.validate.signoffs import signoff_records
from generator.validate.timeliness import late_records


@dataclass
class CheckReport:
    root: Path
    problems: list[Problem]  # sorted by file and line, deterministic
    documents: int
    # an error in team.yaml or policy.yaml, found while checking the records: the rules
    # themselves cannot be trusted (problems added later, about commits, never set it)
    config_error: bool
    # every record read, or how to load them when the problems came from the last run's result
    loaded: Records | Callable[[], Records] = field(repr=False)
    # the problems that decide which records pass the gate (default: `problems`); a report
    # narrowed to some files keeps the whole run's, so no rejected record slips through
    gate_problems: list[Problem] | None = field(default=None, repr=False)
    # what the whole run depends on (speed/runcache.py), for the site build's key; None
    # with the speed switch off or for a report narrowed or added to
    key: bytes | None = field(default=None, repr=False)
    _accepted: Records | None = field(default=None, init=False, repr=False)

    @property
    def all_records(self) -> Records:
        """Every record that could be read, rejected ones included: for the checks only."""
        if callable(self.loaded):
            self.loaded = self.loaded()
        return self.loaded

    @property
    def records(self) -> Records:
        """The records that passed the checks (`gate.py`): the only ones any output sees."""
        if self._accepted is None:
            self._accepted = accepted(self.all_records, self._gate)
        return self._accepted

    @property
    def _gate(self) -> list[Problem]:
        return self.problems if self.gate_problems is None else self.gate_problems

    def _with(self, problems: list[Problem]) -> CheckReport:
        loaded, gate = self.loaded, self._gate
        return CheckReport(self.root, problems, self.documents, self.config_error, loaded, gate)

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def exit_code(self, strict: bool = False) -> int:
        """0 clean (warnings allowed unless strict), 1 problems, 2 configuration error."""
        if self.config_error:
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def only(self, paths: list[Path]) -> CheckReport:
        """The problems of these files only (all records were still read for cross-checks).
        A configuration error is kept wherever it is: it spoils every result."""
        root = self.root
        inside = [p.resolve() for p in paths if p.resolve().is_relative_to(root)]
        files = {display_path(root, p) for p in inside if not p.is_dir()}
        folders = tuple(display_path(root, p) + "/" for p in inside if p.is_dir())
        kept = [
            p for p in self.problems if p.source.path in files or p.source.path.startswith(folders)
        ]
        return self._with(kept)

    def adding(self, problems: list[Problem]) -> CheckReport:
        return self._with(sorted_problems(self.problems + problems))


def check_records(
    root: Path,
    today: date,
    schemas: SchemaSet | None = None,
    timer: StageTimer | None = None,
    history: History | None = None,
    reporter: Reporter = SILENT,
    use_cache: bool = True,
) -> CheckReport:
    """All checks; with the Git history also the timeliness of filing and review.
    `use_cache=False`: nothing is taken from a cache nor kept in one."""
    timer = timer or StageTimer()
    schemas = schemas or SchemaSet()
    root = root.resolve()
    with timer("discover"):
        found = Found(*discover(root))

    def load_with(reader: FileReader, shown: Reporter) -> LoadResult:
        return load_records(root, schemas, timer, shown, found, reader)

    def check(loaded: LoadResult) -> Outcome:
        reporter.stage("交叉检查 / cross-checks")
        with timer("cross-checks"):
            problems = loaded.problems + run_checks(loaded.records, today)
        if history is not None:
            with timer("timeliness"):
                problems += late_records(loaded.records, history)
                problems += plan_records(loaded.records, history, today)
                problems += signoff_records(loaded.records, history)
        with timer("sort"):
            ordered = sorted_problems(problems)
        config_error = any(p.is_error and is_config_path(root, p.source.path) for p in ordered)
        return Outcome(ordered, loaded.documents, config_error)

    records: Records | Callable[[], Records]
    key = None
    if speed_enabled():
        outcome, records, key = memoised_check(
            root, found, schemas, today, history, use_cache, timer, reporter, load_with, check
        )
    else:
        loaded = load_with(read_in_order, reporter)
        outcome, records = check(loaded), loaded.records
    problems, documents, config_error = outcome.problems, outcome.documents, outcome.config_error
    return CheckReport(root, problems, documents, config_error, records, key=key)
