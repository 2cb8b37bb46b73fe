"""The post-build scan: nothing from a record may run, and a masked site leaks no numbers.

Looks at every whole page (head, header, navigation, article, footer) for anything that
runs: a `<script>` other than the theme's own (Material's bundle and its three inline
scripts, whose SHA-256 the Content Security Policy names too, the Pagefind UI and
huifang.js), `on…=` attributes, `javascript:` URLs in attributes, `<iframe>`, `<object>`,
`<embed>`, `<base>`, `<meta http-equiv="refresh">`, HTML comments in the article, and a
second element with the theme's own ids (`__config`). In the search index it looks
for any markup at all (Pagefind's UI puts titles, filters, excerpts and headings into the
page as HTML; render.py gives it their markup characters in full-width form). In masked builds it looks for an unmasked phone or ID number in any text file of
the site and in the search index (Pagefind's files are gzip-compressed: they are read
decompressed), with the matcher that masks (`mask.numbers_in`: separators, full-width
and mathematical digits, soft hyphens and other invisible characters), on the text as a
reader sees it (inline tags joined, entities decoded). Of the index, the fragments (each
page's whole text, its title and filters), filters and meta are read, each string on its
own; its word chunks (`.pf_index`) are not: their strings are a fragment's words, joined
within a stretch of its text, and `search_words` leaves out every joined string the same
matcher takes for a number (unit-tested there). Workbooks (.xlsx: a zip of XML) are read
cell by cell, and one holding a formula is refused (the exports write none).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import cbor2

from generator.present.mask import html_text, numbers_in
from generator.site.cms_admin import vendored_sums
from generator.site.mkdocs_hooks import is_theme_script
from generator.site.search_chunks import unpacked
from generator.speed.workers import fork_map, workers_for

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
# Scripts the theme puts on every page (the bundle's name carries its hash).
THEME_SCRIPT_SOURCES = re.compile(
    r'^\s*src="/?(?:\.\./)*(?:assets/javascripts/bundle\.[0-9a-f]+\.min\.js|'
    r'pagefind/pagefind-ui\.js|assets/huifang\.js|assets/registers\.js|assets/print\.js|assets/acting\.js)"\s*$'
)
# admin/index.html (cms_admin.py) loads the vendored editor from its own folder, nothing else.
ADMIN_PAGE = "admin/index.html"
ADMIN_SCRIPT_SOURCE = re.compile(r'^\s*src="decap-cms\.js"\s*$')
THEME_CONFIG = re.compile(r'^\s*id="__config" type="application/json"\s*$')
# Tags worth a closer look: with an attribute named on…, or a value that could hold a URL
# scheme (a colon or an entity), or tags that run, embed, redirect or submit by themselves.
SUSPECT_TAG = re.compile(r"<[a-zA-Z][^>]*?(?:[\s/\"']on[a-z]|[:&])[^>]*>", re.I)
TAG_PARTS = re.compile(r"<([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
)
DANGEROUS_SCHEME = re.compile(r"(?:javascript|vbscript|data):")
INVISIBLE_IN_URL = re.compile(r"[\x00-\x20\x7f]")  # a browser drops them from a scheme
ACTIVE_TAGS = (
    ("embedded frame or object", re.compile(r"<(?:iframe|object|embed|frame|applet)\b", re.I)),
    ("base or refresh", re.compile(r"<base\b|<meta[^>]+http-equiv=[\"']?refresh", re.I)),
    ("form", re.compile(r"<form\b", re.I)),
    ("link to another host", re.compile(r"<link\b[^>]*href=[\"']?\s*(?:[a-z]+:)?//", re.I)),
)
SCRIPT_START = re.compile(r"<script\b", re.I)
ARTICLE_ONLY = (("HTML comment", re.compile(r"<!--")),)
THEME_IDS = re.compile(r"""id=["']?(__[a-z0-9_]+)""")  # __nav_9 and __nav_9_label: two ids
MARKUP = re.compile(r"[<>]")
# a text cell's string (shared or inline); numeric cells are the exports' counts, rates and
# date serials (45987.09027777778), never text (report/xlsx.py writes strings as strings)
XML_TEXT = re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>")
XML_FORMULA = re.compile(r"<f[\s>/]")
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
# Pagefind's own ids in its index files (a page's fragment `zh_0b1470dbb6`, a chunk's hash):
# a language code, `_` and hex, which may be all digits — never a record's text, which a
# fragment holds inside longer strings (its content, title, filters)
PAGEFIND_ID = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*_[0-9a-f]{6,}")
TOKEN_CHAR = re.compile(r"[0-9A-Za-z]")


def _active_attributes(page: str) -> list[str]:
    """Event handlers and script URLs, by attribute name and by the URL's scheme as a
    browser reads it (entities decoded, tabs and newlines dropped): text that mentions
    `onerror=` or a query string holding `data:` is fine."""
    found = set()
    for tag in SUSPECT_TAG.finditer(page):
        parts = TAG_PARTS.match(page, tag.start())
        if parts is None:
            continue
        for name, *values in ATTRIBUTE.findall(parts.group(2)):
            name = name.lower()
            if name.startswith("on"):
                found.add("event handler")
            elif name in URL_ATTRIBUTES:
                value = INVISIBLE_IN_URL.sub("", html.unescape("".join(values))).lower()
                if DANGEROUS_SCHEME.match(value):
                    found.add("javascript: URL")
    return sorted(found)


def active_parts(page: str, sources: re.Pattern[str] = THEME_SCRIPT_SOURCES) -> list[str]:
    """What in a whole HTML page could run, other than the theme's own scripts (`sources`:
    the scripts a page may load: the theme's, or on admin/index.html the editor's)."""
    found = []
    allowed = 0
    for attributes, body in SCRIPT.findall(page):
        if (
            (sources.match(attributes) and not body.strip())
            or (THEME_CONFIG.match(attributes) and "<" not in body)
            or (not attributes.strip() and is_theme_script(body))
        ):
            allowed += 1
    if len(SCRIPT_START.findall(page)) > allowed:  # an unclosed <script src=…> counts too
        found.append("script")
    found += [what for what, rx in ACTIVE_TAGS if rx.search(page)]
    found += _active_attributes(page)
    ids = THEME_IDS.findall(page)
    if len(ids) != len(set(ids)):
        found.append("a second element with the theme's id")
    if "<!--" in page:  # rare: the article is only looked for then
        for article in ARTICLE.findall(page):
            found += [what for what, rx in ARTICLE_ONLY if rx.search(article)]
    return sorted(set(found))


def scan_site(
    site: Path,
    masked: bool,
    shown_prefix: str = "",
    processes: int = 1,
    files: list[Path] | None = None,
) -> list[Finding]:
    """Findings in every file under `site`, or in `files` under it (an incremental build's
    changed files: the others were scanned when they were built), paths shown as
    `shown_prefix` + relative path, read by up to `processes` forked processes when there
    are many files (as many as there are cores, at most)."""
    jobs = []
    listed = site.rglob("*") if files is None else files
    for path in sorted(p for p in listed if p.is_file()):
        relative = path.relative_to(site)
        if relative.parts[0] != "assets" and not _vendored(relative, path):  # the theme's own files
            jobs.append((path, shown_prefix + relative.as_posix(), masked))
    workers = workers_for(len(jobs), PARALLEL_FROM, at_most=processes)
    found = fork_map(_scan_file, jobs, workers, chunksize=CHUNK)
    return [finding for findings in found for finding in findings]


def _scan_file(job: tuple[Path, str, bool]) -> list[Finding]:
    path, shown, masked = job
    findings: list[Finding] = []
    if path.suffix in INDEX_SUFFIXES:
        raw = unpacked(path)
        if path.suffix == ".pf_fragment":  # JSON: its raw text holds every string as it is
            text = raw.decode("utf-8", errors="replace")
            strings = _index_strings(path, raw) if MARKUP.search(text) else []
        else:
            strings = _index_strings(path, raw)
            # each string is shown (or, for the index's words, used) apart from the others:
            # joined by a line break, digits of neighbouring words read as a phone number
            text = "\x00".join(strings)
        if any(map(MARKUP.search, strings)):
            findings.append(Finding(shown, "markup in the search index"))
    elif path.suffix == ".xlsx":
        strings, formulas = _workbook_strings(path)
        text = "\x00".join(strings)  # each cell apart, as the index's strings
        if formulas:
            findings.append(Finding(shown, "formula in a workbook"))
    elif path.suffix in TEXT_SUFFIXES:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            admin = shown.endswith(ADMIN_PAGE) and path.parent.name == "admin"
            sources = ADMIN_SCRIPT_SOURCE if admin else THEME_SCRIPT_SOURCES
            findings += [Finding(shown, what) for what in active_parts(text, sources)]
            text = html_text(text)
    else:
        return []
    if masked:
        findings += [Finding(shown, what) for what in _numbers_in(text)]
    return findings


def _vendored(relative: Path, path: Path) -> bool:
    """A file of admin/ that is byte for byte the vendored editor's (its SHA256SUMS): the
    editor's bundle, not made from any record. Anything else in admin/ is scanned."""
    if len(relative.parts) != 2 or relative.parts[0] != "admin":
        return False
    digest = vendored_sums().get(relative.name)
    return digest is not None and hashlib.sha256(path.read_bytes()).hexdigest() == digest


def _workbook_strings(path: Path) -> tuple[list[str], bool]:
    """Every cell's text and value of an .xlsx workbook (a zip of XML parts: shared strings,
    sheets, properties), and whether any sheet holds a formula (the exports never write one:
    report/xlsx.py). An unreadable workbook is scanned as its raw bytes."""
    try:
        with zipfile.ZipFile(path) as book:
            parts = [book.read(name).decode("utf-8", "replace") for name in book.namelist()
                     if name.endswith(".xml")]  # fmt: skip
    except (zipfile.BadZipFile, OSError, ValueError):
        return [path.read_bytes().decode("utf-8", "replace")], False
    strings = [html.unescape(s) for part in parts for s in XML_TEXT.findall(part)]
    return strings, any(XML_FORMULA.search(part) for part in parts)


def _index_strings(path: Path, raw: bytes) -> list[str]:
    """Every string of a Pagefind file: fragments are JSON, filters and meta CBOR, each
    gzip-compressed behind a `pagefind_dcd` signature (`raw`: without it). Pagefind's UI puts titles, filters,
    excerpts and headings into the page as HTML, so none may hold `<` or `>` (render.py
    gives Pagefind their markup characters in full-width form)."""
    try:
        data = json.loads(raw) if path.suffix == ".pf_fragment" else cbor2.loads(raw)
    except (ValueError, cbor2.CBORDecodeError):
        return [raw.decode("utf-8", errors="replace")]  # unreadable: scanned as it is
    return [s for s in _strings(data) if not PAGEFIND_ID.fullmatch(s)]


def _strings(data: object) -> list[str]:
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in (str(key), *_strings(value))]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return [data] if isinstance(data, str) else []


def _numbers_in(text: str) -> list[str]:
    """What kinds of unmasked number the text holds (a hash identifier is not one)."""
    kinds = set()
    for start, end, kind, _ in numbers_in(text):
        if not HASH_ID.fullmatch(_token_around(text, start, end)):
            kinds.add(kind)
    return sorted(kinds)


def _token_around(text: str, start: int, end: int) -> str:
    while start > 0 and TOKEN_CHAR.match(text, start - 1):
        start -= 1
    while end < len(text) and TOKEN_CHAR.match(text, end):
        end += 1
    return text[start:end]
