"""Record bodies (Markdown written by staff) → safe HTML.

Bodies are rendered by cmark-gfm, GitHub's renderer, so a body reads on the site as it
reads in a pull request (and 20x faster than Python-Markdown: 100,000 bodies in a
build). Raw HTML passes through cmark, so everything goes through nh3 (the
Ammonia sanitiser) with an allowlist: structure, tables, emphasis, code and
links to http/https/mailto/tel only. No attr_list and no `id`: staff cannot set ids
(an `id="__config"` would replace the theme's own configuration element), classes or
attributes. In the masked profile phone and ID numbers in the text are masked before
rendering (their stars held by a placeholder, so the masks are never Markdown emphasis), and the rendered text is
read once more as a browser shows it: a number that only markup had split
(`138<b>1234</b>5678`) makes the body plain, escaped text with the number masked.
"""

from __future__ import annotations

import html
import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from generator.present.mask import mask_text, numbers_in

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "strong", "em", "b", "i", "del", "code", "pre", "table", "thead", "tbody", "tr", "th",
    "td", "a",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["table", "strikethrough", "autolink"]  # GitHub's, without task-list checkboxes
CLEANER = nh3.Cleaner(  # built once: the allowlist is converted for every call otherwise
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def body_html(text: str, masked: bool) -> str:
    """A record's Markdown body as sanitised HTML (headings shifted down to h3 and below)."""
    if masked:  # the masks' stars become `*` once rendered: they are never Markdown
        text = mask_text(text, star=_STAR, markup=True)
    rendered = cmarkgfm.markdown_to_html_with_extensions(
        text, options=Options.CMARK_OPT_UNSAFE, extensions=EXTENSIONS
    )  # raw HTML kept for nh3 to sanitise: a pasted <a href> stays a (safe) link
    rendered = _shift_headings(rendered)
    cleaned = CLEANER.clean(rendered.strip())
    if not masked:
        return cleaned
    cleaned = cleaned.replace(_STAR, "*").replace(_STAR_IN_URL, "*")
    if any(numbers_in(html_text(cleaned, keep_attributes=True))):
        lines = mask_text(html_text(cleaned, joiner="\n")).split("\n")
        return "<p>" + "<br>".join(html.escape(line) for line in lines if line.strip()) + "</p>"
    return cleaned


_STAR = "\ue000"  # a private-use character: Markdown and nh3 leave it as it is
_STAR_IN_URL = "%EE%80%80"  # as a link's address holds it


# Markup inside a line of text: a browser shows what it holds run together with its sides.
_INLINE_TAG = re.compile(
    r"</?(?:a|b|i|em|strong|del|s|code|span|mark|small|sub|sup|u|abbr|font|wbr)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]*>")
_ATTRIBUTE_VALUE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")


def html_text(markup: str, keep_attributes: bool = False, joiner: str = " | ") -> str:
    """The text of HTML as a reader sees it, for finding numbers: inline tags gone (their
    text joins its neighbours), other tags a break, entities decoded (`&shy;` is a soft
    hyphen); with `keep_attributes`, attribute values (a `tel:` link) as text of their own."""
    parts = []
    if keep_attributes:
        for tag in _TAG.findall(markup):
            parts += [a or b for a, b in _ATTRIBUTE_VALUE.findall(tag)]
    text = _TAG.sub(joiner, _INLINE_TAG.sub("", markup))
    return html.unescape(joiner.join([text, *parts]))


def _shift_headings(rendered: str) -> str:
    """A body's `#`/`##` become h3/h4 so they sit under the page's own headings."""
    for level in range(4, 0, -1):
        rendered = rendered.replace(f"<h{level}", f"<h{level + 2}").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return rendered
