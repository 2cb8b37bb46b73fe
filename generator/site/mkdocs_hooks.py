"""MkDocs hooks (loaded through mkdocs.yml's `hooks:`): our pages are ready HTML articles.

`render.py` writes every page as HTML (only its front matter is for MkDocs), so the
Markdown conversion is skipped: the article is set aside before it and handed back
after. Its headings with an id become the table of contents, as Python-Markdown's toc
extension would have made it.
"""

from __future__ import annotations

import re

from mkdocs.structure.toc import get_toc

HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")  # own copy: importing render.py would load our whole package (0.45 s)

_articles: dict[str, str] = {}


def on_page_markdown(markdown, page, config, files):
    _articles[page.file.src_uri] = markdown
    return ""


def on_page_content(html, page, config, files):
    article = _articles.pop(page.file.src_uri)
    page.toc = get_toc(_toc_tokens(article))
    return article


def _toc_tokens(article: str) -> list[dict]:
    """Nested {level, id, name, children} tokens, as `get_toc` takes them."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, ident, inner in HEADING.findall(article):
        token = {"level": int(level), "id": ident, "name": TAG.sub("", inner), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
