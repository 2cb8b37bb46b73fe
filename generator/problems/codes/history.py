"""Trust in Git history: signed commits, the allowed-signers file, a rewritten history."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class HistoryUntrustedCommit(ProblemKind):
    code = "history.untrusted_commit"
    title = "提交未经可信签名"
    severity = "error"
    zh = (
        "提交 {commit}（{author}，{date}，“{subject}”）修改了这条记录，但{status}。"
        "要求每个修改记录的提交都有可信签名：请用已登记的密钥签名（git commit -S），"
        "或把签名者的公钥加入 allowed signers 文件。"
    )
    en = (
        'commit {commit} ({author}, {date}, "{subject}") changed this record, but '
        "{status_en}. Every commit that changes records must carry a trusted signature: "
        "sign it with a registered key (git commit -S), or add the signer's public key "
        "to the allowed signers file."
    )
    commit: str
    author: str
    date: str
    subject: str
    status: str
    status_en: str


@dataclass(frozen=True, kw_only=True)
class HistoryUntrustedSignersChange(ProblemKind):
    code = "history.untrusted_signers_change"
    title = "可信签名者文件被修改"
    severity = "error"
    zh = (
        "提交 {commit}（{author}，{date}，“{subject}”）修改了仓库中的可信签名者文件 {file}，但"
        "{status}。这个文件只能由此前已可信的密钥签名修改：请让已登记的成员签名这次改动"
        "（git commit -S）并单独合并；检查通过、上次核验的提交越过它之后，新密钥才可使用。"
    )
    en = (
        'commit {commit} ({author}, {date}, "{subject}") changed the allowed signers file '
        "{file} in the repository, but {status_en}. Only a key trusted before a change may "
        "sign it: have a registered member sign this change (git commit -S) and merge it on "
        "its own; a new key counts once a check has passed with the verified head past it."
    )
    commit: str
    author: str
    date: str
    subject: str
    file: str | Path
    status: str
    status_en: str


@dataclass(frozen=True, kw_only=True)
class HistoryRewritten(ProblemKind):
    code = "history.rewritten"
    title = "历史被改写"
    severity = "error"
    zh = (
        "上次核验的提交 {verified} 已不在当前提交 {head} 的历史中：历史被改写过（强制推送、"
        "变基或重置）。请查明原因；确认无误后删除 {file} 重新开始核验。"
    )
    en = (
        "the last verified commit {verified} is no longer in the history of {head}: history "
        "was rewritten (force-push, rebase or reset). Find out why; once it is accounted "
        "for, delete {file} to start verifying afresh."
    )
    verified: str
    head: str
    file: str | Path
