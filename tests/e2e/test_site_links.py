"""No broken link anywhere on the built demo site: every href and src of every HTML page
resolves to a file of the site, and every fragment to an id (or name) on the page it
points at. Links to other hosts are not allowed at all (the post-build scan's rule too)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    """The links and the ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in ("href", "src"):
                self.links.append(value)


def read(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """'page → link: why' for every link of the site that does not resolve."""
    pages = {p: read(p) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("tel", "mailto", "data", "webcal"):
                continue
            where = f"{path.relative_to(site)} → {link}"
            if parts.scheme or parts.netloc:
                broken.append(f"{where}: another host")
                continue
            base = site if parts.path.startswith("/") else path.parent  # 404.html: from the root
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{where}: no such file")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read(target).ids
                if fragment not in ids:
                    broken.append(f"{where}: no id {fragment!r} there")
    return broken


def test_no_broken_link_on_the_demo_site(demo_site):
    site, _ = demo_site
    found = broken_links(site.resolve())
    assert found == [], "\n".join(found[:40])


def test_the_check_finds_a_broken_file_and_a_broken_fragment(tmp_path):
    (tmp_path / "due").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="due/S01.html">S01</a><a href="b.html#x">x</a><a href="b.html#y">y</a>'
        '<a href="#top">top</a><h1 id="top">t</h1>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<p id="x">x</p><a href="index.html#top">t</a>', "utf-8")
    assert broken_links(tmp_path) == [
        "index.html → due/S01.html: no such file",
        "index.html → b.html#y: no id 'y' there",
    ]
