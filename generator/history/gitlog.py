"""One pass over Git history: `git log --raw -z` for every commit touching the records,
then `git cat-file --batch` for the file versions needed. Never one `git log` per file.

Commits come oldest first; renames are detected (-M) so a moved record keeps its
history. Signature status is git's own `%G?` (G good, U good but unknown key,
B bad, N none, …): only G counts as signed by a trusted key.

A merge is diffed against its first parent (what landed on the branch), and of that
only what differs from every parent counts as the merge's own change: content already
in another parent was brought by that parent's commits, which are walked and judged
themselves. An edit made in the merge commit (or a conflict resolved in a new way) is
a version of the record and needs the merge's own signature; a clean merge is none.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.history.signers import Window
from generator.vocabulary import SIGNATURE_LABELS

FIELDS = ("sha", "parents", "author", "author_email", "author_date", "committer",
          "committer_date", "signature", "key", "signer", "message")  # fmt: skip
PLACEHOLDERS = ("%H", "%P", "%an", "%ae", "%aI", "%cn", "%cI", "%G?", "%GK", "%GS", "%B")
FORMAT = "%x1e" + "%x1f".join(PLACEHOLDERS)
UNSIGNED_FORMAT = FORMAT.replace("%G?", "N").replace("%GK", "").replace("%GS", "")  # judged later
VERIFY_FORMAT = "%x1e" + "%x1f".join(("%H", "%G?", "%GK", "%GS"))


class GitError(Exception):
    """Git could not be run or the folder is not in a repository (message bilingual)."""


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: str  # space-separated, the first parent first
    author: str
    author_email: str
    author_date: str  # ISO 8601 with offset: the author's claim, not proof
    committer: str
    committer_date: str
    signature: str  # git's %G?, or V (key not valid yet), judged as of the check
    key: str
    signer: str  # the principal the allowed signers trust the key for (%GS): who signed
    message: str
    # the trusted key's validity (signers.windows), judged later
    key_windows: tuple[Window, ...] = ()

    @property
    def first_parent(self) -> str:
        return self.parents.split(" ", 1)[0]

    @property
    def merge(self) -> bool:
        return " " in self.parents

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


Walked = list[tuple[Commit, list[FileChange]]]  # commits oldest first, each with its changes


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


def configured_signers(repo: Path) -> str:
    """git's own gpg.ssh.allowedSignersFile setting ("" when not set)."""
    try:
        return git(repo, "config", "--path", "gpg.ssh.allowedSignersFile").decode().strip()
    except GitError:  # not set
        return ""


def tracked(repo: Path, path: str) -> bool:
    """True when git tracks `path` (from the repository's top) in HEAD or in the index."""
    try:
        listed = git(repo, "ls-files", "--", f":(literal){path}")
    except GitError:
        listed = b""
    return bool(listed.strip()) or tree_blobs(repo, [f"HEAD:{path}"])[0] is not None


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
    repo: Path,
    pathspecs: list[str],
    until: str,
    since: str = "",
    config: tuple[str, ...] = (),
    signatures: bool = True,
) -> Walked:
    """Every commit up to `until` touching `pathspecs` (after `since`, if given), oldest
    first, with its changed files (a merge's own changes only, see the module's note).
    `config` names the allowed signers `%G?` trusts; without `signatures` every commit
    reads as unsigned for the caller to judge (an allowed-signers file in the repository)."""
    if not until:  # no commits yet
        return []
    revision = [f"{since}..{until}" if since else until]
    out = git(repo, "log", "--reverse", "-M", "--raw", "--diff-merges=first-parent",
              "--no-abbrev", "-z", f"--format={FORMAT if signatures else UNSIGNED_FORMAT}",
              *revision, "--", *pathspecs, config=config)  # fmt: skip
    commits: Walked = []
    for chunk in out.decode("utf-8", "replace").split("\x1e")[1:]:
        header, _, raw = chunk.partition("\x00")
        commits.append((_commit(header), _changes(raw)))
    return _merges_own(repo, commits)


def _commit(header: str) -> Commit:
    """The commit of one FORMAT header: its FIELDS in order, the message last. The key's
    validity is not in git's output (judged later), so every field given here is text."""
    values = header.split("\x1f", len(FIELDS) - 1)
    return Commit(**dict(zip(FIELDS, values, strict=True)), key_windows=())


def _merges_own(repo: Path, commits: Walked) -> Walked:
    """Each merge's first-parent changes cut to those that differ from every parent."""
    asked = [
        f"{parent}:{path}"
        for commit, changes in commits
        if commit.merge
        for parent in commit.parents.split()[1:]
        for change in changes
        for path in (change.path, change.old_path)
        if path
    ]
    found = dict(zip(asked, tree_blobs(repo, asked), strict=True))

    def same_as(parent: str, change: FileChange) -> bool:
        if change.status == "D":
            return found[f"{parent}:{change.path}"] is None
        if change.status == "R" and found[f"{parent}:{change.old_path}"] is not None:
            return False  # the merge removed the old path, which this parent still has
        return found[f"{parent}:{change.path}"] == change.blob

    return [
        (
            commit,
            [
                change
                for change in changes
                if not any(same_as(p, change) for p in commit.parents.split()[1:])
            ]
            if commit.merge
            else changes,
        )
        for commit, changes in commits
    ]


def tree_blobs(repo: Path, specs: list[str]) -> list[str | None]:
    """The blob named by each `<commit>:<path>` (None when there is no such file), through
    one `git cat-file --batch-check`."""
    if not specs:
        return []
    usable = [spec for spec in specs if "\n" not in spec]
    out = git(repo, "cat-file", "--batch-check", data="".join(f"{s}\n" for s in usable).encode())
    answers = iter(out.decode("utf-8", "replace").splitlines())
    blobs: dict[str, str | None] = {}
    for spec in usable:
        words = next(answers, "").split()
        blobs[spec] = words[0] if len(words) == 3 and words[1] == "blob" else None
    return [blobs.get(spec) for spec in specs]  # a path with a line break: never the same


def verify(repo: Path, shas: list[str], signers: bytes | None) -> dict[str, tuple[str, str, str]]:
    """sha → (%G?, %GK, %GS) of each commit judged by this allowed-signers content
    (None: a file that trusts nobody), in one `git log --no-walk --stdin`."""
    if not shas:
        return {}
    with tempfile.TemporaryDirectory(prefix="huifang-signers-") as folder:
        file = Path(folder) / "allowed_signers"
        file.write_bytes(signers or b"")
        out = git(repo, "log", "--no-walk=unsorted", "--stdin", f"--format={VERIFY_FORMAT}",
                  data="".join(f"{sha}\n" for sha in shas).encode(),
                  config=(f"gpg.ssh.allowedSignersFile={file}",))  # fmt: skip
    judged = {}
    for chunk in out.decode("utf-8", "replace").split("\x1e")[1:]:
        sha, status, key, signer = [*chunk.strip("\n").split("\x1f"), "", "", ""][:4]
        judged[sha] = (status, key, signer)
    return judged


def read_blob(repo: Path, sha: str | None) -> bytes | None:
    return read_blobs(repo, [sha]).get(sha) if sha else None


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
