"""The search index of a build: which shards to index again, Pagefind on both cores, and
the bundles into the new site (shards.py says how the index is split).

A shard is indexed again only when the search copies of its pages (and, for `main`, the
team's pages) differ from those its bundle in `work/pagefind/<shard>` was made from; the
others keep their bundle, and the new site links its unchanged files (publish.py).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from generator.site.programs import pagefind_index
from generator.site.publish import assemble
from generator.site.scan import Finding, scan_site
from generator.site.shards import LIST, MAIN, bundle_path, shard_list, shard_of
from generator.site.team_settings import TeamSettings
from generator.site.writer import Digests
from generator.speed.buildkey import file_bytes
from generator.speed.workers import fork_map, workers_for
from generator.timing import StageTimer

# Pagefind's files the browser loads from a merged bundle (the primary's scripts and
# WebAssembly do the searching for every bundle): the rest of a shard's copy is left out.
MERGED_FILES = ("pagefind-entry.json",)
MERGED_FOLDERS = ("index", "fragment", "filter", "own")  # own: the 直达 lookup (own_pages.py)
MERGED_SUFFIX = ".pf_meta"


def shard_digests(
    search: Path, digests: Digests, team: TeamSettings | None, shards: list[str]
) -> dict[str, str]:
    """What each shard's index is made from: its pages' search copies, the team's pages."""
    sharded = len(shards) > 1
    parts: dict[str, list[bytes]] = {shard: [] for shard in shards}
    for path in sorted(digests):
        parts[shard_of(path, sharded)].append(f"{path}\0{digests[path][1]}\0".encode())
    for name in sorted(team.files if team is not None else ()):
        if name.endswith(".md"):
            copy = search / MAIN / f"{name.removesuffix('.md')}.html"
            parts[MAIN].append(name.encode() + b"\0" + file_bytes(copy))
    return {shard: hashlib.sha256(b"".join(p)).hexdigest() for shard, p in parts.items()}


def index_shards(
    work: Path,
    changed: list[str],
    shards: list[str],
    staging: Path,
    published: Path,
    scan_all: bool,
    masked: bool,
    timer: StageTimer,
) -> list[Finding]:
    """Index the `changed` shards again (two at a time), put every shard's bundle into the
    site, and scan what of it changed (all of it: `scan_all`)."""
    bundles = work / "pagefind"
    for stale in set(os.listdir(bundles) if bundles.is_dir() else ()) - set(shards):
        gone = bundles / stale  # a shard no longer made (fewer customers now)
        if gone.is_dir() and not gone.is_symlink():
            shutil.rmtree(gone)
        else:
            gone.unlink()
    global _job
    _job = work
    try:
        with timer(INDEXING):
            for _ in fork_map(_index_one, changed, workers_for(len(changed), 2, at_most=2)):
                pass
    finally:
        _job = None
    (bundles / MAIN / LIST).write_text(shard_list(shards), encoding="utf-8")
    every: list[Path] = []
    copied: list[Path] = []
    for shard in shards:
        where = bundle_path(shard)
        made = assemble(bundles / shard, staging / where, published / where, skip="shards")
        every += made[0]
        copied += made[1]
    with timer("post-build scan of the index"):
        # At scale Pagefind ends last, when MkDocs and its scan are done: two cores are free.
        return scan_site(staging / "pagefind", masked, "pagefind/", processes=2,
                         files=every if scan_all else copied)  # fmt: skip


INDEXING = "Pagefind and finish_index (changed shards, both cores)"
_job: Path | None = None


def _index_one(shard: str) -> str:
    """Pagefind over one shard's search tree into a new bundle, which then replaces the
    shard's old one (a merged shard keeps only what the browser loads of it)."""
    assert _job is not None  # set before the fork
    work = _job
    bundle, fresh = work / "pagefind" / shard, work / "pagefind" / f".{shard}-new"
    shutil.rmtree(fresh, ignore_errors=True)
    pagefind_index(work / "search" / shard, fresh, StageTimer())  # timed whole, above
    if shard != MAIN:
        for entry in fresh.iterdir():
            kept = entry.name in MERGED_FILES or entry.name.endswith(MERGED_SUFFIX)
            if entry.is_dir() and entry.name not in MERGED_FOLDERS:
                shutil.rmtree(entry)
            elif entry.is_file() and not kept:
                entry.unlink()
    shutil.rmtree(bundle, ignore_errors=True)
    os.rename(fresh, bundle)
    return shard
