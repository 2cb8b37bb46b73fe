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
