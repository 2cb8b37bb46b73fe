"""The own-page lookup: a search for a record's id or full name shows its page first.

Pagefind ranks by BM25 over words, and a list that mentions a customer in twenty rows can
outrank the customer's page however its heading is weighted (BM25 saturates; the weights
of one place share a byte). So the search box asks this small table first: every page's own
ids and names (`Page.own`, marked in the search copy by their weight) as the query would be
typed, normalised the way Pagefind's own script normalises a query, each pointing at its
pages. `huifang.js` shows those pages as a "直达" line above Pagefind's results.

The table is split into `BUCKETS` files by a hash of the key (FNV-1a over UTF-16 code units,
which the page script computes the same way), so a search fetches one small file.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

BUCKETS = 64
FOLDER = "own"  # inside the Pagefind bundle, beside its index
# Pagefind's script drops these Unicode categories from a query (dashes, brackets, quotes,
# other punctuation) and lower-cases it.
_DROPPED = {"Pd", "Pe", "Pf", "Pi", "Po", "Ps"}
# and, here, the markup characters NFKC makes of their full-width forms (＜ → <): no string of
# the index may hold one (its chunk ranges are in pf_meta, which the post-build scan reads)
_MARKUP = {"<", ">", "`"}


def typed(text: str) -> str:
    """Text as the search compares it: full-width and other compatibility forms folded
    (NFKC: an input method in full-width mode types Ｃ０００１), Pagefind's dropped
    punctuation left out, lower case. The page's words go through it as the query does."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    elif text.isalnum():
        return text.lower()
    return "".join(
        c for c in text if unicodedata.category(c) not in _DROPPED and c not in _MARKUP
    ).lower()


def query_key(text: str) -> str:
    """`text` as the search box turns a typed query into its search term (huifang.js)."""
    return " ".join(typed(text.replace("\u200b", "")).split())


def bucket(key: str) -> int:
    """FNV-1a (32 bits) over the key's UTF-16 code units, modulo `BUCKETS`."""
    value = 0x811C9DC5
    units = key.encode("utf-16-le")
    for index in range(0, len(units), 2):
        value ^= units[index] | units[index + 1] << 8
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % BUCKETS


def write_lookup(bundle: Path, owners: list[tuple[str, str, str]]) -> None:
    """`owners`: (own text, page URL, page title) each; the lookup files into the bundle."""
    table: dict[int, dict[str, list[list[str]]]] = {n: {} for n in range(BUCKETS)}
    for text, url, title in sorted(set(owners)):
        key = query_key(text)
        if key:
            table[bucket(key)].setdefault(key, []).append([url, title])
    folder = bundle / FOLDER
    folder.mkdir(exist_ok=True)
    for number, entries in table.items():
        text = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        # a key is the name as typed, NFKC-folded (＜ is <): markup characters as JSON escapes,
        # so no file of the index holds one (the post-build scan and the hostile tests check)
        (folder / f"{number:02x}.json").write_text(text.translate(_JSON_ESCAPES), "utf-8")


_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
