"""`huifang fmt`: bring record files into the canonical form, or list those that are not;
a file whose name differs from the checker's only in case is renamed (names.py)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.canonical import format_record
from generator.authoring.names import free_name, referring, rename, wanted_stem
from generator.authoring.safewrite import ChangedMeanwhile, WriteError, replace_unchanged
from generator.problems import Problem, Source
from generator.problems.catalogue import make_problem
from generator.read.document import MARKDOWN_SUFFIXES, decode, read_raw
from generator.read.file import RecordFile
from generator.read.load import discover, display_path
from generator.read.schema import SchemaSet


@dataclass
class FmtReport:
    files: int = 0
    changed: list[str] = field(default_factory=list)  # displayed paths, sorted
    problems: list[Problem] = field(default_factory=list)  # files left alone, and why
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # changed: (before, after)
    renamed: dict[str, str] = field(default_factory=dict)  # displayed path → its new one


class RecordFiles(list[RecordFile]):
    """The record files to format, with the errors discovery found on the way (folders it
    could not read, linked folders): `format_files` reports them as files left alone."""

    problems: list[Problem]


def record_files(root: Path, paths: list[Path]) -> RecordFiles:
    """The record files under root that `paths` name (files or folders; all when none).
    Other files — outside root, or not records — are left alone."""
    root = root.resolve()
    files, problems = discover(root)
    errors = [p for p in problems if p.is_error]
    if paths:
        named = [p.resolve() for p in paths]
        files = [f for f in files if any(Path(f.path).is_relative_to(p) for p in named)]
        shown = [
            display_path(root, p) + ("/" if p.is_dir() else "")
            for p in named
            if p.is_relative_to(root)
        ]  # an error about a folder counts for what is in it and for what holds it
        errors = [
            p
            for p in errors
            if any(p.source.path.startswith(n) or n.startswith(p.source.path) for n in shown)
        ]
    found = RecordFiles(files)
    found.problems = errors
    return found


def format_files(root: Path, files: list[RecordFile], write: bool) -> FmtReport:
    """Format each file on its own: a file that cannot be read, formatted or written, or
    that changed while it was formatted, is left alone with a problem saying why, and the
    others are still formatted."""
    schemas = SchemaSet()
    report = FmtReport(files=len(files))
    report.problems += getattr(files, "problems", [])  # from discovery: unreadable folders
    every: list[RecordFile] | None = None  # every record file under root, once one is renamed
    for file in files:
        source = Source(file.shown)
        raw, problem = read_raw(file.path, source)
        if raw is None:
            assert problem is not None  # read_raw says why it read nothing
            report.problems.append(problem)
            continue
        text, problems = decode(raw, source)
        if text is None:
            report.problems += problems
            continue
        if raw.startswith(codecs.BOM_UTF8):  # decode() drops it; the file keeps it
            text = "\ufeff" + text
        markdown = Path(file.path).suffix.lower() in MARKDOWN_SUFFIXES
        try:
            result = format_record(text, file.kind, markdown, schemas, source)
        except Exception as err:  # the last guard: one file never stops the run
            detail = f"{type(err).__name__}: {' '.join(str(err).split())}"[:300]
            report.problems.append(make_problem("fmt.cannot_format", source, detail=detail))
            continue
        report.problems += result.problems
        if result.text is None:  # not formatted
            continue
        if result.changed:
            if write:
                written = _replace(Path(file.path), result.text, raw, source)
                if written is not None:
                    report.problems.append(written)
                    continue
            report.changed.append(file.shown)
            report.texts[file.shown] = (result.original, result.text)
        stem = wanted_stem(file.kind, result.data, file.stem)
        if stem is not None:
            if every is None:  # a visit's old name may be named elsewhere: all are read
                every = discover(root.resolve())[0]
            _rename(report, file, stem, every, write)
    return report


def _rename(report: FmtReport, file: RecordFile, stem: str, files: list[RecordFile], write: bool):
    """The file under the name the checker wants (`stem`, or the next free for a visit), or
    fmt.not_renamed saying why not."""
    path, source = Path(file.path), Source(file.shown)
    expected = stem + path.suffix
    target = free_name(path, stem, file.kind)
    why = None
    if target is None:
        why = (f"{expected} 已经存在", f"{expected} already exists")
    elif file.kind == "visit" and (other := referring(files, file.stem, file.path)):
        why = (f"{other} 用这个文件名引用它", f"{other} refers to it by this name")
    if why is None and write:
        assert target is not None
        try:
            rename(path, target)
        except OSError as err:
            why = (f"改名失败：{err.strerror or err}", f"renaming failed: {err.strerror or err}")
    if why is not None:
        report.problems.append(make_problem("fmt.not_renamed", source, stem=path.name,
                                            expected=expected, why_zh=why[0], why_en=why[1]))  # fmt: skip
        return
    assert target is not None
    report.renamed[file.shown] = file.shown.rpartition("/")[0] + "/" + target.name


def _replace(path: Path, text: str, raw: bytes, source: Source) -> Problem | None:
    """Write the formatted text over the file if it still holds `raw`; the problem if not."""
    try:
        replace_unchanged(path, text, raw)
    except ChangedMeanwhile:
        return make_problem("fmt.changed_meanwhile", source)
    except WriteError as err:
        return make_problem(
            "fmt.write_failed", source, detail_zh=err.detail_zh, detail_en=err.detail_en
        )
    return None
