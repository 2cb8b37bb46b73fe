"""Auditing from Git history in real repositories: timeliness of filing, registering and
reviewing (from the commit that added the record), required signatures with an
allowed-signers file, the last verified head, and the history cache."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    POLICY,
    VISIT,
    build_site,
    check_json,
    commit_all,
    customer_file,
    huifang,
    run_git,
)
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
def keys(tmp_path):
    """Two real ssh keys, "trusted" and "stranger", and an allowed-signers file (outside
    any repository) trusting the first as 王芳@example.com: (allowed, trusted, stranger)."""
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed")
    for name in ("trusted", "stranger"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / name)],
                       check=True)  # fmt: skip
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(signer_line("王芳@example.com", tmp_path / "trusted"))
    return allowed, tmp_path / "trusted", tmp_path / "stranger"


def signer_line(principal: str, key: Path, options: str = "") -> str:
    return f"{principal} {options + ' ' if options else ''}{(key.with_suffix('.pub')).read_text()}"


@pytest.fixture
def signed_repo(tmp_path, keys):
    """Commits: unsigned, signed by the trusted key, signed by a stranger's key."""
    allowed, trusted, stranger = keys
    root = tmp_path / "signed"
    write_records(root, {})
    run_git(root, "init", "-q", "-b", "main")
    run_git(root, "config", "gpg.format", "ssh")
    commit_all(root, "unsigned")
    for name, key in (("trusted", trusted), ("stranger", stranger)):
        sign(root, key, name)
    return root, allowed, trusted


def sign(root: Path, key: Path, name: str, edit: bool = True, **who) -> str:
    """Commit everything (after renaming customer C0001 after `name`), signed with `key`."""
    if edit:
        (root / "records" / "customers" / "C0001.md").write_text(
            customer_file(name=f"客户{name}"), encoding="utf-8"
        )
    run_git(root, "add", "-A", **who)
    run_git(root, "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-m", name, **who)
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


# --- trust in the history: merges, in-repository signers, the verified head, expiry ----


def signed_options(allowed: Path, *more: str) -> tuple[str, ...]:
    return ("--require-signed", "--allowed-signers", str(allowed), *more)


def errors_of(payload: dict) -> list[dict]:
    return [p for p in payload["problems"] if p["severity"] == "error"]


def new_repo(root: Path, files: dict | None = None) -> Path:
    records = write_records(root, files or {})
    run_git(root, "init", "-q", "-b", "main")
    run_git(root, "config", "gpg.format", "ssh")
    return records


def test_an_unsigned_merge_that_edits_a_record_is_a_version_that_must_be_signed(tmp_path, keys):
    allowed, trusted, _ = keys
    root = tmp_path / "merged"
    records = new_repo(root, {"customers/C0003.md": customer_file("C0003")})
    c0003 = records / "customers" / "C0003.md"
    sign(root, trusted, "建档", edit=False)
    run_git(root, "checkout", "-q", "-b", "side")
    sign(root, trusted, "side")  # C0001 on the branch
    run_git(root, "checkout", "-q", "main")
    c0003.write_text(customer_file("C0003", grade="B"), encoding="utf-8")
    sign(root, trusted, "main", edit=False)
    run_git(root, "merge", "-q", "--no-ff", "-m", "clean merge", "side")  # unsigned, clean
    code, payload = check_json(records, *signed_options(allowed))
    assert code == 0, untrusted(payload)  # it brings nothing no signed commit brought
    run_git(root, "checkout", "-q", "-b", "side2")
    sign(root, trusted, "side2")
    run_git(root, "checkout", "-q", "main")
    run_git(root, "merge", "-q", "--no-ff", "--no-commit", "side2")
    c0003.write_text(customer_file("C0003", grade="A"), encoding="utf-8")  # edited in the merge
    run_git(root, "add", "-A")
    run_git(root, "commit", "-q", "-m", "合并 side2")
    merge = run_git(root, "rev-parse", "--short=8", "HEAD").strip()
    code, payload = check_json(records, *signed_options(allowed))
    assert code == 1
    assert [(p["code"], p["file"]) for p in errors_of(payload)] == [
        ("history.untrusted_commit", "records/customers/C0003.md")
    ]
    assert merge in errors_of(payload)[0]["message"]["en"]
    text = huifang("history", "C0003", "--records", str(records))
    assert text.returncode == 0, text.stderr
    assert merge in text.stdout and "修改 grade: B → A" in text.stdout
    history = read_history(records, allowed)
    c0003_versions = history.of("customer", "C0003").versions
    assert [v.commit.subject for v in c0003_versions] == ["建档", "main", "合并 side2"]
    assert [v.commit.subject for v in history.of("customer", "C0001").versions] == [
        "建档",
        "side",
        "side2",
    ]  # the merges brought the branches' edits: no second version of them
    assert summary(history) == summary(read_history(records, allowed, use_cache=False))
    run_git(root, "commit", "-q", "--amend", "--no-edit", f"--gpg-sign={trusted}")
    code, payload = check_json(records, *signed_options(allowed))
    assert code == 0, untrusted(payload)  # the same merge signed by a trusted key


@pytest.fixture
def in_repo(tmp_path, keys):
    """The README's layout: .huifang/allowed_signers tracked in the repository, trusting
    the trusted key; the first commit, signed by it, is the verified head."""
    allowed, trusted, stranger = keys
    root = tmp_path / "team"
    new_repo(root)
    signers = root / ".huifang" / "allowed_signers"
    signers.parent.mkdir()
    signers.write_text(allowed.read_text())
    start = sign(root, trusted, "建档", edit=False)
    verified = tmp_path / "verified-head"
    verified.write_text(start + "\n")
    options = signed_options(signers, "--verified-head", str(verified))
    return root, signers, verified, options, trusted, stranger


def test_a_commit_cannot_trust_the_key_it_adds_to_an_in_repo_signers_file(in_repo):
    root, signers, verified, options, _, stranger = in_repo
    before = verified.read_text()
    signers.write_text(signers.read_text() + signer_line("攻击者@example.com", stranger))
    sign(root, stranger, "attack")  # adds its own key and edits C0001 in one commit
    code, payload = check_json(root / "records", *options)
    assert code == 1
    found = {(p["code"], p["file"]): p["message"] for p in errors_of(payload)}
    assert set(found) == {
        ("history.untrusted_commit", "records/customers/C0001.md"),
        ("history.untrusted_signers_change", ".huifang/allowed_signers"),
    }
    record = found[("history.untrusted_commit", "records/customers/C0001.md")]
    assert "a commit cannot trust a key it adds itself" in record["en"]
    assert "提交不能信任自己加入的密钥" in record["zh"]
    change = found[("history.untrusted_signers_change", ".huifang/allowed_signers")]
    assert "Only a key trusted before a change may sign it" in change["en"]
    assert verified.read_text() == before
    without = huifang("check", "--records", str(root / "records"), *options[:3])
    assert without.returncode == 2  # no verified head: nothing to trust the file as of
    assert "--verified-head" in without.stderr and "仓库中" in without.stderr
    assert "Traceback" not in without.stderr


def test_an_in_repo_signers_file_changes_only_by_trusted_keys_and_counts_once_verified(
    in_repo, tmp_path
):
    root, signers, verified, options, trusted, stranger = in_repo
    records = root / "records"
    first = signers.read_text()
    signers.write_text(first + signer_line("李强@example.com", stranger))
    fork = sign(root, trusted, "add 李强", edit=False)  # a trusted key adds a member
    sign(root, stranger, "李强 signs")
    code, payload = check_json(records, *options)
    assert code == 1  # the new key counts once a check has passed with it added
    assert "last verified commit do not trust" in untrusted(payload)[0]
    run_git(root, "reset", "-q", "--hard", fork)
    code, payload = check_json(records, *options)
    assert code == 0, errors_of(payload)
    assert verified.read_text().strip() == fork
    sign(root, stranger, "李强 signs")
    code, payload = check_json(records, *options)
    assert code == 0, errors_of(payload)  # now trusted: the verified head's signers list him
    signers.write_text(first)
    sign(root, trusted, "remove 李强", edit=False)
    assert check_json(records, *options)[0] == 0
    run_git(root, "checkout", "-q", "-b", "old", fork)  # a branch from before the removal
    (records / "customers" / "C0009.md").write_text(customer_file("C0009"), encoding="utf-8")
    sign(root, stranger, "removed key", edit=False)
    run_git(root, "checkout", "-q", "main")
    run_git(root, "merge", "-q", "--no-ff", "-m", "merge old", "old")
    code, payload = check_json(records, *options)
    assert code == 1
    assert [m for m in untrusted(payload) if "removed key" in m]
    signers.write_text(first + signer_line("攻击者@example.com", stranger))
    run_git(root, "add", "-A")
    run_git(root, "commit", "-q", "-m", "signers only, unsigned")
    code, payload = check_json(records, *options)
    assert ".huifang/allowed_signers" in {p["file"] for p in errors_of(payload)}


def test_an_untracked_signers_file_in_the_work_tree_is_an_outside_file(signed_repo):
    root, allowed, _ = signed_repo
    written = root / "ci_allowed_signers"  # as CI writes it from a secret: never committed
    written.write_text(allowed.read_text())
    code, payload = check_json(root / "records", *signed_options(written))
    assert code == 1 and len(untrusted(payload)) == 2  # judged as it is: no verified head needed


def test_the_verified_head_moves_only_after_a_passed_signature_check(signed_repo, tmp_path):
    root, allowed, trusted = signed_repo
    records = root / "records"
    verified = tmp_path / "verified-head"
    start = run_git(root, "rev-parse", "HEAD").strip()
    verified.write_text(start + "\n")
    sign(root, trusted, "newer")
    code, payload = check_json(records, "--verified-head", str(verified))  # no --require-signed
    assert code == 0, errors_of(payload)
    assert verified.read_text().strip() == start  # nothing was verified: not moved on
    assert check_json(records, *signed_options(allowed, "--verified-head", str(verified)))[0] == 0
    assert verified.read_text().strip() == run_git(root, "rev-parse", "HEAD").strip()


@pytest.mark.parametrize("content", ["HEAD", "", "main\n", "1234abcd", "blob", "sha256"])
def test_a_verified_head_that_is_not_a_full_commit_hash_is_a_configuration_error(
    signed_repo, tmp_path, content
):
    root, allowed, _ = signed_repo
    if content == "blob":  # a full hash, but of a file
        content = run_git(root, "rev-parse", "HEAD:records/team.yaml").strip()
    if content == "sha256":  # 64 digits in a sha1 repository
        content = "ab" * 32
    verified = tmp_path / "verified-head"
    verified.write_text(content)
    result = huifang(
        "check", "--records", str(root / "records"), "--today", "2026-11-23",
        *signed_options(allowed, "--verified-head", str(verified)),
    )  # fmt: skip
    assert result.returncode == 2, result.stdout  # before: "HEAD" skipped every check
    assert f"{verified}:1:" in result.stderr and "git rev-parse HEAD >" in result.stderr
    assert "提交" in result.stderr and "commit" in result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stderr
    assert verified.read_text() == content


def test_a_verified_head_missing_from_the_repository_is_a_rewrite(signed_repo, tmp_path):
    root, allowed, _ = signed_repo
    verified = tmp_path / "verified-head"
    verified.write_text("0123456789abcdef" * 2 + "01234567\n")
    code, payload = check_json(
        root / "records", *signed_options(allowed, "--verified-head", str(verified))
    )
    assert code == 1
    assert [p["code"] for p in errors_of(payload)] == ["history.rewritten"]


def test_an_expired_key_fails_even_on_a_backdated_commit(tmp_path, keys):
    allowed, trusted, _ = keys
    allowed.write_text(signer_line("王芳@example.com", trusted, 'valid-before="20200101"'))
    root = tmp_path / "expired"
    records = new_repo(root)
    backdated = "2019-06-01T10:00:00+08:00"  # GIT_COMMITTER_DATE before valid-before
    sign(root, trusted, "backdated", edit=False, when=backdated)
    config = f"gpg.ssh.allowedSignersFile={allowed}"
    assert run_git(root, "-c", config, "log", "-1", "--format=%G?").strip() == "G"  # git: fine
    code, payload = check_json(records, *signed_options(allowed))
    assert code == 1
    assert [m for m in untrusted(payload) if "signed by an expired key" in m]
    (commit,) = read_history(records, allowed).commits
    assert commit.signature == "Y" and not commit.signed
    allowed.write_text(signer_line("王芳@example.com", trusted, 'valid-after="20990101"'))
    (records / "customers" / "C0001.md").write_text(customer_file(grade="B"), encoding="utf-8")
    sign(root, trusted, "forward-dated", edit=False, when="2099-06-01T10:00:00+08:00")
    assert run_git(root, "-c", config, "log", "-1", "--format=%G?").strip() == "G"  # git: fine
    assert read_history(records, allowed).commits[-1].signature == "V"  # not valid yet now
    allowed.write_text(signer_line("王芳@example.com", trusted, 'valid-before="20990101Z"'))
    commit = read_history(records, allowed).commits[0]
    assert commit.signed and commit.signer == "王芳@example.com"


def test_history_and_build_take_allowed_signers_and_show_the_signer(signed_repo, tmp_path):
    root, allowed, _ = signed_repo
    records = root / "records"
    no_config = {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

    def line_of(text: str, subject: str) -> str:
        lines = text.splitlines()
        return next(lines[i - 1] for i, line in enumerate(lines) if line == f"    {subject}")

    plain = huifang("history", "C0001", "--records", str(records), env=no_config)
    assert plain.returncode == 0, plain.stderr
    assert line_of(plain.stdout, "trusted").endswith("[已签名（未知密钥）]")  # not "未签名"
    assert line_of(plain.stdout, "unsigned").endswith("[未签名]")
    given = huifang("history", "C0001", "--records", str(records), "--allowed-signers",
                    str(allowed), env=no_config)  # fmt: skip
    assert given.returncode == 0, given.stderr
    assert "王芳（签名者 王芳@example.com）" in line_of(given.stdout, "trusted")
    assert line_of(given.stdout, "trusted").endswith("[已签名（可信密钥）]")
    as_json = huifang("history", "C0001", "--records", str(records), "--allowed-signers",
                      str(allowed), "--format", "json", env=no_config)  # fmt: skip
    versions = json.loads(as_json.stdout)["records"][0]["versions"]
    assert [(v["signature"], v["signer"]) for v in versions] == [
        ("N", ""),
        ("G", "王芳@example.com"),
        ("U", ""),
    ]
    result, _ = build_site(records, tmp_path / "site", "--allowed-signers", str(allowed))
    assert result.returncode == 0, result.stderr


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


# --- the signature check itself, on a History built in memory (no Git) ----------------------


def memory_history(signatures: dict[str, str], signers_path: str = ""):
    """Commits a1…, each adding one customer; `signatures` gives each commit's %G?."""
    from generator.history import History, RecordHistory, Version
    from generator.history.gitlog import Commit

    history = History(head="f" * 40, repo=Path("/nowhere"), signers_path=signers_path)
    for n, (sha, signature) in enumerate(signatures.items(), start=1):
        commit = Commit(sha=sha, parents="", author="王芳", author_email="w@example.com",
                        author_date=f"2026-11-0{n}T09:00:00+08:00", committer="王芳",
                        committer_date=f"2026-11-0{n}T09:00:00+08:00", signature=signature,
                        key="", signer="", message=f"第 {n} 次\n")  # fmt: skip
        history.commits.append(commit)
        path = f"records/customers/C000{n}.md"
        history.records[("customer", f"C000{n}")] = RecordHistory(
            "customer", f"C000{n}", [Version(commit, path, "added")]
        )
    return history


def test_the_signature_check_reports_each_untrusted_commit_at_a_record_it_changed():
    from generator.history.trust import Audit
    from generator.validate.signatures import signature_problems

    history = memory_history({"a1" * 20: "G", "b2" * 20: "N", "c3" * 20: "U"})
    problems = signature_problems(history, Audit(signatures=True), None)
    assert [(p.code, p.source.path) for p in problems] == [
        ("history.untrusted_commit", "records/customers/C0002.md"),
        ("history.untrusted_commit", "records/customers/C0003.md"),
    ]
    assert "not signed" in problems[0].message_en and "unknown key" in problems[1].message_en
    # without --require-signed only a rewrite is checked; commits before the verified head
    # were checked before; a key the verified head's signers do not trust is H
    assert signature_problems(history, Audit(), None) == []
    newer = Audit(verified="a1" * 20, signatures=True, newer=frozenset({"c3" * 20}))
    assert [p.source.path for p in signature_problems(history, newer, None)] == [
        "records/customers/C0003.md"
    ]
    again = Audit(signatures=True, again={"a1" * 20: "H"}, newer=frozenset({"a1" * 20}))
    (judged,) = signature_problems(history, again, None)
    assert "last verified commit do not trust" in judged.message_en


def test_the_signature_check_reports_a_rewrite_at_the_verified_head_file():
    from generator.history.trust import Audit
    from generator.validate.signatures import signature_problems

    history = memory_history({"a1" * 20: "N"})
    file = Path(".huifang/verified-head")
    (problem,) = signature_problems(history, Audit("d4" * 20, kept=False, signatures=True), file)
    assert problem.code == "history.rewritten" and problem.source.path == str(file)
    assert "d4d4d4d4" in problem.message_en and "ffffffff" in problem.message_en


def test_importing_the_signature_check_loads_no_git_yaml_or_pickle_code():
    code = (
        "import sys, generator.validate.signatures\n"
        "bad = [m for m in ('yaml', 'pickle', 'multiprocessing', 'subprocess', 'generator.history')"
        " if m in sys.modules]\n"
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
