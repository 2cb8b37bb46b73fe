"""The history's own trust as a check: every commit that changed records is signed by a
trusted key, and the last verified head is still an ancestor of the current one.

What Git says (the commits' signatures, which commits came after the verified head, how
the verified head's allowed signers judge them) is read by generator.history.trust into
an `Audit`; this module only turns the History and that Audit into problems. The types
are imported for the type checker alone: importing validate never loads Git, YAML or
pickle code.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from generator.problems import Problem, Source
from generator.problems.catalogue import make_problem

if TYPE_CHECKING:
    from generator.history import History, Version
    from generator.history.gitlog import Commit
    from generator.history.trust import Audit


def signature_problems(history: History, audit: Audit, verified_file: Path | None) -> list[Problem]:
    """`history.rewritten` when the verified head is no longer an ancestor of HEAD; else,
    when the audit read the signatures, one error per commit that is not trusted."""
    if not audit.kept:
        return [
            make_problem(
                "history.rewritten",
                Source(str(verified_file)),
                verified=audit.verified[:8],
                head=history.head[:8],
                file=verified_file,
            )
        ]
    return untrusted_commits(history, audit) if audit.signatures else []


def untrusted_commits(history: History, audit: Audit) -> list[Problem]:
    """One error per commit changing records without a good signature, at a record it changed
    (so GitHub shows it on a file of the pull request); one per commit changing a tracked
    allowed-signers file without a signature its parent's version (and the verified
    head's) trusts, at that file. Commits up to the verified head were checked before."""
    touched: dict[str, list[Version]] = {}
    for record in history.records.values():
        for version in record.versions:
            touched.setdefault(version.commit.sha, []).append(version)
    problems = []
    for commit in history.commits:
        if not _to_report(commit, audit):
            continue
        versions = touched.get(commit.sha)
        if not versions:  # touched the folder but no record file (a README, say)
            continue
        first = min(versions, key=lambda v: v.path)
        params = _params(history, commit, audit)
        problems.append(make_problem("history.untrusted_commit", Source(first.path), **params))
    for commit in history.signers_changes:
        if not _to_report(commit, audit):
            continue
        problems.append(
            make_problem(
                "history.untrusted_signers_change",
                Source(history.signers_path),
                file=history.signers_path,
                **_params(history, commit, audit),
            )
        )
    return problems


def _to_report(commit: Commit, audit: Audit) -> bool:
    if audit.newer is not None and commit.sha not in audit.newer:
        return False
    return audit.again.get(commit.sha, commit.signature) != "G"


class _Params(TypedDict):
    commit: str
    author: str
    date: str
    subject: str
    status: str
    status_en: str


def _params(history: History, commit: Commit, audit: Audit) -> _Params:
    zh, en = _status(
        history, replace(commit, signature=audit.again.get(commit.sha, commit.signature))
    )
    return {
        "commit": commit.short,
        "author": commit.author,
        "date": commit.author_date[:10],
        "subject": commit.subject[:60],
        "status": zh,
        "status_en": en,
    }


def _status(history: History, commit: Commit) -> tuple[str, str]:
    """Why the signature does not count, in Chinese and English."""
    if history.signers_path and commit.signature == "U":
        return (
            f"签名密钥不在上一个提交的可信签名者文件 {history.signers_path} 中（提交不能信任自己加入的密钥）",
            f"it is signed by a key that the allowed signers {history.signers_path} of its "
            "parent commit do not trust (a commit cannot trust a key it adds itself)",
        )
    if commit.signature == "H":
        return (
            "签名密钥在上次核验的提交的可信签名者文件中不可信",
            "it is signed by a key that the allowed signers of the last verified commit do not "
            "trust (a new key counts once a check has passed with it added)",
        )
    return commit.signature_label, commit.signature_label_en
