"""Trust in the history itself: every commit that changed records is signed by a trusted
key (`%G?` = G; an unknown key is U and fails), and the last verified head is still in
the history of the current one (otherwise history was rewritten).

The verified-head file holds one full commit hash. Commits up to it were verified
before, so only newer ones are checked; a team adopting signing writes its current head
there once (`git rev-parse HEAD > FILE`) to check only what comes after. Anything else
in the file is a configuration error, never a reason to check less.

An allowed-signers file tracked in the repository judges each commit as of its first
parent (generator.history), and here also as of the verified head: a key counts only
once a verified commit trusts it, so a branch that forked before a key was removed
cannot bring commits signed by it. Every commit changing that file is checked too.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.history import History, Version, judged_by, signers_at
from generator.history.gitlog import GitError, git, is_ancestor
from generator.history.signers import valid_at
from generator.problems import Problem, Source
from generator.problems.catalogue import make_problem

FULL_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


class TrustConfigError(Exception):
    """The trust options cannot be used as given (exit 2; the message is bilingual)."""


def read_verified_head(file: Path | None, repo: Path | None) -> str:
    """The hash in the verified-head file; "" when there is no file yet (everything is
    checked). Raises TrustConfigError when the file holds anything but one full hash of
    this repository's kind, or names an object that is not a commit."""
    if file is None or not file.exists():
        return ""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TrustConfigError(
            f"无法读取上次核验的提交文件 {file}：{error} / cannot read the verified-head file "
            f"{file}: {error}"
        ) from error
    value = text.strip()
    if not FULL_HASH.fullmatch(value):
        shown = value.encode("unicode_escape").decode("ascii")[:80] or "（空 / empty）"
        raise TrustConfigError(
            f"{file}:1: 上次核验的提交文件应只写一个完整的提交哈希（40 或 64 位十六进制），实际是 "
            f"{shown}；请写入一个已核验的提交：git rev-parse HEAD > {file}"
            f" / {file}:1: the verified-head file must hold one full commit hash (40 or 64 hex "
            f"digits), not {shown}; write a verified commit into it: git rev-parse HEAD > {file}"
        )
    if repo is not None:
        width = 64 if _object_format(repo) == "sha256" else 40
        kind = _object_kind(repo, value)
        if len(value) != width or kind not in ("", "commit"):
            what = f"{len(value)} 位 / {len(value)} digits" if len(value) != width else kind
            raise TrustConfigError(
                f"{file}:1: {value[:12]} 不是这个仓库的提交（{what}）；请写入一个已核验的提交："
                f"git rev-parse HEAD > {file} / {file}:1: {value[:12]} is not a commit of this "
                f"repository ({what}); write a verified commit into it: git rev-parse HEAD > {file}"
            )
    return value


def _object_format(repo: Path) -> str:
    try:
        return git(repo, "rev-parse", "--show-object-format").decode().strip()
    except GitError:
        return "sha1"


def _object_kind(repo: Path, sha: str) -> str:
    """The object's kind ("commit", "blob", …), or "" when the repository has none such
    (the commit is gone, history rewritten: `rewritten` reports it)."""
    try:
        return git(repo, "cat-file", "-t", sha).decode().strip()
    except GitError:
        return ""


def require_anchor(history: History, verified: str) -> None:
    """An allowed-signers file inside the repository is trusted only as of a verified
    commit: without one, every version of it came from the history it is to judge."""
    if history.signers_path and not verified:
        raise TrustConfigError(
            f"可信签名者文件 {history.signers_path} 在仓库中，只能以已核验的提交为准：请用 "
            "--verified-head FILE 指定上次核验的提交（首次使用时在可信的提交上运行 git rev-parse "
            "HEAD > FILE），或把这个文件放在仓库之外 / the allowed-signers file "
            f"{history.signers_path} is inside the repository, so it is trusted only as of a "
            "verified commit: give --verified-head FILE (the first time, write a commit you "
            "trust into it: git rev-parse HEAD > FILE), or keep the file outside the repository"
        )


def rewritten(history: History, file: Path, verified: str) -> list[Problem]:
    if not verified or is_ancestor(history.repo, verified, history.head):
        return []
    params = {"verified": verified[:8], "head": history.head[:8], "file": file}
    return [make_problem("history.rewritten", Source(str(file)), **params)]


def _status(history: History, signature: str) -> tuple[str, str]:
    from generator.history.gitlog import SIGNATURE_LABELS

    if history.signers_path and signature == "U":
        return (
            f"签名密钥不在上一个提交的可信签名者文件 {history.signers_path} 中（提交不能信任自己加入的密钥）",
            f"it is signed by a key that the allowed signers {history.signers_path} of its "
            "parent commit do not trust (a commit cannot trust a key it adds itself)",
        )
    if signature == "H":
        return (
            "签名密钥在上次核验的提交的可信签名者文件中不可信",
            "it is signed by a key that the allowed signers of the last verified commit do not "
            "trust (a new key counts once a check has passed with it added)",
        )
    zh, en = SIGNATURE_LABELS.get(signature, (signature, signature))
    return zh, en


def _params(history: History, commit, signature: str) -> dict:
    zh, en = _status(history, signature)
    return {
        "commit": commit.short,
        "author": commit.author,
        "date": commit.author_date[:10],
        "subject": commit.subject[:60],
        "status": zh,
        "status_en": en,
    }


def untrusted_commits(history: History, verified: str = "", now: float | None = None) -> list:
    """One error per commit changing records without a good signature, at a record it changed
    (so GitHub shows it on a file of the pull request); one per commit changing a tracked
    allowed-signers file without a signature its parent's version (and the verified
    head's) trusts, at that file."""
    if verified and history.head:
        newer = set(git(history.repo, "rev-list", f"{verified}..{history.head}").decode().split())
    else:
        newer = None
    signature = {c.sha: c.signature for c in (*history.commits, *history.signers_changes)}
    if history.signers_path and verified:
        signature.update(_as_of_verified(history, verified, newer or set(), signature, now))
    touched: dict[str, list[Version]] = {}
    for record in history.records.values():
        for version in record.versions:
            touched.setdefault(version.commit.sha, []).append(version)
    problems = []
    for commit in history.commits:
        if signature[commit.sha] == "G" or (newer is not None and commit.sha not in newer):
            continue
        versions = touched.get(commit.sha)
        if not versions:  # touched the folder but no record file (a README, say)
            continue
        first = min(versions, key=lambda v: v.path)
        params = _params(history, commit, signature[commit.sha])
        problems.append(make_problem("history.untrusted_commit", Source(first.path), **params))
    for commit in history.signers_changes:
        if signature[commit.sha] == "G" or (newer is not None and commit.sha not in newer):
            continue
        params = _params(history, commit, signature[commit.sha]) | {"file": history.signers_path}
        problems.append(
            make_problem("history.untrusted_signers_change", Source(history.signers_path), **params)
        )
    return problems


def _as_of_verified(history, verified: str, newer: set[str], signature: dict, now) -> dict:
    """The commits after the verified head that their parent's signers trust, judged again
    by the signers of the verified head: H where that version does not trust the key."""
    import time

    good = [
        c
        for c in {c.sha: c for c in (*history.commits, *history.signers_changes)}.values()
        if c.sha in newer and signature[c.sha] == "G"
    ]
    if not good:
        return {}
    content = signers_at(history.repo, verified, history.signers_path)
    moment = time.time() if now is None else now
    again = {}
    for commit in judged_by(history.repo, good, content):
        if commit.signature != "G":
            again[commit.sha] = "H"
        elif late := valid_at(commit.key_windows, moment):
            again[commit.sha] = late
    return again
