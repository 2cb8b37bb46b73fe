"""Writing the pages, in worker processes when there are many (a big build's own time).

Listing the pages is cheap: a customer's page makes its context only when written. So the
pages are listed here and written by forked workers, a chunk at a time; the workers read
the pages from this process's memory (fork), so nothing is sent to them but a number.

A page is rendered only when its inputs changed since the last build: the digest of its
context and its other fields (path, title, template, the words it is the page of) is
compared with the one the work folder's state keeps (speed/sitestate.py). A template
reads nothing but its context, and the templates, the code and the profile are in the
state's program digest, so equal inputs give the same page. A rendered page's files are
written only when their bytes differ from what the trees hold, so MkDocs' `--dirty`
build (which goes by the files' times) rebuilds just those.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields, replace
from pathlib import Path

import jinja2

from generator.progress import Reporter
from generator.site.data import Page, ready
from generator.site.render import write_page
from generator.site.shards import shard_of
from generator.speed.memory import freeze
from generator.speed.workers import fork_map, workers_for

PARALLEL_FROM = 400  # fewer pages than this are written in this process
CHUNK = 50

# A page's digests: [its inputs, its search copy]; the work folder's state keeps them.
Digests = dict[str, list[str]]

_job: tuple[jinja2.Environment, Path, Path, list[Page], Digests, bool] | None = None


def write_pages(
    env: jinja2.Environment,
    docs: Path,
    search: Path,
    pages: list[Page],
    reporter: Reporter,
    known: Digests | None = None,
    sharded: bool = False,
) -> Digests:
    """Write every page whose inputs are not those `known` from the last build (its search
    copy into its shard's folder of `search`: shards.py); the digests of every page."""
    known = known or {}
    workers = workers_for(len(pages), PARALLEL_FROM)
    if not workers:
        digests = {}
        for page in pages:
            digests[page.path] = _write(env, docs, search, page, known, sharded)
            reporter.advance()
        return digests
    global _job
    _job = (env, docs, search, pages, known, sharded)
    freeze()  # the workers share this memory: their collections need not walk (and copy) it
    digests = {}
    try:
        for written in fork_map(_write_chunk, range(0, len(pages), CHUNK), workers):
            digests.update(written)
            reporter.advance(len(written))
    finally:
        _job = None
    return digests


def _write_chunk(start: int) -> Digests:
    assert _job is not None  # set before the fork
    env, docs, search, pages, known, sharded = _job
    return {page.path: _write(env, docs, search, page, known, sharded)
            for page in pages[start : start + CHUNK]}  # fmt: skip


def search_path(search: Path, page: Page) -> Path:
    return (search / page.path).with_suffix(".html")


def _write(env, docs: Path, tree: Path, page: Page, known: Digests, sharded: bool) -> list[str]:
    search = tree / shard_of(page.path, sharded)
    context = page.context()
    inputs = _inputs_digest(page, context)
    last = known.get(page.path)
    if (
        inputs
        and last is not None
        and last[0] == inputs
        and (docs / page.path).is_file()
        and search_path(search, page).is_file()
    ):
        return last
    written: dict[Path, bytes] = {}

    def write_changed(path: Path, text: str) -> None:
        data = text.encode("utf-8")
        written[path] = data
        try:
            if path.read_bytes() == data:
                return  # unchanged: its time stays, so MkDocs --dirty leaves its page
        except OSError:
            pass
        path.write_bytes(data)

    write_page(env, docs, search, replace(page, context=ready(context)), write_changed)
    copy = hashlib.blake2b(written[search_path(search, page)], digest_size=16).hexdigest()
    return [inputs, copy]


def _inputs_digest(page: Page, context: dict) -> str:
    """The digest of what the page is made from ("" when it cannot be pickled: then it is
    always rendered). Pickle keeps types (a Markup is not a str) and every value; equal
    inputs pickled apart may give other bytes (shared objects), which only costs a render."""
    own = [getattr(page, f.name) for f in fields(page) if f.name != "context"]
    try:
        blob = pickle.dumps((own, context), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return ""
    return hashlib.blake2b(blob, digest_size=16).hexdigest()
