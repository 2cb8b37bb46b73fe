"""Reading every record file, memoised by content and in worker processes when many.

`read.file.read_file` gives a file's result from its bytes, its place (kind and
displayed path), the schemas and this program's code alone, so the result is cached
under a digest of all four: a changed file, schema or program never meets an old
result, and deleting the cache only costs time. The files not in the cache are parsed in
worker processes when there are enough of them to pay for starting the workers; each
worker then saves the cache shards it parsed, so the main process does not pickle every
result alone at the end while the other cores wait.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from time import perf_counter

from generator.problems import Problem, Source
from generator.progress import Reporter
from generator.read.document import read_raw
from generator.read.file import STEPS, FileResult, RecordFile, Spent, parse_file
from generator.read.load import models_of
from generator.read.schema import SchemaSet
from generator.speed.memory import collector_paused, freeze
from generator.speed.store import code_fingerprint, load, save, save_bytes
from generator.speed.workers import fork_map, workers_for

FORMAT = b"records-cache-3"
# After one file changed, only its shard of the cache is written again; the shards are
# also the workers' tasks (many files each: the workers stay evenly loaded).
SHARDS = 64
PARALLEL_FROM = 1500  # fewer files than this are parsed in this process


class FieldLines(Mapping[tuple[object, ...], tuple[int, int]]):
    """A file's field path → (line, column), kept pickled until a problem needs a line.

    Most files never do, and as plain dicts the field lines of every file were half of a
    warm check's memory and unpickling time (a dict and ~30 tuples per file)."""

    __slots__ = ("_blob", "_lines")

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._lines: dict[tuple[object, ...], tuple[int, int]] | None = None

    @classmethod
    def of(cls, lines: Mapping[tuple[object, ...], tuple[int, int]]) -> FieldLines:
        if isinstance(lines, FieldLines):
            return lines
        return cls(pickle.dumps(dict(lines), protocol=pickle.HIGHEST_PROTOCOL))

    def _map(self) -> dict[tuple[object, ...], tuple[int, int]]:
        if self._lines is None:
            self._lines = pickle.loads(self._blob)
        return self._lines

    def __getitem__(self, path: tuple[object, ...]) -> tuple[int, int]:
        return self._map()[path]

    def __iter__(self) -> Iterator[tuple[object, ...]]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())

    def __reduce__(self) -> tuple[type[FieldLines], tuple[bytes]]:
        return (FieldLines, (self._blob,))  # cached as the one bytes object


def _compact(result: FileResult) -> FileResult:
    return replace(result, locs=FieldLines.of(result.locs))


def digest_of(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


Digests = dict[str, bytes]  # displayed path → digest of the file's bytes as they are now
Entry = tuple[str, bytes, FileResult]  # a cached file: (kind, digest of its bytes, result)
Shard = dict[str, Entry]  # displayed path → its entry


def digests_of(files: list[RecordFile]) -> Digests:
    """Each file's digest as the reader takes it (`unreadable_digest` for a file that
    cannot be read), without parsing."""
    digests: Digests = {}
    with collector_paused():
        for file in files:
            raw, problem = read_raw(file.path, Source(file.shown))
            if raw is not None:
                digests[file.shown] = digest_of(raw)
            elif problem is not None:
                digests[file.shown] = unreadable_digest(problem)
    return digests


def unreadable_digest(problem: Problem) -> bytes:
    """An unreadable file's digest: that of why (its size when it is too large), so that
    a change there is a change too."""
    return digest_of(problem.message_en.encode())


# --- the reader ---------------------------------------------------------------------
class CachedReader:
    """A `read.load.FileReader` that takes unchanged files' results from the cache (when
    `use_cache`) and parses the others, in worker processes when many. After a call,
    `digests` holds the digest of every file as it was read (for the whole run's key).
    With the files' `digests` already taken, the cached ones are not read again."""

    def __init__(self, root: Path, use_cache: bool, digests: Digests | None = None) -> None:
        self.root, self.use_cache, self.taken = root, use_cache, digests
        self.digests: Digests = {}

    def __call__(
        self, files: list[RecordFile], schemas: SchemaSet, reporter: Reporter, spent: Spent
    ) -> dict[str, FileResult]:
        name = cache_name(self.root, schemas)
        cached: Shard = {}
        for shard in range(SHARDS) if self.use_cache else ():
            loaded = load(f"{name}-{shard:02d}")
            cached.update(loaded if isinstance(loaded, dict) else {})
        entries: Shard = {}  # the readable files' results, as cached
        results: dict[str, FileResult] = {}
        missing: list[RecordFile] = []
        with collector_paused():
            for file in files:
                hit = cached.get(file.shown)
                if hit is None or hit[0] != file.kind:
                    missing.append(file)  # read once, by whoever parses it
                    continue
                current = self.taken.get(file.shown) if self.taken is not None else None
                if current is None:
                    raw, problem = read_raw(file.path, Source(file.shown))
                    if raw is None:
                        assert problem is not None
                        results[file.shown] = FileResult([problem])
                        continue
                    current = digest_of(raw)
                if hit[1] == current:
                    entries[file.shown] = hit
                    results[file.shown] = hit[2]
                else:
                    missing.append(file)  # an unreadable file too: its parse says why
        reporter.advance(len(results))
        workers = workers_for(len(missing), PARALLEL_FROM)
        if workers:
            job = _Job(schemas, name if self.use_cache else None, _by_shard(entries))
            saved = _parse_in_workers(job, missing, workers, entries, results, reporter, spent)
        else:
            _parse_here(missing, schemas, entries, results, reporter, spent)
            saved = set()
        freeze()  # what was just loaded lives until the end: later collections skip it
        if self.use_cache:
            _save_changed_shards(name, entries, cached, missing, saved)
        for shown, result in results.items():
            entry = entries.get(shown)
            self.digests[shown] = entry[1] if entry else unreadable_digest(result.problems[0])
        return results


@dataclass
class _Job:
    """What the forked workers read from the main process's memory."""

    schemas: SchemaSet
    cache: str | None  # the cache's name; None: not cached
    kept: dict[int, Shard]  # shard → the unchanged files' entries
    tasks: dict[int, list[RecordFile]] = field(default_factory=dict)  # shard → files to parse


_JOB: _Job | None = None


def _read_path(file: RecordFile, schemas: SchemaSet, spent: Spent) -> Entry | FileResult:
    """A readable file's entry, or the result of one that cannot be read (never cached):
    `read.file.read_file`, with the digest of the bytes it read."""
    start = perf_counter()
    raw, problem = read_raw(file.path, Source(file.shown))
    spent["read"] += perf_counter() - start
    if raw is None:
        assert problem is not None  # read_raw says why it read nothing
        return FileResult([problem])
    result = _compact(parse_file(file, raw, schemas, models_of, spent))
    return file.kind, digest_of(raw), result


def _read_shard(shard: int) -> tuple[bytes, dict[str, FileResult], Spent]:
    """Parse one shard's missing files and save the whole shard (its unchanged files'
    entries and the new readable ones); the shard goes back pickled, as it was saved,
    with the results of the files that could not be read."""
    job = _JOB
    assert job is not None  # set before the fork
    spent = dict.fromkeys(STEPS, 0.0)
    unreadable: dict[str, FileResult] = {}
    with collector_paused():
        entries = dict(job.kept.get(shard, {}))
        for file in job.tasks[shard]:
            read = _read_path(file, job.schemas, spent)
            if isinstance(read, FileResult):
                unreadable[file.shown] = read
            else:
                entries[file.shown] = read
        blob = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    if job.cache:
        save_bytes(f"{job.cache}-{shard:02d}", blob)
    return blob, unreadable, spent


# --- the cache ----------------------------------------------------------------------
def cache_name(root: Path, schemas: SchemaSet) -> str:
    digest = hashlib.sha256(FORMAT + code_fingerprint())
    for name in sorted(schemas.documents):
        digest.update(name.encode())
        digest.update(repr(schemas.documents[name]).encode())
    digest.update(os.fsencode(root.resolve()))  # any bytes a folder name may hold
    return "records-" + digest.hexdigest()[:32]


def shard_of(shown: str) -> int:
    """The displayed path is escaped (`shown_name`); surrogateescape all the same, so a
    name that is not UTF-8 can never stop a run here."""
    return zlib.crc32(shown.encode("utf-8", "surrogateescape")) % SHARDS


def _by_shard(entries: Shard, only: set[int] | None = None) -> dict[int, Shard]:
    """{shard: its entries} (of the `only` shards)."""
    shards: dict[int, Shard] = {}
    for shown, entry in entries.items():
        shard = shard_of(shown)
        if only is None or shard in only:
            shards.setdefault(shard, {})[shown] = entry
    return shards


def _save_changed_shards(
    name: str, entries: Shard, cached: Shard, missing: list[RecordFile], saved: set[int]
) -> None:
    """Rewrite only the shards holding a new, changed or deleted file's result (and not
    saved by a worker already)."""
    changed = {shard_of(file.shown) for file in missing}
    changed |= {shard_of(shown) for shown in cached.keys() - entries.keys()}
    changed -= saved
    shards = _by_shard(entries, changed) if changed else {}
    for shard in changed:
        save(f"{name}-{shard:02d}", shards.get(shard, {}))


def _parse_here(
    missing: list[RecordFile],
    schemas: SchemaSet,
    entries: Shard,
    results: dict[str, FileResult],
    reporter: Reporter,
    spent: Spent,
) -> None:
    """The files not cached, parsed in this process; into `entries` and `results`."""
    with collector_paused():
        for index, file in enumerate(missing):
            read = _read_path(file, schemas, spent)
            if isinstance(read, FileResult):
                results[file.shown] = read
            else:
                entries[file.shown] = read
                results[file.shown] = read[2]
            if index % 200 == 199:
                reporter.advance(200)
    reporter.advance(len(missing) % 200)


def _parse_in_workers(
    job: _Job,
    missing: list[RecordFile],
    workers: int,
    entries: Shard,
    results: dict[str, FileResult],
    reporter: Reporter,
    spent: Spent,
) -> set[int]:
    """The files not cached, parsed a shard at a time by forked workers that save the
    shards; into `entries` and `results`. Returns the shards saved."""
    for file in missing:
        job.tasks.setdefault(shard_of(file.shown), []).append(file)
    global _JOB
    _JOB = job
    try:
        done = fork_map(_read_shard, list(job.tasks), workers)
        for files, (blob, unreadable, shard_spent) in zip(job.tasks.values(), done, strict=True):
            with collector_paused():
                shard: Shard = pickle.loads(blob)
            for file in files:
                found = shard.get(file.shown)
                if found is None:
                    results[file.shown] = unreadable[file.shown]
                else:
                    entries[file.shown] = found
                    results[file.shown] = found[2]
            for step, seconds in shard_spent.items():
                spent[step] += seconds
            reporter.advance(len(files))
    finally:
        _JOB = None
    return set(job.tasks) if job.cache else set()
