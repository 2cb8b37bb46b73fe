"""Render pages into a Markdown docs tree and write mkdocs.yml beside it.

Templates (site_templates/) are Jinja with autoescape on and StrictUndefined.
Page titles go into front matter HTML-escaped, because MkDocs puts titles into
the HTML unescaped. The nav lists only the section pages: a nav that lists
every customer makes the MkDocs build quadratic.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import jinja2

from generator.site.data import Page

NAV = [
    {"首页": "index.md"},
    {"客户": "customers/index.md"},
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


def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def write_page(env: jinja2.Environment, docs: Path, page: Page) -> None:
    body = env.get_template(page.template).render(**page.context)
    section = SECTION_OF.get(page.path.split("/")[0].removesuffix(".md"), "")
    front = (
        f"---\ntitle: {json.dumps(html.escape(page.title), ensure_ascii=False)}\n"
        f"section: {json.dumps(section, ensure_ascii=False)}\n---\n"
    )
    path = docs / page.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(front + body, encoding="utf-8")


def mkdocs_config(docs: Path, site: Path, company: str) -> dict:
    return {
        "site_name": f"{company or '回访台'} · 回访台",
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": False,
        "strict": False,
        "theme": {
            "name": "material",
            "language": "zh",
            "font": False,  # Google Fonts are blocked in China: system fonts only
            "features": ["navigation.tabs"],
            "custom_dir": str(templates_dir() / "theme"),  # Pagefind box, page script, styles
        },
        "plugins": [],  # no lunr search: it cannot segment Chinese; Pagefind indexes the site after
        "markdown_extensions": ["tables", "toc"],
        "nav": NAV,
    }
