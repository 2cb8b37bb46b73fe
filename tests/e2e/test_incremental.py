"""Incremental builds: the same records twice stop at once; any edit rebuilds only what
changed, and the site is then the one a clean build makes, every file byte for byte.

The shipped demo, copied into a Git repository of its own (so the 变更 pages and the
history feed are in it), is built once; then edited in the ways a team edits records —
a customer added, changed, renamed, deleted, a visit's outcome and date, the policy, the
as-of day, a commit — and after each edit built again into the same --work and --out,
and built clean into fresh folders. Every file of the two sites is compared (nothing
excluded).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import ROOT, commit_all, huifang, run_git

pytestmark = pytest.mark.e2e

UNCHANGED = "nothing changed since the last build"


def build(records: Path, out: Path, work: Path, today: str, *extra: str) -> str:
    result = huifang(
        "build", "--records", str(records), "--today", today, "--out", str(out),
        "--work", str(work), "-q", *extra,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def stats_of(site: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(site).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in site.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def repo(tmp_path) -> Path:
    """The demo records in a Git repository of their own: (repo)/records."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "records", root / "records")
    run_git(root, "init", "-q")
    commit_all(root, "演示记录 / the demo records")
    return root


def test_the_same_records_twice_change_nothing(repo, tmp_path):
    out, work = tmp_path / "site", tmp_path / "work"
    first = build(repo / "records", out, work, "2026-11-23")
    assert UNCHANGED not in first
    before, stats = files_of(out), stats_of(out)
    second = build(repo / "records", out, work, "2026-11-23")
    assert UNCHANGED in second and "网站没有变化" in second
    assert files_of(out) == before and stats_of(out) == stats  # not one file written again
    # the profile or the day is part of the key: a real build, and only then
    assert UNCHANGED not in build(repo / "records", out, work, "2026-11-24")
    assert UNCHANGED not in build(repo / "records", out, work, "2026-11-24", "--profile", "full")
    assert UNCHANGED in build(repo / "records", out, work, "2026-11-24", "--profile", "full")


def test_a_full_scan_builds_and_scans_though_nothing_changed(repo, tmp_path):
    out, work = tmp_path / "site", tmp_path / "work"
    build(repo / "records", out, work, "2026-11-23")
    before = files_of(out)
    assert UNCHANGED not in build(repo / "records", out, work, "2026-11-23", "--full-scan")
    assert files_of(out) == before
    assert UNCHANGED in build(repo / "records", out, work, "2026-11-23")


def test_a_failed_incremental_build_leaves_the_last_site_and_the_next_is_right(
    repo, tmp_path, monkeypatch
):
    """The new site links the published files: a build that fails after MkDocs rewrote its
    own copy of a page still leaves every published file (bytes, time) as it was."""
    import generator.site as site_module
    from generator.check import check_records
    from generator.derive import AsOf
    from generator.site.scan import Finding

    records, out, work = repo / "records", tmp_path / "site", tmp_path / "work"
    build(records, out, work, "2026-11-23")
    before, stats = files_of(out), stats_of(out)
    visit = sorted((records / "visits").rglob("*-C0057-*.md"))[0]
    changing(visit, ("outcome: ", "outcome: 已补充。"))()
    found = [Finding("customers/C0057.html", "test")]
    monkeypatch.setattr(site_module, "scan_site", lambda *args, **kwargs: found)
    today = AsOf.day(date(2026, 11, 23))
    with pytest.raises(site_module.BuildError):
        site_module.build_site(check_records(records, today.today), out, today, work=work)
    assert files_of(out) == before and stats_of(out) == stats
    assert not [p for p in tmp_path.iterdir() if "building" in p.name]
    monkeypatch.undo()
    build(records, out, work, "2026-11-23")
    build(records, tmp_path / "clean", tmp_path / "clean-work", "2026-11-23")
    assert files_of(out) == files_of(tmp_path / "clean") != before


def test_a_work_folder_in_no_known_state_is_rebuilt_from_nothing(repo, tmp_path):
    """No state file (a failed build, an older program's folder, one copied by hand): the
    trees are made afresh whatever they hold."""
    out, work = tmp_path / "site", tmp_path / "work"
    build(repo / "records", out, work, "2026-11-23")
    clean = files_of(out)
    (work / ".huifang-state.json").unlink()
    (work / "pagefind" / "pagefind.js").write_text("an older layout", encoding="utf-8")
    (work / "docs" / "customers" / "C9999.md").write_text("stale", encoding="utf-8")
    (work / "search" / "main" / "stale.html").write_text("stale", encoding="utf-8")
    assert UNCHANGED not in build(repo / "records", out, work, "2026-11-23")
    assert files_of(out) == clean


def test_a_site_replaced_by_hand_is_built_again(repo, tmp_path):
    out, work = tmp_path / "site", tmp_path / "work"
    build(repo / "records", out, work, "2026-11-23")
    clean = files_of(out)
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    (out / ".huifang-site").write_text("回访台 huifang build\n", encoding="utf-8")  # a new mark
    assert UNCHANGED not in build(repo / "records", out, work, "2026-11-23")
    assert files_of(out) == clean


def changing(path: Path, *replacements: tuple[str, str]) -> Callable[[], None]:
    """An edit of a record file: each (old, new) replaced once."""

    def edit() -> None:
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, (path, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    return edit


def _edits(records: Path):
    """(what, the edit, the as-of day after it): the ways a team changes its records."""
    customers, visits = records / "customers", records / "visits"
    a_visit = sorted((visits / "2026").glob("*-C0057-*.md"))[0]
    # a visit whose customer is neither edited nor deleted below, with a neutral satisfaction
    other = next(p for p in sorted((visits / "2026").glob("*.md"))
                 if "satisfaction: neutral" in p.read_text("utf-8")
                 and not any(c in p.name for c in ("C0057", "C0060")))  # fmt: skip
    other_date = other.name[:10]
    earlier = (date.fromisoformat(other_date) - timedelta(days=2)).isoformat()
    c0060 = [customers / "C0060.md", *records.rglob("*C0060*.md")]

    def add() -> None:
        text = (customers / "C0060.md").read_text(encoding="utf-8")
        new = text.replace("id: C0060", "id: C0061").replace("赵淑英", "钱多多")
        (customers / "C0061.md").write_text(new, encoding="utf-8")

    def rename() -> None:
        changing(customers / "C0061.md", ("id: C0061", "id: C0062"))()
        (customers / "C0061.md").rename(customers / "C0062.md")

    def delete() -> None:
        for path in {*c0060, *records.glob("complaints/*/K2026-0020.md")}:
            path.unlink()

    day = "2026-11-23"
    return [
        ("a visit's outcome", changing(a_visit, ("outcome: ", "outcome: 已补充。")), day),
        ("a customer added", add, day),
        ("a customer changed", changing(customers / "C0002.md", ("grade: A2", "grade: B1")), day),
        ("a customer renamed", rename, day),
        ("a customer deleted with its records", delete, day),
        ("a visit's date and satisfaction", changing(other, ("satisfaction: neutral", "satisfaction: satisfied"),
                                                     (f"date: '{other_date}'", f"date: '{earlier}'")), day),
        ("the policy", changing(records / "policy.yaml", ("company: ", "company: 新")), day),
        ("the as-of day", lambda: None, "2026-12-02"),
    ]  # fmt: skip


def test_every_incremental_build_is_the_clean_build(repo, tmp_path):
    records = repo / "records"
    out, work = tmp_path / "site", tmp_path / "work"
    build(records, out, work, "2026-11-23")
    for number, (what, edit, today) in enumerate(_edits(records)):
        edit()
        if number % 2:  # every other edit committed: the history pages change too
            commit_all(repo, what)
        assert UNCHANGED not in build(records, out, work, today), what
        fresh = tmp_path / f"clean-{number}"
        build(records, fresh / "site", fresh / "work", today)
        incremental, clean = files_of(out), files_of(fresh / "site")
        assert sorted(incremental) == sorted(clean), what
        differing = [name for name in clean if incremental[name] != clean[name]]
        assert differing == [], what
        shutil.rmtree(fresh)


def test_a_sharded_index_rebuilds_one_shard_and_is_the_clean_build(tmp_path):
    """Above SHARD_FROM customers the index is in shards; one visit changed re-indexes its
    customer's shard (and main, whose lists show the visit) and no other."""
    from generator.site.shards import CUSTOMER_SHARDS, SHARD_FROM, shard_of

    records = tmp_path / "records"
    size = ("--customers", str(SHARD_FROM), "--visits", str(SHARD_FROM), "--complaints", "10")
    made = huifang("demo", "--out", str(records), *size)
    assert made.returncode == 0, made.stderr
    out, work = tmp_path / "site", tmp_path / "work"
    build(records, out, work, "2026-11-23")
    shards = [out / "pagefind" / "shards" / f"c{n}" for n in range(CUSTOMER_SHARDS)]
    assert all((shard / "pagefind-entry.json").is_file() for shard in shards)
    before = {p: stats_of(p) for p in shards}
    visit = sorted((records / "visits").rglob("*.md"))[0]
    customer = next(line for line in visit.read_text(encoding="utf-8").splitlines()
                    if line.startswith("customer: ")).split(": ")[1]  # fmt: skip
    changing(visit, ("outcome: ", "outcome: 已补充。"))()
    build(records, out, work, "2026-11-23")
    mine = out / "pagefind" / "shards" / shard_of(f"customers/{customer}.md", True)
    assert [p for p in shards if stats_of(p) != before[p]] == [mine]
    build(records, tmp_path / "clean", tmp_path / "clean-work", "2026-11-23")
    assert files_of(out) == files_of(tmp_path / "clean")


def test_ci_keeps_the_last_build_and_scans_everything_daily():
    import yaml

    site = yaml.safe_load((ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = site["jobs"]["build"]["steps"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert set(cache["with"]["path"].split()) == {"build", "site", "~/.cache/huifang"}
    assert "pyproject.toml" in cache["with"]["key"] and "generator/**" in cache["with"]["key"]
    command = next(s["run"] for s in steps if "huifang build" in s.get("run", ""))
    assert "--work build" in command and "--out site" in command
    for event, full in (("schedule", True), ("push", False)):  # as the runner's bash reads it
        said = subprocess.run(["bash", "-e", "-c", f"echo {command}"], capture_output=True,
                              text=True, env={"GITHUB_EVENT_NAME": event}, check=True)  # fmt: skip
        assert ("--full-scan" in said.stdout) is full, event
    assert steps.index(cache) < next(i for i, s in enumerate(steps) if s.get("run") == command)


def test_the_team_s_pages_and_settings_rebuild_like_a_clean_build(repo, tmp_path):
    from test_team_site import SITE_PAGES, TEAM_FILE, team_repository

    records, out, work = repo / "records", tmp_path / "site", tmp_path / "work"
    team_repository(repo)
    build(records, out, work, "2026-11-23")
    assert "每月每户回访一次" in (out / "制度.html").read_text(encoding="utf-8")
    rule = repo / "site_pages" / "制度.md"
    edits = [
        changing(rule, ("每月每户回访一次", "每两周每户回访一次")),  # a team page's text
        lambda: (
            (repo / "site_pages" / "联系人.md").unlink()  # a page gone, its nav entry too
            or (repo / "mkdocs.yml").write_text(
                TEAM_FILE.replace("  - 团队:\n      - 联系人: 联系人.md\n", ""), encoding="utf-8"
            )
        ),
    ]
    assert "联系人.md" in SITE_PAGES
    for number, edit in enumerate(edits):
        edit()
        assert UNCHANGED not in build(records, out, work, "2026-11-23")
        fresh = tmp_path / f"clean-{number}"
        build(records, fresh / "site", fresh / "work", "2026-11-23")
        assert files_of(out) == files_of(fresh / "site"), number


def test_the_editor_setting_rebuilds_the_pages_that_link_into_it(repo, tmp_path):
    """extra.editor switched on adds admin/ and the 记录回访 links of the due lists, customer
    and complaint pages (the links are in those pages' contexts, so in their digests);
    switched off, both go again. Each time the incremental build is the clean build."""
    from test_team_site import TEAM_FILE, team_repository

    records, out, work = repo / "records", tmp_path / "site", tmp_path / "work"
    team_repository(repo)
    build(records, out, work, "2026-11-23")
    editor = "extra:\n  editor: {backend: github, repo: jincheng/huifang}\n"
    link = 'class="hf-record" href="../admin/#/collections/visits/new?customer='
    for number, text in enumerate((TEAM_FILE + editor, TEAM_FILE)):
        (repo / "mkdocs.yml").write_text(text, encoding="utf-8")
        assert UNCHANGED not in build(records, out, work, "2026-11-23")
        fresh = tmp_path / f"clean-{number}"
        build(records, fresh / "site", fresh / "work", "2026-11-23")
        incremental, clean = files_of(out), files_of(fresh / "site")
        assert sorted(incremental) == sorted(clean), number
        assert [name for name in clean if incremental[name] != clean[name]] == [], number
        on = text.endswith(editor)
        assert ("admin/config.yml" in incremental) is on
        for page in ("due/index.html", "customers/C0001.html", "complaints/K2026-0007.html"):
            assert (link in incremental[page].decode("utf-8")) is on, (number, page)
        shutil.rmtree(fresh)
