"""A whole check's result, kept for the next run when nothing it depends on has changed.

A check of 115,000 unchanged files spent most of its time loading every file's cached
result and running the cross-record checks again, only to print the same problems. So
the problems of a run are saved under a key of everything they depend on: each file's
place, kind and digest, the stray files found, the day, the Git head and shallow
boundary the timeliness checks read, this program's code, the schemas and the holiday
data. Any difference means a full run (which saves its result in turn); deleting the
cache only costs time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import cache

import holidays

from generator import __version__
from generator.history import History
from generator.problems import Problem
from generator.read.load import Found
from generator.speed.filecache import Digests
from generator.speed.store import code_fingerprint, load, save

FORMAT = b"check-run-1"


@dataclass(frozen=True)
class RunResult:
    key: bytes
    problems: list[Problem]
    documents: int
    config_error: bool


@cache
def _code() -> bytes:
    """Every module: the cross-record checks and their messages live all over the package."""
    label = FORMAT + __version__.encode() + holidays.__version__.encode()
    return code_fingerprint(label, ["**/*.py"])


def run_key(
    records_cache: str, found: Found, digests: Digests, today: date, history: History | None
) -> bytes:
    """`records_cache` names the per-file cache: it covers the schemas and the folder."""
    parts = [_code(), records_cache.encode(), today.isoformat().encode()]
    if history is not None:
        parts.append(f"git {history.head} {sorted(history.boundary)}".encode())
    for file in found.files:
        parts += (f"\0{file.shown}\0{file.kind}\0".encode(), digests[file.shown])
    parts += (f"\0stray {p.source.path} {p.code}".encode() for p in found.problems)
    return hashlib.blake2b(b"".join(parts), digest_size=32).digest()


def cache_name(records_cache: str) -> str:
    return "run-" + records_cache


def last_run(records_cache: str) -> RunResult | None:
    result = load(cache_name(records_cache))
    return result if isinstance(result, RunResult) else None


def keep(records_cache: str, result: RunResult) -> None:
    save(cache_name(records_cache), result)
