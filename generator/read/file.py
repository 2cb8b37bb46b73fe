"""One record file: raw bytes → front matter → guarded YAML → schema → model.

Pure: a file's result depends only on its bytes, its place (kind and displayed path) and
the schemas, and reading one file never raises for bad input, so one broken file cannot
stop the others. `read.load.load_records` reads the files in order with `read_file`;
generator.speed wraps a cache and worker processes around the same function.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from time import perf_counter

from generator.problems import Problem, Source
from generator.read.document import MARKDOWN_SUFFIXES, Document, parse_bytes, read_raw
from generator.read.schema import SchemaSet

# Seconds spent per step, summed over files (over worker processes too: CPU seconds).
STEPS = ("read", "parse", "schema", "model")
Spent = dict[str, float]  # step → seconds
LineMap = Mapping[tuple, tuple[int, int]]  # field path → (line, column)
# (kind, the displayed name without its suffix, the parsed file, schemas) → its models
ModelBuilder = Callable[[str, str, Document, SchemaSet], list[object]]


@dataclass(frozen=True)
class RecordFile:
    kind: str
    path: str  # as the operating system takes it
    shown: str  # as messages show it: records/visits/2026/…

    @property
    def stem(self) -> str:
        """The displayed name without its suffix (a visit's id): escaped, never raw bytes."""
        return os.path.splitext(self.shown.rpartition("/")[2])[0]


@dataclass
class FileResult:
    """What one file gives the loader: its problems, field lines, and models if readable."""

    problems: list[Problem] = field(default_factory=list)
    locs: LineMap = field(default_factory=dict)
    readable: bool = False
    models: list[object] = field(default_factory=list)


def read_file(
    file: RecordFile, schemas: SchemaSet, models: ModelBuilder, spent: Spent | None = None
) -> FileResult:
    """Read, parse, validate and model one file (`spent` gets each step's seconds).
    `models` builds the models of a parsed file (`read.load.models_of`)."""
    start = perf_counter()
    raw, problem = read_raw(file.path, Source(file.shown))
    if spent is not None:
        spent["read"] += perf_counter() - start
    if raw is None:
        assert problem is not None  # read_raw says why it read nothing
        return FileResult([problem])
    return parse_file(file, raw, schemas, models, spent)


def parse_file(
    file: RecordFile,
    raw: bytes,
    schemas: SchemaSet,
    models: ModelBuilder,
    spent: Spent | None = None,
) -> FileResult:
    """Parse, validate and model one file's bytes."""
    source = Source(file.shown)
    markdown = os.path.splitext(file.path)[1].lower() in MARKDOWN_SUFFIXES
    start = perf_counter()
    doc = parse_bytes(raw, source, markdown)
    parsed = perf_counter()
    problems = doc.problems + schemas.validate(file.kind, doc)
    validated = perf_counter()
    readable = doc.data is not None
    built = models(file.kind, file.stem, doc, schemas) if readable else []
    if spent is not None:
        spent["parse"] += parsed - start
        spent["schema"] += validated - parsed
        spent["model"] += perf_counter() - validated
    return FileResult(problems, doc.locs, readable, built)
