"""The post-build scan: nothing from a record may run, and a masked site leaks no numbers.

Looks inside every page's article (the part made from records; the theme's
own scripts are outside it) for `<script`, `on…=` attributes, `javascript:`
URLs in attributes and HTML comments; and, in masked builds, for an unmasked mobile or ID
number in any text file of the site (pages, downloads, sitemap) and in the
search index (Pagefind's files are gzip-compressed: they are read decompressed). Of the
index, the fragments (each page's whole text, its title and filters), filters and meta
are read; its word chunks (`.pf_index`) are not: every word in them comes from a
fragment's text, and they are a third of what there is to read.
"""

from __future__ import annotations

import gzip
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
ACTIVE = (
    ("script", re.compile(r"<script", re.I)),
    ("event handler", re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)),
    ("javascript: URL", re.compile(r"<[^>]+=\s*[\"']?\s*javascript:", re.I)),  # text may say it
    ("HTML comment", re.compile(r"<!--")),
)
_D = "[0-9０-９]"
NUMBERS = (
    ("mobile number", re.compile(rf"(?<![0-9０-９])[1１][3-9３-９]{_D}{{9}}(?![0-9０-９])")),
    ("ID number", re.compile(rf"(?<![0-9０-９]){_D}{{17}}[0-9０-９Xx](?![0-9０-９])")),
)
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".ics", ".txt", ".js"}
INDEX_SUFFIXES = {".pf_fragment", ".pf_meta", ".pf_filter"}
PARALLEL_FROM = 1000  # files; fewer are read in this process
CHUNK = 200


@dataclass(frozen=True)
class Finding:
    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


# A hash identifier — a commit's full hash (变更记录 pages), a calendar entry's UID (.ics) —
# can hold a run of eleven digits; it is not a number: 16+ lowercase hex digits, a letter among them.
HASH_ID = re.compile(r"(?=[0-9a-f]*[a-f])[0-9a-f]{16,}")
# Where a number could be: a run of 11 or more digits (a mobile has 11, an ID number 18).
# Found first, so the exact patterns only look at a few places in 100 MB of site.
DIGIT_RUN = re.compile(r"[0-9０-９]{11,}")
TOKEN_CHAR = re.compile(r"[0-9A-Za-z]")


def scan_site(
    site: Path, masked: bool, shown_prefix: str = "", processes: int = 1
) -> list[Finding]:
    """Findings in every file under `site` (paths shown as `shown_prefix` + relative path),
    read by `processes` forked processes when there are many files."""
    jobs = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site)
        if relative.parts[0] != "assets":  # the theme's own files
            jobs.append((path, shown_prefix + relative.as_posix(), masked))
    if processes < 2 or len(jobs) < PARALLEL_FROM:
        return [finding for job in jobs for finding in _scan_file(job)]
    with ProcessPoolExecutor(processes, mp_context=get_context("fork")) as pool:
        found = pool.map(_scan_file, jobs, chunksize=CHUNK)
        return [finding for findings in found for finding in findings]


def _scan_file(job: tuple[Path, str, bool]) -> list[Finding]:
    path, shown, masked = job
    text = _text_of(path)
    if text is None:
        return []
    findings: list[Finding] = []
    if path.suffix == ".html":
        for article in ARTICLE.findall(text):
            findings += [Finding(shown, what) for what, rx in ACTIVE if rx.search(article)]
    if masked:
        findings += [Finding(shown, what) for what in _numbers_in(text)]
    return findings


def _numbers_in(text: str) -> list[str]:
    """What kinds of unmasked number the text holds (a hash identifier is not one)."""
    kinds = set()
    for run in DIGIT_RUN.finditer(text):
        start, end = run.span()
        if HASH_ID.fullmatch(_token_around(text, start, end)):
            continue
        window = text[max(start - 1, 0) : end + 2]  # the run and what borders it
        kinds |= {what for what, rx in NUMBERS if rx.search(window)}
    return [what for what, _ in NUMBERS if what in kinds]


def _token_around(text: str, start: int, end: int) -> str:
    while start > 0 and TOKEN_CHAR.match(text, start - 1):
        start -= 1
    while end < len(text) and TOKEN_CHAR.match(text, end):
        end += 1
    return text[start:end]


def _text_of(path: Path) -> str | None:
    if path.suffix in TEXT_SUFFIXES:
        return path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in INDEX_SUFFIXES:
        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    return None
