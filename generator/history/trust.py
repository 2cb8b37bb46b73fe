"""Trust in the history itself: every commit that changed records is signed by a trusted
key (`%G?` = G; an unknown key is U and fails), and the last verified head is still in
the history of the current one (otherwise history was rewritten).

The verified-head file holds one commit hash. Commits up to it were verified before,
so only newer ones are checked; a team adopting signing writes its current head there
once (`git rev-parse HEAD > FILE`) to check only what comes after.
"""

from __future__ import annotations

from pathlib import Path

from generator.codes import make_problem
from generator.history import History, Version
from generator.history.gitlog import git, is_ancestor
from generator.problems import Problem, Source


def read_verified_head(file: Path | None) -> str:
    if file is None or not file.is_file():
        return ""
    return file.read_text(encoding="utf-8", errors="replace").strip()


def rewritten(history: History, file: Path, verified: str) -> list[Problem]:
    if not verified or is_ancestor(history.repo, verified, history.head):
        return []
    params = {"verified": verified[:8], "head": history.head[:8], "file": file}
    return [make_problem("history.rewritten", Source(str(file)), **params)]


def untrusted_commits(history: History, verified: str = "") -> list[Problem]:
    """One error per commit changing records without a good signature, at a record it changed
    (so GitHub shows it on a file of the pull request)."""
    if verified and history.head:
        newer = set(git(history.repo, "rev-list", f"{verified}..{history.head}").decode().split())
    else:
        newer = None
    touched: dict[str, list[Version]] = {}
    for record in history.records.values():
        for version in record.versions:
            touched.setdefault(version.commit.sha, []).append(version)
    problems = []
    for commit in history.commits:
        if commit.signed or (newer is not None and commit.sha not in newer):
            continue
        versions = touched.get(commit.sha)
        if not versions:  # touched the folder but no record file (a README, say)
            continue
        first = min(versions, key=lambda v: v.path)
        params = {
            "commit": commit.short,
            "author": commit.author,
            "date": commit.author_date[:10],
            "subject": commit.subject[:60],
            "status": commit.signature_label,
            "status_en": commit.signature_label_en,
        }
        problems.append(make_problem("history.untrusted_commit", Source(first.path), **params))
    return problems
