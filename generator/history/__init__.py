"""The audit trail of every record, from Git history alone.

`read_history(records_dir)` walks the history once (generator.history.gitlog),
parses every needed version with the same reader as `huifang check`, and keys
versions by record (kind, id) — ids identify records, not paths, so a rename or
a move keeps one history and a deleted record keeps its history and its deletion.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from generator.history import cache
from generator.history.diff import FieldChange, body_diff, field_changes
from generator.history.gitlog import (
    Commit,
    FileChange,
    Walked,
    configured_signers,
    head,
    is_ancestor,
    read_blob,
    read_blobs,
    repository_root,
    shallow_boundary,
    tracked,
    tree_blobs,
    verify,
    walk,
)
from generator.history.signers import Signers, valid_at, windows
from generator.history.signers import resolve as resolve_signers
from generator.problems import Source
from generator.read.document import MARKDOWN_SUFFIXES, decode, parse_text
from generator.read.load import STRAY, kind_of, plan_id
from generator.vocabulary import CHANGE_LABELS


@dataclass(frozen=True)
class Version:
    commit: Commit
    path: str  # relative to the records folder's parent, like every other path we show
    change: str  # added, modified, renamed, deleted
    fields: tuple[FieldChange, ...] = ()
    body: tuple[str, ...] = ()  # unified diff lines of the Markdown body
    old_path: str = ""

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.change]


@dataclass
class RecordHistory:
    kind: str
    id: str
    versions: list[Version] = field(default_factory=list)  # oldest first

    @property
    def deleted(self) -> Version | None:
        last = self.versions[-1]
        return last if last.change == "deleted" else None


@dataclass
class History:
    records: dict[tuple[str, str], RecordHistory] = field(default_factory=dict)
    boundary: frozenset[str] = frozenset()  # where a shallow clone was cut
    commits: list[Commit] = field(default_factory=list)  # touching the records, oldest first
    paths: dict[str, tuple[str, str]] = field(default_factory=dict)  # current path → record
    head: str = ""
    walked: int = 0  # commits read from git by this call; the others came from the cache
    repo: Path | None = None  # the work tree it was read from
    signers_path: str = ""  # the allowed-signers file's path in the repository, if tracked there
    signers_changes: list[Commit] = field(default_factory=list)  # commits changing that file

    @property
    def shallow(self) -> bool:
        return bool(self.boundary)

    def of(self, kind: str, ident: str) -> RecordHistory | None:
        return self.records.get((kind, ident))

    def find(self, ident: str) -> list[RecordHistory]:
        return [h for (_, i), h in sorted(self.records.items()) if i == ident]

    def changes(self) -> list[tuple[RecordHistory, Version]]:
        """Every version of every record, newest commit first (then by kind and id)."""
        order = {c.sha: i for i, c in enumerate(self.commits)}
        every = [(h, v) for _, h in sorted(self.records.items()) for v in h.versions]
        every.sort(key=lambda pair: -order[pair[1].commit.sha])  # stable: kind and id kept
        return every


SHALLOW_NOTE = (
    "这是浅克隆，变更历史不完整；完整历史请运行 git fetch --unshallow / this is a shallow clone: "
    "history is partial; run git fetch --unshallow for all of it"
)


def read_history(
    records_dir: Path,
    allowed_signers: Path | None = None,
    use_cache: bool = True,
    now: float | None = None,
) -> History:
    """The history of every record, read once. Raises gitlog.GitError (bilingual) when the
    folder is not in a Git repository. `allowed_signers` is the ssh allowed-signers file
    that decides which signatures count as trusted (git's own setting when not given);
    when it is tracked in the repository, each commit is judged by its version in the
    commit's first parent. A trusted key must also be valid at `now` (the clock), not
    only at the committer date the signer wrote.

    With the cache (generator.history.cache) only commits after the last read head are
    walked; a rewritten history or a deepened shallow clone starts again from scratch."""
    records_dir = records_dir.resolve()
    repo = repository_root(records_dir)
    prefix = records_dir.relative_to(repo).as_posix()
    configured = "" if allowed_signers else configured_signers(repo)
    signers = resolve_signers(repo, allowed_signers, configured, lambda p: tracked(repo, p))
    key = cache.key(repo, prefix, signers.fingerprint())
    current, boundary = head(repo), shallow_boundary(repo)
    cached = cache.load(key) if use_cache else None
    history = cached if isinstance(cached, History) else None
    if not (history and history.boundary == boundary and is_ancestor(repo, history.head, current)):
        history = History(boundary=boundary, signers_path=signers.in_repo)
    pathspecs = [prefix, *([signers.in_repo] if signers.in_repo else [])]
    walked = walk(
        repo, pathspecs, current, history.head, signers.config(), signatures=not signers.in_repo
    )
    walked = _judged(repo, walked, signers)
    record_changes = [
        (commit, changes, [c for c in changes if _kind_of(prefix, c.path or c.old_path)])
        for commit, changes in walked
    ]
    needed = [
        b for _, _, changes in record_changes for c in changes for b in (c.blob, c.old_blob) if b
    ]
    blobs = read_blobs(repo, needed)
    shown_root = PurePosixPath(records_dir.name)
    with cache.collector_paused():
        for commit, every, changes in record_changes:
            touched = {p for c in every for p in (c.path, c.old_path) if p}
            if signers.in_repo in touched:
                history.signers_changes.append(commit)
            if changes or touched != {signers.in_repo}:  # not the signers file alone
                history.commits.append(commit)
            for change in changes:
                _apply(history, prefix, shown_root, blobs, commit, change)
    history.head, history.walked, history.repo = current, len(walked), repo
    if use_cache and walked:
        cache.save(key, history)
    _as_of(history, time.time() if now is None else now)
    return history


def signers_at(repo: Path, commit: str, path: str) -> bytes | None:
    """The content of the allowed-signers file `path` in `commit`; None when it has none."""
    blob = tree_blobs(repo, [f"{commit}:{path}"])[0] if commit else None
    return read_blob(repo, blob)


def judged_by(repo: Path, commits: list[Commit], content: bytes | None) -> list[Commit]:
    """`commits` with their signatures judged by this allowed-signers content (None: a
    file that trusts nobody), each trusted key's validity kept for `_as_of`."""
    found = verify(repo, [c.sha for c in commits], content)
    judged = []
    for commit in commits:
        status, key, signer = found.get(commit.sha, ("N", "", ""))
        spans = windows(content or b"", key, signer) if status == "G" else ()
        judged.append(replace(commit, signature=status, key=key, signer=signer, key_windows=spans))
    return judged


def _judged(repo: Path, walked: Walked, signers: Signers) -> Walked:
    """The walked commits with their signatures judged: by the allowed-signers file as of
    each commit's first parent when the file is tracked in the repository (a commit never
    vouches for itself; one without a parent, or whose parent has no such file, is
    trusted by nobody), else by the file as it is now."""
    if not walked:
        return walked
    commits = [commit for commit, _ in walked]
    if not signers.in_repo:
        content = signers.fingerprint() if signers.file else b""
        judged = [
            replace(c, key_windows=windows(content, c.key, c.signer)) if c.signed else c
            for c in commits
        ]
    else:
        parents = [c.first_parent for c in commits]
        asked = [f"{p}:{signers.in_repo}" for p in parents if p]
        at = dict(zip(asked, tree_blobs(repo, asked), strict=True))
        blob_of = {c.sha: at.get(f"{p}:{signers.in_repo}") if p else None
                   for c, p in zip(commits, parents, strict=True)}  # fmt: skip
        contents = read_blobs(repo, [b for b in blob_of.values() if b])
        groups: dict[str | None, list[Commit]] = {}
        for commit in commits:
            groups.setdefault(blob_of[commit.sha], []).append(commit)
        by_sha = {
            c.sha: c
            for blob, group in groups.items()
            for c in judged_by(repo, group, contents.get(blob) if blob else None)
        }
        judged = [by_sha[c.sha] for c in commits]
    return [(c, changes) for c, (_, changes) in zip(judged, walked, strict=True)]


def _as_of(history: History, now: float) -> None:
    """A trusted key must be valid now: git judged it at the committer date, which the
    signer chose. Commits whose key is not are marked Y (expired) or V (not valid yet)."""
    changed = {}
    for commit in (*history.commits, *history.signers_changes):
        late = valid_at(commit.key_windows, now) if commit.signed else ""
        if late:
            changed[commit.sha] = replace(commit, signature=late)
    if not changed:
        return
    history.commits[:] = [changed.get(c.sha, c) for c in history.commits]
    history.signers_changes[:] = [changed.get(c.sha, c) for c in history.signers_changes]
    for record in history.records.values():
        record.versions[:] = [
            replace(v, commit=changed[v.commit.sha]) if v.commit.sha in changed else v
            for v in record.versions
        ]


def _kind_of(prefix: str, path: str) -> str | None:
    """The kind of a record at `path` (from the repository's top), as the loader sees it."""
    if not path.startswith(prefix + "/"):
        return None
    kind = kind_of(path[len(prefix) + 1 :])
    return None if kind == STRAY else kind


def _parsed(blobs: dict[str, bytes], sha: str, path: str) -> tuple[dict[str, object], str]:
    """(fields, body) of one version; an unreadable version counts as empty."""
    if not sha or sha not in blobs:
        return {}, ""
    source = Source(path)
    text, _ = decode(blobs[sha], source)
    if text is None:
        return {}, ""
    doc = parse_text(text, source, markdown=PurePosixPath(path).suffix.lower() in MARKDOWN_SUFFIXES)
    return (doc.data if isinstance(doc.data, dict) else {}), doc.body


def _record_key(kind: str, path: str, data: dict[str, object]) -> tuple[str, str]:
    if kind in ("team", "policy"):
        return kind, kind
    if kind == "plan":  # plans/<month>/<staff>: the same file name every month
        return kind, plan_id(path)
    if kind == "survey_response":  # numbered within its survey: 2026H2/12
        where = PurePosixPath(path)
        return kind, f"{where.parent.parent.name}/{where.stem}"
    ident = data.get("id") if kind != "visit" else None
    return kind, str(ident) if ident else PurePosixPath(path).stem


def _apply(
    history: History,
    prefix: str,
    shown_root: PurePosixPath,
    blobs: dict[str, bytes],
    commit: Commit,
    change: FileChange,
) -> None:
    records, key_at = history.records, history.paths
    path = change.path if change.status != "D" else change.old_path
    kind = _kind_of(prefix, path)
    if kind is None:  # read_history passes only changes to records
        return
    new, new_body = _parsed(blobs, change.blob, change.path)
    old, old_body = _parsed(blobs, change.old_blob, change.old_path)
    key = key_at.pop(change.old_path, None) if change.old_path else None
    if key is None or change.status == "A":
        key = _record_key(kind, path, new or old)
    status = {"A": "added", "D": "deleted", "R": "renamed"}.get(change.status, "modified")
    if status == "added" and key in records and not records[key].deleted:
        status = "modified"  # the same id appearing again under a new path
    shown = (shown_root / PurePosixPath(path).relative_to(prefix)).as_posix()
    old_shown = (
        (shown_root / PurePosixPath(change.old_path).relative_to(prefix)).as_posix()
        if change.old_path and change.old_path != path
        else ""
    )
    if status == "renamed":
        renamed = _record_key(kind, path, new)  # a visit's id is its file name
        if renamed != key and key in records:
            records[renamed] = records.pop(key)
            records[renamed].id = renamed[1]
        key = renamed
    record = records.setdefault(key, RecordHistory(*key))
    record.versions.append(
        Version(
            commit,
            shown,
            status,
            tuple(field_changes(old, new)) if status != "deleted" else (),
            tuple(body_diff(old_body, new_body)) if status != "deleted" else (),
            old_shown,
        )
    )
    if status != "deleted":
        key_at[change.path] = key
