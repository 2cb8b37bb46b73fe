"""The check pipeline end to end: load the records, run the cross-record checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.checks import run_checks
from generator.history import History
from generator.history.timeliness import late_records
from generator.problems import Problem, sorted_problems
from generator.progress import SILENT, Reporter
from generator.records import Records, display_path, is_config_path, load_records
from generator.schemas import SchemaSet
from generator.timing import StageTimer


@dataclass
class CheckReport:
    records: Records
    problems: list[Problem]  # sorted by file and line, deterministic
    documents: int
    # an error in team.yaml or policy.yaml, found while checking the records: the rules
    # themselves cannot be trusted (problems added later, about commits, never set it)
    config_error: bool = False

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
        root = self.records.root
        inside = [p.resolve() for p in paths if p.resolve().is_relative_to(root)]
        files = {display_path(root, p) for p in inside if not p.is_dir()}
        folders = tuple(display_path(root, p) + "/" for p in inside if p.is_dir())
        kept = [
            p for p in self.problems if p.source.path in files or p.source.path.startswith(folders)
        ]
        return CheckReport(self.records, kept, self.documents, self.config_error)

    def adding(self, problems: list[Problem]) -> CheckReport:
        merged = sorted_problems(self.problems + problems)
        return CheckReport(self.records, merged, self.documents, self.config_error)


def check_records(
    root: Path,
    today: date,
    schemas: SchemaSet | None = None,
    timer: StageTimer | None = None,
    history: History | None = None,
    reporter: Reporter = SILENT,
    use_cache: bool = True,
) -> CheckReport:
    """All checks; with the Git history also the timeliness of filing and review."""
    timer = timer or StageTimer()
    loaded = load_records(root, schemas, timer, reporter, use_cache)
    reporter.stage("交叉检查 / cross-checks")
    with timer("cross-checks"):
        problems = loaded.problems + run_checks(loaded.records, today)
    if history is not None:
        with timer("timeliness"):
            problems += late_records(loaded.records, history)
    with timer("sort"):
        ordered = sorted_problems(problems)
    config_root = loaded.records.root
    config_error = any(p.is_error and is_config_path(config_root, p.source.path) for p in ordered)
    return CheckReport(loaded.records, ordered, loaded.documents, config_error)
