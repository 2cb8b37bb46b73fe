"""The search index in shards by page group, so a change re-indexes one part of it.

Pagefind indexes a whole tree at once and was most of a big build (11.4 s of 14.5 s at
2,000 customers); after one visit changed it indexed everything again. So above
`SHARD_FROM` customers the search tree is split: the section pages and the team's pages
in `main`, the customers' pages (and their further timeline pages) in `CUSTOMER_SHARDS`
groups by a hash of the customer's id (stable: adding or removing a customer moves no
other). Each shard is its own Pagefind bundle; `main` is the site's `pagefind/`, the
others `pagefind/shards/<name>/`, listed in `pagefind/shards.json`, which the page script
merges in the browser (Pagefind's `mergeIndex`). Only shards whose pages' search copies
changed are indexed again, on both cores. Below `SHARD_FROM` there is one bundle, as
before.
"""

from __future__ import annotations

import json
import zlib

MAIN = "main"
CUSTOMER_SHARDS = 8
SHARD_FROM = 400  # customers; fewer: one bundle (a shard's own cost is ~0.2 s of Pagefind)
LIST = "shards.json"  # in the main bundle: the other bundles, relative to it


def shard_names(sharded: bool) -> list[str]:
    return [MAIN, *(f"c{n}" for n in range(CUSTOMER_SHARDS))] if sharded else [MAIN]


def shard_of(path: str, sharded: bool) -> str:
    """The shard of a page (its path in the docs tree, e.g. customers/C0001-timeline-2.md)."""
    if not sharded or not path.startswith("customers/") or path == "customers/index.md":
        return MAIN
    ident = path.removeprefix("customers/").removesuffix(".md").split("-timeline-")[0]
    return f"c{zlib.crc32(ident.encode('utf-8')) % CUSTOMER_SHARDS}"


def bundle_path(shard: str) -> str:
    """Where a shard's bundle is in the site."""
    return "pagefind" if shard == MAIN else f"pagefind/shards/{shard}"


def shard_list(shards: list[str]) -> str:
    """The list the page script reads: each other bundle's folder, relative to pagefind/."""
    others = [f"shards/{s}/" for s in shards if s != MAIN]
    return json.dumps({"bundles": others}, separators=(",", ":")) + "\n"


def is_sharded(customers: int) -> bool:
    return customers >= SHARD_FROM
