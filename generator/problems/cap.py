"""A bound on how many problems one file can give, kept where the problems are made.

A hostile or broken file within the size limit can hold hundreds of thousands of the
same mistake (`- *a` on every line, a key repeated 200,000 times, a list of 250,000
wrong values). Listing each one helps nobody and costs gigabytes of memory and output,
so every stage that reports per node or per character collects its problems in a
`ProblemCap`: at most `MAX_PER_CODE` of each code and `MAX_PER_FILE` in all are kept;
the rest are only counted, and one `file.more_problems` problem per code says how many
more there are, at the first one that was not listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.problems import Problem, Severity, Source
from generator.problems.catalogue import CODES, make_problem

MAX_PER_CODE = 20
MAX_PER_FILE = 100
MORE_CODE = "file.more_problems"


@dataclass
class _Unlisted:
    source: Source  # where the first problem that was not listed is
    severity: Severity
    count: int = 0


class ProblemCap:
    """One file's problems, bounded; `problems()` gives the kept ones and the "N more" lines.

    `earlier` are the problems an earlier stage already found in the same file: they
    count towards the bounds (each stage caps its own, the file's total stays bounded).
    """

    def __init__(
        self,
        earlier: Iterable[Problem] = (),
        per_code: int = MAX_PER_CODE,
        per_file: int = MAX_PER_FILE,
    ) -> None:
        self.per_code, self.per_file = per_code, per_file
        self.kept: list[Problem] = []
        self._counts: Counter[str] = Counter()
        self._total = 0
        self._unlisted: dict[str, _Unlisted] = {}
        for problem in earlier:
            if problem.code != MORE_CODE:
                self._counts[problem.code] += 1
                self._total += 1

    def room(self, code: str) -> bool:
        """Would a problem of `code` still be listed? (If not, skip making it: `skip`.)"""
        return self.space(code) > 0

    def space(self, code: str) -> int:
        """How many more problems of `code` would be listed."""
        return max(0, min(self.per_code - self._counts[code], self.per_file - self._total))

    def add(self, problem: Problem) -> None:
        if self.room(problem.code):
            self.kept.append(problem)
            self._counts[problem.code] += 1
            self._total += 1
        else:
            self.skip(problem.code, problem.source, problem.severity)

    def skip(
        self, code: str, source: Source, severity: Severity | None = None, count: int = 1
    ) -> None:
        """Count `count` problems of `code` that are not listed (the first one at `source`;
        the severity is the code's own unless given)."""
        if count <= 0:
            return
        unlisted = self._unlisted.get(code)
        if unlisted is None:
            unlisted = _Unlisted(source, severity or CODES[code].severity)
            self._unlisted[code] = unlisted
        unlisted.count += count

    def unlisted(self, code: str) -> int:
        entry = self._unlisted.get(code)
        return entry.count if entry else 0

    def problems(self) -> list[Problem]:
        more = [
            make_problem(
                MORE_CODE,
                entry.source,
                severity=entry.severity,
                count=entry.count,
                kind=code,
                listed=self._counts[code],
                per_code=self.per_code,
                per_file=self.per_file,
            )
            for code, entry in sorted(self._unlisted.items())
        ]
        return self.kept + more
