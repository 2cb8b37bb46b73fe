"""`huifang serve`'s loop: build, serve, watch the records and the team's settings, rebuild.

Watching is polling (no new dependency): every file's modification time, size and inode
under the watched paths, compared a few times a second; a change is built once the files
have been still for a moment (an editor's save can be several writes). Each rebuild is the
normal build with the same --work and --out, so only what changed is made again. A failed
rebuild keeps the last good site served; its message goes to the terminal and into the open
page (serve.py's live script). Ctrl-C sets a flag rather than raising: a build under way
finishes or fails (its programs got the signal too), then the loop ends without a traceback.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from http.server import ThreadingHTTPServer
from pathlib import Path

from generator.site.serve import LiveState, Outcome

POLL_SECONDS = 0.1  # at least; 5× a look's own time, so a big records folder costs ≤ 20% of a core
SETTLE_SECONDS = 0.05
Snapshot = dict[str, tuple[int, int, int]]


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """(mtime, size, inode) of every file under `paths` (a missing path: nothing)."""
    seen: Snapshot = {}
    for root in paths:
        if root.is_file():
            _add(seen, str(root))
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                _add(seen, os.path.join(folder, name))
    return seen


def _add(seen: Snapshot, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:  # removed while we looked
        return
    seen[path] = (info.st_mtime_ns, info.st_size, info.st_ino)


def run_preview(
    server: ThreadingHTTPServer,
    live: LiveState,
    build: Callable[[], Outcome],
    watched: Callable[[], list[Path]],
    say: Callable[[str], None],
) -> None:
    """Serves through `server` (`preview_server`: bound, the site built, `live` holding its
    outcome) and rebuilds with `build` whenever a file under `watched()` changes, until Ctrl-C."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    say(f"预览：{url} （Ctrl-C 停止）/ preview at {url} (Ctrl-C stops)")
    try:
        before = snapshot(watched())
        while (now := _changed(before, watched, stop)) is not None:
            before = now
            started = time.monotonic()
            outcome = build()
            if stop.is_set():
                break  # the build was cut short by Ctrl-C: nothing to report
            live.record(outcome)
            say(_said(outcome, time.monotonic() - started))
    finally:
        signal.signal(signal.SIGINT, previous)
        server.shutdown()
        server.server_close()
    say("已停止预览 / preview stopped")


def _changed(before: Snapshot, watched: Callable[[], list[Path]], stop) -> Snapshot | None:
    """The watched files once they differ from `before` and have been still for a moment;
    None when Ctrl-C came first."""
    pause = POLL_SECONDS
    while not stop.wait(pause):
        looked = time.monotonic()
        now = snapshot(watched())
        pause = max(POLL_SECONDS, 5 * (time.monotonic() - looked))
        if now == before:
            continue
        while not stop.wait(SETTLE_SECONDS) and (settled := snapshot(watched())) != now:
            now = settled
        return None if stop.is_set() else now
    return None


def _said(outcome: Outcome, seconds: float) -> str:
    if outcome.failed:
        return (
            "重新生成失败，继续提供上一个网站 / the rebuild failed; the last good site stays "
            f"served:\n{outcome.message}"
        )
    notes = f"\n{outcome.message}" if outcome.message else ""
    return f"已重新生成（{seconds:.1f} 秒）/ rebuilt in {seconds:.1f} s{notes}"
