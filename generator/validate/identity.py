"""Ids are unique per kind, file names match ids, dated records sit in their year's folder."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath

from generator.model import Complaint, Customer, Records, Staff, Survey, Visit
from generator.problems import Problem
from generator.problems.catalogue import make_problem
from generator.validate.common import problem_at


def unique_ids(records: Records, today: date) -> list[Problem]:
    problems = []
    kinds: tuple[tuple[Staff | Customer | Complaint | Survey, ...], ...] = (
        records.staff_list,
        records.customer_list,
        records.complaint_list,
        records.survey_list,
    )
    for items in kinds:
        first: dict[str, Staff | Customer | Complaint | Survey] = {}
        for item in items:
            if item.id in first:
                other = first[item.id].source
                problems.append(
                    make_problem(
                        "id.duplicate",
                        item.source,
                        "id",
                        id=item.id,
                        other=f"{other.path}:{other.line}",
                    )
                )
            else:
                first[item.id] = item
    return problems


def file_names_match_ids(records: Records, today: date) -> list[Problem]:
    problems = []
    filed: list[Customer | Complaint | Survey] = [
        *records.customer_list,
        *records.complaint_list,
        *records.survey_list,
    ]
    for item in filed:
        path = PurePosixPath(item.source.path)
        if path.stem != item.id:
            problems.append(
                problem_at(
                    records,
                    "id.filename_mismatch",
                    item,
                    ("id",),
                    stem=path.stem,
                    id=item.id,
                    expected=item.id + path.suffix,
                )
            )
    return problems


def year_folders(records: Records, today: date) -> list[Problem]:
    """visits/2026/… and complaints/2026/… hold that year's records."""
    problems = []
    dated: list[tuple[Visit | Complaint, date, str]] = [(v, v.date, "date") for v in records.visits]
    dated += [(c, c.received.date(), "received") for c in records.complaint_list]
    for item, day, field in dated:
        parts = item.source.path.split("/")  # records/visits/2026/x.md
        if len(parts) < 3:
            continue
        folder = parts[2] if len(parts) > 3 else parts[1]
        if folder != str(day.year):
            expected = "/".join((*parts[:2], str(day.year))) + "/"
            problems.append(
                problem_at(
                    records,
                    "path.year_mismatch",
                    item,
                    (field,),
                    year=day.year,
                    folder="/".join(parts[:-1]) + "/",
                    expected=expected,
                )
            )
    return problems


def visit_file_names(records: Records, today: date) -> list[Problem]:
    """A visit file is named date-customer-…, so a folder listing reads like a log."""
    problems = []
    for visit in records.visits:
        if not visit.customer:
            continue
        expected = f"{visit.date.isoformat()}-{visit.customer}"
        if not visit.id.startswith(expected):
            problems.append(
                make_problem(
                    "visit.filename_mismatch", visit.source, "", stem=visit.id, expected=expected
                )
            )
    return problems


CHECKS = (unique_ids, file_names_match_ids, year_folders, visit_file_names)
