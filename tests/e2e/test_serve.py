"""`huifang serve` as a person uses it: a real process on a copy of the demo records (with
the team's mkdocs.yml and site_pages/), a real Chromium on a customer's page; an edit to a
visit in the records shows in the open page without the test reloading it (the time from
the save to the new text is measured and printed); search works over HTTP under the pages'
Content-Security-Policy; a refused mkdocs.yml shows its error in the page and the last good
site stays; the site's files are `huifang build`'s; Ctrl-C stops it without a traceback."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from queue import Empty, Queue

import pytest
from conftest import ROOT, build_site
from test_browser import browser, other_hosts  # noqa: F401 (browser: a fixture)

from generator.site.serve import LIVE_SCRIPT

playwright_api = pytest.importorskip("playwright.sync_api")

TARGET_SECONDS = 2.0  # issue 20: an edit shows in the browser within 2 s at demo size
VISIT = "visits/2026/2026-11-14-C0001-phone.md"
URL = re.compile(r"preview at (http://127\.0\.0\.1:\d+/)")


class Serving:
    """`huifang serve` in a process of its own; its standard output read line by line."""

    def __init__(self, repo: Path, tmp: Path) -> None:
        exe = Path(sys.executable).parent / "huifang"
        self.out, self.work = tmp / "serve-site", tmp / "serve-work"
        self.process = subprocess.Popen(
            [str(exe), "serve", "--records", str(repo / "records"), "--today", "2026-11-23",
             "--port", "0", "--out", str(self.out), "--work", str(self.work)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp,
            env={**os.environ, "HUIFANG_TODAY": ""},
        )  # fmt: skip
        self.lines: Queue[str] = Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.base = self.wait_for(URL, 180).group(1)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: re.Pattern, seconds: float) -> re.Match:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if found := pattern.search(line):
                return found
        raise AssertionError(f"serve never said {pattern.pattern}: {self.seen}")

    def stop(self) -> tuple[int, str]:
        self.process.send_signal(signal.SIGINT)  # as Ctrl-C does
        try:
            self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
        self.reader.join(timeout=10)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        errors = self.process.stderr.read() if self.process.stderr else ""
        return self.process.returncode, "".join(self.seen) + errors


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-repo")
    shutil.copytree(ROOT / "records", root / "records")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "site_pages", root / "site_pages")
    return root


@pytest.fixture(scope="module")
def serving(repo, tmp_path_factory):
    server = Serving(repo, tmp_path_factory.mktemp("serve"))
    yield server
    if server.process.poll() is None:
        server.process.kill()


@pytest.fixture
def page(browser, serving):  # noqa: F811 (browser: the fixture of test_browser)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.requests, page.errors, page.console = [], [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.console.append(message.text))
    yield page
    context.close()


def test_an_edited_visit_shows_in_the_open_page_without_reloading_it_by_hand(
    page, serving, repo, record_property
):
    page.goto(serving.base + "customers/C0001.html")
    assert page.locator("h1").inner_text().startswith("C0001")
    visit = repo / "records" / VISIT
    text = visit.read_text(encoding="utf-8")
    old = re.search(r"^outcome: (.+)$", text, re.M).group(1)  # whatever the demo says now
    before = page.locator("article").inner_text().count(old)  # other visits may say it too
    assert before
    page.evaluate("window.hfBeforeTheEdit = true")  # gone once the page has been reloaded
    new = "客户同意明年续约并推荐两家企业"
    saved = time.monotonic()
    visit.write_text(text.replace(f"outcome: {old}", f"outcome: {new}"), encoding="utf-8")
    page.wait_for_function(
        "text => document.querySelector('article').innerText.includes(text)", arg=new,
        polling=50, timeout=30_000,
    )  # fmt: skip
    seconds = time.monotonic() - saved
    record_property("edit_to_page_seconds", round(seconds, 2))
    assert page.evaluate("window.hfBeforeTheEdit") is None  # the live script reloaded it
    assert page.locator("article").inner_text().count(old) == before - 1
    rebuilt = float(serving.wait_for(re.compile(r"rebuilt in ([\d.]+) s"), 10).group(1))
    print(f"\nedit → new text in the open page: {seconds:.2f} s, of which the rebuild {rebuilt} s"
          f" (target {TARGET_SECONDS} s; load average {os.getloadavg()[0]:.1f})")  # fmt: skip
    assert seconds < 10 * TARGET_SECONDS  # the figure itself is printed; docs/site.md has it
    assert page.errors == [] and other_hosts(page) == set()
    assert not [m for m in page.console if "Content Security Policy" in m]
    assert any(url.endswith(LIVE_SCRIPT) for url in page.requests)


def test_search_works_on_the_served_site(page, serving):
    page.goto(serving.base + "index.html")
    page.locator("#hf-search .pagefind-ui__search-input").fill("太极科技")
    page.wait_for_selector(".pagefind-ui__result-title a", timeout=15_000)
    links = page.locator(".pagefind-ui__result-title a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any(h and h.endswith("customers/C0001.html") for h in hrefs), hrefs
    page.locator("#hf-search .pagefind-ui__search-input").fill("楼长会")  # the team's 制度 page
    page.wait_for_selector(".pagefind-ui__result-title a[href$='.html']", timeout=15_000)
    assert page.errors == [] and other_hosts(page) == set()
    assert not [m for m in page.console if "Content Security Policy" in m]


def test_a_refused_setting_shows_in_the_page_and_the_last_good_site_stays(page, serving, repo):
    page.goto(serving.base + "index.html")
    team = repo / "mkdocs.yml"
    kept = team.read_text(encoding="utf-8")
    try:
        team.write_text(kept + "plugins:\n  - search\n", encoding="utf-8")
        banner = page.locator("#hf-live-banner")
        banner.wait_for(timeout=30_000)
        assert "plugins" in banner.inner_text() and "Pagefind" in banner.inner_text()
        serving.wait_for(re.compile(r"the last good site stays served"), 10)
        assert page.locator(".hf-card").count() >= 6  # the page is still there
    finally:
        team.write_text(kept, encoding="utf-8")
    serving.wait_for(re.compile(r"rebuilt in"), 30)
    page.wait_for_function("() => !document.getElementById('hf-live-banner')", timeout=30_000)


def test_a_record_with_an_error_is_left_out_and_the_page_says_why(page, serving, repo):
    page.goto(serving.base + "index.html")
    broken = repo / "records" / "visits" / "2026" / "2026-11-21-C9999-phone.md"
    broken.write_text(
        "---\ncustomer: C9999\ndate: 2026-11-21\nmethod: phone\nstaff: [S01]\n"
        "outcome: 无\n---\n没有这个客户。\n",
        encoding="utf-8",
    )
    try:
        banner = page.locator("#hf-live-banner")
        banner.wait_for(timeout=30_000)  # after the reload: a good build, with a note
        assert "error(s) in the records" in banner.inner_text()
        assert "2026-11-21-C9999-phone.md" in banner.inner_text()
    finally:
        broken.unlink()
    page.wait_for_function("() => !document.getElementById('hf-live-banner')", timeout=30_000)


def test_the_served_files_are_builds_and_ctrl_c_stops_cleanly(serving, repo, tmp_path):
    import urllib.request

    with urllib.request.urlopen(serving.base + "customers/C0001.html") as response:
        served = response.read()
        assert response.headers["Cache-Control"] == "no-store"
    on_disk = (serving.out / "customers" / "C0001.html").read_bytes()
    assert served == on_disk.replace(
        b"</body>", f'<script src="{LIVE_SCRIPT}"></script></body>'.encode()
    )
    assert LIVE_SCRIPT.encode() not in on_disk
    code, output = serving.stop()
    assert code == 0, output
    assert "Traceback" not in output, output[-2500:]
    assert "preview stopped" in output
    built, _ = build_site(repo / "records", tmp_path / "built")
    assert built.returncode == 0, built.stderr

    def files(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes()
            for p in root.rglob("*") if p.is_file() and p.name != ".huifang-site"
        }  # fmt: skip

    assert files(serving.out) == files(tmp_path / "built")
