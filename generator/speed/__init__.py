"""speed/: the only package that knows caches, worker processes and the garbage collector.

Every mechanism here only saves time, and one switch turns them all off: with
HUIFANG_SPEED=off the records are read one file after another in this process, nothing
is cached or read from a cache, no worker process is started, the collector is left
alone and the interpreter exits the ordinary way. The outputs are the same either way
(tests/e2e/test_speed_switch.py compares them byte for byte), so the switch is there to
tell a bug in a speed mechanism from one in the program, and for a machine where forking
or a cache folder is not wanted. HUIFANG_CACHE_DIR=off turns off the caches alone.
"""

from __future__ import annotations

import os

SWITCH = "HUIFANG_SPEED"


def enabled() -> bool:
    """False when HUIFANG_SPEED=off. Read at each call, not at import: the test suite and
    callers set the variable after `generator` is imported."""
    return os.environ.get(SWITCH, "").strip().lower() != "off"
