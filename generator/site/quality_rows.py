"""The 数据质量 page's rows: each problem by its catalogue title, with a link to the record it is about, when the
site shows that record (`SiteData.href`). A record the gate rejected has no page: its row
names the file as the message does (`Problem.where`, masked like any echoed value)."""

from __future__ import annotations

from generator.problems.codes import CODES
from generator.site.data import SiteData
from generator.vocabulary import SEVERITY_LABELS


def record_of_file(data: SiteData) -> dict[str, tuple[str, str]]:
    """file path → (kind, id) of every record the site holds (accepted by the gate)."""
    records = data.records
    found: dict[str, tuple[str, str]] = {}
    for kind, items in (
        ("customer", records.customer_list),
        ("visit", records.visits),
        ("complaint", records.complaint_list),
        ("survey", records.survey_list),
        ("lost", records.losses),
    ):
        for record in items:
            found.setdefault(str(record.source.path), (kind, record.id))
    return found


def problem_rows(data: SiteData, prefix: str = "") -> list[dict]:
    by_file = record_of_file(data)
    rows = []
    for problem in data.report.problems:
        record = by_file.get(str(problem.source.path))
        href = data.href(record[0], record[1], prefix) if record else None
        rows.append(
            {
                "code": problem.code,
                "title": _title(problem.code),
                "where": problem.where,
                "severity": SEVERITY_LABELS.get(problem.severity, problem.severity),
                "message": problem.message_zh,
                "record": data.privacy.plain(record[1]) if record and href else "",
                "href": href or "",
            }
        )
    return rows


def _title(code: str) -> str:
    """The problem's short Chinese name from the catalogue (its code when unknown)."""
    kind = CODES.get(code)
    return kind.title if kind is not None else code
