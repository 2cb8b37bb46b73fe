"""MkDocs hooks (loaded through mkdocs.yml's `hooks:`): our pages are ready HTML articles.

`render.py` writes every page as HTML (only its front matter is for MkDocs), so the
Markdown conversion is skipped: the article is set aside before it and handed back
after. Its headings with an id become the table of contents, as Python-Markdown's toc
extension would have made it.

Every page gets a Content Security Policy (a `<meta http-equiv>` at the top of its head):
scripts only from the site itself and the theme's three inline scripts by their SHA-256
(Material 9.8 needs them: the storage scope, the colour palette, the tab target; and
the 404 page's, which finds the site's root: not_found_page), no
inline event handlers, no other host for anything, WebAssembly for Pagefind. So even
markup that got past every escape could not run. The post-build scan (scan.py) uses the
same list of the theme's scripts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from mkdocs.structure.toc import get_toc

HEADING = re.compile(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")  # own copy: importing render.py would load our whole package (0.45 s)

_articles: dict[str, str] = {}


def on_page_markdown(markdown, page, config, files):
    if page.file.src_dir != config["docs_dir"]:
        return markdown  # a page of the team's own (team_pages_hook.py): Markdown, converted
    _articles[page.file.src_uri] = markdown
    return ""


def on_page_content(html, page, config, files):
    if page.file.src_dir != config["docs_dir"]:
        return html
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


# Material 9.8.1's inline scripts (pyproject pins it); the first names the page's base URL.
THEME_INLINE_SCRIPTS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r'__md_scope=new URL\("(?:\.|/|\.\.(?:/\.\.)*)",location\),'
        + re.escape(
            "__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_="
            'localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,'
            't=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}'
            "catch(e){}}"
        )
    ),
    re.compile(
        re.escape(
            'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-'
            'scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"'
            "),input=document.querySelector(media.matches?\"[data-md-color-media='(prefers-color"
            "-scheme: light)']\":\"[data-md-color-media='(prefers-color-scheme: dark)']\");"
            'palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme='
            'input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute('
            '"data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-'
            'accent")}for(var[key,value]of Object.entries(palette.color))document.body.'
            'setAttribute("data-md-color-"+key,value)}'
        )
    ),
    re.compile(
        re.escape(
            "var target=document.getElementById(location.hash.slice(1));target&&target.name&&("
            'target.checked=target.name.startsWith("__tabbed_"))'
        )
    ),
)
# The 404 page's own: it sets the page's <base> to the site's root before anything loads
# (not_found_page); the names are the site's top folders, as JSON strings.
NOT_FOUND_ROOT = (
    '(function(){{var top={names},parts=location.pathname.split("/"),first=parts[1];'
    'var base=document.createElement("base");'
    'base.href=parts.length>2&&top.indexOf(first)<0?"/"+first+"/":"/";'
    "document.head.appendChild(base)}})()"
)
_BEFORE, _AFTER = (
    part.replace("{{", "{").replace("}}", "}") for part in NOT_FOUND_ROOT.split("{names}")
)
THEME_INLINE_SCRIPTS += (
    re.compile(re.escape(_BEFORE) + r'\[(?:"[\w.\\-]+",?)*\]' + re.escape(_AFTER)),
)
ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


def is_theme_script(body: str) -> bool:
    return any(rx.fullmatch(body) for rx in THEME_INLINE_SCRIPTS)


def content_security_policy(page: str) -> str:
    """The policy for a page: its own inline scripts allowed by hash if they are the theme's."""
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
            for body in INLINE_SCRIPT.findall(page)
            if is_theme_script(body)
        }
    )
    return POLICY.format(hashes=" ".join(hashes))


def with_policy(page: str) -> str:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(page)}">'
    return page.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + meta, 1)


def on_post_page(output, page, config):
    return with_policy(output)


def not_found_page(page: str, top_folders: list[str]) -> str:
    """The 404 page for any address of the site: MkDocs writes it with links from the host's
    root (/index.html), wrong for a project site under /<repository>/. Its links are made
    relative, and a script first in its head sets the base: the path's first folder when
    that is not one of the site's own (a project site's name), else the host's root. A site
    deeper than one folder below the host, or a missing /x/… on a host's root, is not told."""
    script = NOT_FOUND_ROOT.format(names=json.dumps(sorted(top_folders), separators=(",", ":")))
    page = ROOT_LINK.sub(r"\1", page)
    return page.replace(
        '<meta charset="utf-8">', f'<meta charset="utf-8"><script>{script}</script>', 1
    )


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        docs = Path(config["docs_dir"])
        folders = {p.name for p in docs.iterdir() if p.is_dir()} | {"assets", "pagefind"}
        output_content = not_found_page(output_content, sorted(folders))
    return with_policy(output_content) if template_name.endswith(".html") else output_content
