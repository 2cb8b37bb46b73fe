"""Record bodies (Markdown written by staff) → safe HTML.

Python-Markdown passes raw HTML through, so its output goes through nh3 (the
Ammonia sanitiser) with an allowlist: structure, tables, emphasis, code and
links to http/https/mailto/tel only. No attr_list: staff cannot set ids,
classes or attributes. In the masked profile phone and ID numbers in the text
are masked before rendering.
"""

from __future__ import annotations

import markdown
import nh3

from generator.mask import mask_text

TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "strong", "em", "b", "i", "del", "code", "pre", "table", "thead", "tbody", "tr", "th",
    "td", "a",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "h2": {"id"}, "h3": {"id"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def body_html(text: str, masked: bool) -> str:
    """A record's Markdown body as sanitised HTML (headings shifted down to h3 and below)."""
    if masked:
        text = mask_text(text)
    rendered = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    rendered = _shift_headings(rendered)
    return nh3.clean(
        rendered,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _shift_headings(rendered: str) -> str:
    """A body's `#`/`##` become h3/h4 so they sit under the page's own headings."""
    for level in range(4, 0, -1):
        rendered = rendered.replace(f"<h{level}", f"<h{level + 2}").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return rendered
