"""The 404 page as GitHub Pages serves it: for any missing address, the site's 404.html
with status 404 at that address, on a project site under /<repository>/ (here /sub/).
It is Chinese, styled, has the search box, loads everything from the site and links back
into it; no console error but the missing page's own 404."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_accessibility import open_watched
from test_browser import browser  # noqa: F401 (a fixture)


class PagesHandler(SimpleHTTPRequestHandler):
    """Serves the site under /sub/ (or /); a missing file gets 404.html with status 404."""

    prefix = "/sub/"

    def log_message(self, *args):
        pass

    def send_head(self):
        if not self.path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + self.path[len(self.prefix) :]
        target = Path(self.translate_path(self.path))
        if target.is_file() or (target.is_dir() and (target / "index.html").is_file()):
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module", params=["/sub/", "/"])
def pages_host(request, demo_site):
    site, _ = demo_site
    handler = type("Handler", (PagesHandler,), {"prefix": request.param})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{request.param}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("missing", ["customers/C9999.html", "no-such-page.html", "due/x/y.html"])
def test_missing_page_gets_the_404_page_from_the_site_root(browser, pages_host, missing):  # noqa: F811
    url = pages_host + missing
    context, page, response = open_watched(browser, url, {"width": 1366, "height": 900})
    try:
        assert response.status == 404
        assert page.locator("h1").inner_text() == "页面不存在（404）"
        # only the missing page itself failed; every asset came from the site's root
        assert page.problems == [f"404: {url}", page.problems[1]] and "404" in page.problems[1]
        assert all(u.startswith(pages_host) for u in page.requests)
        assert page.locator(".md-tabs__link").first.get_attribute("href") == "index.html"
        assert page.evaluate("document.baseURI") == pages_host
        header = page.locator(".md-header").evaluate("h => getComputedStyle(h).position")
        assert header == "sticky"  # Material's stylesheet loaded
        page.get_by_role("link", name="回到首页").click()
        page.wait_for_url(pages_host + "index.html")
        assert page.locator(".hf-card").count() >= 6
    finally:
        context.close()
