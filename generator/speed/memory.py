"""The garbage collector and the interpreter's teardown: what a big run costs in memory
bookkeeping rather than work.

A run builds hundreds of thousands of small objects that form no cycles and live to the
end of the process. The cyclic collector would walk them again and again while they are
built, and the interpreter's teardown would free them one by one after the last output
is written. Both are skipped here, and only here; with the speed switch off
(`generator.speed.enabled`) the collector and the exit are Python's own.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from typing import NoReturn

from generator.speed import enabled


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while many small objects are built: none of them form
    cycles, and each collection would walk every one of them built so far."""
    was_enabled = gc.isenabled()
    if enabled():
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze() -> None:
    """What was loaded so far lives until the end: later collections skip it, and a
    forked worker's collections do not touch (and so copy) the memory it shares."""
    if enabled():
        gc.freeze()


def exit_now(code: int) -> NoReturn:
    """Leave the process with `code` once every output is written and flushed. Skipping
    the interpreter's teardown saves freeing a big run's records object by object; with
    the speed switch off, the ordinary exit (teardown and all)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe (`huifang check | head`)
            stream.flush()
    if enabled():
        os._exit(code)
    sys.exit(code)
