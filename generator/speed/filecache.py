"""Reading every record file: parse, schema and model per file, cached by content, in parallel.

Each file's result depends only on its bytes, its place (kind and displayed path), the
schemas and this code, so it is cached under a digest of all four: a changed file, schema
or program never meets an old result, and deleting the cache only costs time. The files
not in the cache are parsed in worker processes when there are enough of them to pay for
starting the workers (2 cores here: about half the time of one); each worker then saves
the cache shards it parsed, so the main process does not pickle 100,000 results alone
at the end while the other core waits.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import zlib
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING

from generator import __version__
from generator.problems import Problem, Source
from generator.progress import Reporter
from generator.read.document import MARKDOWN_SUFFIXES, parse_bytes, read_raw
from generator.read.schema import SchemaSet
from generator.speed.store import code_fingerprint, collector_paused, load, save, save_bytes

if TYPE_CHECKING:
    from generator.read.load import RecordFile

FORMAT = b"records-cache-2"
# the code whose output is cached: reading, schemas and models
SOURCES = ("speed/filecache.py", "read/*.py", "model/*.py", "problems/*.py", "present/mask.py")
# After one file changed, only its shard of the cache is written again; the shards are
# also the workers' tasks (~1,800 files each at 115,000: the two stay evenly loaded).
SHARDS = 64
PARALLEL_FROM = 1500  # fewer files than this are parsed in this process


class FieldLines(Mapping):
    """A file's field path → (line, column), kept pickled until a problem needs a line.

    Most files never do, and as plain dicts the field lines of 115,000 files were half
    of a warm check's memory and unpickling time (a dict and ~30 tuples per file)."""

    __slots__ = ("_blob", "_lines")

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._lines: dict | None = None

    @classmethod
    def of(cls, lines: dict) -> FieldLines:
        return cls(pickle.dumps(lines, protocol=pickle.HIGHEST_PROTOCOL))

    def _map(self) -> dict:
        if self._lines is None:
            self._lines = pickle.loads(self._blob)
        return self._lines

    def __getitem__(self, path: tuple) -> tuple[int, int]:
        return self._map()[path]

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())

    def __reduce__(self):
        return (FieldLines, (self._blob,))  # cached as the one bytes object


NO_LINES = FieldLines.of({})


@dataclass
class FileResult:
    """What one file gives the loader: its problems, field lines, and models if readable."""

    digest: bytes
    problems: list[Problem] = field(default_factory=list)
    locs: FieldLines = field(default_factory=lambda: NO_LINES)
    readable: bool = False
    models: list = field(default_factory=list)

    @property
    def key_digest(self) -> bytes:
        """The file's digest for the whole run's key (`digests_of`)."""
        return self.digest or _unreadable(self.problems[0])


def digest_of(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


Digests = dict  # displayed path → digest of the file's bytes as they are now


def digests_of(files: list[RecordFile]) -> Digests:
    """Each file's digest as `FileResult.key_digest` gives it, without parsing."""
    digests: Digests = {}
    with collector_paused():
        for file in files:
            raw, problem = read_raw(file.path, Source(file.shown))
            digests[file.shown] = digest_of(raw) if raw is not None else _unreadable(problem)
    return digests


def _unreadable(problem: Problem) -> bytes:
    """An unreadable file's digest: that of why (its size when it is too large), so that
    a change there is a change too."""
    return digest_of(problem.message_en.encode())


# Seconds spent per step, summed over files (and over worker processes: CPU seconds).
STEPS = ("read", "parse", "schema", "model")
Spent = dict  # step → seconds


def read_one(file: RecordFile, schemas: SchemaSet, raw: bytes, spent: Spent) -> FileResult:
    """Parse, validate and model one file's bytes."""
    from generator.read.load import models_of  # the model builders live with the loader

    source = Source(file.shown)
    markdown = os.path.splitext(file.path)[1].lower() in MARKDOWN_SUFFIXES
    start = perf_counter()
    doc = parse_bytes(raw, source, markdown)
    parsed = perf_counter()
    problems = doc.problems + schemas.validate(file.kind, doc)
    validated = perf_counter()
    readable = doc.data is not None
    models = models_of(file.kind, file.stem, doc, schemas) if readable else []
    result = FileResult(digest_of(raw), problems, FieldLines.of(doc.locs), readable, models)
    spent["parse"] += parsed - start
    spent["schema"] += validated - parsed
    spent["model"] += perf_counter() - validated
    return result


# --- worker processes ---------------------------------------------------------------
@dataclass
class _Job:
    """What the forked workers read from the main process's memory."""

    schemas: SchemaSet
    cache: str | None  # the cache's name; None: not cached
    kept: dict[int, dict]  # shard → {displayed path: (kind, result)} of the unchanged files
    tasks: dict[int, list[RecordFile]] = field(default_factory=dict)  # shard → files to parse


_JOB: _Job | None = None


def _read_shard(shard: int) -> tuple[bytes, dict[str, FileResult], Spent]:
    """Parse one shard's missing files and save the whole shard (its unchanged files'
    results and the new readable ones); the shard goes back pickled, as it was saved,
    with the results of the files that could not be read (never cached)."""
    spent = dict.fromkeys(STEPS, 0.0)
    unreadable: dict[str, FileResult] = {}
    with collector_paused():
        entries = dict(_JOB.kept.get(shard, {}))
        for file in _JOB.tasks[shard]:
            result = _read_path(file, _JOB.schemas, spent)
            if result.digest:
                entries[file.shown] = (file.kind, result)
            else:
                unreadable[file.shown] = result
        blob = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    if _JOB.cache:
        save_bytes(f"{_JOB.cache}-{shard:02d}", blob)
    return blob, unreadable, spent


def _read_path(file: RecordFile, schemas: SchemaSet, spent: Spent) -> FileResult:
    start = perf_counter()
    raw, problem = read_raw(file.path, Source(file.shown))
    spent["read"] += perf_counter() - start
    if raw is None:
        return FileResult(b"", [problem])
    return read_one(file, schemas, raw, spent)


# --- the cache ----------------------------------------------------------------------
@cache
def _code() -> bytes:
    return code_fingerprint(FORMAT + __version__.encode(), SOURCES)


def cache_name(root: Path, schemas: SchemaSet) -> str:
    digest = hashlib.sha256(_code())
    for name in sorted(schemas.documents):
        digest.update(name.encode())
        digest.update(repr(schemas.documents[name]).encode())
    digest.update(os.fsencode(root.resolve()))  # any bytes a folder name may hold
    return "records-" + digest.hexdigest()[:32]


def read_files(
    root: Path,
    files: list[RecordFile],
    schemas: SchemaSet,
    reporter: Reporter,
    use_cache: bool,
    spent: Spent,
    digests: Digests | None = None,
) -> dict[str, FileResult]:
    """{displayed path: result} of every record file, from the cache where unchanged
    (`spent` gets the seconds of each step of reading the others). With the files'
    `digests` already taken, the cached ones are not read again."""
    name = cache_name(root, schemas)
    cached: dict[str, tuple[str, FileResult]] = {}
    for shard in range(SHARDS) if use_cache else ():
        cached.update(load(f"{name}-{shard:02d}") or {})
    results: dict[str, FileResult] = {}
    missing: list[RecordFile] = []
    with collector_paused():
        for file in files:
            hit = cached.get(file.shown)
            if hit is None or hit[0] != file.kind:
                missing.append(file)  # read once, by whoever parses it
                continue
            if digests is not None:
                current = digests[file.shown]
            else:
                raw, problem = read_raw(file.path, Source(file.shown))
                if raw is None:
                    results[file.shown] = FileResult(b"", [problem])
                    continue
                current = digest_of(raw)
            if hit[1].digest == current:
                results[file.shown] = hit[1]
            else:
                missing.append(file)  # an unreadable file too: its parse says why
    reporter.advance(len(results))
    kinds = {file.shown: file.kind for file in files}
    if len(missing) >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2:
        job = _Job(schemas, name if use_cache else None, _by_shard(kinds, results))
        saved = _parse_in_workers(job, missing, results, reporter, spent)
    else:
        _parse_here(missing, schemas, results, reporter, spent)
        saved = set()
    gc.freeze()  # what was just loaded lives until the end: later collections skip it
    if use_cache:
        _save_changed_shards(name, kinds, results, cached, missing, saved)
    return results


def shard_of(shown: str) -> int:
    """The displayed path is escaped (`shown_name`); surrogateescape all the same, so a
    name that is not UTF-8 can never stop a run here."""
    return zlib.crc32(shown.encode("utf-8", "surrogateescape")) % SHARDS


def _by_shard(kinds: dict[str, str], results: dict[str, FileResult], only=None) -> dict:
    """{shard: {displayed path: (kind, result)}} of the readable results (of `only` shards)."""
    shards: dict[int, dict] = {}
    for shown, result in results.items():
        shard = shard_of(shown)
        if result.digest and (only is None or shard in only):
            shards.setdefault(shard, {})[shown] = (kinds[shown], result)
    return shards


def _save_changed_shards(name, kinds, results, cached, missing, saved) -> None:
    """Rewrite only the shards holding a new, changed or deleted file's result (and not
    saved by a worker already)."""
    changed = {shard_of(file.shown) for file in missing}
    changed |= {shard_of(shown) for shown in cached.keys() - results.keys()}
    changed -= saved
    shards = _by_shard(kinds, results, changed) if changed else {}
    for shard in changed:
        save(f"{name}-{shard:02d}", shards.get(shard, {}))


def _parse_here(
    missing: list[RecordFile], schemas: SchemaSet, results: dict, reporter: Reporter, spent: Spent
) -> None:
    """The files not cached, parsed in this process; their results go into `results`."""
    with collector_paused():
        for index, file in enumerate(missing):
            results[file.shown] = _read_path(file, schemas, spent)
            if index % 200 == 199:
                reporter.advance(200)
    reporter.advance(len(missing) % 200)


def _parse_in_workers(
    job: _Job, missing: list[RecordFile], results: dict, reporter: Reporter, spent: Spent
) -> set[int]:
    """The files not cached, parsed a shard at a time by forked workers that save the
    shards; their results go into `results`. Returns the shards saved."""
    for file in missing:
        job.tasks.setdefault(shard_of(file.shown), []).append(file)
    global _JOB
    _JOB = job
    workers = min(os.cpu_count() or 1, 8)
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            for files, (blob, unreadable, shard_spent) in zip(
                job.tasks.values(), pool.map(_read_shard, job.tasks), strict=True
            ):
                with collector_paused():
                    entries = pickle.loads(blob)
                for file in files:
                    found = entries.get(file.shown)
                    results[file.shown] = found[1] if found else unreadable[file.shown]
                for step, seconds in shard_spent.items():
                    spent[step] += seconds
                reporter.advance(len(files))
    finally:
        _JOB = None
    return set(job.tasks) if job.cache else set()
