"""Record bodies rendered ahead, in a forked process, while this one works out the due
lists and lists the pages: in a big build those steps run in one process and the other
core would wait; the bodies are about a quarter of the page workers' time otherwise.

The forked process stops when this one is ready to write the pages (nobody waits for
it) and hands over what it has: {Markdown text: sanitised HTML}. The page builders look
a body up by its text (`SiteData.body_html`) and render the others themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from generator.model import Records
from generator.site.sanitise import body_html
from generator.speed.workers import Ahead, workers_for

PARALLEL_FROM = 2000  # fewer bodies than this are rendered as the pages are written

CHECK_EVERY = 50  # bodies between two looks at the stop signal

_texts: list[str] = []  # read by the forked process from this one's memory


def render_ahead(records: Records, masked: bool) -> Callable[[], dict[str, str]]:
    """Start rendering every record's body; call the result to stop and take them."""
    texts = [r.body for group in (records.customer_list, records.visits,
                                  records.complaint_list, records.losses)
             for r in group if r.body]  # fmt: skip
    if not workers_for(len(texts), PARALLEL_FROM):
        return dict  # nothing ahead: every body is rendered with its page
    global _texts
    _texts = texts
    ahead = Ahead(partial(_render_all, masked))

    def rendered() -> dict[str, str]:
        global _texts
        try:
            # None: the process died (e.g. killed for memory): the page workers render them
            return ahead.take() or {}
        finally:
            _texts = []

    return rendered


def _render_all(masked: bool, stopped: Callable[[], bool]) -> dict[str, str]:
    rendered = {}
    for number, text in enumerate(_texts):
        if number and number % CHECK_EVERY == 0 and stopped():
            break
        rendered[text] = body_html(text, masked)
    return rendered
