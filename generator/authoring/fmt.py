"""`huifang fmt`: bring record files into the canonical form, or list those that are not."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.canonical import format_record
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
        if result.text is None or not result.changed:  # None: not formatted
            continue
        if write:
            written = _replace(Path(file.path), result.text, raw, source)
            if written is not None:
                report.problems.append(written)
                continue
        report.changed.append(file.shown)
        report.texts[file.shown] = (result.original, result.text)
    return report


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
