"""Worker processes: forked, so they read the work from this process's memory.

Every pool of the program goes through here. Forking shares the parent's memory (the
records, the pages listed, the schemas) with the workers copy-on-write, so a task sent
to one is a small number or path and only its result comes back through a pipe. Work
goes to workers only when there is enough of it to pay for starting them (the caller's
threshold), there are at least two cores this process may run on, and the speed switch
is on (`generator.speed.enabled`); else it runs in this process, with the same results.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from multiprocessing.synchronize import Event
from typing import Generic, TypeVar

from generator.speed import enabled

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """The cores this process may run on (its affinity mask or cgroup quota where the
    platform says so, else the machine's count)."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counted is not None:
        return counted() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def workers_for(tasks: int, parallel_from: int, at_most: int | None = None) -> int:
    """How many worker processes `tasks` pieces of work get: 0 (do them in this process)
    below `parallel_from`, on one core, or with the speed switch off."""
    count = cores() if at_most is None else min(cores(), at_most)
    if not enabled() or tasks < parallel_from or count < 2:
        return 0
    return count


def fork_map(
    function: Callable[[T], R], items: Iterable[T], workers: int, chunksize: int = 1
) -> Iterator[R]:
    """`map(function, items)` in `workers` forked processes, results in order; in this
    process when `workers` is under 2. `function` must be a module's own function (it is
    sent by name); what it needs besides its item it reads from module globals set
    before the call, which the fork copies."""
    if workers < 2:
        yield from map(function, items)
        return
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        yield from pool.map(function, items, chunksize=chunksize)


class Ahead(Generic[R]):
    """One call run ahead in a forked process while this one goes on; `take()` asks it to
    stop and returns what it has (None when the process died, e.g. killed for memory).

    The call gets a function telling it whether it has been asked to stop."""

    def __init__(self, function: Callable[[Callable[[], bool]], R]) -> None:
        global _stop
        context = get_context("fork")
        _stop = context.Event()  # inherited by the fork: an Event cannot be sent to it
        self._stop = _stop
        self._pool = ProcessPoolExecutor(1, mp_context=context)
        self._future: Future[R] = self._pool.submit(_run_ahead, function)

    def take(self) -> R | None:
        self._stop.set()
        try:
            return self._future.result()
        except BrokenProcessPool:
            return None
        finally:
            self._pool.shutdown()


_stop: Event | None = None  # the forked process's stop signal (`Ahead`)


def _run_ahead(function: Callable[[Callable[[], bool]], R]) -> R:
    stop = _stop
    assert stop is not None  # set before the fork
    return function(stop.is_set)


def side_by_side(*calls: Callable[[], R]) -> list[R]:
    """The results of `calls`, each in a thread of its own when speed is on (they wait on
    programs of their own — MkDocs, Pagefind — so the threads share no Python work), one
    after another when it is off."""
    if not enabled() or len(calls) < 2:
        return [call() for call in calls]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(calls)) as pool:
        futures = [pool.submit(call) for call in calls]
        return [future.result() for future in futures]
