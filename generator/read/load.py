"""Loading a records folder: discover → parse → schema → model. No cross-record checks here.

`load_records` returns every record that could be read plus every problem
found on the way; one bad file never stops the others.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.model import RECORD_TYPES, Policy, Records, Staff, SurveyResponse, Visit
from generator.problems import Problem, Source
from generator.problems.catalogue import make_problem
from generator.progress import SILENT, Reporter
from generator.read.convert import Unbuildable, build
from generator.read.document import MARKDOWN_SUFFIXES, YAML_SUFFIXES, Document
from generator.read.file import STEPS, FileResult, RecordFile, Spent, read_file
from generator.read.pathnames import shown_name, shown_path
from generator.read.schema import SchemaSet
from generator.timing import StageTimer

RECORD_SUFFIXES = MARKDOWN_SUFFIXES | YAML_SUFFIXES
FOLDER_KINDS = {
    "customers": "customer",
    "visits": "visit",
    "complaints": "complaint",
    "surveys": "survey",
    "lost": "lost",
    "plans": "plan",
}
SINGLE_FILES = {"team": "team", "policy": "policy"}
RESPONSES = "responses"  # surveys/<survey id>/responses/<n>.yaml: a survey's returned forms
IGNORED_NAMES = frozenset({"readme.md", "readme", "license", "license.md"})


@dataclass
class LoadResult:
    records: Records
    problems: list[Problem]
    documents: int  # how many files were read


@dataclass(frozen=True)
class Found:
    """The record files under a folder, as discovery found them (with its warnings about
    stray files)."""

    files: list[RecordFile]
    problems: list[Problem]


# --- discovery ----------------------------------------------------------------------
def is_config_path(root: Path, shown: str) -> bool:
    """Is this displayed path team.yaml or policy.yaml (any record suffix) of `root`?"""
    path = PurePosixPath(shown)
    return path.parent == PurePosixPath(root.name) and path.stem in SINGLE_FILES


def display_path(root: Path, path: Path) -> str:
    """Paths in messages are relative to the folder holding `records/`: records/visits/…
    (each name escaped as discovery shows it: `shown_name`)."""
    return shown_path((Path(root.name) / path.relative_to(root)).as_posix())


STRAY = "stray"


ROOT = "root"  # the records folder itself: team.yaml and policy.yaml


def hidden(name: str) -> bool:
    """A file or folder name that is never a record nor holds one (`.git`, `_drafts`)."""
    return name.startswith((".", "_"))


def kind_of(rel: str) -> str | None:
    """The record kind of a file at `rel` (posix, relative to the records folder); None for
    files that are not records (hidden, other suffixes, README), `STRAY` for a record
    file in no known place."""
    folder, _, name = rel.rpartition("/")
    return file_kind(folder_kind(folder), name)


def folder_kind(rel_folder: str) -> str | None:
    """What a record file in this folder ("" for the records folder) is: its kind, `ROOT`,
    `STRAY`; None in a hidden or `_` folder, where nothing is a record."""
    if not rel_folder:
        return ROOT
    parts = rel_folder.split("/")
    if any(map(hidden, parts)):
        return None
    if parts[0] == "surveys" and len(parts) >= 3 and parts[2] == RESPONSES:
        return "survey_response" if len(parts) == 3 else STRAY
    return FOLDER_KINDS.get(parts[0], STRAY)


def file_kind(folder: str | None, name: str) -> str | None:
    """`kind_of` a file named `name` in a folder of `folder_kind` (asked once per folder)."""
    if folder is None or hidden(name):
        return None
    stem, suffix = os.path.splitext(name)
    if suffix.lower() not in RECORD_SUFFIXES or name.lower() in IGNORED_NAMES:
        return None
    if folder == ROOT:
        return SINGLE_FILES.get(stem, STRAY)
    return folder


def discover(root: Path) -> tuple[list[RecordFile], list[Problem]]:
    """Every record file under root, sorted by path; warnings for strays, errors for the
    folders that cannot be read and for linked folders. Plain strings and os.scandir:
    pathlib costs more than parsing on 100,000 files.

    Only what is inside root is read: a symbolic link is never followed (a linked folder
    is an error naming it, so a loop of links cannot hang; a linked file named like a
    record is listed, and reading it refuses it: `read_raw`). So is a FIFO or a device
    named like a record: listed, refused when read, never waited on. Names are shown
    escaped (`shown_name`): a name that is not UTF-8 or holds a newline cannot break a
    message."""
    shown_root = shown_name(root.name)
    found: list[RecordFile] = []
    problems: list[Problem] = []
    pending = [("", str(root))]  # (displayed folder relative to root, its real path)
    while pending:
        rel_folder, folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as err:
            where = Source(f"{shown_root}/{rel_folder}/" if rel_folder else f"{shown_root}/")
            detail = err.strerror or type(err).__name__
            problems.append(make_problem("file.folder_unreadable", where, detail=detail))
            continue
        in_folder = folder_kind(rel_folder)
        for entry in entries:
            name = entry.name
            if hidden(name):  # nothing in them counts
                continue
            shown = shown_name(name)
            rel = f"{rel_folder}/{shown}" if rel_folder else shown
            if _is_folder(entry):
                pending.append((rel, entry.path))
                continue
            if entry.is_symlink() and _links_to_folder(entry):
                problems.append(make_problem("file.symlink", Source(f"{shown_root}/{rel}/")))
                continue
            kind = file_kind(in_folder, name)
            if kind == STRAY:
                problems.append(
                    make_problem("file.unknown_location", Source(f"{shown_root}/{rel}"))
                )
            elif kind:
                found.append(RecordFile(kind, entry.path, f"{shown_root}/{rel}"))
    found.sort(key=lambda f: f.shown)
    return found, problems


def _is_folder(entry: os.DirEntry) -> bool:
    """A real folder (not a link to one)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _links_to_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a broken link: a file name's rule decides
        return False


# --- policy defaults ----------------------------------------------------------------
def _merge(default: object, given: object) -> object:
    if isinstance(default, dict) and isinstance(given, dict):
        merged = copy.deepcopy(default)
        for key, value in given.items():
            merged[key] = _merge(merged.get(key), value)
        return merged
    return given if given is not None else copy.deepcopy(default)


def with_defaults(schemas: SchemaSet, kind: str, data: dict, path: tuple = ()) -> dict:
    """`data` with every `default` of the schema filled in beneath what is given."""
    node = schemas.field(kind, path).node
    out = dict(data)
    for key, spec in node.get("properties", {}).items():
        if "default" in spec:
            out[key] = _merge(spec["default"], out.get(key))
        value = out.get(key)
        if isinstance(value, dict):
            out[key] = with_defaults(schemas, kind, value, (*path, key))
    return out


def policy_from(data: dict, schemas: SchemaSet | None = None) -> Policy:
    """A policy from its YAML values with every schema default filled in (`{}`: the
    defaults alone), as the loader builds it: for building `Records` in memory."""
    schemas = schemas or SchemaSet()
    return build(Policy, with_defaults(schemas, "policy", data))


# --- loading ------------------------------------------------------------------------
# How the files are read: {displayed path: result} of each of `files` (`spent` gets the
# seconds of each step). generator.speed gives one that caches and uses worker processes.
FileReader = Callable[[list[RecordFile], SchemaSet, Reporter, Spent], dict[str, FileResult]]


def read_in_order(
    files: list[RecordFile], schemas: SchemaSet, reporter: Reporter, spent: Spent
) -> dict[str, FileResult]:
    """Every file read here, one after another: the reader with no speed mechanism."""
    results = {}
    for index, file in enumerate(files):
        results[file.shown] = read_file(file, schemas, models_of, spent)
        if index % 200 == 199:
            reporter.advance(200)
    reporter.advance(len(files) % 200)
    return results


def load_records(
    root: Path,
    schemas: SchemaSet | None = None,
    timer: StageTimer | None = None,
    reporter: Reporter = SILENT,
    found: Found | None = None,
    reader: FileReader = read_in_order,
) -> LoadResult:
    """Every record under root, each file read by `reader` (by default in order, here;
    generator.speed's reader takes unchanged files' results from its cache). `found`:
    the files already discovered by the caller."""
    schemas = schemas or SchemaSet()
    timer = timer or StageTimer()
    root = root.resolve()
    if found is None:
        with timer("discover"):
            found = Found(*discover(root))
    files, problems = found.files, list(found.problems)
    reporter.stage("读取记录 / reading records", len(files))
    spent = dict.fromkeys(STEPS, 0.0)
    with timer("read+parse+schema+model"):
        results = reader(files, schemas, reporter, spent)
    for step, seconds in spent.items():  # CPU seconds: in worker processes when many
        timer.seconds[f"  {step} (CPU, files not cached)"] += seconds
    by_kind: dict[str, list[tuple[RecordFile, FileResult]]] = {}
    for file in files:
        problems += results[file.shown].problems
        by_kind.setdefault(file.kind, []).append((file, results[file.shown]))

    for name, kind in SINGLE_FILES.items():
        if kind not in by_kind:
            problems.append(
                make_problem(
                    "file.missing", Source(f"{root.name}/{name}.yaml"), name=f"{name}.yaml"
                )
            )

    unreadable: dict[str, set[str]] = {}
    field_lines: dict[str, Mapping] = {}
    built: dict[str, list] = {}
    for kind, entries in by_kind.items():
        for file, result in entries:
            field_lines[file.shown] = result.locs
            if not result.readable or (not result.models and kind != "team"):
                # no model: unparsable, or a required value missing (`models_of`)
                unreadable.setdefault(kind, set()).add(file.stem)
                continue
            built.setdefault(kind, []).extend(result.models)

    # Rules from a policy file with errors cannot be trusted: check with the defaults.
    policy_paths = {file.shown for file, _ in by_kind.get("policy", [])}
    usable = bool(built.get("policy")) and not any(
        p.is_error and p.source.path in policy_paths for p in problems
    )
    policy = built["policy"][0] if usable else build(Policy, with_defaults(schemas, "policy", {}))

    records = Records(
        root=root,
        policy=policy,
        policy_usable=usable,
        staff_list=tuple(built.get("team", [])),
        customer_list=tuple(sorted(built.get("customer", []), key=lambda c: (c.id, c.source.path))),
        visits=tuple(sorted(built.get("visit", []), key=_visit_key)),
        complaint_list=tuple(
            sorted(built.get("complaint", []), key=lambda c: (c.id, c.source.path))
        ),
        survey_list=tuple(sorted(built.get("survey", []), key=lambda s: (s.id, s.source.path))),
        losses=tuple(sorted(built.get("lost", []), key=lambda d: (d.date, d.id, d.source.path))),
        plans=tuple(sorted(built.get("plan", []), key=lambda p: (p.id, p.source.path))),
        responses=tuple(sorted(built.get("survey_response", []), key=response_key)),
        unreadable={k: frozenset(v) for k, v in unreadable.items()},
        team_readable="team" in by_kind and "team" not in unreadable,
        field_lines=field_lines,
    )
    return LoadResult(records, problems, len(files))


def _visit_key(visit: Visit) -> tuple:
    return (
        visit.date.isoformat(),
        visit.time or "",
        visit.id,
        visit.source.path,
    )


def response_key(response: SurveyResponse) -> tuple:
    """A survey's forms in the order of their numbers (2 before 10), odd names after."""
    number = int(response.id) if response.id.isdigit() else None
    return (response.survey, number is None, number or 0, response.id, response.source.path)


def survey_of_response(shown: str) -> str:
    """The survey a response file answers: the folder holding its responses/ folder."""
    parts = shown.split("/")  # records/surveys/<survey>/responses/<n>.yaml
    return parts[-3] if len(parts) >= 4 else ""


def plan_id(path: str) -> str:
    """A plan's id from its path: its folder (the month) and file name, 2026-12-S05 for
    plans/2026-12/S05.yaml; the file name alone for one directly in plans/ (a misplaced
    plan, validate/plans.py)."""
    parent, name = PurePosixPath(path).parent.name, PurePosixPath(path).stem
    return name if parent == "plans" else f"{parent}-{name}"


def models_of(kind: str, stem: str, doc: Document, schemas: SchemaSet) -> list:
    """The models in one parsed file: its staff for team.yaml, else its one record; none
    when a value without a default is missing or unusable (the schema stage has reported
    it), so that no check ever sees half a record: the file then counts as unreadable, and
    references to it are not "unknown" (`load_records`)."""
    data = doc.data or {}
    if kind == "team":
        staff = []
        for index, item in enumerate(data.get("staff") or []):
            if isinstance(item, dict):
                with suppress(Unbuildable):
                    staff.append(build(Staff, item, source=doc.where(("staff", index))))
        return staff
    try:
        if kind == "policy":
            return [build(Policy, with_defaults(schemas, "policy", data), source=doc.source)]
        body = {"body": doc.body} if kind in ("customer", "visit", "complaint", "lost") else {}
        model = RECORD_TYPES[kind]
        named = kind in ("visit", "lost")  # its id is its file name
        ident = stem if named or not isinstance(data.get("id"), str) else data["id"]
        if kind == "plan":  # its id is its folder and file name
            ident = plan_id(doc.source.path)
        if kind == "survey_response":  # named by its number, in its survey's folder
            survey = survey_of_response(doc.source.path)
            return [build(model, data, id=stem, survey=survey, source=doc.source)]
        return [build(model, data, id=ident, source=doc.source, **body)]
    except Unbuildable:
        return []
