"""Render pages into a docs tree of ready HTML articles (config.py makes the mkdocs.yml).

Templates (site_templates/) are Jinja with autoescape on and StrictUndefined; they
write HTML, with Markdown-style `## 标题` lines for headings only. Those lines become
`<h2 id="标题">` when a template is loaded (`HeadingLines`), so a page needs no Markdown
conversion at all: MkDocs' Python-Markdown spent three quarters of its build time
parsing our raw HTML. The hook `mkdocs_hooks.py` hands the article to the theme as is.
Page titles go into front matter HTML-escaped, because MkDocs puts titles into the HTML
unescaped. The nav lists only the section pages: a nav that lists every customer makes
the MkDocs build quadratic. Each article is also written to a search tree, for Pagefind
to index while MkDocs builds (`search.py`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.ext import Extension
from markupsafe import Markup

from generator.present.privacy import Privacy
from generator.site.data import Page
from generator.site.search_words import OWN_META, OWN_WEIGHT

NAV = [
    {"首页": "index.md"},
    {"客户": "customers/index.md"},
    {"拜访": "visits/index.md"},
    {"商机": "deals/index.md"},
    {"待访": "due/index.md"},
    {"投诉": "complaints/index.md"},
    {"满意度": "satisfaction.md"},
    {"报表": "reports.md"},
    {"变更": "changes/index.md"},
    {"数据质量": "quality.md"},
]
# The search filter "类型" of a page: its section, from the first part of its path.
SECTION_OF = {
    path.split("/")[0].removesuffix(".md"): label for entry in NAV for label, path in entry.items()
}


def templates_dir() -> Path:
    """`site_templates/` beside the package (a checkout) or inside it (an installed wheel)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "site_templates", here.parent / "site_templates"):
        if (candidate / "dashboard.md.j2").is_file():
            return candidate
    raise FileNotFoundError("the huifang page templates (site_templates/) are missing")


class HeadingLines(Extension):
    """`## 标题` lines of a template become `<h2 id="…">标题</h2>` before it is compiled
    (the text may hold Jinja expressions: they are rendered for the id as well)."""

    LINE = re.compile(r"^(#{1,6}) (.+?)\s*$", re.M)

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        def heading(match: re.Match) -> str:
            level, text = len(match.group(1)), match.group(2)
            anchor = f"{{% filter anchor %}}{text}{{% endfilter %}}"
            return f'<h{level} id="{anchor}">{text}</h{level}>'

        return self.LINE.sub(heading, source)


TAG = re.compile(r"<[^>]+>")


def anchor(text: str) -> str:
    """A heading's id: its words in lower case joined by hyphens (Chinese kept as is)."""
    words = re.findall(r"\w+", html.unescape(TAG.sub("", str(text))).lower())
    return Markup("-".join(words) or "section")  # only word characters: safe in the attribute


class PageEnvironment(jinja2.Environment):
    """Page contexts are dicts: `entry.date` looks the key up first. Jinja's default tries
    the attribute first, raising and catching an AttributeError for every field (240,000
    times for 1,000 customer pages: a seventh of rendering). So a key named like a dict
    method (`items`) gives the value, not the method."""

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


_MARKUP_CHARS = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀"})


def without_markup(text: object) -> str:
    """Text with the characters that make markup in their full-width forms; it still reads
    the same. For places that put text into a page as HTML whatever we escape: Pagefind's
    UI (titles, filters: a staff name `<img onerror=…>` ran in its filter panel) and
    MkDocs' `site_name`."""
    return str(text).translate(_MARKUP_CHARS)


_ESCAPED_MARKUP = re.compile(r"&(?:lt|gt|amp|quot|#34|#39|#x27);")


# Pagefind ends a table cell's text with ". " but a heading cell's or a span's with nothing:
# the filter values and a table's headings ran together in excerpts ("A1S07 张娟本省机构").
_RUN_TOGETHER = re.compile(r"</(th|span)>")


# Lists that only repeat what other pages say, record by record: each month's 客户拜访登记表
# and the 投诉登记表's further pages (every visit and complaint is on its customer's timeline
# and its own page), the team's due list and each 今日待办 (every item is on its person's due
# list). Their search copy is their title alone, so a search finds the record's own page
# and not the same row on four lists; indexing them tripled the main bundle (docs/performance.md).
NOT_SEARCHED = re.compile(
    r"visits/\d{4}-\d{2}(-\d+)?\.md|complaints/register-\d+\.md|due/(index|today-[^/]+)\.md"
)


def searched_text(page_path: str, title: str, article: str) -> str:
    """What the search tree holds of a page's article: all of it, or its title (escaped)
    alone for a list that repeats other pages (NOT_SEARCHED)."""
    shown = f"<h1>{title}</h1>" if NOT_SEARCHED.fullmatch(page_path) else article
    return search_copy(shown)  # its escaped markup full-width, as every page's


def search_copy(article: str) -> str:
    """The article as Pagefind indexes it: every escaped markup character of its text in
    full-width form, so nothing in the index (text, excerpts, headings) is markup when
    Pagefind's UI puts it into the page as HTML; a space after each heading cell and span,
    so an excerpt shows their words apart."""
    text = _ESCAPED_MARKUP.sub(lambda m: without_markup(html.unescape(m.group())), article)
    return _RUN_TOGETHER.sub(r"</\1> ", text)


def environment(masked: bool = False) -> jinja2.Environment:
    env = PageEnvironment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=[HeadingLines],
        finalize=Privacy(masked).page_value if masked else None,
    )
    env.filters["anchor"] = anchor
    env.filters["pagefind"] = without_markup
    return env


Write = Callable[[Path, str], object]  # a file's path and its text


def write_page(
    env: jinja2.Environment, docs: Path, search: Path, page: Page, write: Write | None = None
) -> None:
    """The article into the docs tree (with its front matter) and into the search tree
    (their folders exist: `write_docs` makes them once), by `write` (writer.py's writes
    only what changed)."""
    write = write or _write_text
    article = env.get_template(page.template).render(**page.context())
    section = SECTION_OF.get(page.path.split("/")[0].removesuffix(".md"), "")
    shown_title = env.finalize(page.title) if env.finalize else page.title
    title = html.escape(shown_title)
    front = (
        f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
        f"section: {json.dumps(section, ensure_ascii=False)}\n---\n"
    )
    write(docs / page.path, front + article)
    meta = (
        f'<span hidden data-pagefind-filter="类型">{html.escape(without_markup(section))}</span> '
        f'<span hidden data-pagefind-meta="title">{html.escape(without_markup(shown_title))}</span> '
        + "".join(
            f'<span hidden data-pagefind-weight="{OWN_WEIGHT}" data-pagefind-meta="{OWN_META}{n}">'
            f"{html.escape(without_markup(shown))}</span> "
            for n, shown in enumerate(
                env.finalize(name) if env.finalize else name for name in page.own
            )
        )
    )
    write(
        (search / page.path).with_suffix(".html"),
        f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><div data-pagefind-body>{meta}{searched_text(page.path, title, article)}</div>"
        "</body></html>",
    )


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
