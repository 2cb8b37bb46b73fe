"""Writing the pages, in worker processes when there are many (a big build's own time).

Listing the pages is cheap: a customer's page makes its context only when written. So the
pages are listed here and written by forked workers, a chunk at a time; the workers read
the pages from this process's memory (fork), so nothing is sent to them but a number.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.progress import Reporter
from generator.site.data import Page
from generator.site.render import write_page
from generator.speed.memory import freeze
from generator.speed.workers import fork_map, workers_for

PARALLEL_FROM = 400  # fewer pages than this are written in this process
CHUNK = 50

_job: tuple[jinja2.Environment, Path, Path, list[Page]] | None = None


def write_pages(
    env: jinja2.Environment,
    docs: Path,
    search: Path,
    pages: list[Page],
    reporter: Reporter,
) -> None:
    """Write every page."""
    workers = workers_for(len(pages), PARALLEL_FROM)
    if not workers:
        for page in pages:
            write_page(env, docs, search, page)
            reporter.advance()
        return
    global _job
    _job = (env, docs, search, pages)
    freeze()  # the workers share this memory: their collections need not walk (and copy) it
    try:
        for written in fork_map(_write_chunk, range(0, len(pages), CHUNK), workers):
            reporter.advance(written)
    finally:
        _job = None


def _write_chunk(start: int) -> int:
    assert _job is not None  # set before the fork
    env, docs, search, pages = _job
    chunk = pages[start : start + CHUNK]
    for page in chunk:
        write_page(env, docs, search, page)
    return len(chunk)
