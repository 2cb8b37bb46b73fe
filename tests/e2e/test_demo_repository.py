"""`huifang demo --history`: the demo as a Git repository with a year of simulated team
work, ending in exactly the shipped records."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT, build_site, huifang

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def demo_repo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-repo") / "repo"
    result = huifang("demo", "--history", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def git(repo, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def test_head_is_exactly_the_shipped_records_and_the_history_is_reproducible(demo_repo, tmp_path):
    shipped = {p.relative_to(ROOT / "records"): p.read_bytes()
               for p in (ROOT / "records").rglob("*") if p.is_file()}  # fmt: skip
    built = {p.relative_to(demo_repo / "records"): p.read_bytes()
             for p in (demo_repo / "records").rglob("*") if p.is_file()}  # fmt: skip
    assert built == shipped
    assert git(demo_repo, "status", "--porcelain") == ""
    commits = int(git(demo_repo, "rev-list", "--count", "HEAD"))
    assert commits > 1000
    again = tmp_path / "again"
    assert huifang("demo", "--history", "--out", str(again)).returncode == 0
    assert git(again, "rev-parse", "HEAD") == git(demo_repo, "rev-parse", "HEAD")


def test_the_history_has_field_diffs_reviews_and_late_filings(demo_repo):
    records = str(demo_repo / "records")
    customer = huifang("history", "C0004", "--records", records)
    assert customer.returncode == 0, customer.stderr
    assert "修改 grade: C → B2" in customer.stdout
    assert "王小红" in customer.stdout and "杨旭" in customer.stdout  # owner, director
    check = huifang("check", "--records", records, "--today", "2026-11-23")
    assert check.returncode == 0, check.stdout
    assert check.stdout.count("warning visit.filed_late") >= 5
    reviews = git(demo_repo, "log", "--format=%s", "--grep", "^审阅")
    assert len(reviews.splitlines()) > 100


def test_history_needs_an_empty_folder(tmp_path):
    (tmp_path / "note.txt").write_text("x")
    result = huifang("demo", "--history", "--out", str(tmp_path), "--force")
    assert result.returncode == 2 and "--history" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_demo_repositorys_site_shows_field_diffs_on_customer_pages(demo_repo, tmp_path):
    result, work = build_site(demo_repo / "records", tmp_path / "site")  # masked, scanned
    assert result.returncode == 0, result.stderr
    page = (work / "docs" / "customers" / "C0004.md").read_text(encoding="utf-8")
    changes = page.split(">变更记录</h2>", 1)[1]
    # the contact is named as the page names it, masked (issue 17 item 7)
    assert "修改 grade：C → B2" in changes and "修改 contacts.马**.mobile：158****" in changes
    assert "马建华" not in changes
    assert "15893183547" not in (tmp_path / "site" / "customers" / "C0004.html").read_text("utf-8")
