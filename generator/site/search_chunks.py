"""Pagefind 1.4.0's index chunks given contiguous word ranges, so no word falls between two.

Pagefind splits the index into chunks of words in byte order and writes each chunk's first
and last word (`from`, `to`) into the `pf_meta` file, which the browser reads to request the
chunk a search term is in. 1.4.0 shortens each end to the prefix that tells two chunks
apart plus one character, so a chunk whose last word is longer (作者, with the next chunk at
使用) gets `to` = 作: every 作… word then sorts above its chunk's `to` and below the next
chunk's `from`. Its fallback for such terms compares byte slices and gives up when a slice
ends inside a three-byte Chinese character, so the search requests no chunk and finds
nothing: which common words vanish (回访, 今天, 会议) depends on where that build's splits fall.
Pagefind 1.5.0 fixed the lookup, but 1.5 loses recall elsewhere (docs/site.md).

Here every chunk's range runs from just above the previous chunk's range to just below the
next one's first word: every term is inside exactly one range, the strict lookup always
requests a chunk, and the chunks and their words stay as Pagefind wrote them. Written for the
pinned 1.4.0 layout (`pyproject.toml`); the build's test checks every word of every chunk.
"""

from __future__ import annotations

import gzip
import hashlib
import math
from collections.abc import Iterator
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"  # what every decompressed Pagefind file starts with
CHUNKS = 2  # the pf_meta list's item that lists the chunks: [from, to, hash] each
ABOVE_ALL = "\U0010ffff" * 4  # sorts after every word an index can hold


def unpacked(path: Path) -> bytes:
    """A Pagefind file's content: gzip-compressed behind its signature (every index file:
    fragments hold JSON, meta, index and filter files CBOR)."""
    return gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE)


def read_file(path: Path) -> list[object]:
    """A CBOR file of the index (pf_meta, pf_index) as its list of values."""
    value = cbor2.loads(unpacked(path))
    if not isinstance(value, list):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    return value


def pack(payload: bytes) -> bytes:
    """A Pagefind file from its content (reproducible: no time in the gzip header)."""
    return gzip.compress(SIGNATURE + payload, compresslevel=6, mtime=0)  # 9: twice the time


def write_file(path: Path, value: object) -> None:
    path.write_bytes(pack(cbor2.dumps(value)))


def just_below(word: str) -> str:
    """A string above every word that sorts before `word` (words end in no run of U+10FFFF),
    and below `word` itself."""
    last = ord(word[-1]) - 1
    # no markup character in pf_meta (the post-build scan reads it: = and ? lie just above
    # < and >); no indexed string holds one (own_pages.typed), so none lies in between
    while chr(max(last, 0)) in "<>" and last > 0:
        last -= 1
    if last < 0:
        return word[:-1]
    if 0xD800 <= last <= 0xDFFF:  # surrogates are no characters: the one below them
        last = 0xD7FF
    return word[:-1] + chr(last) + ABOVE_ALL


def chunks_of(meta: list[object]) -> list[list[str]]:
    chunks = meta[CHUNKS]
    if not isinstance(chunks, list) or not all(
        isinstance(c, list) and len(c) == 3 and all(isinstance(x, str) for x in c) for c in chunks
    ):
        raise ValueError("the pf_meta file has no chunk list of [from, to, hash]")
    return chunks


def contiguous(chunks: list[list[str]]) -> list[list[str]]:
    """The chunk list [from, to, hash] with each range running to just below the next one's
    first word, the first from the lowest (in place; returned for convenience)."""
    for index, chunk in enumerate(chunks):
        chunk[0] = "" if index == 0 else chunk[0]
        chunk[1] = just_below(chunks[index + 1][0]) if index + 1 < len(chunks) else ABOVE_ALL
    return chunks


def words_outside_their_chunk(bundle: Path) -> list[str]:
    """Every indexed word that Pagefind's strict lookup would not find in its own chunk's
    range (byte order, as Pagefind compares): the words a search cannot find."""
    lost: list[str] = []
    for meta_file in sorted(bundle.glob("pagefind.*.pf_meta")):
        for low, high, digest in chunks_of(read_file(meta_file)):
            words = read_file(bundle / "index" / f"{digest}.pf_index")[0]
            if not isinstance(words, list):
                raise ValueError(f"{digest}.pf_index: no word list")
            # str order is code-point order, which is UTF-8 byte order: Pagefind's
            lost += [entry[0] for entry in words if not low <= entry[0] <= high]
    return lost


# A search loads, per term and bundle, the pf_meta (an entry per chunk) and one chunk: for
# an index of S bytes, S / c entries of ~META_ENTRY bytes plus a chunk of c are least at
# c = sqrt(S × META_ENTRY) (about 9 KB for a shard of 2,000 customers' site, 16 KB at 10,000).
META_ENTRY = 40
SMALLEST_CHUNK = 4_000


def chunk_lists(strings: dict[str, dict[int, list[int]]]) -> list[list[str]]:
    """The strings of an index (string → page → location list), sorted, cut into chunks of
    about the size that makes a search's transfer least (`META_ENTRY`). A boundary never
    falls inside a group of strings sharing a first character — or, for a group too large
    for one chunk, their first two characters, and so on: Pagefind requests one chunk per
    term (the one whose range holds it), and every string a term extends to must be in it."""
    order = sorted(strings)
    sizes = {  # bytes, about: CBOR's small integers take one to three
        text: len(text) * 3 + 3 * (sum(map(len, strings[text].values())) + len(strings[text]))
        for text in order
    }
    target = max(SMALLEST_CHUNK, math.isqrt(sum(sizes.values()) * META_ENTRY))
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for group in _groups(order, sizes, 1, target):
        group_size = sum(sizes[text] for text in group)
        if current and size + group_size > target:
            chunks.append(current)
            current, size = [], 0
        current += group
        size += group_size
    if current:
        chunks.append(current)
    return chunks


def _groups(
    words: list[str], sizes: dict[str, int], length: int, target: int
) -> Iterator[list[str]]:
    """Sorted `words` as runs sharing their first `length` characters, a run too large for
    a chunk split by one more character."""
    run: list[str] = []
    for word in words:
        if run and word[:length] != run[0][:length]:
            yield from _split(run, sizes, length, target)
            run = []
        run.append(word)
    if run:
        yield from _split(run, sizes, length, target)


def _split(run: list[str], sizes: dict[str, int], length: int, target: int) -> Iterator[list[str]]:
    if len(run) == 1 or sum(sizes[w] for w in run) <= target:
        yield run
    else:  # words are distinct: some longer prefix tells them apart
        yield from _groups(run, sizes, length + 1, target)


def content_name(payload: bytes) -> str:
    """A file's name part from its content, as Pagefind names its files (so a browser's
    cached copy of an earlier index is never taken for this one)."""
    return hashlib.sha256(payload).hexdigest()[:10]
