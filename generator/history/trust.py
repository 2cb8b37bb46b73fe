"""Trust in the history itself, what Git says about it: every commit that changed records
must be signed by a trusted key (`%G?` = G; an unknown key is U and fails), and the last
verified head must still be in the history of the current one (otherwise history was
rewritten). This module reads the trust settings and Git into an `Audit`;
generator.validate.signatures turns the History and the Audit into problems.

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
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.history import History, judged_by, signers_at
from generator.history.gitlog import GitError, git, is_ancestor
from generator.history.signers import valid_at

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


@dataclass(frozen=True)
class Audit:
    """What Git says about the history's trust beyond the History itself;
    generator.validate.signatures turns it into problems."""

    verified: str = ""  # the last verified head, "" when there is none
    kept: bool = True  # the verified head is still an ancestor of HEAD (history not rewritten)
    signatures: bool = False  # the signatures were asked for (--require-signed)
    newer: frozenset[str] | None = None  # the commits after the verified head; None: all
    again: Mapping[str, str] = field(default_factory=dict)  # sha → signature judged again


def read_audit(
    history: History, verified: str, signatures: bool, now: float | None = None
) -> Audit:
    """Whether the verified head is still in the history; with `signatures`, which commits
    came after it and, for an allowed-signers file tracked in the repository, how the
    version of the verified head judges them (H where it does not trust the key, or the
    key's lateness at `now`, the clock by default)."""
    repo = _repo(history)
    if verified and not is_ancestor(repo, verified, history.head):
        return Audit(verified, kept=False)
    if not signatures:
        return Audit(verified)
    if verified and history.head:
        newer = frozenset(git(repo, "rev-list", f"{verified}..{history.head}").decode().split())
    else:
        newer = None
    again = (
        _as_of_verified(history, verified, newer or frozenset(), now)
        if history.signers_path and verified
        else {}
    )
    return Audit(verified, signatures=True, newer=newer, again=again)


def _repo(history: History) -> Path:
    if history.repo is None:
        raise ValueError("a history read from a repository is needed")
    return history.repo


def _as_of_verified(
    history: History, verified: str, newer: frozenset[str], now: float | None
) -> dict[str, str]:
    """The commits after the verified head that their parent's signers trust, judged again
    by the signers of the verified head: H where that version does not trust the key."""
    good = [
        c
        for c in {c.sha: c for c in (*history.commits, *history.signers_changes)}.values()
        if c.sha in newer and c.signature == "G"
    ]
    if not good:
        return {}
    repo = _repo(history)
    content = signers_at(repo, verified, history.signers_path)
    moment = time.time() if now is None else now
    again = {}
    for commit in judged_by(repo, good, content):
        if commit.signature != "G":
            again[commit.sha] = "H"
        elif late := valid_at(commit.key_windows, moment):
            again[commit.sha] = late
    return again
