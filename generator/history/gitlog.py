"""One pass over Git history: `git log --raw -z` for every commit touching the records,
then `git cat-file --batch` for the file versions needed. Never one `git log` per file.

Commits come oldest first; renames are detected (-M) so a moved record keeps its
history. Signature status is git's own `%G?` (G good, U good but unknown key,
B bad, N none, …): only G counts as signed by a trusted key.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

FIELDS = ("sha", "author", "author_email", "author_date", "committer", "committer_date",
          "signature", "key", "message")  # fmt: skip
FORMAT = "%x1e" + "%x1f".join(("%H", "%an", "%ae", "%aI", "%cn", "%cI", "%G?", "%GK", "%B"))


SIGNATURE_LABELS = {  # git's %G? codes: (中文, English)
    "G": ("已签名（可信密钥）", "signed by a trusted key"),
    "U": ("已签名（未知密钥）", "signed by an unknown key"),
    "X": ("签名已过期", "the signature has expired"),
    "Y": ("签名密钥已过期", "signed by an expired key"),
    "R": ("签名密钥已吊销", "signed by a revoked key"),
    "B": ("签名无效", "the signature is bad"),
    "E": ("无法验证签名", "the signature cannot be checked"),
    "N": ("未签名", "not signed"),
}


class GitError(Exception):
    """Git could not be run or the folder is not in a repository (message bilingual)."""


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    author_email: str
    author_date: str  # ISO 8601 with offset: the author's claim, not proof
    committer: str
    committer_date: str
    signature: str  # git's %G?
    key: str
    message: str

    @property
    def short(self) -> str:
        return self.sha[:8]

    @property
    def signed(self) -> bool:
        return self.signature == "G"

    @property
    def signature_label(self) -> str:
        return SIGNATURE_LABELS.get(self.signature, (self.signature,))[0]

    @property
    def signature_label_en(self) -> str:
        return SIGNATURE_LABELS.get(self.signature, ("", self.signature))[1]

    @property
    def subject(self) -> str:
        return self.message.strip().splitlines()[0] if self.message.strip() else ""


@dataclass(frozen=True)
class FileChange:
    status: str  # A, M, D, R (renamed), C (copied), T (type changed)
    path: str  # relative to the repository root; the new path for a rename
    blob: str  # the file's content after the commit ("" when deleted)
    old_path: str = ""
    old_blob: str = ""


def git(repo: Path, *args: str, data: bytes | None = None, config: tuple[str, ...] = ()) -> bytes:
    """Run git in `repo`; `config` holds extra `-c name=value` settings for this call."""
    settings = [arg for setting in config for arg in ("-c", setting)]
    command = ["git", "-C", str(repo), *settings, *args]
    try:
        result = subprocess.run(command, input=data, capture_output=True)
    except FileNotFoundError as error:
        raise GitError("没有找到 git 命令 / git is not installed") from error
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git {args[0]} 失败 / git {args[0]} failed: {detail}")
    return result.stdout


def repository_root(folder: Path) -> Path:
    """The top of the Git work tree holding `folder`."""
    try:
        top = git(folder, "rev-parse", "--show-toplevel")
    except GitError as error:
        raise GitError(
            f"{folder} 不在 Git 仓库中，没有变更历史 / {folder} is not in a Git repository: "
            "there is no history to read"
        ) from error
    return Path(top.decode().strip())


def signers_config(allowed_signers: Path | None) -> tuple[str, ...]:
    """The `-c` setting that makes `%G?` trust exactly the keys in this allowed-signers file."""
    if allowed_signers is None:
        return ()
    return (f"gpg.ssh.allowedSignersFile={allowed_signers.resolve()}",)


def signers_fingerprint(repo: Path, allowed_signers: Path | None) -> bytes:
    """The trusted keys' file as it is now (the given one, else git's setting), so a cached
    signature status is never reused after the list of trusted keys changed."""
    if allowed_signers is None:
        try:
            setting = git(repo, "config", "--path", "gpg.ssh.allowedSignersFile").decode().strip()
        except GitError:  # not set
            return b""
        allowed_signers = Path(setting)
    try:
        return allowed_signers.read_bytes()
    except OSError:
        return b""


def shallow_boundary(repo: Path) -> frozenset[str]:
    """The commits a shallow clone was cut at (their parents are missing); empty if complete.

    Such a commit shows every file as added, so "first committed" means nothing there.
    Git lists them in the `shallow` file, which exists only in a shallow clone."""
    listed = Path(git(repo, "rev-parse", "--git-path", "shallow").decode().strip())
    listed = listed if listed.is_absolute() else repo / listed
    return frozenset(listed.read_text().split()) if listed.is_file() else frozenset()


def head(repo: Path) -> str:
    """The current commit; "" in a repository without commits."""
    try:
        return git(repo, "rev-parse", "--verify", "-q", "HEAD").decode().strip()
    except GitError:
        return ""


def is_ancestor(repo: Path, older: str, newer: str) -> bool:
    """True when `older` is in the history of `newer` (false also when it no longer exists)."""
    try:
        git(repo, "merge-base", "--is-ancestor", older, newer)
    except GitError:
        return False
    return True


def walk(
    repo: Path, pathspec: str, until: str, since: str = "", config: tuple[str, ...] = ()
) -> list[tuple[Commit, list[FileChange]]]:
    """Every commit up to `until` touching `pathspec` (after `since`, if given), oldest
    first, with its changed files. `config` can name the allowed signers `%G?` trusts."""
    if not until:  # no commits yet
        return []
    revision = [f"{since}..{until}" if since else until]
    out = git(repo, "log", "--reverse", "-M", "--raw", "--no-abbrev", "-z", f"--format={FORMAT}",
              *revision, "--", pathspec, config=config)  # fmt: skip
    commits = []
    for chunk in out.decode("utf-8", "replace").split("\x1e")[1:]:
        header, _, raw = chunk.partition("\x00")
        values = header.split("\x1f", len(FIELDS) - 1)
        commits.append((Commit(**dict(zip(FIELDS, values, strict=True))), _changes(raw)))
    return commits


def _changes(raw: str) -> list[FileChange]:
    parts = raw.lstrip("\n").split("\x00")
    changes, index = [], 0
    while index < len(parts) and parts[index].startswith(":"):
        _, _, old_blob, new_blob, status = parts[index][1:].split(" ")
        kind = status[0]
        if kind in ("R", "C"):
            old_path, path = parts[index + 1], parts[index + 2]
            index += 3
        else:
            old_path, path = parts[index + 1], parts[index + 1]
            index += 2
        deleted = kind == "D"
        changes.append(
            FileChange(
                kind,
                path,
                "" if deleted else new_blob,
                old_path if kind in ("R", "C") else (path if kind != "A" else ""),
                "" if kind == "A" else old_blob,
            )
        )
    return changes


def read_blobs(repo: Path, shas: list[str]) -> dict[str, bytes]:
    """The contents of many blobs through one `git cat-file --batch`."""
    wanted = sorted(set(shas))
    if not wanted:
        return {}
    out = git(repo, "cat-file", "--batch", data=("\n".join(wanted) + "\n").encode())
    blobs, position = {}, 0
    for sha in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        if len(header) < 3:  # "<sha> missing" in a shallow or partial clone
            position = end + 1
            continue
        size = int(header[2])
        blobs[sha] = out[end + 1 : end + 1 + size]
        position = end + 1 + size + 1
    return blobs
