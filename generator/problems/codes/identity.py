"""Ids and where a record lies: unique ids, file names that match them, year folders."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind

PREFIXES = ("id", "path")


@dataclass(frozen=True, kw_only=True)
class IdDuplicate(ProblemKind):
    code = "id.duplicate"
    title = "编号重复"
    severity = "error"
    zh = "编号 {id} 重复，{other} 也使用了它。每条记录的编号必须唯一，请给其中一条换一个新编号。"
    en = "the id {id} is also used by {other}. Ids must be unique; give one of them a new id."
    id: str
    other: str


@dataclass(frozen=True, kw_only=True)
class IdFilenameMismatch(ProblemKind):
    code = "id.filename_mismatch"
    title = "文件名与编号不一致"
    severity = "error"
    zh = "文件名 {stem} 与编号 {id} 不一致。请把文件改名为 {expected}，或改正编号。"
    en = (
        "the file name {stem} does not match the id {id}. Rename the file to {expected} "
        "or correct the id."
    )
    stem: str
    id: str
    expected: str


@dataclass(frozen=True, kw_only=True)
class PathYearMismatch(ProblemKind):
    code = "path.year_mismatch"
    title = "年份目录不对"
    severity = "warning"
    zh = "记录日期在 {year} 年，但文件在 {folder} 目录中。请移到 {expected} 目录。"
    en = "the record is dated {year} but lies in the folder {folder}. Move it to {expected}."
    year: int
    folder: str
    expected: str


@dataclass(frozen=True, kw_only=True)
class IdGitDuplicate(ProblemKind):
    code = "id.git_duplicate"
    title = "Git 身份重复登记"
    severity = "error"
    zh = (
        "Git 身份 {identity} 登记在 {member} 名下，也登记在 {other} 名下。一个身份只能属于一个人，"
        "否则看不出提交是谁做的；请从不是它主人的那位员工的 git 中删去。"
    )
    en = (
        "the Git identity {identity} is listed for {member} and also for {other}. An identity "
        "belongs to one person, or no commit can be told apart; remove it from the one it "
        "does not belong to."
    )
    identity: str
    member: str
    other: str


@dataclass(frozen=True, kw_only=True)
class IdGitBadKey(ProblemKind):
    code = "id.git_bad_key"
    title = "签名公钥无法读取"
    severity = "error"
    zh = (
        "{member} 的签名公钥 {key} 无法读取（base64 内容不完整）。请从公钥文件（如 "
        "~/.ssh/id_ed25519.pub）原样复制整行，或写 ssh-keygen -lf 显示的 SHA256: 指纹。"
    )
    en = (
        "the signing key {key} of {member} cannot be read (its base64 is incomplete). Copy "
        "the whole line of the public key file (such as ~/.ssh/id_ed25519.pub), or write the "
        "SHA256: fingerprint ssh-keygen -lf shows."
    )
    member: str
    key: str
