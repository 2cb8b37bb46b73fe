"""`huifang fmt`'s file names: a record file named as the checker wants but for case is renamed.

The browser editor (Decap CMS) lowercases every value it puts into a new file's name:
C0001's visit becomes `2026-11-23-c0001-onsite.md`, customer C0061 `c0061.md`, complaint
K2026-0012 `k2026-0012.md`. The checker wants the ids as written (identity.py: a visit's
name starts with `<date>-<customer>`, a customer's, complaint's or survey's name is its id),
so the visit is warned about (visit.filename_mismatch) and the others refused
(id.filename_mismatch). A name whose only difference from the wanted one is case is put right
here; any other difference is the person's to settle (the check says how).

A visit's id is its file name, so renaming a visit renames its id: a visit that another
visit's `checks` names by the old name is left as it is (fmt.not_renamed), as is a file whose
right name another file already has — except a visit, which takes the next free `-2`, `-3` …
(the name rule's suffix, as `huifang new` gives it). The rename never replaces a file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from generator.read.file import RecordFile

IDENTIFIED = ("customer", "complaint", "survey")  # named by their `id`


def wanted_stem(kind: str, data: object, stem: str) -> str | None:
    """The name (without suffix) the checker wants for a `kind` record holding `data` and
    named `stem`, when it differs from `stem` in case only; else None."""
    if not isinstance(data, dict):
        return None
    if kind == "visit":
        day, customer = data.get("date"), data.get("customer")
        if isinstance(day, dt.date):
            day = day.isoformat()
        if not isinstance(day, str) or not isinstance(customer, str):
            return None
        start = f"{day}-{customer}"
        if stem.startswith(start) or not stem.lower().startswith(start.lower()):
            return None
        return start + stem[len(start) :]
    if kind in IDENTIFIED:
        ident = data.get("id")
        if not isinstance(ident, str) or ident == stem or ident.lower() != stem.lower():
            return None
        return ident
    return None


def free_name(path: Path, stem: str, kind: str) -> Path | None:
    """Where the file at `path` goes as `stem`: that name, or for a visit the first of
    `stem-2`, `stem-3` … no other file has; None when it is taken (not a visit)."""
    candidates = [stem] + ([f"{stem}-{n}" for n in range(2, 100)] if kind == "visit" else [])
    for name in candidates:
        target = path.with_name(name + path.suffix)
        if not _other_file(path, target):
            return target
    return None


def referring(files: list[RecordFile], stem: str, own: str) -> str:
    """The first visit file other than `own` that names the visit `stem` (its `checks`),
    shown as messages show it; "" when none does."""
    token = re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(stem)}(?![A-Za-z0-9_-])")
    for file in files:
        if file.kind != "visit" or file.path == own:
            continue
        try:
            text = Path(file.path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if token.search(text):
            return file.shown
    return ""


def rename(path: Path, target: Path) -> None:
    """`path` becomes `target`, never replacing another file (FileExistsError when one is
    there). On a file system that ignores case the two are the same file: renamed in place."""
    if _other_file(path, target):
        raise FileExistsError(str(target))
    if target.exists():  # the same file under another case: only the name's case changes
        os.rename(path, target)
        return
    try:
        os.link(path, target)  # fails if a file appeared there meanwhile: nothing replaced
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        os.rename(path, target)
        return
    os.unlink(path)


def _other_file(path: Path, target: Path) -> bool:
    """Is there a file at `target` that is not the one at `path`?"""
    try:
        return target.exists() and not os.path.samefile(path, target)
    except OSError:
        return True
