"""`huifang fmt`: bring record files into the canonical form, or list those that are not."""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.canonical import format_record
from generator.documents import MARKDOWN_SUFFIXES, decode, read_raw
from generator.problems import Problem, Source
from generator.records import RecordFile, discover, display_path
from generator.schemas import SchemaSet


@dataclass
class FmtReport:
    files: int = 0
    changed: list[str] = field(default_factory=list)  # displayed paths, sorted
    problems: list[Problem] = field(default_factory=list)  # files left alone, and why
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # changed: (before, after)


class RecordFiles(list):
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


def _write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step, so an interrupted run never leaves half a record."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def format_files(root: Path, files: list[RecordFile], write: bool) -> FmtReport:
    schemas = SchemaSet()
    report = FmtReport(files=len(files))
    report.problems += getattr(files, "problems", [])  # from discovery: unreadable folders
    for file in files:
        source = Source(file.shown)
        raw, problem = read_raw(file.path, source)
        text, problems = decode(raw, source) if raw is not None else (None, [problem])
        if text is None:
            report.problems += problems
            continue
        if raw.startswith(codecs.BOM_UTF8):  # decode() drops it; the file keeps it
            text = "\ufeff" + text
        markdown = Path(file.path).suffix.lower() in MARKDOWN_SUFFIXES
        result = format_record(text, file.kind, markdown, schemas, source)
        report.problems += result.problems
        if result.changed:
            report.changed.append(file.shown)
            report.texts[file.shown] = (result.original, result.text)
            if write:
                _write_atomically(Path(file.path), result.text)
    return report
