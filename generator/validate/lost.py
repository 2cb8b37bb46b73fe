"""Lost-deal reports (丢单报告): named and filed like visits, their customer and staff known,
not dated in the future, their reason one of the policy's `lost_reasons`; and a customer who
has left (`stage: lost`, seed 001: 对于流失客户…了解其离开原因) says why — by its own
`lost_reason` or by a lost-deal report of it (a completeness check: policy.yaml →
completeness → customer_lost_reason)."""

from __future__ import annotations

from datetime import date, timedelta

from generator.model import LostDeal, Records
from generator.problems import Problem
from generator.problems.catalogue import make_problem
from generator.validate.common import problem_at, switched_checks
from generator.validate.dates import _not_future
from generator.validate.references import _unknown, staff_reference


def allowed_reasons(records: Records) -> str:
    """The policy's reasons as a message lists them: `price 价格偏高, …`."""
    return ", ".join(f"{r.id} {r.label}" for r in records.policy.lost_reasons)


def file_names(records: Records, today: date) -> list[Problem]:
    """A report is named <date>-<customer>… in the folder of its year (lost/2026/), as a
    visit is: a folder listing reads like a log."""
    problems = []
    for deal in records.losses:
        if deal.customer and not deal.id.startswith(f"{deal.date.isoformat()}-{deal.customer}"):
            expected = f"{deal.date.isoformat()}-{deal.customer}"
            problems.append(
                make_problem(
                    "lost.filename_mismatch", deal.source, "", stem=deal.id, expected=expected
                )
            )
        problems += _year_folder(records, deal)
    return problems


def _year_folder(records: Records, deal: LostDeal) -> list[Problem]:
    parts = deal.source.path.split("/")  # records/lost/2026/x.md
    if len(parts) < 3:
        return []
    folder = parts[2] if len(parts) > 3 else parts[1]
    if folder == str(deal.date.year):
        return []
    return [
        problem_at(
            records,
            "path.year_mismatch",
            deal,
            ("date",),
            year=deal.date.year,
            folder="/".join(parts[:-1]) + "/",
            expected="/".join((*parts[:2], str(deal.date.year))) + "/",
        )
    ]


def references(records: Records, today: date) -> list[Problem]:
    """The customer and every staff member exist; the date has happened; the reason is the
    policy's (unless the policy itself could not be read: then it is not judged)."""
    problems: list[Problem] = []
    known = {r.id for r in records.policy.lost_reasons}
    for deal in records.losses:
        problems += _unknown(records, "customer", deal, ("customer",), deal.customer)
        for i, member in enumerate(deal.staff):
            problems += staff_reference(records, deal, ("staff", i), member)
        problems += _not_future(records, "lost", deal, ("date",), deal.date, today)
        if records.policy_usable and deal.reason not in known:
            problems.append(_unknown_reason(records, deal, ("reason",), deal.reason))
    for customer in records.customer_list:
        reason = customer.lost_reason
        if reason and records.policy_usable and reason not in known:
            problems.append(_unknown_reason(records, customer, ("lost_reason",), reason))
    return problems


def _unknown_reason(records: Records, record, path: tuple, reason: str) -> Problem:
    return problem_at(
        records,
        "lost.unknown_reason",
        record,
        path,
        reason=reason,
        allowed=allowed_reasons(records),
    )


def unread_reports(records: Records) -> set[str]:
    """The customers of the lost-deal reports that could not be read, from their names
    (<date>-<customer>, -2 … for a second that day): such a report still counts."""
    return {stem[11:].split("-")[0] for stem in records.unreadable.get("lost", ())}


def customer_lost_reason(records: Records, today: date):
    """A customer who has left says why: its `lost_reason`, or a lost-deal report of it (one
    that could not be read still counts: its file is there, named <date>-<customer>…)."""
    reported = {deal.customer for deal in records.losses} | unread_reports(records)
    allowed = allowed_reasons(records)
    for c in records.customer_list:
        if c.stage != "lost" or c.lost_reason or c.id in reported:
            continue
        yield "customer.lost_reason_missing", c, ("stage",), {"customer": c.id, "allowed": allowed}


# Seed 000 says a lost deal gets a 丢单报告 but not by when: a week after the visit that
# learnt of it, so the report can follow in its own pull request (docs/rules.md)
LOST_REPORT_DAYS = 7


def visits_lost_without_report(records: Records, today: date):
    """A visit that records its opportunity as lost is followed by a lost-deal report of that
    customer dated no more than LOST_REPORT_DAYS before it (or later), once the visit is a
    week old; a report that could not be read still counts."""
    reports: dict[str, list[date]] = {}
    for deal in records.losses:
        reports.setdefault(deal.customer, []).append(deal.date)
    unread = unread_reports(records)
    for visit in records.visits:
        if not (visit.opportunity and visit.opportunity.status == "lost" and visit.date):
            continue
        days = (today - visit.date).days
        if days < LOST_REPORT_DAYS or visit.customer in unread:
            continue
        earliest = visit.date - timedelta(days=LOST_REPORT_DAYS)
        if any(day >= earliest for day in reports.get(visit.customer, ())):
            continue
        params = {"customer": visit.customer, "days": days, "date": visit.date.isoformat()}
        yield "visit.lost_without_report", visit, ("opportunity", "status"), params


def completeness(records: Records, today: date) -> list[Problem]:
    finders = {
        "customer_lost_reason": customer_lost_reason,
        "lost_deal_report": visits_lost_without_report,
    }
    return switched_checks(records, finders, today)


CHECKS = (file_names, references, completeness)
