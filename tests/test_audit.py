"""Auditing from Git history in real repositories: timeliness of filing, registering and
reviewing (from the commit that added the record), required signatures with an
allowed-signers file, the last verified head, and the history cache."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import POLICY, VISIT, check_json, commit_all, customer_file, huifang, run_git
from conftest import write_tree as write_records

from generator.history import cache, read_history

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

LATE_VISIT = "visits/2026/2026-11-03-C0001-phone.md"  # at 10:00, committed two days later
SAME_DAY_VISIT = "visits/2026/2026-11-04-C0001-phone.md"  # no time: the end of its day counts
OLD_VISIT = "visits/2026/2026-10-01-C0001-phone.md"  # before the history began
COMPLAINT = "complaints/2026/K2026-0001.md"  # received 2026-11-02 09:30 (conftest)
TIMELINESS_CODES = {"visit.filed_late", "complaint.registered_late", "visit.reviewed_late"}


def visit(day: str, clock: str | None = None, reviewed: bool = False) -> str:
    text = VISIT.replace("date: 2026-11-20", f"date: {day}")
    if clock:
        text = text.replace("method: phone", f"method: phone\ntime: '{clock}'")
    if reviewed:
        text = text.replace(
            "method: phone", "method: phone\nreviewed_by: S02\nreviewed_on: 2026-11-20"
        )
    return text


@pytest.fixture
def late_repo(tmp_path):
    """Started 2026-11-01; a visit and a complaint committed late, a review signed late."""
    root = tmp_path / "late"
    records = write_records(root, {COMPLAINT: None, "visits/2026/2026-11-20-C0001-phone.md": None})
    run_git(root, "init", "-q", "-b", "main")
    commit_all(root, "建档", when="2026-11-01T09:00:00+08:00")
    from conftest import COMPLAINT as COMPLAINT_TEXT

    for relative, text in {
        LATE_VISIT: visit("2026-11-03", "10:00"),
        SAME_DAY_VISIT: visit("2026-11-04"),
        OLD_VISIT: visit("2026-10-01"),
        COMPLAINT: COMPLAINT_TEXT,
    }.items():
        (records / relative).parent.mkdir(parents=True, exist_ok=True)
        (records / relative).write_text(text, encoding="utf-8")
    commit_all(root, "补录回访和投诉", author="李强", when="2026-11-05T09:00:00+08:00")
    (records / LATE_VISIT).write_text(visit("2026-11-03", "10:00", reviewed=True), "utf-8")
    commit_all(root, "主管审阅", author="赵敏", when="2026-11-20T17:00:00+08:00")
    return root


def timeliness(payload: dict) -> dict[tuple[str, str], str]:
    return {
        (p["code"], p["file"].split("/", 1)[1]): p["message"]["zh"]
        for p in payload["problems"]
        if p["code"] in TIMELINESS_CODES
    }


def test_late_filing_registering_and_review_are_warnings_with_the_commit(late_repo):
    code, payload = check_json(late_repo / "records")
    assert code == 0  # warnings only
    found = timeliness(payload)
    assert set(found) == {
        ("visit.filed_late", LATE_VISIT),
        ("complaint.registered_late", COMPLAINT),
        ("visit.reviewed_late", LATE_VISIT),
    }  # not the same-day visit (end of its day), not the visit from before the history
    filing = run_git(late_repo, "log", "--format=%h", "--abbrev=8", "-1", "HEAD~1").strip()
    review = run_git(late_repo, "log", "--format=%h", "--abbrev=8", "-1", "HEAD").strip()
    assert filing in found[("visit.filed_late", LATE_VISIT)]
    assert "2026-11-05 09:00" in found[("visit.filed_late", LATE_VISIT)]
    assert "晚了 47 小时" in found[("visit.filed_late", LATE_VISIT)]
    assert "李强" in found[("complaint.registered_late", COMPLAINT)]
    assert review in found[("visit.reviewed_late", LATE_VISIT)]
    text = huifang("check", "--records", str(late_repo / "records"), "--today", "2026-11-23")
    assert f"{LATE_VISIT}:3:1: warning visit.filed_late" in text.stdout


def test_timeliness_can_be_turned_off_by_option_or_policy(late_repo):
    _, payload = check_json(late_repo / "records", "--no-history")
    assert not timeliness(payload)
    policy = late_repo / "records" / "policy.yaml"
    policy.write_text(
        POLICY + "completeness:\n  visit_filed_late: {severity: 'off'}\n", encoding="utf-8"
    )
    _, payload = check_json(late_repo / "records")  # the policy is read from the work tree
    assert {code for code, _ in timeliness(payload)} == {
        "complaint.registered_late",
        "visit.reviewed_late",
    }


def test_records_added_where_a_shallow_clone_was_cut_are_not_judged(tmp_path):
    """A shallow clone shows every file as added by its one commit: a visit filed on time
    must not look late just because a later commit is where the clone begins."""
    root = tmp_path / "full"
    policy = POLICY + "visits: {file_within_hours: 2}\n"
    records = write_records(root, {"policy.yaml": policy, COMPLAINT: None})
    run_git(root, "init", "-q", "-b", "main")
    commit_all(root, "建档", when="2026-11-01T09:00:00+08:00")
    (records / LATE_VISIT).write_text(visit("2026-11-03", "10:00"), encoding="utf-8")
    commit_all(root, "当天补录", when="2026-11-03T11:00:00+08:00")  # on time
    (records / "customers" / "C0001.md").write_text(customer_file(grade="B"), encoding="utf-8")
    commit_all(root, "改等级", when="2026-11-03T17:00:00+08:00")
    _, payload = check_json(records)
    assert not timeliness(payload)
    clone = tmp_path / "shallow"
    run_git(tmp_path, "clone", "-q", "--depth", "1", f"file://{root}", str(clone))
    result = huifang("check", "--records", str(clone / "records"), "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert "git fetch --unshallow" in result.stderr
    assert not any(code in result.stdout for code in TIMELINESS_CODES)
    (clone / "records" / LATE_VISIT).write_text(visit("2026-11-03", "09:00"), encoding="utf-8")
    commit_all(clone, "改时间", when="2026-11-03T18:00:00+08:00")  # a commit after the cut
    _, payload = check_json(clone / "records")
    assert not timeliness(payload)  # still added at the cut: its first commit is unknown


def test_outside_a_repository_check_says_timeliness_was_not_checked(tmp_path):
    records = write_records(tmp_path, {})
    result = huifang("check", "--records", str(records), "--today", "2026-11-23")
    assert result.returncode == 0 and "未检查提交时效" in result.stderr
    quiet = huifang("check", "--records", str(records), "--today", "2026-11-23", "--no-history")
    assert quiet.returncode == 0 and "未检查提交时效" not in quiet.stderr  # git is not even run
    signed = huifang("check", "--records", str(records), "--require-signed")
    assert signed.returncode == 2 and "不在 Git 仓库中" in signed.stderr
    assert "Traceback" not in signed.stderr


# --- signatures ---------------------------------------------------------------------


@pytest.fixture
def signed_repo(tmp_path):
    """Commits: unsigned, signed by the trusted key, signed by a stranger's key."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    root = tmp_path / "signed"
    write_records(root, {})
    run_git(root, "init", "-q", "-b", "main")
    run_git(root, "config", "gpg.format", "ssh")
    for name in ("trusted", "stranger"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / name)],
                       check=True)  # fmt: skip
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"王芳@example.com {(tmp_path / 'trusted.pub').read_text()}")
    commit_all(root, "unsigned")
    for name in ("trusted", "stranger"):
        sign(root, tmp_path / name, name)
    return root, allowed, tmp_path / "trusted"


def sign(root: Path, key: Path, name: str) -> str:
    (root / "records" / "customers" / "C0001.md").write_text(
        customer_file(name=f"客户{name}"), encoding="utf-8"
    )
    run_git(root, "add", "-A")
    run_git(root, "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-m", name)
    return run_git(root, "rev-parse", "HEAD").strip()


def shas(root: Path) -> dict[str, str]:
    """subject → short hash"""
    lines = run_git(root, "log", "--format=%s %h", "--abbrev=8").split("\n")
    return dict(line.rsplit(" ", 1) for line in lines if line)


def untrusted(payload: dict) -> list[str]:
    return [
        p["message"]["en"] for p in payload["problems"] if p["code"] == "history.untrusted_commit"
    ]


def test_ssh_signatures_are_good_only_with_a_trusted_key(signed_repo):
    root, allowed, _ = signed_repo
    versions = read_history(root / "records", allowed).of("customer", "C0001").versions
    assert [v.commit.signature for v in versions] == ["N", "G", "U"]
    assert [v.commit.signed for v in versions] == [False, True, False]


def test_require_signed_fails_on_unsigned_and_unknown_key_commits(signed_repo):
    root, allowed, _ = signed_repo
    code, payload = check_json(
        root / "records", "--require-signed", "--allowed-signers", str(allowed)
    )
    assert code == 1
    listed = untrusted(payload)
    commits = shas(root)
    assert len(listed) == 2
    assert any(commits["unsigned"] in m and "not signed" in m for m in listed)
    assert any(commits["stranger"] in m and "unknown key" in m for m in listed)
    assert not any(commits["trusted"] in m for m in listed)
    plain, _ = check_json(root / "records")  # without the option signatures are not required
    assert plain == 0


def test_verified_head_checks_only_newer_commits_and_catches_rewrites(signed_repo, tmp_path):
    root, allowed, trusted = signed_repo
    verified = tmp_path / "verified-head"
    verified.write_text(run_git(root, "rev-parse", "HEAD"))  # adopting: older ones are accepted
    head = sign(root, trusted, "trusted again")
    options = (
        "--require-signed",
        "--allowed-signers",
        str(allowed),
        "--verified-head",
        str(verified),
    )
    code, payload = check_json(root / "records", *options)
    assert code == 0, untrusted(payload)
    assert verified.read_text().strip() == head  # recorded for next time
    run_git(root, "reset", "-q", "--hard", "HEAD~1")  # history rewritten...
    sign(root, trusted, "rewritten")  # ...and a new signed commit on top
    code, payload = check_json(root / "records", *options)
    assert code == 1
    errors = [p for p in payload["problems"] if p["severity"] == "error"]
    assert [p["code"] for p in errors] == ["history.rewritten"]
    assert head[:8] in errors[0]["message"]["zh"]
    assert verified.read_text().strip() == head  # not moved on by a failed check


# --- the cache ----------------------------------------------------------------------


def summary(history) -> dict:
    return {
        key: [(v.commit.sha, v.change, v.path, v.fields, v.body) for v in h.versions]
        for key, h in history.records.items()
    }


def test_the_cache_reads_only_new_commits_and_restarts_after_a_rewrite(late_repo):
    records = late_repo / "records"
    first = read_history(records)
    assert first.walked == 3
    again = read_history(records)
    assert again.walked == 0 and summary(again) == summary(first)
    (records / "customers" / "C0001.md").write_text(customer_file(grade="B"), encoding="utf-8")
    commit_all(late_repo, "改等级", when="2026-11-21T09:00:00+08:00")
    newer = read_history(records)
    assert newer.walked == 1
    assert summary(newer) == summary(read_history(records, use_cache=False))
    run_git(late_repo, "commit", "-q", "--amend", "-m", "改等级（修订）")
    rewritten = read_history(records)
    assert rewritten.walked == 4  # the cached head is gone: read from the start
    assert summary(rewritten) == summary(read_history(records, use_cache=False))
    assert rewritten.commits[-1].subject == "改等级（修订）"


def test_a_deepened_clone_and_a_broken_cache_are_read_afresh(late_repo, tmp_path):
    clone = tmp_path / "shallow"
    run_git(tmp_path, "clone", "-q", "--depth", "1", f"file://{late_repo}", str(clone))
    assert read_history(clone / "records").shallow
    run_git(clone, "fetch", "-q", "--unshallow")
    deepened = read_history(clone / "records")
    assert not deepened.shallow and deepened.walked == 3
    for file in cache.folder().glob("*.pickle"):
        file.write_bytes(b"not a pickle")
    assert read_history(clone / "records").walked == 3
