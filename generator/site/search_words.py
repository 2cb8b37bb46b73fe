"""Every part of a word findable: the index holds, at each Chinese character of a page, the
character with the unit after it, and the search box asks for those pairs.

Pagefind 1.4 matches a query term against the *beginnings* of indexed words, and the words
are jieba's: 车位 was not found in a page that says 停车位 (jieba made one word of it), and a
term jieba split in two (满意 度) was found only through Pagefind's fallback for a term
longer than any word — which it skips as soon as some other page holds the term as one
word. Ids and dates lose their punctuation in the query (`K2026-0029` is searched as
`k20260029`, `2026-11-20` as `20261120`) but were indexed in parts. So recall depended on
segmentation.

Here a page's text is read from its fragment as Pagefind's excerpts read it (the places
between zero-width spaces), in stretches without spaces, punctuation dropped as the query
drops it. Its units are each Chinese character and each run of other characters (an id, a
number, a Latin word). Indexed, at the place each unit is in:
- a Chinese character with the unit after it (满意, 意度, 度调 …; the last one alone);
- a run of other characters with the runs after it up to the next Chinese character, cut
  to `WINDOW` characters (`k20260029`, `20261120`), and with the Chinese character after
  it (`2026年`); a date also as 11月20日 and 2026年11月20日 the same way.
A joined string the masking matcher takes for a phone or ID number (`mask.numbers_in`: digits of
different words, e.g. an amount beside a date) is left out: the post-build scan would rightly stop it.
The search box (`huifang.js`) turns each typed word into its pairs, all of which a page
must hold: a query found in a page's text is found (recall no longer depends on jieba), and
each pair is one indexed string, so Pagefind's scoring stays plain BM25. Excerpts and
highlights are Pagefind's own: the strings point at the places of the page's words.
Pagefind's jieba words are not kept: a term would match one of them and a pair at the same
place, and Pagefind adds those weights in one byte (two of a heading's 168 wrap to 80).

Then the index is cut into chunks again (`search_chunks.chunk_lists`). Written for the pinned Pagefind 1.4.0 layout, as `search_chunks.py`.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import cbor2

from generator.present.mask import numbers_in
from generator.site.own_pages import query_key, typed, write_lookup
from generator.site.search_chunks import (
    CHUNKS,
    chunk_lists,
    chunks_of,
    content_name,
    contiguous,
    pack,
    read_file,
    unpacked,
)
from generator.speed.workers import fork_map

WINDOW = 12  # characters of an id or number run: ids, dates, phone-free amounts
# A page's own id and name (`Page.own`) go into its search copy with this weight, which
# nothing else has (an h1 is 7); Pagefind stores weights × 24.
OWN_WEIGHT = 10
OWN_META = "own"  # and its meta keys, own0, own1 …: the lookup's keys as they were written
BODY = 24  # the weight of body text, as Pagefind stores it
PAGES = 1  # the pf_meta item listing the pages: [fragment hash, word count] each
DEFAULT_WEIGHT = 25  # a page's locations start at this weight (Pagefind's decoder)

_HAN = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK = re.compile(f"[{_HAN}]")
_UNIT = re.compile(f"[{_HAN}]|[^{_HAN}]+")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")

Strings = dict[str, dict[int, list[int]]]  # string → page → Pagefind's location list


def add_inner_words(bundle: Path, workers: int | None = None) -> None:
    """Rewrite each language's index in `bundle` with the pairs and runs; write the
    own-page lookup beside it (`own_pages.py`).

    Pages, then chunks, go to two processes (Pagefind, done, leaves both cores free) —
    unless this is a worker already (shards are finished two at a time)."""
    global _JOB
    if workers is None:
        workers = 1 if multiprocessing.parent_process() else 2
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    owners: list[tuple[str, str, str]] = []
    for language, about in sorted(entry["languages"].items()):
        meta_file = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read_file(meta_file)
        pages = _pages_of(meta)
        _JOB = _Job(bundle, language, _weighted_places(bundle, chunks_of(meta)), {})
        strings = _JOB.strings
        jobs = [(page, digest) for page, (digest, _count) in enumerate(pages)]
        for page, found, own, url, title in fork_map(_one_page, jobs, workers, chunksize=32):
            for text, places in found.items():
                strings.setdefault(text, {})[page] = places
            owners += [(text, url, title) for text in own]
        # ranges made contiguous as they are written: else some words are in no chunk's range
        meta[CHUNKS] = contiguous(list(fork_map(_write_chunk, chunk_lists(strings), workers)))
        meta_file.unlink()
        payload = cbor2.dumps(meta)
        about["hash"] = f"{language}_{content_name(payload)}"
        (bundle / f"pagefind.{about['hash']}.pf_meta").write_bytes(pack(payload))
    _JOB = None
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    write_lookup(bundle, owners)


@dataclass
class _Job:
    """What the worker processes read (the fork copies it): `fork_map` sends functions by
    name and their items only."""

    bundle: Path
    language: str
    weights: dict[int, dict[int, int]]
    strings: Strings


_JOB: _Job | None = None


def _one_page(item: tuple[int, str]) -> tuple[int, dict[str, list[int]], list[str], str, str]:
    page, digest = item
    assert _JOB is not None
    fragment = json.loads(unpacked(_JOB.bundle / "fragment" / f"{digest}.pf_fragment"))
    found = _page_strings(str(fragment["content"]), _JOB.weights.get(page, {}))
    meta = fragment.get("meta", {})
    own = [str(meta[key]) for key in sorted(meta) if key.startswith(OWN_META)]
    title = str(fragment.get("meta", {}).get("title", ""))
    return page, found, own, str(fragment["url"]), title


def _pages_of(meta: list[object]) -> list[tuple[str, int]]:
    pages = meta[PAGES]
    if not isinstance(pages, list) or not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in pages
    ):
        raise ValueError("the pf_meta file has no page list of [hash, word count]")
    return [(p[0], p[1]) for p in pages]


def _weighted_places(bundle: Path, chunks: list[list[str]]) -> dict[int, dict[int, int]]:
    """page → place → weight, for the places not weighted as body text (headings, a page's
    own id and name): all that is kept of Pagefind's words. Its chunk files are removed."""
    weights: dict[int, dict[int, int]] = defaultdict(dict)
    for _low, _high, digest in chunks:
        chunk = bundle / "index" / f"{digest}.pf_index"
        entries = read_file(chunk)[0]
        if not isinstance(entries, list):
            raise ValueError(f"{chunk.name}: no word list")
        for _word, pages in entries:
            for page, places in pages:
                if places[0] == -BODY - 1 and min(places[1:], default=0) >= 0:
                    continue  # all body text: the common case, decided in C
                weight = DEFAULT_WEIGHT
                for place in places:
                    if place < 0:
                        weight = -place - 1
                    elif weight != BODY:
                        weights[page][place] = weight
        chunk.unlink()
    return weights


_BOUNDARY = "\x00"  # between two stretches in a page's text (no word holds it)
_HAN_RUN = re.compile(f"[{_HAN}]+")
_OTHER_RUN = re.compile(f"[^{_HAN}\\x00]+")


@dataclass
class PageText:
    """A page's words as the query would type them, stretch after stretch (a stretch: text
    without spaces; `_BOUNDARY` between two), with each character's place, where each word
    starts."""

    text: str
    places: list[int]
    starts: list[int]


def page_text(content: str) -> PageText:
    """From a fragment's content. Pagefind's indexer puts a zero-width space between the
    words it found, and its excerpts count places by them, as here; a word is lower-cased
    and its punctuation dropped, as the query's (a word of punctuation only is left out,
    within its stretch)."""
    page = _PageTextBuilder()
    for place, token in enumerate(content.split("\u200b")):
        if token.isalnum():  # most words: no space, no punctuation
            page.word(place, token.lower() if token.isascii() else typed(token))
            continue
        if token[:1].isspace():
            page.end_stretch()
        for index, word in enumerate(token.split()):
            if index:
                page.end_stretch()
            page.word(place, typed(word))
        if token[-1:].isspace():
            page.end_stretch()
    page.end_stretch()
    return PageText("".join(page.parts), page.places, page.starts)


class _PageTextBuilder:
    __slots__ = ("length", "parts", "places", "starts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.places: list[int] = []
        self.starts: list[int] = []
        self.length = 0

    def word(self, place: int, word: str) -> None:
        if not word:
            return
        self.starts.append(self.length)
        self.parts.append(word)
        self.places += [place] * len(word)
        self.length += len(word)

    def end_stretch(self) -> None:
        if self.parts and self.parts[-1] != _BOUNDARY:
            self.parts.append(_BOUNDARY)
            self.places.append(-1)
            self.length += 1


def _page_strings(content: str, weighted: dict[int, int]) -> dict[str, list[int]]:
    """One page's strings with their places (module docstring).

    In headings (weights above 127) no two strings at one place begin with the same
    character, so no term matches two there (their weights would wrap around)."""
    page = page_text(content)
    text, places = page.text, page.places
    heavy = {place for place, weight in weighted.items() if weight > 127}
    firsts: dict[int, set[str]] = defaultdict(set)
    found: dict[str, list[int]] = {}

    def add(string: str, place: int) -> None:
        if string not in found and next(numbers_in(string), None):
            return  # digits joined across punctuation that read as a phone or ID number
        if place in heavy:
            if string[0] in firsts[place]:
                return
            firsts[place].add(string[0])
        at = found.get(string)
        if at is None:
            found[string] = [place]
        elif at[-1] != place:
            at.append(place)

    for match in _HAN_RUN.finditer(text):
        start, end = match.span()
        for index in range(start, end - 1):  # the common case: most of a page
            place = places[index]
            string = text[index : index + 2]
            if place in heavy:
                add(string, place)
                continue
            at = found.get(string)
            if at is None:
                found[string] = [place]
            elif at[-1] != place:
                at.append(place)
        other = _OTHER_RUN.match(text, end)  # the last character with the run after it
        add(text[end - 1] + (other.group()[:WINDOW] if other else ""), places[end - 1])
    starts = page.starts
    for match in _OTHER_RUN.finditer(text):
        start, end = match.span()
        followed = end < len(text) and text[end] != _BOUNDARY
        first = bisect_left(starts, start)
        offsets = [offset for offset in starts[first : first + WINDOW] if offset < end]
        if not offsets or offsets[0] != start:  # a run that starts inside a word (满abc)
            offsets.insert(0, start)
        for number, offset in enumerate(offsets):
            word_end = offsets[number + 1] if number + 1 < len(offsets) else end
            window = text[offset : min(end, max(offset + WINDOW, word_end))]
            if next(numbers_in(window), None):  # joined, it reads as a number: the word alone
                window = text[offset:word_end]
            add(window, places[offset])
            if followed and offset + len(window) == end:
                add(window + text[end], places[offset])
            for form in _date_forms(text[offset:end]):  # 2026-11-20 as 11月20日 too
                # indexed as if the page said it, all at the date's place
                for string in _page_strings("\u200b".join(_UNIT.findall(form)), {}):
                    if _CJK.search(string):  # its numbers are words already
                        add(string, places[offset])
    for string, at in found.items():  # Pagefind's location list: the weight, then places
        if heavy.isdisjoint(at):
            at.insert(0, -BODY - 1)
        else:
            found[string] = _encoded(at, weighted)
    return found


def search_terms(query: str) -> list[str]:
    """What the search box asks Pagefind for a typed query (huifang.js `searchTerms`, kept
    equal by tests/e2e/test_search_terms.py): each word of it as the pairs of its units, a
    run of letters or digits cut to `WINDOW` characters (the index's runs are)."""
    terms: list[str] = []
    for word in query_key(query).split():  # a run of other characters as far as indexed
        units = [unit if _CJK.match(unit) else unit[:WINDOW] for unit in _UNIT.findall(word)]
        terms += units if len(units) < 2 else [a + b for a, b in pairwise(units)]
    return terms


def _date_forms(joined: str) -> tuple[str, ...]:
    """`20261120…` (a date as the query drops its hyphens) also as 11月20日 and
    2026年11月20日."""
    match = _DATE.match(joined)
    if not match or not (1 <= int(match[2]) <= 12 and 1 <= int(match[3]) <= 31):
        return ()
    year, month, day = match[1], int(match[2]), int(match[3])
    return f"{month}月{day}日", f"{year}年{month}月{day}日"


def _encoded(places: list[int], weighted: dict[int, int]) -> list[int]:
    """Pagefind's location list: -(w + 1) sets the weight w of the places after it."""
    out: list[int] = []
    current = DEFAULT_WEIGHT
    for place in places:
        weight = weighted.get(place, BODY)
        if weight != current:
            current = weight
            out.append(-weight - 1)
        out.append(place)
    return out


def _write_chunk(texts: list[str]) -> list[str]:
    """One chunk file; its pf_meta entry [first, last, hash]."""
    assert _JOB is not None
    entries = [[text, list(_JOB.strings[text].items())] for text in texts]  # (page, places)
    payload = cbor2.dumps([entries])
    digest = f"{_JOB.language}_{content_name(payload)}"
    (_JOB.bundle / "index" / f"{digest}.pf_index").write_bytes(pack(payload))
    return [texts[0], texts[-1], digest]
