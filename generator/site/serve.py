"""The built site on a localhost port: for the browser tests, and `huifang serve`'s preview.

Pagefind fetches its index, so pages must come over HTTP, not file://. The preview adds,
at serve time only, one same-origin script to every HTML response (`/__huifang/live.js`,
site_templates/serve/): it waits on `/__huifang/version` (a long poll) and reloads the page
when a rebuild has finished, or shows what a failed one said. The site's files are never
changed: they are `huifang build`'s, byte for byte, and their Content-Security-Policy
(script-src 'self', connect-src 'self') holds for the script.
"""

from __future__ import annotations

import functools
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from generator.site.render import templates_dir

LIVE_SCRIPT = "/__huifang/live.js"
VERSION = "/__huifang/version"
_TAG = f'<script src="{LIVE_SCRIPT}"></script>'.encode()
LONG_POLL_SECONDS = 20.0


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """Serves `site` on 127.0.0.1 at a free port; yields the base URL ending in "/"."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Outcome:
    """What one build attempt gave: `failed` keeps the last good site; `message` (errors,
    or the records' problems of a good build) is shown in the terminal and the page."""

    failed: bool
    message: str = ""


class LiveState:
    """The served site's version (one more for every good build) and the last attempt's
    outcome, with a condition the long polls wait on."""

    def __init__(self) -> None:
        self.version = 0
        self.attempt = 0
        self.outcome = Outcome(failed=False)
        self._changed = threading.Condition()

    def record(self, outcome: Outcome) -> None:
        with self._changed:
            self.attempt += 1
            self.version += 0 if outcome.failed else 1
            self.outcome = outcome
            self._changed.notify_all()

    def wait_after(self, attempt: int, timeout: float = LONG_POLL_SECONDS) -> dict:
        with self._changed:
            self._changed.wait_for(lambda: self.attempt != attempt, timeout)
            return {
                "version": self.version,
                "attempt": self.attempt,
                "failed": self.outcome.failed,
                "message": self.outcome.message,
            }


class _PreviewHandler(_QuietHandler):
    live: LiveState
    hosts: frozenset[str]  # the names this server answers to: not a rebinding attacker's

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload must get the rebuilt files
        super().end_headers()

    def do_HEAD(self) -> None:  # the standard one would skip the Host check
        if self.headers.get("Host", "") not in self.hosts:
            self.send_error(403)
        else:
            super().do_HEAD()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if self.headers.get("Host", "") not in self.hosts:
            self.send_error(403)  # another site's page, its name pointed at 127.0.0.1
        elif path == LIVE_SCRIPT:
            self._send(templates_dir() / "serve" / "live.js", "text/javascript; charset=utf-8")
        elif path == VERSION:
            since = parse_qs(urlsplit(self.path).query).get("since", ["-1"])[0]
            number = since.lstrip("-").isdigit() and len(since) < 20  # int() of 4,300 digits raises
            state = self.live.wait_after(int(since) if number else -1)
            self._reply(json.dumps(state, ensure_ascii=False).encode(), "application/json")
        else:
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if target.suffix == ".html" and target.is_file():
                self._send(target, "text/html; charset=utf-8", live=True)
            else:
                super().do_GET()

    def _send(self, file: Path, kind: str, live: bool = False) -> None:
        try:
            body = file.read_bytes()
        except OSError:  # replaced by a rebuild between two calls
            self.send_error(404)
            return
        if live:
            at = body.rfind(b"</body>")
            body = body[:at] + _TAG + body[at:] if at >= 0 else body + _TAG
        self._reply(body, kind)

    def _reply(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _PreviewServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A page closed or reloaded while it waited on a long poll: nothing to report."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def preview_server(site: Path, port: int, live: LiveState) -> ThreadingHTTPServer:
    """The preview of `site` on 127.0.0.1:`port` (0: any free port), not yet serving.
    Raises OSError when the port cannot be had."""
    server = _PreviewServer(("127.0.0.1", port), _PreviewHandler)
    bound = server.server_address[1]
    hosts = frozenset({f"127.0.0.1:{bound}", f"localhost:{bound}"})
    handler = type("Handler", (_PreviewHandler,), {"live": live, "hosts": hosts})
    server.RequestHandlerClass = functools.partial(handler, directory=str(site))
    return server
