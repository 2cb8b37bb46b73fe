"""Record bodies (Markdown written by staff) → safe HTML.

Bodies are rendered by cmark-gfm, GitHub's renderer, so a body reads on the site as it
reads in a pull request (and 20x faster than Python-Markdown: 100,000 bodies in a
build). Raw HTML passes through cmark, so everything goes through nh3 (the
Ammonia sanitiser) with an allowlist: structure, tables, emphasis, code and
links to http/https/mailto/tel only. No attr_list and no `id`: staff cannot set ids
(an `id="__config"` would replace the theme's own configuration element), classes or
attributes. In the masked profile `Privacy` masks the numbers in the text before rendering
and reads the rendered text once more as a browser shows it.
"""

from __future__ import annotations

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from generator.present.privacy import Privacy

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
    """A record's Markdown body as sanitised HTML (headings shifted down to h3 and below),
    masked as `Privacy` says (generator/present/privacy.py)."""
    privacy = Privacy(masked)
    rendered = cmarkgfm.markdown_to_html_with_extensions(
        privacy.body_source(text), options=Options.CMARK_OPT_UNSAFE, extensions=EXTENSIONS
    )  # raw HTML kept for nh3 to sanitise: a pasted <a href> stays a (safe) link
    rendered = _shift_headings(rendered)
    return privacy.shown_body(CLEANER.clean(rendered.strip()))


def _shift_headings(rendered: str) -> str:
    """A body's `#`/`##` become h3/h4 so they sit under the page's own headings."""
    for level in range(4, 0, -1):
        rendered = rendered.replace(f"<h{level}", f"<h{level + 2}").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return rendered
