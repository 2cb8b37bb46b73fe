"""Progress on long runs: the stage and its counts, on a terminal only.

The library reports through a `Reporter` (stage names in Chinese and English, counts);
the command line decides whether anyone sees it: a rich progress bar on standard error
when that is a terminal, nothing in CI (CI is set), with --quiet, or in a pipe.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Reporter:
    """Stages and counts; this base class shows nothing (the library's default)."""

    def stage(self, name: str, total: int | None = None) -> None:
        """A new stage begins; `total` when its count of steps is known."""

    def advance(self, steps: int = 1) -> None:
        """`steps` more of the current stage are done."""


SILENT = Reporter()


class _Bar(Reporter):
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is not None:  # the previous stage is over, whatever its count said
            self.progress.update(self.task, total=1, completed=1)
        self.task = self.progress.add_task(name, total=total)

    def advance(self, steps: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, steps)


def wanted(quiet: bool = False) -> bool:
    """Show progress? Only to a person at a terminal."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def progress_reporter(show: bool) -> Iterator[Reporter]:
    if not show:
        yield SILENT
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        yield _Bar(progress)
