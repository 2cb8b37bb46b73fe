"""The team's own pages (site_pages/*.md) in the search tree, so search finds them too.

MkDocs converts them for the site (team_pages_hook.py); Pagefind indexes the search tree
while MkDocs builds, so they are converted here as well, with the same Python-Markdown,
MkDocs' default extensions and the team's, into the same kind of search page the generated
articles get (`render.search_copy`: no markup left in the index's text).
"""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePosixPath

import markdown  # type: ignore[import-untyped]  # no stubs; one call

from generator.site.render import search_copy, without_markup
from generator.site.team_settings import TeamSettings

SECTION = "团队"  # the search filter 类型 of the team's pages
MKDOCS_DEFAULT_EXTENSIONS = ("toc", "tables", "fenced_code")
_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def write_team_search_pages(team: TeamSettings | None, search: Path) -> None:
    """Each Markdown page of the team as a search page at its path in `search`."""
    if team is None:
        return
    names, configs = _extensions(team.markdown_extensions)
    for rel in team.files:
        if PurePosixPath(rel).suffix != ".md":
            continue
        source = (team.folder / rel).read_text(encoding="utf-8-sig")
        body = _FRONT_MATTER.sub("", source, count=1)
        article = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
        heading = _FIRST_HEADING.search(body)
        title = heading.group(1) if heading else PurePosixPath(rel).stem
        meta = (
            f'<span hidden data-pagefind-filter="类型">{SECTION}</span> '
            f'<span hidden data-pagefind-meta="title">{html.escape(without_markup(title))}</span> '
        )
        target = (search / rel).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>'
            f"{html.escape(title)}</title></head><body><div data-pagefind-body>{meta}"
            f"{search_copy(article)}</div></body></html>",
            encoding="utf-8",
        )


def _extensions(entries: tuple) -> tuple[list[str], dict[str, dict]]:
    names = list(MKDOCS_DEFAULT_EXTENSIONS)
    configs: dict[str, dict] = {}
    for entry in entries:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        if name not in names:
            names.append(name)
        if isinstance(entry, dict) and isinstance(entry[name], dict):
            configs[name] = entry[name]
    return names, configs
