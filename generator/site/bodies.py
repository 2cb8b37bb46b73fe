"""Record bodies rendered ahead, in a forked process, while this one works out the due
lists and lists the pages: in a big build those steps run in one process and the other
core would wait; the bodies are about a quarter of the page workers' time otherwise.

The forked process stops when this one is ready to write the pages (nobody waits for
it) and hands over what it has: {Markdown text: sanitised HTML}. The page builders look
a body up by its text (`SiteData.body_html`) and render the others themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from generator.model import Records
from generator.site.sanitise import body_html

PARALLEL_FROM = 2000  # fewer bodies than this are rendered as the pages are written

CHECK_EVERY = 50  # bodies between two looks at the stop signal

_texts: list[str] = []  # read by the forked process from this one's memory
_stop = None  # set when the pages are to be written


def render_ahead(records: Records, masked: bool) -> Callable[[], dict[str, str]]:
    """Start rendering every record's body; call the result to stop and take them."""
    texts = [r.body for group in (records.customer_list, records.visits,
                                  records.complaint_list) for r in group if r.body]  # fmt: skip
    if len(texts) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return dict  # nothing ahead: every body is rendered with its page
    global _texts, _stop
    context = get_context("fork")
    _texts, _stop = texts, context.Event()
    pool = ProcessPoolExecutor(1, mp_context=context)
    future = pool.submit(_render_all, masked)

    def rendered() -> dict[str, str]:
        global _texts
        _stop.set()
        try:
            return future.result()
        except BrokenProcessPool:  # e.g. killed for memory: the page workers render them
            return {}
        finally:
            pool.shutdown()
            _texts = []

    return rendered


def _render_all(masked: bool) -> dict[str, str]:
    rendered = {}
    for number, text in enumerate(_texts):
        if number and number % CHECK_EVERY == 0 and _stop.is_set():
            break
        rendered[text] = body_html(text, masked)
    return rendered
