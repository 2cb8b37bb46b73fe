"""A whole check's outcome, kept for the next run when nothing it depends on has changed.

A check of many unchanged files spent most of its time loading every file's cached
result and running the cross-record checks again, only to print the same problems. So
the outcome of a run is saved under a key of everything it depends on: each file's
place, kind and digest, the stray files found, the day, the Git head and shallow
boundary the timeliness checks read, this program's code, the schemas and the holiday
data. Any difference means a full run (which saves its outcome in turn); deleting the
cache only costs time. `memoised_check` is the whole of it: generator.check calls it
with its own loading and checking, and without it when the speed switch is off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from pathlib import Path

from generator.history import History
from generator.model import Records
from generator.problems import Problem
from generator.progress import SILENT, Reporter
from generator.read.load import FileReader, Found, LoadResult
from generator.read.schema import SchemaSet
from generator.speed.filecache import CachedReader, Digests, cache_name, digests_of
from generator.speed.store import code_fingerprint, folder, load, save
from generator.timing import StageTimer

FORMAT = b"check-run-2"


@dataclass(frozen=True)
class Outcome:
    """What a check gives, as the next run may reuse it."""

    problems: list[Problem]  # sorted
    documents: int
    config_error: bool


@dataclass(frozen=True)
class RunResult:
    key: bytes
    outcome: Outcome


Load = Callable[[FileReader, Reporter], LoadResult]  # the records, read by this reader


def memoised_check(
    root: Path,
    found: Found,
    schemas: SchemaSet,
    today: date,
    history: History | None,
    use_cache: bool,
    timer: StageTimer,
    reporter: Reporter,
    load_with: Load,
    check: Callable[[LoadResult], Outcome],
) -> tuple[Outcome, Records | Callable[[], Records], bytes]:
    """The outcome of `check` over the records `load_with` reads (its files through the
    records cache) and the records, or how to load them when the outcome is the last
    run's: nothing it depends on has changed since; and the run's key (what the outcome
    depends on: the site build's own key starts from it, speed/buildkey.py)."""
    caching = use_cache and folder() is not None
    records_cache = cache_name(root, schemas)
    last = last_run(records_cache) if caching else None
    digests: Digests | None = None
    if last is not None:  # else nothing to compare with: the files are read once, below
        reporter.stage("查找改动的文件 / looking for changed files")
        with timer("read and hash (unchanged since the last run?)"):
            digests = digests_of(found.files)
            key = run_key(records_cache, found, digests, today, history)
        if key == last.key:
            taken = digests

            def records() -> Records:
                return load_with(CachedReader(root, use_cache, taken), SILENT).records

            return last.outcome, records, key
    reader = CachedReader(root, use_cache, digests)
    loaded = load_with(reader, reporter)
    outcome = check(loaded)
    if digests is None or reader.digests != digests:  # no last run, or a file changed since
        key = run_key(records_cache, found, reader.digests, today, history)
    if caching:
        keep(records_cache, RunResult(key, outcome))
    return outcome, loaded.records, key


def run_key(
    records_cache: str, found: Found, digests: Digests, today: date, history: History | None
) -> bytes:
    """`records_cache` names the per-file cache: it covers the code, schemas and folder."""
    label = FORMAT + version("holidays").encode()  # the holiday data the checks read
    parts = [label, code_fingerprint(), records_cache.encode(), today.isoformat().encode()]
    if history is not None:
        parts.append(f"git {history.head} {sorted(history.boundary)}".encode())
    for file in found.files:
        parts += (f"\0{file.shown}\0{file.kind}\0".encode(), digests[file.shown])
    parts += (f"\0stray {p.source.path} {p.code}".encode() for p in found.problems)
    return hashlib.blake2b(b"".join(parts), digest_size=32).digest()


def run_cache_name(records_cache: str) -> str:
    return "run-" + records_cache


def last_run(records_cache: str) -> RunResult | None:
    result = load(run_cache_name(records_cache))
    return result if isinstance(result, RunResult) else None


def keep(records_cache: str, result: RunResult) -> None:
    save(run_cache_name(records_cache), result)
