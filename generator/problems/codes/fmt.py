"""`huifang fmt`: a file that cannot be formatted safely."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class FmtWouldChange(ProblemKind):
    code = "fmt.would_change"
    title = "整理格式会改变内容"
    severity = "error"
    zh = (
        "整理格式后读出的内容与原文件不同，为安全起见没有改动这个文件。请用 huifang check "
        "检查它，并把这个文件报告给维护者。"
    )
    en = (
        "formatting would change what this file says, so it was left as it is. Check it with "
        "huifang check and report the file to the maintainers."
    )


@dataclass(frozen=True, kw_only=True)
class FmtCannotFormat(ProblemKind):
    code = "fmt.cannot_format"
    title = "无法整理格式"
    severity = "error"
    zh = (
        "无法整理这个文件的格式：{detail}。文件没有改动，其它文件照常整理。"
        "请按提示改正（例如 null: 和 ~: 在 YAML 中是同一个空字段名，只能留一个）后再运行 huifang fmt。"
    )
    en = (
        "this file cannot be formatted: {detail}. It was left as it is; the other files were "
        "formatted. Fix what is named (null: and ~:, for instance, are the same empty key in "
        "YAML: keep one) and run huifang fmt again."
    )
    detail: str


@dataclass(frozen=True, kw_only=True)
class FmtChangedMeanwhile(ProblemKind):
    code = "fmt.changed_meanwhile"
    title = "整理期间文件被修改"
    severity = "error"
    zh = (
        "整理格式期间这个文件被修改过（编辑器或其它程序保存了它），为了不覆盖这些修改，没有改写它。"
        "请保存好修改后重新运行 huifang fmt。"
    )
    en = (
        "this file was changed while it was being formatted (an editor or another program saved "
        "it), so it was not rewritten and the change is kept. Run huifang fmt again once the "
        "edit is saved."
    )


@dataclass(frozen=True, kw_only=True)
class FmtWriteFailed(ProblemKind):
    code = "fmt.write_failed"
    title = "无法写入整理后的文件"
    severity = "error"
    zh = "无法写入整理后的文件：{detail_zh}。文件保持原样，没有留下不完整的文件。"
    en = (
        "the formatted file cannot be written: {detail_en}. The file is as it was; nothing half "
        "written is left."
    )
    detail_zh: str
    detail_en: str


@dataclass(frozen=True, kw_only=True)
class FmtNotRenamed(ProblemKind):
    code = "fmt.not_renamed"
    title = "文件名只差大小写，未改名"
    severity = "error"
    zh = (
        "文件名 {stem} 与检查要求的 {expected} 只差大小写（浏览器编辑器会把文件名写成小写），"
        "但{why_zh}，所以没有改名。请手动改名，并改正引用它的地方。"
    )
    en = (
        "the file name {stem} differs from {expected}, the name the check wants, only in case "
        "(the browser editor writes file names in lowercase), but {why_en}, so it was not "
        "renamed. Rename it by hand, and what refers to it."
    )
    stem: str
    expected: str
    why_zh: str
    why_en: str
