"""`huifang demo --history`: the demo as a Git repository with a year of simulated team
work, ending in exactly the shipped records."""

from __future__ import annotations

import json
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


def test_one_sign_off_in_the_history_was_committed_by_the_wrong_person(demo_repo, tmp_path):
    """team.yaml lists each member's Git email (sNN@example.com, as the history commits);
    one visit's sign-off, two months before the end, was committed by its agent."""
    records = demo_repo / "records"
    check = huifang("check", "--records", str(records), "--today", "2026-11-23", "--format",
                    "json")  # fmt: skip
    found = [p for p in json.loads(check.stdout)["problems"]
             if p["code"] in ("review.not_by_reviewer", "visit.filed_by_other")]  # fmt: skip
    assert len(found) == 1 and found[0]["code"] == "review.not_by_reviewer", found
    visit = found[0]["file"].removeprefix("records/")
    reviewer = next(line.split(": ")[1] for line in (records / visit).read_text("utf-8").split("\n")
                    if line.startswith("reviewed_by: "))  # fmt: skip
    subject = f"审阅 {visit.rsplit('/', 1)[1].removesuffix('.md')}"
    author = git(demo_repo, "log", "--format=%ae", f"--grep=^{subject}$", "--", f"records/{visit}")
    assert author.strip() != f"{reviewer.lower()}@example.com"  # not the reviewer's email
    assert f"应由审阅主管 {reviewer} " in found[0]["message"]["zh"]
    # the site's 变更 row of that commit names both
    result, work = build_site(records, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    month = git(
        demo_repo, "log", "-1", "--format=%ad", "--date=format:%Y-%m", f"--grep=^{subject}$"
    )
    page = (work / "docs" / "changes" / f"{month.strip()}.md").read_text(encoding="utf-8")
    assert page.count("（不是本人）") == 1 and f"审阅签字：写的是 {reviewer} " in page


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
    assert '修改 <span title="grade">客户分级</span>：C → B2' in changes
    assert '<span title="contacts.马**.mobile">关键人物 › 马** › 手机</span>：158****' in changes
    assert "马建华" not in changes
    assert "15893183547" not in (tmp_path / "site" / "customers" / "C0004.html").read_text("utf-8")


def test_every_change_is_on_its_months_page_linked_to_its_record_and_commit(demo_repo, tmp_path):
    """Issue 21: 1,136 of the demo's visit changes were on no page. Every (commit, file) Git
    records under records/ is a row on exactly one month page; each row links its record
    (a page or a timeline entry that exists) and, with extra.huifang.commit_url, its commit."""
    import re

    config = tmp_path / "mkdocs.yml"
    url = "https://git.example.com/org/repo/commit/{commit}"
    config.write_text(f'extra:\n  huifang:\n    commit_url: "{url}"\n', encoding="utf-8")
    site = tmp_path / "site"
    result, _ = build_site(demo_repo / "records", site, "--config", str(config))
    assert result.returncode == 0, result.stderr
    changed = git(demo_repo, "log", "--format=%H %ad", "--date=format:%Y-%m", "--name-only",
                  "--", "records")  # fmt: skip
    per_month: dict[str, int] = {}
    month = ""
    for line in changed.splitlines():
        if re.fullmatch(r"[0-9a-f]{40} \d{4}-\d{2}", line):
            month = line.split()[1]
        elif line:
            per_month[month] = per_month.get(month, 0) + 1
    index = (site / "changes" / "index.html").read_text(encoding="utf-8")
    rows = 0
    for month, count in per_month.items():
        assert f'href="{month}.html"' in index  # the index links every month
        page = (site / "changes" / f"{month}.html").read_text(encoding="utf-8")
        assert page.count("<tr><td") == count, month  # 300 rows a page at most: one page here
        rows += count
        for href in re.findall(r'<td><a href="\.\./([^"#]+)(?:#[^"]*)?">', page):
            assert (site / href).is_file(), href  # the record's page exists
        commits = re.findall(r'href="https://git\.example\.com/org/repo/commit/([0-9a-f]+)"', page)
        assert len(commits) == count and all(len(c) == 40 for c in commits)
    assert rows == sum(per_month.values()) > 1300
    assert "客户分级" in (site / "changes" / "customers.html").read_text(encoding="utf-8")
