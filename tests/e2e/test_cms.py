"""The browser editor (admin/) in Debian's Chromium against a real local Git repository.

No mock: the site is built from a Git repository of the demo records whose mkdocs.yml names
an editor (`extra.editor`, local), the vendored Decap CMS is served with the site, and
Decap's own local backend, `decap-server` (MODE=git: it commits to the repository), is
installed from npm by the test's set-up (pinned below) into the session's temp folder. A
visit is made through the form from a pre-fill link; the file it commits must be where the
checker wants it, pass `huifang check`, and show on the customer's timeline in the next build.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.site.serve import serving
from tests.conftest import ROOT, huifang
from tests.e2e.test_browser import CHROMIUM_FLAGS, chromium_path

playwright_api = pytest.importorskip("playwright.sync_api")

DECAP_SERVER = "decap-server@3.11.3"  # Decap's local backend, the version measured (docs/site.md)
EDITOR = """
extra:
  editor:
    backend: gitea
    repo: jincheng/huifang
    branch: main
    local: true
    local_port: {port}
"""


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def decap_server(tmp_path_factory) -> Path:
    """decap-server installed from npm (the registry's client), its entry script."""
    npm = shutil.which("npm")
    if npm is None:
        message = (
            "npm is needed to install decap-server for the editor's browser test "
            "(sudo apt-get install nodejs npm)"
        )
        pytest.fail(message) if in_ci() else pytest.skip(message)
    folder = tmp_path_factory.mktemp("decap-server")
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), DECAP_SERVER],
                   check=True, capture_output=True, timeout=300)  # fmt: skip
    return folder / "node_modules" / "decap-server" / "dist" / "index.js"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "测试", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "测试", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def proxy_port() -> int:
    """A port free now, for decap-server (its PORT) and admin/'s local_backend (local_port):
    two runs at once, or another service on Decap's default 8081, do not collide."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def repo(tmp_path, proxy_port) -> Path:
    """The demo records, the team's settings and pages, as a Git repository with one commit."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(ROOT / "records", repo / "records")
    shutil.copytree(ROOT / "site_pages", repo / "site_pages")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nextra:" not in text  # the editor's settings are added as the only extra
    (repo / "mkdocs.yml").write_text(text + EDITOR.format(port=proxy_port), encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "demo records")
    return repo


def build(repo: Path, out: Path) -> None:
    result = huifang("build", "--records", str(repo / "records"), "--today", "2026-11-23",
                     "--out", str(out), "--work", str(out.parent / "work"), "-q")  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.fixture
def proxy(decap_server, repo, proxy_port):
    """decap-server committing to `repo`, on the port admin/'s local backend looks at."""
    env = {**os.environ, "MODE": "git", "PORT": str(proxy_port), "GIT_REPO_DIRECTORY": str(repo),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "warn"}  # fmt: skip
    server = subprocess.Popen(["node", str(decap_server)], env=env, cwd=repo)
    try:
        for _ in range(100):
            assert server.poll() is None, f"decap-server ended ({server.returncode})"
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", proxy_port)) == 0:
                    break
            time.sleep(0.1)
        else:
            pytest.fail(f"decap-server did not listen on port {proxy_port}")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def editor(tmp_path, repo, proxy):
    """A phone-sized page of the built site's admin/, every request and error recorded."""
    site = tmp_path / "built" / "site"
    build(repo, site)
    with serving(site) as base, playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.requests, page.errors = [], []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.base, page.site = base, site
        yield page
        browser.close()


def open_new_visit(page, query: str) -> None:
    page.goto(page.base + "admin/#/collections/visits/new" + query)
    page.get_by_role("button", name="登录").click()  # the local backend's login: no account
    page.locator("#date-field-3").wait_for()


def publish(page) -> None:
    page.get_by_role("button", name="发布").click()
    page.get_by_text("立即发布").click()


def hosts(page) -> set[tuple[str, int | None]]:
    return {(urlparse(u).hostname or "", urlparse(u).port) for u in page.requests
            if urlparse(u).scheme in ("http", "https", "ws", "wss")}  # fmt: skip


# C0001's monthly onsite visit by its chief (S03), open on the demo's due list (A1 客户每月上门…)
DUE_ROW = "A1 客户每月上门至少 1 次"
PREFILLED = "../admin/#/collections/visits/new?customer=C0001&method=onsite&kind=routine&staff=S03"


def due_row_link(site_page, base: str):
    """The 记录回访 link of C0001's onsite item on the team's due list, as a phone shows it
    (a card per customer); None when the list has no such item open."""
    site_page.goto(base + "due/index.html")
    card = site_page.locator(".hf-due-card").filter(has_text="C0001")
    row = card.locator("li").filter(has_text=DUE_ROW)
    return row.get_by_role("link", name="记录回访") if row.count() else None


def test_a_visit_recorded_from_the_due_list_lands_where_the_checker_wants_it(
    editor, repo, proxy_port
):
    page = editor
    link = due_row_link(page, page.base)
    assert link is not None and link.is_visible()  # the phone's card, not the hidden table
    assert link.get_attribute("href") == PREFILLED  # ids only: customer, method, kind, staff
    link.click()
    page.get_by_role("button", name="登录").click()  # the local backend's login: no account
    page.locator("#date-field-3").wait_for()
    page.get_by_text("S03 崔丽丽").wait_for()  # 回访人 filled from the link, shown from team.yaml
    page.locator("#date-field-3").fill("2026-11-23")
    page.locator("#outcome-field-12").fill("客户确认了整改方案")
    publish(page)
    page.get_by_text("内容已保存").wait_for()
    # Decap lowercases the values it puts into a new file's name (docs/site.md): C0001 → c0001
    wanted = repo / "records" / "visits" / "2026" / "2026-11-23-c0001-onsite.md"
    assert git(repo, "log", "-1", "--name-only", "--format=").split() == [
        "records/visits/2026/2026-11-23-c0001-onsite.md"
    ]
    assert git(repo, "status", "--porcelain") == ""  # committed by decap-server, not only written
    text = wanted.read_text(encoding="utf-8")
    assert text.startswith(
        "---\ncustomer: C0001\ndate: 2026-11-23\nmethod: onsite\nkind: routine\n"
    )
    assert "staff:\n  - S03\n" in text and "outcome: 客户确认了整改方案\n" in text
    check = huifang("check", "--records", str(repo / "records"), "--today", "2026-11-23",
                    "--format", "json")  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr  # no error: the gate takes it
    mine = [p["code"] for p in json.loads(check.stdout)["problems"]
            if p["file"].endswith("2026-11-23-c0001-onsite.md")]  # fmt: skip
    assert sorted(mine) == ["visit.filename_mismatch", "visit.no_record"]  # warnings only
    # what the editor's branch workflow runs (.github/workflows/editor.yml): fmt puts the
    # file into the canonical form and its name right
    records = str(repo / "records")
    assert huifang("fmt", "--check", "--records", records).returncode == 1
    fmt = huifang("fmt", "--records", records)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    assert "已改名 / renamed records/visits/2026/2026-11-23-c0001-onsite.md → " in fmt.stdout
    assert not wanted.exists()
    assert huifang("fmt", "--check", "--records", records).returncode == 0
    check = huifang("check", "--records", records, "--today", "2026-11-23", "--format", "json")
    assert check.returncode == 0, check.stdout + check.stderr
    mine = [p["code"] for p in json.loads(check.stdout)["problems"]
            if p["file"].endswith("2026-11-23-C0001-onsite.md")]  # fmt: skip
    assert mine == ["visit.no_record"]  # the empty 正文 only
    site = repo.parent / "next" / "site"
    build(repo, site)
    timeline = (site / "customers" / "C0001.html").read_text(encoding="utf-8")
    assert 'id="v-2026-11-23-C0001-onsite"' in timeline
    # the item it was for is done: off the team's due list (and its link with it)
    with serving(site) as next_base:
        assert due_row_link(page, next_base) is None
    listed = (site / "due" / "index.html").read_text(encoding="utf-8")
    assert PREFILLED.replace("&", "&amp;") not in listed
    assert page.errors == []
    assert hosts(page) <= {("127.0.0.1", urlparse(page.base).port),
                           ("127.0.0.1", urlparse(next_base).port), ("localhost", proxy_port)}  # fmt: skip
    config = (page.site / "admin" / "config.yml").read_text(encoding="utf-8")
    assert f"local_backend:\n  url: http://localhost:{proxy_port}/api/v1\n" in config
    policy = (page.site / "admin" / "index.html").read_text(encoding="utf-8")
    assert f"connect-src 'self' http://localhost:{proxy_port};" in policy


def test_a_required_field_left_empty_cannot_be_saved_and_is_named_in_chinese(editor, repo):
    page = editor
    open_new_visit(page, "?customer=C0001&method=phone")
    publish(page)
    page.get_by_text("“回访日期”是必填项").wait_for()
    assert page.get_by_text("“回访人”是必填项").is_visible()
    time.sleep(1)
    assert not (repo / "records" / "visits" / "2026" / "2026-11-23-C0001-phone.md").exists()
    assert git(repo, "log", "--oneline").count("\n") == 1  # nothing committed


def test_ci_installs_chromium_and_npm_when_missing_then_runs_make_test(tmp_path):
    """.ci/run on a clean machine (CI=true: these tests never skip): what is missing of
    chromium and npx comes from apt, then exactly `make test` (apt-get and make stand-ins
    here record what they were asked)."""
    tools = tmp_path / "bin"
    tools.mkdir()
    log = tmp_path / "log"
    for name in ("dirname", "id"):
        (tools / name).symlink_to(shutil.which(name))
    for name in ("apt-get", "make"):
        (tools / name).write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n', encoding="utf-8")
        (tools / name).chmod(0o755)
    (tools / "sudo").write_text('#!/bin/sh\nexec "$@"\n', encoding="utf-8")  # not root: sudo
    (tools / "sudo").chmod(0o755)

    def ci() -> list[str]:
        log.write_text("", encoding="utf-8")
        env = {"PATH": str(tools), "CI": "true", "HOME": str(tmp_path)}
        done = subprocess.run(["/bin/bash", str(ROOT / ".ci" / "run")], env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return log.read_text(encoding="utf-8").splitlines()

    assert ci() == ["apt-get update -qq", "apt-get install -y -qq chromium nodejs npm", "make test"]
    for name in ("chromium", "npx"):  # present: nothing installed
        (tools / name).symlink_to(tools / "make")
        ci()
    assert ci() == ["make test"]
    (tools / "npx").unlink()
    assert ci() == ["apt-get update -qq", "apt-get install -y -qq nodejs npm", "make test"]
