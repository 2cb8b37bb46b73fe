"""The site's MkDocs settings: the generated parts, merged into the team's own `mkdocs.yml`.

The team owns the top-level `mkdocs.yml` (design.md): its site name, logo, favicon, colour
palette, theme features, extra style sheets and pages of its own. The build owns what makes
its guarantees: where the pages come from and go (docs_dir, site_dir, the hooks, custom_dir,
use_directory_urls), no plugins, no Google Fonts, language zh, the nav of the generated
sections (the team's pages come after them). `team_settings.py` reads and vets the team's
file; this module merges.
"""

from __future__ import annotations

from pathlib import Path

from generator.site.render import NAV, templates_dir, without_markup
from generator.site.team_settings import TeamSettings

_HERE = Path(__file__).parent
HOOKS = _HERE / "mkdocs_hooks.py"  # articles are ready HTML (and every page's CSP)
TEAM_PAGES_HOOK = _HERE / "team_pages_hook.py"  # the team's own files join the docs tree
GENERATED_FEATURES = ["navigation.tabs"]


def mkdocs_config(docs: Path, site: Path, company: str, team: TeamSettings | None = None) -> dict:
    """The mkdocs.yml the build runs: the generated settings, with the team's merged in
    (without a team file, exactly the generated ones)."""
    config = {
        # MkDocs puts site_name into <title> unescaped, Material escapes it in the logo's
        # tooltip: markup characters in full-width form read right in both
        "site_name": without_markup(f"{company or '回访台'} · 回访台"),
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": False,
        "strict": False,
        "theme": {
            "name": "material",
            "language": "zh",
            "font": False,  # Google Fonts are blocked in China: system fonts only
            "features": list(GENERATED_FEATURES),
            "custom_dir": str(templates_dir() / "theme"),  # Pagefind box, page script, styles
        },
        "plugins": [],  # no lunr search: it cannot segment Chinese; Pagefind indexes the articles
        "hooks": [str(HOOKS)],
        "markdown_extensions": [],
        "nav": list(NAV),
        "extra": {"generator": False},  # no "Made with Material" footer link to another host
    }
    if team is not None:
        _merge(config, team)
    return config


def _merge(config: dict, team: TeamSettings) -> None:
    config.update(team.texts)  # site_name, site_description, copyright: already vetted
    theme = config["theme"]
    for key, value in team.theme.items():
        if key == "features":
            theme[key] += [f for f in value if f not in theme[key]]
        else:
            theme[key] = value
    config["nav"] += team.nav
    if team.extra_css:
        config["extra_css"] = list(team.extra_css)
    config["markdown_extensions"] = list(team.markdown_extensions)
    # The team hook reads which files to add from here (MkDocs hands hooks the config only).
    not_mkdocs = ("editor", "huifang")
    shown_extra = {k: v for k, v in team.extra.items() if k not in not_mkdocs}
    config["extra"] = {**shown_extra, "generator": False, "huifang_team": {"folder": str(team.folder),
                                                      "files": list(team.files)}}  # fmt: skip
    config["hooks"].append(str(TEAM_PAGES_HOOK))
