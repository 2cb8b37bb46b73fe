"""Shared fixtures: small records trees written inline, and the real `huifang` command."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"

TEAM = """\
staff:
  - {id: S01, name: 王芳, role: agent, area: 一区, active: true, phone: "13800000001"}
  - {id: S02, name: 李强, role: supervisor, active: true}
  - {id: S03, name: 赵敏, role: director, active: true}
  - {id: S04, name: 钱进, role: agent, active: false}
"""
POLICY = """\
grades:
  - {id: A, label: 重要客户}
  - {id: B, label: 普通客户}
areas: [一区, 二区]
"""
CUSTOMER = """\
---
id: C0001
name: 上海示例贸易有限公司
kind: organisation
grade: A
owner: S01
area: 一区
contacts:
  - name: 张伟
    mobile: "13912345678"
    our_contact: S01
---
客户概况。
"""
VISIT = """\
---
customer: C0001
date: 2026-11-20
method: phone
staff: [S01]
outcome: 客户满意
---
电话回访，客户满意。
"""
COMPLAINT = """\
---
id: K2026-0001
customer: C0001
received: 2026-11-02 09:30
channel: phone
category: service
registered: 2026-11-02 10:00
answered: 2026-11-02 15:00
resolved: 2026-11-04 11:00
feedback_sent: 2026-11-04 16:00
resolution: 已上门处理。
---
报修无人上门。
"""
SURVEY = """\
id: 2026H1
title: 2026 年上半年满意度调查
period: {start: 2026-06-01, end: 2026-06-20}
distributed: 100
returned: 90
levels:
  - {name: 满意, satisfied: true}
  - {name: 不满意, satisfied: false}
items:
  - name: 绿化管理
    counts: {满意: 70, 不满意: 20}
"""

BASE_FILES = {
    "team.yaml": TEAM,
    "policy.yaml": POLICY,
    "customers/C0001.md": CUSTOMER,
    "visits/2026/2026-11-20-C0001-phone.md": VISIT,
    "complaints/2026/K2026-0001.md": COMPLAINT,
    "surveys/2026H1.yaml": SURVEY,
}


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """A records folder with BASE_FILES, overridden (None removes a file) by `files`."""
    records = root / "records"
    merged = {**BASE_FILES, **files}
    for relative, content in merged.items():
        if content is None:
            continue
        path = records / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return records


def run_git(repo: Path, *args: str, author: str = "王芳", when: str = "2026-11-02T09:00:00+08:00"):
    """git with a fixed author and date and no user or system configuration."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": f"{author}@example.com",
        "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": f"{author}@example.com",
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(repo: Path, message: str, **who) -> None:
    run_git(repo, "add", "-A", **who)
    run_git(repo, "commit", "-q", "-m", message, **who)


E2E = ROOT / "tests" / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e/ starts a process or a program (huifang, Git, MkDocs,
    Pagefind, chromium): marked `e2e`, so `pytest -m "not e2e"` runs the fast part."""
    for item in items:
        if item.path.is_relative_to(E2E):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The history cache of this test session lives in a temp dir, never in ~/.cache."""
    os.environ["HUIFANG_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def tree(tmp_path):
    """tree({...overrides}) → the path of a records folder in a temp dir."""
    return lambda files=None: write_tree(tmp_path, files or {})


def huifang(
    *args: str, cwd: Path | None = None, input: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Runs the installed command as a user would (standard input is never a terminal)."""
    exe = Path(sys.executable).parent / "huifang"
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        input=input if input is not None else "",
    )


def run_in_terminal(
    args: list[str], answer_after: str | None = None, answer: str = "", env: dict | None = None
) -> tuple[int, str]:
    """Run huifang with a pseudo-terminal as its standard streams, as a person at a terminal
    would; type `answer` once `answer_after` shows. (exit code, everything shown)."""
    master, slave = os.openpty()
    exe = Path(sys.executable).parent / "huifang"
    process = subprocess.Popen(
        [str(exe), *args], stdin=slave, stdout=slave, stderr=slave, close_fds=True,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 120
    sent = answer_after is None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other side closed: the command has finished
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
        if not sent and answer_after.encode() in output:
            os.write(master, answer.encode())
            sent = True
    process.wait(timeout=60)
    os.close(master)
    return process.returncode, output.decode("utf-8", "replace")


def check_json(records: Path, *extra: str) -> tuple[int, dict]:
    result = huifang(
        "check", "--records", str(records), "--today", TODAY.isoformat(), "--format", "json", *extra
    )
    return result.returncode, json.loads(result.stdout)


def codes_at(payload: dict) -> set[tuple[str, str, int]]:
    """{(code, file, line)} of a JSON report."""
    return {(p["code"], p["file"], p["line"]) for p in payload["problems"]}


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/golden/<name>; UPDATE_GOLDEN=1 rewrites it."""
    path = ROOT / "tests" / "golden" / name
    if UPDATE_GOLDEN or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(
                f"golden file {name} was missing and has been written; review and commit it"
            )
    assert text == path.read_text(encoding="utf-8"), (
        f"differs from tests/golden/{name} (UPDATE_GOLDEN=1 to accept)"
    )


# --- rules: small trees with a policy of their own -------------------------------------
RULES_TEAM = """\
staff:
  - {id: S01, name: 王芳, role: agent, area: 一区}
  - {id: S02, name: 李强, role: supervisor, area: 一区}
  - {id: S03, name: 赵敏, role: chief}
  - {id: S04, name: 孙丽, role: manager}
  - {id: S05, name: 周杰, role: agent, area: 一区}
"""


def customer_file(ident: str = "C0001", **fields: object) -> str:
    """A customer record; `fields` override the defaults (lists/dicts as YAML flow)."""
    values = {
        "id": ident,
        "name": "示例贸易有限公司",
        "kind": "organisation",
        "grade": "A",
        "owner": "S01",
        "area": "一区",
        "since": "2026-01-01",
        **fields,
    }
    return _front_matter(values) + "客户概况。\n"


def visit_file(
    day: str, method: str = "phone", customer: str = "C0001", suffix: str = "", **fields: object
):
    """(path, text) of a visit record on `day`; `suffix` tells apart two on one day."""
    values = {"customer": customer, "date": day, "method": method, "staff": ["S01"], **fields}
    path = f"visits/{day[:4]}/{day}-{customer}-{method}{suffix}.md"
    return path, _front_matter(values) + "会谈记录。\n"


def _front_matter(values: dict) -> str:
    """Strings as written (so a test can write YAML), anything else as JSON (valid YAML flow)."""
    lines = [
        f"{key}: {value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}"
        for key, value in values.items()
        if value is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def rules_tree(tree, policy: str, customers: dict[str, str] | None = None, visits=(), **more):
    """A records folder with RULES_TEAM, this policy, these customers and visits."""
    files: dict[str, str | None] = {
        "team.yaml": RULES_TEAM,
        "policy.yaml": textwrap.dedent(policy),
        "customers/C0001.md": None,
        "visits/2026/2026-11-20-C0001-phone.md": None,
        "complaints/2026/K2026-0001.md": None,
    }
    for ident, text in (customers or {"C0001": customer_file()}).items():
        files[f"customers/{ident}.md"] = text
    for path, text in visits:
        files[path] = text
    files.update(more)
    return tree(files)


def agenda_for(records_dir: Path, today: str = "2026-11-23"):
    from generator.derive import AsOf, derive_agenda
    from generator.read.load import load_records

    records = load_records(records_dir).records
    return derive_agenda(records, AsOf.day(date.fromisoformat(today)))


def open_items(agenda, rule: str | None = None) -> list:
    return [i for i in agenda.items if i.state != "done" and (rule is None or i.rule == rule)]


def build_site(records: Path, out: Path, *extra: str):
    """`huifang build` as of 2026-11-23 into `out`, its docs tree beside it."""
    work = out.parent / f"{out.name}-work"
    result = huifang(
        "build", "--records", str(records), "--today", "2026-11-23", "--out", str(out),
        "--work", str(work), *extra,
    )  # fmt: skip
    return result, work


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The shipped demo records built once for the whole session: (site, work)."""
    out = tmp_path_factory.mktemp("demo") / "site"
    result, work = build_site(ROOT / "records", out)
    assert result.returncode == 0, result.stderr
    return out, work
