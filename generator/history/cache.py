"""The history cache: what was read up to a commit, so a rebuild only walks newer commits.

One file per repository and records folder in the cache folder (HUIFANG_CACHE_DIR, else
$XDG_CACHE_HOME/huifang, else ~/.cache/huifang; HUIFANG_CACHE_DIR=off turns it off).
The key includes this package's own source, so a changed reader never meets an old
cache. Any unreadable cache is ignored: the cache only ever saves time.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import generator

FORMAT = b"history-cache-1"
# the code whose output is cached: the history package and the record reader
SOURCES = ("history/*.py", "documents.py", "yamlread.py", "textscan.py")


def folder() -> Path | None:
    chosen = os.environ.get("HUIFANG_CACHE_DIR", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "huifang"


@cache
def _code_fingerprint() -> bytes:
    package = Path(generator.__file__).parent
    digest = hashlib.sha256(FORMAT)
    for pattern in SOURCES:
        for path in sorted(package.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.digest()


def key(repo: Path, prefix: str, signers: bytes) -> str:
    digest = hashlib.sha256(_code_fingerprint())
    for part in (str(repo.resolve()).encode(), prefix.encode(), signers):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:32]


@contextmanager
def collector_paused():
    """Building ~100,000 small objects triggers the cyclic garbage collector over and over
    (5x slower on a 5,000-record history); none of them form cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(name: str):
    where = folder()
    if where is None:
        return None
    try:
        with open(where / f"{name}.pickle", "rb") as file, collector_paused():
            return pickle.load(file)
    except Exception:  # missing, truncated or from another version: read history afresh
        return None


def save(name: str, value: object) -> None:
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=where, delete=False) as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, where / f"{name}.pickle")  # never a half-written cache
    except OSError:
        return  # a read-only home folder only costs time
