"""Every part of a word findable: the index gets, at each place of a page, the text that
starts there, as a query would be typed.

Pagefind 1.4 matches a query term against the *beginnings* of indexed words, and the words
are jieba's: 车位 is not found in a page that says 停车位 (jieba made one word of it), and a
term jieba split in two (满意 度) is found only through Pagefind's fallback for a term longer
than any word — which it skips as soon as some other page holds the term as one word. Ids
and dates lose their punctuation in the query (`K2026-0029` is searched as `k20260029`,
`2026-11-20` as `20261120`) but are indexed in parts. So recall depended on segmentation.

Here, for every place of every page, the words that follow it within one stretch of text
without spaces (punctuation dropped, as the query drops it) are joined and cut to
`WINDOW` characters, and that string is indexed at the place — at the start of every word
and at every Chinese character inside one. A query of up to `WINDOW` characters that occurs
in a page's text is then the beginning of one such string; a longer one falls back to its
first `WINDOW` characters, as before. Excerpts and highlights are unchanged: the added
strings point at the places of Pagefind's own words, whose text is the page's. A date
written `2026-11-20` is also indexed as `11月20日` and `2026年11月20日`, the way people type
it. Pagefind's own words stay, with their weights; an added string carries the weight of
the word it starts in.

After the words are added, the index is cut into chunks again: a chunk holds whole groups
of words with the same first character, because Pagefind requests one chunk per query term
(the one whose range holds the term) and a term's extensions must all be in it.
Written for the pinned Pagefind 1.4.0 layout, as `search_chunks.py`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from generator.site.own_pages import write_lookup
from generator.site.search_chunks import CHUNKS, chunks_of, read_file, unpacked, write_file

WINDOW = 12  # characters: a name with its company, an id, a date in any of its forms
# A page's own id and name (`Page.own`) go into its search copy with this weight, which
# nothing else has (an h1 is 7); Pagefind stores weights × 24.
OWN_WEIGHT = 10
CHUNK_BYTES = 48_000  # about the size of Pagefind's own chunks, before compression
PAGES = 1  # the pf_meta item listing the pages: [fragment hash, word count] each
DEFAULT_WEIGHT = 25  # a page's locations start at this weight (Pagefind's decoder)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")

Locations = dict[int, list[tuple[int, int]]]  # page → [(weight, place)]


def add_inner_words(bundle: Path) -> None:
    """Rewrite each language's index in `bundle` with the joined strings; write the own-page
    lookup beside it (`own_pages.py`)."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    owners: list[tuple[str, str, str]] = []
    for language, about in sorted(entry["languages"].items()):
        meta_file = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read_file(meta_file)
        places = _places_by_page(_read_words(bundle, chunks_of(meta)))
        words: dict[str, Locations] = {}
        for page, (digest, _count) in enumerate(_pages_of(meta)):
            fragment = json.loads(unpacked(bundle / "fragment" / f"{digest}.pf_fragment"))
            content, placed = str(fragment["content"]), places.get(page, {})
            _index_page(words, page, content, placed)
            title = str(fragment.get("meta", {}).get("title", ""))
            owners += [(own, str(fragment["url"]), title) for own in _own_texts(content, placed)]
        meta[CHUNKS] = _write_chunks(bundle, language, words)
        meta_file.unlink()
        about["hash"] = f"{language}_{_digest(meta)}"
        write_file(bundle / f"pagefind.{about['hash']}.pf_meta", meta)
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    write_lookup(bundle, owners)


def _pages_of(meta: list[object]) -> list[tuple[str, int]]:
    pages = meta[PAGES]
    if not isinstance(pages, list) or not all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in pages
    ):
        raise ValueError("the pf_meta file has no page list of [hash, word count]")
    return [(p[0], p[1]) for p in pages]


def _read_words(bundle: Path, chunks: list[list[str]]) -> dict[str, Locations]:
    """word → page → [(weight, place)], from every chunk; chunk files are removed."""
    words: dict[str, Locations] = {}
    for _low, _high, digest in chunks:
        chunk = bundle / "index" / f"{digest}.pf_index"
        entries = read_file(chunk)[0]
        if not isinstance(entries, list):
            raise ValueError(f"{chunk.name}: no word list")
        for word, pages in entries:
            words[word] = {page: list(_decoded(places)) for page, places in pages}
        chunk.unlink()
    return words


def _decoded(places: list[int]) -> Iterator[tuple[int, int]]:
    """Pagefind's location list: a negative number -(w + 1) sets the weight w of the
    places after it."""
    weight = DEFAULT_WEIGHT
    for place in places:
        if place < 0:
            weight = -place - 1
        else:
            yield weight, place


def _encoded(places: list[tuple[int, int]]) -> list[int]:
    out: list[int] = []
    weight = DEFAULT_WEIGHT
    for place_weight, place in sorted(set(places), key=lambda wp: (wp[1], wp[0])):
        if place_weight != weight:
            weight = place_weight
            out.append(-weight - 1)
        out.append(place)
    return out


Placed = dict[int, list[tuple[str, int]]]  # place → [(word, weight)], the longest word first


def _places_by_page(words: dict[str, Locations]) -> dict[int, Placed]:
    found: dict[int, Placed] = defaultdict(lambda: defaultdict(list))
    for word, pages in words.items():
        for page, places in pages.items():
            for weight, place in places:
                found[page][place].append((word, weight))
    for placed in found.values():
        for here in placed.values():
            here.sort(key=lambda ww: (-len(ww[0]), ww[0]))
    return found


def stretches(content: str) -> Iterator[list[int]]:
    """The places of a fragment's content, one list per stretch of text without spaces.

    Pagefind's indexer puts a zero-width space between the words it found, and its
    excerpts count places by them, as here; a place whose text ends in a space ends its
    stretch."""
    run: list[int] = []
    for place, text in enumerate(content.split("\u200b")):
        if text[:1].isspace() and run:
            yield run
            run = []
        run.append(place)
        if text[-1:].isspace():
            yield run
            run = []
    if run:
        yield run


def _own_texts(content: str, placed: Placed) -> list[str]:
    """The page's own ids and names: the stretches indexed with `OWN_WEIGHT`."""
    texts = content.split("\u200b")
    return [
        "".join(texts[place] for place in stretch).strip()
        for stretch in stretches(content)
        if any(placed.get(place, [("", 0)])[0][1] == OWN_WEIGHT * 24 for place in stretch)
    ]


def _index_page(words: dict[str, Locations], page: int, content: str, placed: Placed) -> None:
    """The strings of one page into `words`: at each place, Pagefind's word with the words
    that follow it in its stretch (cut to `WINDOW` characters, never shorter than the word
    itself), and, in text weighted below a heading's, the same from each Chinese character
    inside the word and a date's other forms.

    Pagefind adds the weights of the strings a term matched at one place in a single byte,
    so two of a heading's would wrap around (two of 168 make 80) and sink the page: in
    headings (weights above 127) no two strings at one place begin with the same
    character, so no term matches two."""
    for stretch in stretches(content):
        here = [place for place in stretch if place in placed]
        joined = [placed[place][0][0] for place in here]
        for start, place in enumerate(here):
            word, weight = placed[place][0]
            following = "".join(joined[start:])
            window = following[: max(WINDOW, len(word))]
            strings = [window]
            strings += [other for other, _ in placed[place][1:] if not window.startswith(other)]
            strings += [following[offset : offset + WINDOW] for offset in _starts(word)]
            strings += _date_forms(following)
            firsts: set[str] = set()
            for text in dict.fromkeys(strings):  # in order, once each
                if weight > 127 and text[0] in firsts:
                    continue
                firsts.add(text[0])
                words.setdefault(text, {}).setdefault(page, []).append((weight, place))


def _starts(word: str) -> Iterator[int]:
    """Where a typed fragment may start inside a word besides its beginning: each Chinese
    character after the first (a fragment of an id or English word starts at its word)."""
    for offset in range(1, len(word)):
        if _CJK.match(word[offset]):
            yield offset


def _date_forms(joined: str) -> tuple[str, ...]:
    """`20261120…` (a date as the query drops its hyphens) also as 11月20日 and
    2026年11月20日."""
    match = _DATE.match(joined)
    if not match or not (1 <= int(match[2]) <= 12 and 1 <= int(match[3]) <= 31):
        return ()
    year, month, day = match[1], int(match[2]), int(match[3])
    return f"{month}月{day}日", f"{year}年{month}月{day}日"


def _write_chunks(bundle: Path, language: str, words: dict[str, Locations]) -> list[list[str]]:
    """The words in chunk files of about `CHUNK_BYTES`; returns the pf_meta chunk list
    [first, last, hash]. A chunk boundary never falls inside a group of words that share a
    first character — or, for a group too large for one chunk, their first two characters,
    and so on: Pagefind requests one chunk per term, so every word a term extends to must be
    in the chunk whose range holds it (for a term at least as long as its group's prefix)."""
    entries = {
        word: [word, [[page, _encoded(places)] for page, places in sorted(words[word].items())]]
        for word in words
    }
    sizes = {word: len(word.encode()) + 6 * sum(len(p[1]) + 2 for p in entry[1])
             for word, entry in entries.items()}  # fmt: skip
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for group in _groups(sorted(words), sizes, 1):
        group_size = sum(sizes[w] for w in group)
        if current and size + group_size > CHUNK_BYTES:
            chunks.append(_write_chunk(bundle, language, [entries[w] for w in current]))
            current, size = [], 0
        current += group
        size += group_size
    if current:
        chunks.append(_write_chunk(bundle, language, [entries[w] for w in current]))
    return chunks


def _groups(words: list[str], sizes: dict[str, int], length: int) -> Iterator[list[str]]:
    """Sorted `words` as runs sharing their first `length` characters, a run too large for
    a chunk split by one more character."""
    run: list[str] = []
    for word in words:
        if run and word[:length] != run[0][:length]:
            yield from _split(run, sizes, length)
            run = []
        run.append(word)
    if run:
        yield from _split(run, sizes, length)


def _split(run: list[str], sizes: dict[str, int], length: int) -> Iterator[list[str]]:
    if len(run) == 1 or sum(sizes[w] for w in run) <= CHUNK_BYTES:
        yield run
    else:  # words are distinct: some longer prefix tells them apart
        yield from _groups(run, sizes, length + 1)


def _write_chunk(bundle: Path, language: str, entries: list[list[object]]) -> list[str]:
    value = [entries]
    digest = f"{language}_{_digest(value)}"
    write_file(bundle / "index" / f"{digest}.pf_index", value)
    return [str(entries[0][0]), str(entries[-1][0]), digest]


def _digest(value: object) -> str:
    """A file's name part from its content, as Pagefind names its files (so a browser's
    cached copy of an earlier index is never taken for this one)."""
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:10]
