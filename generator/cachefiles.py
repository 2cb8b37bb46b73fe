"""Cache files: one folder for all of huifang's caches, atomic saves, forgiving loads.

The folder is HUIFANG_CACHE_DIR, else $XDG_CACHE_HOME/huifang, else ~/.cache/huifang;
HUIFANG_CACHE_DIR=off turns caching off. A cache only ever saves time: any unreadable
file is ignored and deleting the folder is always safe.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import generator


def folder() -> Path | None:
    chosen = os.environ.get("HUIFANG_CACHE_DIR", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "huifang"


def code_fingerprint(label: bytes, patterns: Iterable[str]) -> bytes:
    """A digest of this package's source files whose output a cache holds: changed code
    never meets an old cache."""
    package = Path(generator.__file__).parent
    digest = hashlib.sha256(label)
    for pattern in patterns:
        for path in sorted(package.glob(pattern)):
            digest.update(path.read_bytes())
    return digest.digest()


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
            value = pickle.load(file)
            # What a cache holds lives until the end: the collector need never walk it
            # (else the first collection after loading walks every object just read).
            gc.freeze()
            return value
    except Exception:  # missing, truncated or from another version: start afresh
        return None


def save(name: str, value: object) -> None:
    if folder() is None:
        return
    try:
        with collector_paused():
            blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an unpicklable value only costs time
        return
    save_bytes(name, blob)


def save_bytes(name: str, blob: bytes) -> None:
    """Save an already pickled value (atomically: never a half-written cache)."""
    where = folder()
    if where is None:
        return
    temp = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=where, delete=False) as file:
            temp = Path(file.name)
            file.write(blob)
        os.replace(temp, where / f"{name}.pickle")
    except OSError:  # a read-only or full cache folder only costs time
        if temp is not None:
            temp.unlink(missing_ok=True)
