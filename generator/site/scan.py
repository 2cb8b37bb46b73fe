"""The post-build scan: nothing from a record may run, and a masked site leaks no numbers.

Looks inside every page's article (the part made from records; the theme's
own scripts are outside it) for `<script`, `on…=` attributes, `javascript:`
URLs and HTML comments; and, in masked builds, for an unmasked mobile or ID
number in any text file of the site (pages, downloads, sitemap) and in the
search index (Pagefind's files are gzip-compressed: they are read decompressed).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from pathlib import Path

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
ACTIVE = (
    ("script", re.compile(r"<script", re.I)),
    ("event handler", re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)),
    ("javascript: URL", re.compile(r"javascript:", re.I)),
    ("HTML comment", re.compile(r"<!--")),
)
_D = "[0-9０-９]"
NUMBERS = (
    ("mobile number", re.compile(rf"(?<![0-9０-９])[1１][3-9３-９]{_D}{{9}}(?![0-9０-９])")),
    ("ID number", re.compile(rf"(?<![0-9０-９]){_D}{{17}}[0-9０-９Xx](?![0-9０-９])")),
)
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".ics", ".txt", ".js"}
INDEX_SUFFIXES = {".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"}


@dataclass(frozen=True)
class Finding:
    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


# A commit's full hash (变更记录 pages) can hold a run of eleven digits; it is not a number.
COMMIT_HASH = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{40}(?![0-9A-Za-z])")


def scan_site(site: Path, masked: bool) -> list[Finding]:
    findings: list[Finding] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if "assets" in path.relative_to(site).parts[:1]:
            continue
        text = _text_of(path)
        if text is None:
            continue
        shown = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            for article in ARTICLE.findall(text):
                findings += [Finding(shown, what) for what, rx in ACTIVE if rx.search(article)]
        if masked:
            text = COMMIT_HASH.sub("", text)
            findings += [Finding(shown, what) for what, rx in NUMBERS if rx.search(text)]
    return findings


def _text_of(path: Path) -> str | None:
    if path.suffix in TEXT_SUFFIXES:
        return path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in INDEX_SUFFIXES:
        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    return None
