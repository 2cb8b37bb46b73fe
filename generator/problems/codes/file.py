"""Reading a file: what it is, its size, its encoding and its front matter; the cap on
how many problems one file lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class FileUnreadable(ProblemKind):
    code = "file.unreadable"
    title = "无法读取文件"
    severity = "error"
    zh = "无法读取文件：{detail}。请检查文件权限，或确认它不是损坏的链接。"
    en = "cannot read the file: {detail}. Check its permissions or whether it is a broken link."
    detail: str


@dataclass(frozen=True, kw_only=True)
class FileFolderUnreadable(ProblemKind):
    code = "file.folder_unreadable"
    title = "无法读取文件夹"
    severity = "error"
    zh = (
        "无法读取这个文件夹：{detail}，其中的记录都没有检查。"
        "请检查文件夹的权限（需要读取和进入的权限，例如 chmod u+rx），或把它移出记录目录。"
    )
    en = (
        "cannot read this folder: {detail}; none of the records in it were checked. "
        "Check the folder's permissions (read and enter, e.g. chmod u+rx), or move it out "
        "of the records folder."
    )
    detail: str


@dataclass(frozen=True, kw_only=True)
class FileSymlink(ProblemKind):
    code = "file.symlink"
    title = "符号链接未读取"
    severity = "error"
    zh = (
        "这是一个符号链接，未读取：记录必须是记录目录里的普通文件，链接可能指向仓库之外。"
        "请把链接换成它指向的文件（或文件夹）本身。"
    )
    en = (
        "this is a symbolic link and was not read: records are regular files inside the "
        "records folder, and a link may point outside it. Replace the link with the file "
        "(or folder) it points to."
    )


@dataclass(frozen=True, kw_only=True)
class FileNotRegular(ProblemKind):
    code = "file.not_regular"
    title = "不是普通文件"
    severity = "error"
    zh = (
        "这不是普通文件，而是{what_zh}，未读取（读取它可能永远等待）。"
        "记录必须是普通文件：请删除它，或换成同名的普通文件。"
    )
    en = (
        "this is not a regular file but {what_en}; it was not read (reading it could wait "
        "for ever). A record must be a regular file: delete it or put one in its place."
    )
    what_zh: str
    what_en: str


@dataclass(frozen=True, kw_only=True)
class FileTooLarge(ProblemKind):
    code = "file.too_large"
    title = "文件过大"
    severity = "error"
    zh = "文件有 {size} 字节，超过上限 {limit} 字节，未读取。请删减内容或拆分成多条记录。"
    en = (
        "the file has {size} bytes, more than the limit of {limit}; it was not read. "
        "Shorten it or split it into several records."
    )
    size: int
    limit: int


@dataclass(frozen=True, kw_only=True)
class FileEncodingGbk(ProblemKind):
    code = "file.encoding_gbk"
    title = "文件是 GBK 编码"
    severity = "error"
    zh = (
        "文件不是 UTF-8 编码（看起来是 GBK/GB18030），第 {line} 行起无法解码。"
        "请在编辑器中选择“以 UTF-8 编码保存”后重新提交。"
    )
    en = (
        "the file is not UTF-8 (it looks like GBK/GB18030); decoding fails from line {line}. "
        "Re-save it as UTF-8 in your editor."
    )
    line: int


@dataclass(frozen=True, kw_only=True)
class FileEncoding(ProblemKind):
    code = "file.encoding"
    title = "文件不是 UTF-8"
    severity = "error"
    zh = "文件不是有效的 UTF-8 文本（第 {line} 行有无法解码的字节）。请用 UTF-8 编码重新保存。"
    en = "the file is not valid UTF-8 (undecodable bytes on line {line}). Re-save it as UTF-8."
    line: int


@dataclass(frozen=True, kw_only=True)
class FileNoFrontMatter(ProblemKind):
    code = "file.no_front_matter"
    title = "缺少 YAML 头部"
    severity = "error"
    zh = (
        "Markdown 记录必须以 YAML 头部开始：第一行是 ---，然后是字段，再以 --- 结束。"
        "请在文件开头加上头部。"
    )
    en = (
        "a Markdown record must start with YAML front matter: a first line ---, the fields, "
        "then a closing ---. Add the front matter at the top."
    )


@dataclass(frozen=True, kw_only=True)
class FileUnclosedFrontMatter(ProblemKind):
    code = "file.unclosed_front_matter"
    title = "YAML 头部没有结束"
    severity = "error"
    zh = "YAML 头部没有结束行 ---。请在字段之后、正文之前加一行 ---。"
    en = (
        "the YAML front matter has no closing --- line. Add a line --- after the fields, "
        "before the body."
    )


@dataclass(frozen=True, kw_only=True)
class FileUnknownLocation(ProblemKind):
    code = "file.unknown_location"
    title = "文件不在记录目录中"
    severity = "warning"
    zh = (
        "这个文件不在任何记录目录中（customers/、visits/年份/、complaints/年份/、surveys/），"
        "不会被读取。请移到正确的目录，或改名以 _ 开头表示忽略。"
    )
    en = (
        "this file is not in a record folder (customers/, visits/YEAR/, complaints/YEAR/, "
        "surveys/) and is not read. Move it, or start its name with _ to ignore it."
    )


@dataclass(frozen=True, kw_only=True)
class FileMissing(ProblemKind):
    code = "file.missing"
    title = "缺少必需的文件"
    severity = "error"
    zh = "缺少必需的文件 {name}。请从示例数据复制一份并修改。"
    en = "the required file {name} is missing. Copy it from the demo records and adapt it."
    name: str


@dataclass(frozen=True, kw_only=True)
class FileMoreProblems(ProblemKind):
    code = "file.more_problems"
    title = "同类问题过多未全部列出"
    severity = "error"
    zh = (
        "从这里起，这个文件还有 {count} 个 {kind} 问题没有列出（已列出 {listed} 个，"
        "每个文件每种问题最多列出 {per_code} 个、共 {per_file} 个）。请先改正已列出的问题，再重新检查；"
        "同一个错误重复这么多次，通常是复制粘贴或程序生成的文件出了错。"
    )
    en = (
        "from here on, this file has {count} more {kind} problem(s) that are not listed "
        "({listed} are; each file lists at most {per_code} of each kind and {per_file} in all). Fix the "
        "listed ones and check again; so many of the same mistake usually come from a "
        "bad copy and paste or a generated file."
    )
    count: int
    kind: str
    listed: int
    per_code: int
    per_file: int
