"""Sign-offs bound to a person, in a real Git repository with real SSH signing keys: who
committed a visit's review, a complaint's closure and a visit record, matched against the
Git identities team.yaml lists (docs/rules.md, "Sign-offs"). Every expectation below is
worked out by hand from the commits the fixture makes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import COMPLAINT, POLICY, VISIT, build_site, check_json
from conftest import write_tree as write_records

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("ssh-keygen") is None,
    reason="git and ssh-keygen are needed",
)

EMAILS = {"王芳": "wang@example.com", "李强": "li@example.com", "周敏": "zhou@example.com",
          "赵敏": "zhao@example.com"}  # fmt: skip
A = "visits/2026/2026-11-03-C0001-phone.md"  # S01's, filed by S01, signed off by S02's key
B = "visits/2026/2026-11-04-C0001-phone.md"  # S01's, filed by the clerk S05, signed by S01
C = "visits/2026/2026-11-05-C0001-phone.md"  # S03's (no identities), filed by 赵敏 (unlisted)
D = "visits/2026/2026-11-06-C0001-phone.md"  # S01's, filed by 赵敏; signed by a stranger's key
F = "visits/2026/2026-11-07-C0001-phone.md"  # signed off on a branch, changed in the merge
OLD = "visits/2026/2026-10-15-C0001-phone.md"  # imported with the first commit: not judged
K = "complaints/2026/K2026-0001.md"  # first responder S01, closed by S02


def team(li_key: str, listed: bool = True) -> str:
    git = {
        "S01": "{emails: [wang@example.com]}",
        "S02": f'{{emails: [li@example.com], keys: ["{li_key}"]}}',
        "S05": "{emails: [Zhou@Example.com]}",  # emails match in any case
    }
    people = [("S01", "王芳", "agent"), ("S02", "李强", "supervisor"), ("S03", "赵敏", "director"),
              ("S05", "周敏", "agent")]  # fmt: skip
    lines = ["staff:"]
    for ident, name, role in people:
        extra = f", git: {git[ident]}" if listed and ident in git else ""
        lines.append(f"  - {{id: {ident}, name: {name}, role: {role}, active: true{extra}}}")
    return "\n".join(lines) + "\n"


def visit(day: str, staff: str = "S01", reviewed_on: str | None = None) -> str:
    text = VISIT.replace("date: 2026-11-20", f"date: {day}\ntime: '10:00'")
    text = text.replace("staff: [S01]", f"staff: [{staff}]")
    if reviewed_on:
        text = text.replace("outcome:", f"reviewed_by: S02\nreviewed_on: {reviewed_on}\noutcome:")
    return text


REGISTERED = COMPLAINT.replace("channel: phone", "channel: phone\nfirst_responder: S01")
OPEN = "\n".join(
    line
    for line in REGISTERED.split("\n")
    if not line.startswith(("resolved:", "resolution:", "feedback_sent:"))
)


def git(root: Path, *args: str, who: str = "王芳", when: str = "2026-11-02T18:00:00+08:00",
        key: Path | None = None) -> str:  # fmt: skip
    """git as `who` (their email from EMAILS) at `when`, no user or system configuration;
    with `key`, commits are signed with that ssh key."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": who, "GIT_AUTHOR_EMAIL": EMAILS[who],
        "GIT_COMMITTER_NAME": who, "GIT_COMMITTER_EMAIL": EMAILS[who],
        "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}"] if key else []
    result = subprocess.run(["git", *signing, *args], cwd=root, env=env, capture_output=True,
                            text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit(root: Path, files: dict[str, str], message: str, **how) -> str:
    for relative, text in files.items():
        path = root / "records" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    git(root, "add", "-A", **how)
    git(root, "commit", "-q", *(["-S"] if how.get("key") else []), "-m", message, **how)
    return git(root, "rev-parse", "--short=8", "HEAD").strip()


def fingerprint(key: Path) -> str:
    out = subprocess.run(["ssh-keygen", "-lf", str(key.with_suffix(".pub"))], check=True,
                         capture_output=True, text=True).stdout  # fmt: skip
    return out.split()[1]


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The history, oldest first (hashes by subject)."""
    tmp = tmp_path_factory.mktemp("signoffs")
    for name in ("li", "stranger"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
                        str(tmp / name)], check=True)  # fmt: skip
    li, stranger = tmp / "li", tmp / "stranger"
    public = li.with_suffix(".pub").read_text().strip()
    root = tmp / "repo"
    write_records(root, {"visits/2026/2026-11-20-C0001-phone.md": None, K: None,
                         "surveys/2026H1.yaml": None, "team.yaml": team(public),
                         "policy.yaml": POLICY, OLD: visit("2026-10-15", reviewed_on="2026-10-16")})  # fmt: skip
    git(root, "init", "-q", "-b", "main")
    made = {"import": commit(root, {}, "建档", who="赵敏", when="2026-11-01T09:00:00+08:00")}

    def at(day: str, clock: str = "18:00") -> str:
        return f"2026-11-{day}T{clock}:00+08:00"

    made["K registered"] = commit(root, {K: OPEN}, "登记投诉", when=at("02", "10:00"))
    made["A filed"] = commit(root, {A: visit("2026-11-03")}, "A", when=at("03"))
    made["B filed"] = commit(root, {B: visit("2026-11-04")}, "B", who="周敏", when=at("04"))
    made["C filed"] = commit(root, {C: visit("2026-11-05", "S03")}, "C", who="赵敏", when=at("05"))
    made["D filed"] = commit(root, {D: visit("2026-11-06")}, "D", who="赵敏", when=at("06"))
    made["F filed"] = commit(root, {F: visit("2026-11-07")}, "F", when=at("07"))
    made["A signed"] = commit(root, {A: visit("2026-11-03", reviewed_on="2026-11-08")}, "审阅 A",
                              who="李强", when=at("08"), key=li)  # fmt: skip
    made["B signed"] = commit(root, {B: visit("2026-11-04", reviewed_on="2026-11-08")}, "审阅 B",
                              who="王芳", when=at("08", "19:00"))  # fmt: skip
    # 李强's email, but a key he does not list: not his
    made["D signed"] = commit(root, {D: visit("2026-11-06", reviewed_on="2026-11-08")}, "审阅 D",
                              who="李强", when=at("08", "20:00"), key=stranger)  # fmt: skip
    made["K closed"] = commit(root, {K: REGISTERED}, "处理完毕", who="李强", when=at("09"), key=li)
    # a sign-off on a branch, merged cleanly by someone else: the branch's commit counts
    git(root, "checkout", "-q", "-b", "li")
    made["C signed"] = commit(root, {C: visit("2026-11-05", "S03", "2026-11-10")}, "审阅 C",
                              who="李强", when=at("10"), key=li)  # fmt: skip
    made["F signed"] = commit(root, {F: visit("2026-11-07", reviewed_on="2026-11-10")}, "审阅 F",
                              who="李强", when=at("10", "18:30"), key=li)  # fmt: skip
    git(root, "checkout", "-q", "main")
    commit(root, {"customers/C0001.md": (root / "records/customers/C0001.md").read_text()
                  .replace("客户概况。", "客户概况：写字楼。")}, "客户概况", when=at("11"))  # fmt: skip
    # the merge itself changes F's sign-off date: the merge's own change, by 王芳
    git(root, "merge", "-q", "--no-ff", "--no-commit", "li", when=at("12"))
    (root / "records" / F).write_text(visit("2026-11-07", reviewed_on="2026-11-12"), "utf-8")
    git(root, "add", "-A", when=at("12"))
    git(root, "commit", "-q", "-m", "合并 li", when=at("12"))
    made["merge"] = git(root, "rev-parse", "--short=8", "HEAD").strip()
    return root, made, fingerprint(li), fingerprint(stranger)


def found(records: Path, *extra: str) -> dict[tuple[str, str], str]:
    code, payload = check_json(records, *extra)
    assert code in (0, 1), payload
    return {
        (p["code"], p["file"].split("/", 1)[1]): p["message"]["zh"]
        for p in payload["problems"]
        if p["code"] in ("review.not_by_reviewer", "visit.filed_by_other")
    }


def test_a_sign_off_committed_by_someone_else_is_found_with_its_commit(repo):
    root, made, li, stranger = repo
    problems = found(root / "records")
    assert set(problems) == {
        ("review.not_by_reviewer", B),  # signed off by 王芳 (S01), unsigned
        ("review.not_by_reviewer", D),  # 李强's email, but signed by a key nobody lists
        ("review.not_by_reviewer", K),  # closed by 李强 (S02), not the first responder S01
        ("review.not_by_reviewer", F),  # the merge's own edit of the sign-off, by 王芳
        ("visit.filed_by_other", B),  # filed by the clerk 周敏 (S05)
        ("visit.filed_by_other", D),  # filed by 赵敏, who lists no identity; S01 does
    }
    # A: 李强 signed it with his key; C: signed on a branch merged cleanly (the branch's
    # commit counts) and filed by 赵敏 for S03, who lists no identity; OLD: before the history
    assert problems[("review.not_by_reviewer", B)].startswith(
        f"回访的审阅签字（reviewed_by）应由审阅主管 S02 李强 本人提交，但写入它的提交 "
        f"{made['B signed']}（2026-11-08，作者 王芳）是 S01 王芳 提交的（未签名，按作者邮箱认定）。"
    )
    assert (
        f"是 未登记的身份 提交的（签名密钥 {stranger} 没有登记；作者邮箱的主人登记了签名密钥"
        in (problems[("review.not_by_reviewer", D)])
    )
    assert problems[("review.not_by_reviewer", K)].startswith(
        f"投诉的处理完毕（resolved）应由首问责任人 S01 王芳 本人提交，但写入它的提交 "
        f"{made['K closed']}（2026-11-09，作者 李强）是 S02 李强 提交的（按签名密钥 {li} 认定）。"
    )
    assert made["merge"] in problems[("review.not_by_reviewer", F)]
    assert (
        f"由 S05 周敏 提交（提交 {made['B filed']}，2026-11-04，作者 周敏"
        in (problems[("visit.filed_by_other", B)])
    )
    assert "不是回访人员 S01 王芳 之一" in problems[("visit.filed_by_other", B)]
    assert "由 未登记的身份 提交" in problems[("visit.filed_by_other", D)]


def test_the_findings_are_at_the_signed_field_and_switch_off_in_the_policy(repo, tmp_path):
    root, _, _, _ = repo
    code, payload = check_json(root / "records")
    lines = {(p["code"], p["file"].split("/", 1)[1]): (p["line"], p["field"])
             for p in payload["problems"]}  # fmt: skip
    # visit(): ---, customer, date, time, method, staff (line 6), reviewed_by (line 7)
    assert lines[("review.not_by_reviewer", B)] == (7, "reviewed_by")
    assert lines[("review.not_by_reviewer", K)][1] == "resolved"
    assert lines[("visit.filed_by_other", B)] == (6, "staff")
    # a team where a clerk files for others; the sign-off check stays
    (root / "records/policy.yaml").write_text(
        POLICY + "completeness:\n  visit_filed_by_staff: {severity: 'off'}\n"
        "  review_by_reviewer: {severity: error}\n", encoding="utf-8")  # fmt: skip
    try:
        code, payload = check_json(root / "records")
        codes = {(p["code"], p["severity"]) for p in payload["problems"]
                 if p["code"] in ("review.not_by_reviewer", "visit.filed_by_other")}  # fmt: skip
        assert codes == {("review.not_by_reviewer", "error")} and code == 1
    finally:
        git(root, "checkout", "-q", "--", "records/policy.yaml")


def test_without_identities_in_team_yaml_nothing_is_judged(repo):
    root, _, _, _ = repo
    team_file = root / "records/team.yaml"
    listed = team_file.read_text(encoding="utf-8")
    team_file.write_text(team("", listed=False), encoding="utf-8")
    try:
        assert found(root / "records") == {}
        assert found(root / "records", "--no-history") == {}
    finally:
        team_file.write_text(listed, encoding="utf-8")


def test_the_change_rows_show_who_really_signed_beside_the_reviewer_named(repo, tmp_path):
    root, made, _, _ = repo
    # a staff name holding a phone number: masked on the rows like everywhere else
    team_file = root / "records/team.yaml"
    listed = team_file.read_text(encoding="utf-8")
    team_file.write_text(listed.replace("name: 周敏", "name: 周敏13812345678"), encoding="utf-8")
    try:
        result, work = build_site(root / "records", tmp_path / "site")
    finally:
        team_file.write_text(listed, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    month = (work / "docs" / "changes" / "2026-11.md").read_text(encoding="utf-8")
    rows = {row.split("<code", 2)[1].split(">", 1)[1][:8]: row
            for row in month.split("<tr>")[2:] if "<code" in row}  # fmt: skip
    # B signed off by 王芳 (S01) for 李强 (S02): both named, marked
    assert "身份：S01 王芳" in rows[made["B signed"]]
    assert ('<span class="hf-signoff hf-bad">审阅签字：写的是 S02 李强，实际提交：S01 王芳（不是本人）'
            in rows[made["B signed"]])  # fmt: skip
    # A signed off by 李强 with his key: his own
    assert ('<span class="hf-signoff">审阅签字：写的是 S02 李强，实际提交：S02 李强</span>'
            in rows[made["A signed"]])  # fmt: skip
    # D: 李强's email, a stranger's key
    assert "身份：未登记的身份" in rows[made["D signed"]]
    assert "实际提交：未登记的身份（不是本人）" in rows[made["D signed"]]
    # the clerk's filing of B: no sign-off, the clerk's name masked
    assert "身份：S05 周敏138****5678" in rows[made["B filed"]]
    assert "13812345678" not in month and "hf-signoff" not in rows[made["B filed"]]
    # the complaint's own page: closed by 李强 for its first responder 王芳
    complaint = (work / "docs" / "complaints" / "K2026-0001.md").read_text(encoding="utf-8")
    assert "处理完毕（首问责任人）：写的是 S01 王芳，实际提交：S02 李强（不是本人）" in complaint


def plan(staff: str, approved: bool) -> str:
    approval = "approved_by: S02\napproved_on: 2026-11-25\n" if approved else ""
    return (f"staff: {staff}\nmonth: '2026-12'\ncontacts:\n  - customer: C0001\n"
            f"    week: 2026-W50\n{approval}")  # fmt: skip


def test_a_plans_approval_committed_by_someone_else_is_found(tmp_path):
    """Two December plans filed on 11-20, both approved by S02 李强 on 11-25: S01's approval
    was committed by 王芳 (S01 herself, by her email), S05's by 李强 (his email): only the
    first is found, at approved_by."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "li", "-f",
                    str(tmp_path / "li")], check=True)  # fmt: skip
    public = (tmp_path / "li.pub").read_text().strip()
    root = tmp_path / "repo"
    write_records(root, {"team.yaml": team(public), "policy.yaml": POLICY})
    git(root, "init", "-q", "-b", "main")
    commit(root, {}, "建档", who="赵敏", when="2026-11-01T09:00:00+08:00")
    mine, other = "plans/2026-12/S01.yaml", "plans/2026-12/S05.yaml"
    commit(root, {mine: plan("S01", False)}, "计划", when="2026-11-20T18:00:00+08:00")
    commit(root, {other: plan("S05", False)}, "计划", who="周敏",
           when="2026-11-20T18:30:00+08:00")  # fmt: skip
    wrong = commit(root, {mine: plan("S01", True)}, "审核", when="2026-11-25T09:00:00+08:00")
    commit(root, {other: plan("S05", True)}, "审核", who="李强", when="2026-11-25T10:00:00+08:00")
    code, payload = check_json(root / "records", "--today", "2026-11-26")
    assert code == 0, payload  # warnings only
    signed = [p for p in payload["problems"] if p["code"] == "review.not_by_reviewer"]
    assert [(p["file"], p["field"]) for p in signed] == [("records/" + mine, "approved_by")]
    assert signed[0]["message"]["zh"].startswith(
        f"拜访计划书的审核（approved_by）应由审核人 S02 李强 本人提交，但写入它的提交 {wrong}"
        f"（2026-11-25，作者 王芳）是 S01 王芳 提交的"
    )
    assert not [p for p in payload["problems"] if p["file"].startswith("records/plans/")
                and p["code"] != "review.not_by_reviewer"]  # fmt: skip
    # the 变更 rows of the approvals name whom they claim beside who committed (on the
    # visits' 变更 page, where plans are listed)
    result, work = build_site(root / "records", tmp_path / "site", "--today", "2026-11-26")
    assert result.returncode == 0, result.stderr
    visits = (work / "docs" / "changes" / "visits.md").read_text(encoding="utf-8")
    assert "计划书审核：写的是 S02 李强，实际提交：S01 王芳（不是本人）" in visits
    assert "计划书审核：写的是 S02 李强，实际提交：S02 李强</span>" in visits


def test_a_customer_files_approval_committed_by_someone_else_is_found(tmp_path):
    """C0001's file gets a documents approval (资料不全建档, by the director S03 赵敏) on 11-20
    in a commit by 王芳 (S01, her listed email): found at approvals[0].by. C0002's, the same
    approval committed by 赵敏 herself, is not (she lists no identity: never "unknown")."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "li", "-f",
                    str(tmp_path / "li")], check=True)  # fmt: skip
    public = (tmp_path / "li.pub").read_text().strip()
    root = tmp_path / "repo"
    write_records(root, {"team.yaml": team(public), "policy.yaml": POLICY})
    customer = (root / "records/customers/C0001.md").read_text(encoding="utf-8")
    other = customer.replace("id: C0001", "id: C0002")
    git(root, "init", "-q", "-b", "main")
    commit(
        root, {"customers/C0002.md": other}, "建档", who="赵敏", when="2026-11-01T09:00:00+08:00"
    )
    approval = "approvals:\n  - {what: documents, by: S03, date: '2026-11-20'}\n---\n"
    signed = customer.replace("\n---\n", "\n" + approval, 1)
    wrong = commit(root, {"customers/C0001.md": signed}, "签批 C0001",
                   when="2026-11-20T10:00:00+08:00")  # fmt: skip
    commit(root, {"customers/C0002.md": signed.replace("id: C0001", "id: C0002")}, "签批 C0002",
           who="赵敏", when="2026-11-20T11:00:00+08:00")  # fmt: skip
    _, payload = check_json(root / "records")
    found = [p for p in payload["problems"] if p["code"] == "review.not_by_reviewer"]
    # the file: ---, id … area (7), contacts and its three lines (11), approvals: (12), the item (13)
    assert [(p["file"], p["line"]) for p in found] == [("records/customers/C0001.md", 13)]
    assert found[0]["message"]["zh"].startswith(
        f"客户档案的签批（approvals）应由签批人 S03 赵敏 本人提交，但写入它的提交 {wrong}"
        f"（2026-11-20，作者 王芳）是 S01 王芳 提交的"
    )
