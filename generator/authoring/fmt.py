"""`huifang fmt`: bring record files into the canonical form, or list those that are not."""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.authoring.canonical import format_record
from generator.documents import MARKDOWN_SUFFIXES, decode
from generator.problems import Problem, Source
from generator.records import _STRAY, display_path, kind_of
from generator.schemas import SchemaSet


@dataclass
class FmtReport:
    files: int = 0
    changed: list[str] = field(default_factory=list)  # displayed paths, sorted
    problems: list[Problem] = field(default_factory=list)  # files left alone, and why
    texts: dict[str, tuple[str, str]] = field(default_factory=dict)  # changed: (before, after)


def record_files(root: Path, paths: list[Path]) -> tuple[list[tuple[str, Path]], list[Path]]:
    """(kind, file) of the record files named by `paths` (files or folders under root),
    and the named files that are outside root or not records (left alone)."""
    root = root.resolve()
    found: dict[Path, str] = {}
    outside: list[Path] = []
    for given in paths or [root]:
        path = given.resolve()
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            if not candidate.is_relative_to(root):
                outside.append(given)
                continue
            kind = kind_of(root, candidate)
            if kind and kind != _STRAY:
                found[candidate] = kind
            elif not path.is_dir():
                outside.append(given)
    return [(kind, path) for path, kind in sorted(found.items())], outside


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


def format_files(
    root: Path, files: list[tuple[str, Path]], write: bool, schemas: SchemaSet | None = None
) -> FmtReport:
    schemas = schemas or SchemaSet()
    root = root.resolve()
    report = FmtReport(files=len(files))
    for kind, path in files:
        shown = display_path(root, path)
        raw = path.read_bytes()
        text, problems = decode(raw, Source(shown))
        if text is None:
            report.problems += problems
            continue
        if raw.startswith(codecs.BOM_UTF8):  # decode() drops it; the file keeps it
            text = "\ufeff" + text
        result = format_record(
            text, kind, path.suffix.lower() in MARKDOWN_SUFFIXES, schemas, Source(shown)
        )
        report.problems += result.problems
        if result.changed:
            report.changed.append(shown)
            report.texts[shown] = (result.original, result.text)
            if write:
                _write_atomically(path, result.text)
    return report
