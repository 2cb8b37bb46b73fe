"""Writing the pages, in worker processes when there are many (a big build's own time).

Listing the pages is cheap: a customer's page makes its context only when written. So the
pages are listed here and written by forked workers, a chunk at a time; the workers read
the pages from this process's memory (fork), so nothing is sent to them but a number.
"""

from __future__ import annotations

import gc
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import jinja2

from generator.progress import Reporter
from generator.site.data import Page
from generator.site.render import write_page

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
    workers = min(os.cpu_count() or 1, 4)
    if len(pages) < PARALLEL_FROM or workers < 2:
        for page in pages:
            write_page(env, docs, search, page)
            reporter.advance()
        return
    global _job
    _job = (env, docs, search, pages)
    gc.freeze()  # the workers share this memory: their collections need not walk (and copy) it
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            for written in pool.map(_write_chunk, range(0, len(pages), CHUNK)):
                reporter.advance(written)
    finally:
        _job = None


def _write_chunk(start: int) -> int:
    env, docs, search, pages = _job
    chunk = pages[start : start + CHUNK]
    for page in chunk:
        write_page(env, docs, search, page)
    return len(chunk)
