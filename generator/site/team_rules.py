"""What a team's mkdocs.yml may hold, and why the rest is refused (`team_settings.py` applies it).

Every key is on an allow-list; a refused one has its reason, in Chinese and English, with how
to fix it. The reasons are the site's guarantees: nothing loads from another host, nothing
runs but the theme's scripts, every page passes the post-build scan, and the build decides
where pages come from and go.
"""

from __future__ import annotations

import re

from generator.site.render import NAV

TEAM_FILE = "mkdocs.yml"
TEAM_PAGES = "site_pages"
MAX_BYTES = 1_000_000
MAX_FILES = 1000

PAGE_SUFFIXES = frozenset({".md"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico"})
FILE_SUFFIXES = PAGE_SUFFIXES | IMAGE_SUFFIXES | {".css", ".pdf"}
# First parts of paths the generated site uses: a team file there would replace a page.
RESERVED = frozenset(
    {path.split("/")[0].removesuffix(".md") for entry in NAV for path in entry.values()}
    | {"assets", "pagefind", "search", "404", "sitemap.xml", "sitemap.xml.gz", "__huifang"}
)

# Python-Markdown's own and PyMdown's that only change how Markdown becomes HTML.
_PYTHON_MARKDOWN = ("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html",
                    "tables", "toc", "sane_lists", "smarty", "fenced_code", "nl2br", "wikilinks",
                    "meta", "codehilite", "legacy_attrs", "legacy_em")  # fmt: skip
_PYMDOWN = ("betterem", "caret", "critic", "details", "highlight", "inlinehilite", "keys", "mark",
            "smartsymbols", "superfences", "tabbed", "tasklist", "tilde", "saneheaders",
            "escapeall", "magiclink", "progressbar", "blocks.admonition", "blocks.details",
            "blocks.tab", "blocks.caption", "blocks.definition")  # fmt: skip
MARKDOWN_EXTENSIONS = frozenset((*_PYTHON_MARKDOWN, *(f"pymdownx.{n}" for n in _PYMDOWN)))
REFUSED_EXTENSIONS = {
    "pymdownx.snippets": ("它读取其他文件（或网址）放进页面：记录可能绕过检查和打码被发布",
                          "it puts other files (or URLs) into a page: a record could be "
                          "published past the checks and the masking"),
    "pymdownx.b64": ("它读取其他文件嵌入页面", "it embeds other files into the page"),
    "pymdownx.emoji": ("表情图片默认从其他主机（CDN）加载", "its images load from another host (a CDN)"),
    "pymdownx.arithmatex": ("公式需要从其他主机加载的脚本", "its formulas need a script from another host"),
}  # fmt: skip

_WHY_THE_BUILD = ("由构建决定", "the build decides it")
REFUSED_KEYS: dict[str, tuple[str, str]] = {
    "plugins": (
        "插件在构建时运行代码，常用的会从其他主机下载（social 卡片、privacy）或改动页面（search "
        "生成不能切分中文的 lunr 索引）；搜索由 Pagefind 提供。请删除 plugins",
        "plugins run code while building; the usual ones download from other hosts (social "
        "cards, privacy) or change the pages (search writes a lunr index that cannot segment "
        "Chinese); search comes from Pagefind. Remove `plugins`",
    ),
    "hooks": (
        "构建自己的钩子把页面交给主题；请删除 hooks",
        "the build's own hooks hand its pages to the theme; remove `hooks`",
    ),
    "docs_dir": (
        "页面来自构建（--work）；团队自己的页面放在 mkdocs.yml 旁边的 site_pages/ 中。请删除",
        "the pages come from the build (--work); the team's own pages go in site_pages/ "
        "beside mkdocs.yml. Remove it",
    ),
    "site_dir": ("网站写到 --out；请删除", "the site goes to --out; remove it"),
    "use_directory_urls": (
        "构建使用 .html 地址（离线也能打开）；请删除",
        "the build uses .html addresses (they open offline too); remove it",
    ),
    "extra_javascript": (
        "不能加入脚本：构建后检查只允许主题自己的脚本，页面的内容安全策略也会拦截。请删除",
        "scripts are refused: the post-build scan allows the theme's own only, and the pages' "
        "Content-Security-Policy blocks others. Remove it",
    ),
    "repo_url": (
        "Material 会在浏览器中从代码托管网站读取仓库信息（其他主机）；请删除",
        "Material reads the repository's facts from its host in the browser (another host); "
        "remove it",
    ),
    "edit_uri": ("需要 repo_url；请删除", "it needs repo_url; remove it"),
    "site_url": (
        "每页会多一个指向其他主机的 canonical 链接，构建后检查不允许；请删除",
        "every page would get a canonical link to another host, which the post-build scan "
        "refuses; remove it",
    ),
    "INHERIT": ("不读取其他配置文件；请把设置写在这个文件中", "no other file is read; write the settings here"),
}  # fmt: skip
for _key in ("strict", "dev_addr", "watch", "validation", "exclude_docs", "not_in_nav",
             "draft_docs", "remote_branch", "remote_name", "extra_templates"):  # fmt: skip
    REFUSED_KEYS[_key] = (f"{_WHY_THE_BUILD[0]}；请删除", f"{_WHY_THE_BUILD[1]}; remove it")
TEXT_KEYS = ("site_name", "site_description", "site_author", "copyright")
TOP_KEYS = (*TEXT_KEYS, "theme", "nav", "extra_css", "markdown_extensions", "extra")
THEME_KEYS = ("name", "language", "font", "palette", "features", "logo", "favicon", "icon")
EXTRA_KEYS = ("generator", "social", "editor", "huifang")  # cms_settings.py, commit_links.py

COLOUR = re.compile(r"[a-z][a-z0-9 -]{0,40}")
ICON = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)+")  # Material's bundled icons, never `..`
FEATURE = re.compile(r"[a-z]+(?:\.[a-z]+)*")
LINK = re.compile(r"(?:https?://|mailto:)[^\s\"'<>]+")
