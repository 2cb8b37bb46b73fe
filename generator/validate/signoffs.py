"""Sign-offs bound to a person (seed 000: 审查无误后签名确认). Staff may list the Git
identities they commit with (team.yaml `git`: author emails, SSH signing keys); where the
Git history is read, the commit that wrote a sign-off is matched against them:

- a visit's review (reviewed_by, reviewed_on, review_comment): the last commit that wrote
  any of them is the reviewer's own (`review.not_by_reviewer`);
- a complaint's closure (resolved, resolution): the last commit that wrote them is its
  first responder's, who owns it to the end (首问负责制; the same code);
- a visit plan's approval (approved_by, approved_on): the approver's own (the same code);
- a customer file's approval (approvals: {what, by, date}, e.g. 资料不全建档 signed by the
  director): the last commit that wrote that approval is its `by`'s own (the same code; the
  steps of a chain, several approvals of one `what`, cannot be told apart and are not judged);
- a visit record: the commit that added it is one of its staff's (`visit.filed_by_other`;
  off for a team where a clerk files for others).

Who made a commit: a good signature by a key someone lists is that person (whether the
allowed signers trust the key is `--require-signed`'s question, not this one); otherwise
the author email someone lists — but not a person who lists keys when the commit is signed
by another key. An email is the author's claim; signatures (`--require-signed`) make it
more. A finding needs evidence: the committer is someone else who is listed, or nobody
listed while the person named lists identities. A person who lists none is never found
"unknown"; a team that lists nobody gets no finding. As in generator.validate.timeliness,
records dated before the history (or due.start) and commits a shallow clone was cut at are
not judged. The identities are team.yaml's as it is now.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from generator.model import Records, Staff
from generator.problems import Problem, Source, locate
from generator.problems.catalogue import make_problem
from generator.validate.common import switched_checks
from generator.validate.timeliness import Judge

if TYPE_CHECKING:  # History is read by generator.history; only its values come here
    from generator.history import History, RecordHistory, Version
    from generator.history.gitlog import Commit

# git's %G? for a signature that verifies for its key, whether the allowed signers trust
# the key (G) or not (U), and whether the key or signature is still valid (X, Y, V)
SIGNED = frozenset("GUXYV")
UNREGISTERED = ("未登记的身份", "an identity not listed in team.yaml")
KEY_TYPES = frozenset(
    {
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    }
)  # the key types schema/team.json allows
REVIEW_FIELDS = frozenset({"reviewed_by", "reviewed_on", "review_comment"})
CLOSING_FIELDS = frozenset({"resolved", "resolution"})
APPROVAL_FIELDS = frozenset({"approved_by", "approved_on"})  # a visit plan's


def key_fingerprint(text: str) -> str:
    """The SHA256 fingerprint (as git's %GK shows it) of a key as team.yaml lists it: a
    fingerprint as written, or a public key line; "" when the key cannot be read."""
    text = text.strip()
    if text.startswith("SHA256:"):
        return text
    parts = text.split()
    if len(parts) < 2:
        return ""
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except ValueError:
        return ""
    kind = parts[0].encode()
    if blob[:4] != len(kind).to_bytes(4, "big") or blob[4 : 4 + len(kind)] != kind:
        return ""  # not the key its type names: cut short or mistyped
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


@dataclass(frozen=True)
class Identities:
    """team.yaml's Git identities: who commits with which email and key."""

    emails: dict[str, str]  # author email, lower case → staff id
    keys: dict[str, str]  # SHA256 fingerprint → staff id
    keyed: frozenset[str]  # staff who list signing keys
    listed: frozenset[str]  # staff who list any identity
    names: dict[str, str]  # staff id → name

    @classmethod
    def of(cls, records: Records) -> Identities:
        emails: dict[str, str] = {}
        keys: dict[str, str] = {}
        keyed, listed = set(), set()
        for member in records.staff_list:
            git = member.git
            if git is None:
                continue
            for email in git.emails:
                emails.setdefault(email.strip().lower(), member.id)
                listed.add(member.id)
            for key in git.keys:
                found = key_fingerprint(key)
                if found:
                    keys.setdefault(found, member.id)
                    keyed.add(member.id)
                    listed.add(member.id)
        names = {member.id: member.name for member in records.staff_list}
        return cls(emails, keys, frozenset(keyed), frozenset(listed), names)

    @staticmethod
    def signed(commit: Commit) -> bool:
        return commit.signature in SIGNED and bool(commit.key)

    def who(self, commit: Commit) -> str | None:
        """The staff member who made the commit; None when no listed identity is its."""
        signed = self.signed(commit)
        if signed and commit.key in self.keys:
            return self.keys[commit.key]
        member = self.emails.get(commit.author_email.strip().lower())
        if member is not None and signed and member in self.keyed:
            return None  # signed, but by none of the keys this person lists
        return member

    def label(self, member: str | None) -> tuple[str, str]:
        """'S04 崔丽丽' (staff names are shown to colleagues as they are), or 未登记的身份."""
        if member is None:
            return UNREGISTERED
        shown = f"{member} {self.names.get(member, '')}".strip()
        return shown, shown

    def basis(self, commit: Commit) -> tuple[str, str]:
        """How the committer was told, in Chinese and English."""
        if not self.signed(commit):
            return "未签名，按作者邮箱认定", "unsigned: told by the author's email"
        if commit.key in self.keys:
            return f"按签名密钥 {commit.key} 认定", f"told by its signing key {commit.key}"
        owner = self.emails.get(commit.author_email.strip().lower())
        if owner in self.keyed:
            return (
                f"签名密钥 {commit.key} 没有登记；作者邮箱的主人登记了签名密钥，签名的提交只按密钥认人",
                f"its signing key {commit.key} is not listed; the author email's owner lists "
                "signing keys, so a signed commit is theirs only by one of those",
            )
        return (
            f"签名密钥 {commit.key} 没有登记，按作者邮箱认定",
            f"its signing key {commit.key} is not listed: told by the author's email",
        )

    def stranger(self, commit: Commit, claimed: tuple[str, ...]) -> tuple[bool, str | None]:
        """(True, who made it) when the commit is shown not to be by one of `claimed`: by
        someone else listed, or by an identity nobody lists (None) while every one claimed
        lists theirs; (False, …) when it may be theirs."""
        actual = self.who(commit)
        if actual is not None:
            return actual not in claimed, actual
        return bool(claimed) and all(c in self.listed for c in claimed), None


def last_writing(found: RecordHistory | None, fields: Iterable[tuple]) -> Version | None:
    """The last version that wrote any of these fields (added, changed or removed): a field
    path such as ("reviewed_by",) or ("approvals", "documents"), written when a change is at
    it, inside it or to a whole that holds it."""
    wanted = tuple(fields)
    for version in reversed(found.versions if found else ()):
        if version.change != "deleted" and any(
            f.path[: len(p)] == p or p[: len(f.path)] == f.path
            for f in version.fields
            if f.path
            for p in wanted
        ):
            return version
    return None


def _params(ids: Identities, version: Version, actual: str | None) -> dict:
    commit = version.commit
    actual_zh, actual_en = ids.label(actual)
    basis_zh, basis_en = ids.basis(commit)
    return {
        "commit": commit.short,
        "date": commit.author_date[:10],
        "author": commit.author,
        "actual_zh": actual_zh,
        "actual_en": actual_en,
        "basis_zh": basis_zh,
        "basis_en": basis_en,
    }


@dataclass(frozen=True)
class Claim:
    """One sign-off a record claims: who must have committed it, the fields that write it,
    the field a warning points at, and the day that decides whether it is judged."""

    signer: str
    fields: tuple[tuple, ...]
    at: tuple
    day: date  # what it is about happened then: before the history began, it is not judged


@dataclass(frozen=True)
class SignOff:
    """One kind of sign-off: which records carry it, what each claims, and how the warning
    words it."""

    kind: str
    records: Callable[[Records], Iterable]
    claims: Callable[[Any], list[Claim]]
    what: tuple[str, str]
    role: tuple[str, str]
    again: str  # the field to write again under one's own identity
    # for the 变更 rows (site/changes.signed): the top-level fields that write it, the one
    # naming the signer, and its short label; None where one field names no single signer
    row: tuple[frozenset[str], str, str] | None = None


def _review(visit) -> list[Claim]:
    fields = tuple((name,) for name in sorted(REVIEW_FIELDS))
    return (
        [Claim(visit.reviewed_by, fields, ("reviewed_by",), visit.date)]
        if visit.reviewed_by
        else []
    )


def _closure(complaint) -> list[Claim]:
    if not (complaint.resolved and complaint.first_responder):
        return []
    fields = tuple((name,) for name in sorted(CLOSING_FIELDS))
    return [Claim(complaint.first_responder, fields, ("resolved",), complaint.received.date())]


def _plan_approval(plan) -> list[Claim]:
    fields = tuple((name,) for name in sorted(APPROVAL_FIELDS))
    day = plan.first_day or date.min
    return [Claim(plan.approved_by, fields, ("approved_by",), day)] if plan.approved_by else []


def _customer_approvals(customer) -> list[Claim]:
    """Each approval of a customer's file (资料不全建档 签批 …) that is the only one of its
    `what`: history tells list items apart by `what`, so the steps of a chain (several
    approvals of one `what`) cannot be told apart and are not judged."""
    whats = [a.what for a in customer.approvals]
    return [
        Claim(a.by, (("approvals", a.what),), ("approvals", index, "by"), a.date)
        for index, a in enumerate(customer.approvals)
        if whats.count(a.what) == 1
    ]


SIGN_OFFS = (
    SignOff(
        "visit", lambda r: r.visits, _review,
        ("回访的审阅签字（reviewed_by）", "the visit's sign-off (reviewed_by)"),
        ("审阅主管", "the reviewer"), "reviewed_on",
        (REVIEW_FIELDS, "reviewed_by", "审阅签字"),
    ),
    SignOff(
        "complaint", lambda r: r.complaint_list, _closure,
        ("投诉的处理完毕（resolved）", "the complaint's closure (resolved)"),
        ("首问责任人", "its first responder"), "resolution",
        (CLOSING_FIELDS, "first_responder", "处理完毕（首问责任人）"),
    ),
    SignOff(
        "plan", lambda r: r.plans, _plan_approval,
        ("拜访计划书的审核（approved_by）", "the visit plan's approval (approved_by)"),
        ("审核人", "its approver"), "approved_on",
        (APPROVAL_FIELDS, "approved_by", "计划书审核"),
    ),
    SignOff(
        "customer", lambda r: r.customer_list, _customer_approvals,
        ("客户档案的签批（approvals）", "the customer file's approval (approvals)"),
        ("签批人", "its approver"), "approvals[].date",
    ),
)  # fmt: skip


def signoffs_not_by_signer(
    records: Records, history: History, judge: Judge, ids: Identities
) -> Iterator[tuple]:
    for sign_off in SIGN_OFFS:
        for record in sign_off.records(records):
            for claim in sign_off.claims(record):
                version = last_writing(history.of(sign_off.kind, record.id), claim.fields)
                if version is None or not judge.judged(claim.day, version):
                    continue
                other, actual = ids.stranger(version.commit, (claim.signer,))
                if other:
                    words = {
                        "what_zh": sign_off.what[0],
                        "what_en": sign_off.what[1],
                        "role_zh": sign_off.role[0],
                        "role_en": sign_off.role[1],
                        "claimed": ids.label(claim.signer)[0],
                        "again": sign_off.again,
                    }
                    params = words | _params(ids, version, actual)
                    yield "review.not_by_reviewer", record, claim.at, params


def visits_filed_by_others(
    records: Records, history: History, judge: Judge, ids: Identities
) -> Iterator[tuple]:
    for visit in records.visits:
        found = history.of("visit", visit.id)
        if not found or not judge.judged(visit.date, found.versions[0]):
            continue
        other, actual = ids.stranger(found.versions[0].commit, visit.staff)
        if other:
            staff = "、".join(ids.label(s)[0] for s in visit.staff)
            params = _params(ids, found.versions[0], actual) | {"staff": staff}
            yield "visit.filed_by_other", visit, ("staff",), params


FINDERS = {
    "review_by_reviewer": signoffs_not_by_signer,
    "visit_filed_by_staff": visits_filed_by_others,
}


def signoff_records(records: Records, history: History) -> list[Problem]:
    """The sign-off findings (severity from the policy's completeness section); none when
    nobody in team.yaml lists a Git identity."""
    ids = Identities.of(records)
    if not ids.listed:
        return []
    return switched_checks(records, FINDERS, history, Judge(records, history), ids)


# --- team.yaml's identities themselves (no history needed) ---------------------------
def git_identities(records: Records, today: date) -> list[Problem]:
    """An identity listed for two people (`id.git_duplicate`), a key that cannot be read
    (`id.git_bad_key`): errors at the line in team.yaml."""
    problems: list[Problem] = []
    owner: dict[str, Staff] = {}
    for member in records.staff_list:
        if member.git is None:
            continue
        index = _index_of(records, member)
        listed = [("emails", j, e, e.strip().lower()) for j, e in enumerate(member.git.emails)]
        listed += [("keys", j, k, key_fingerprint(k)) for j, k in enumerate(member.git.keys)]
        for part, j, written, identity in listed:
            where = _at(records, member, ("staff", index, "git", part, j))
            label = f"{member.id} {member.name}"
            if not identity and written.split(" ", 1)[0] not in KEY_TYPES:
                continue  # in no form the schema allows: schema.format says so
            if not identity:
                problems.append(make_problem("id.git_bad_key", where, f"git.{part}[{j}]",
                                             member=label, key=written[:60]))  # fmt: skip
                continue
            other = owner.setdefault(identity, member)
            if other.id != member.id:
                problems.append(make_problem(
                    "id.git_duplicate", where, f"git.{part}[{j}]", identity=written[:60],
                    member=label, other=f"{other.id} {other.name}"))  # fmt: skip
    return problems


def _index_of(records: Records, member: Staff) -> int | None:
    """The member's place in team.yaml's staff list (an entry that could not be read
    shifts the others, so it is found by the member's own line)."""
    lines = records.field_lines.get(member.source.path, {})
    here = (member.source.line, member.source.col)
    found = (p[1] for p, loc in lines.items() if len(p) == 2 and loc == here)
    return next((i for i in found if isinstance(i, int)), None)


def _at(records: Records, member: Staff, path: tuple) -> Source:
    if path[1] is None:
        return member.source
    return locate(member.source, records.field_lines.get(member.source.path, {}), path)


CHECKS = (git_identities,)
