"""Every record's address on the site, in one place (`SiteData.href`).

A page that names a record links to it through here, so a link never points at a page
that is not written: a customer's page, a complaint's page, a visit's entry on the
timeline page it is on (timelines are paged: `timelines.py` decides where each entry
goes, for the pages and for these links alike), a staff member's due list (written only
for someone with open items), a survey's section of the satisfaction page and a lost deal's
row on the 丢单分析 page. A record
the site does not show (not accepted by the gate, a visit still to come) has no address.

Paths are relative to the site's root; `href` puts the way from the linking page to the
root in front ("../" from a page one folder deep). Record ids are restricted by the
schemas to [A-Za-z0-9_-] (common.json), so they go into a path or fragment as they are.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from generator.site.timelines import (
    complaint_anchor,
    page_number,
    timeline_items,
    timeline_path,
    visit_anchor,
)

if TYPE_CHECKING:
    from generator.site.data import SiteData

KINDS = ("customer", "complaint", "visit", "staff", "survey", "lost")
LOST_PAGE = "deals/lost.html"  # the 丢单分析 page: every lost deal has its row there


def lost_anchor(deal_id: str) -> str:
    """The id of a lost deal's row on the 丢单分析 page (ids are file names: [A-Za-z0-9_-])."""
    return f"lost-{deal_id}"


def survey_anchor(survey_id: str) -> str:
    """The id of a survey's heading on the satisfaction page."""
    return f"survey-{survey_id}"


class Links:
    """The addresses of one build's records (made once per build, from its SiteData)."""

    def __init__(self, data: SiteData) -> None:
        records = data.records
        self.customers = set(records.customers)
        visits_of: dict[str, list] = defaultdict(list)
        for visit in data.done_visits:  # later visits are plans: on no timeline
            for customer in visit.all_customers:  # a meeting is on each customer's timeline
                if customer in self.customers:
                    visits_of[customer].append(visit)
        complaints_of: dict[str, list] = defaultdict(list)
        for status in data.complaints.statuses:
            complaints_of[status.complaint.customer].append(status)
        # each customer's timeline entries, newest first (pages.py writes them so)
        self.timelines: dict[str, list[tuple]] = {
            c: timeline_items(visits_of[c], complaints_of[c]) for c in records.customers
        }
        self.complaints = {
            s.complaint.id
            for s in data.complaints.statuses
            if s.complaint.customer in self.customers
        }
        self.visits: dict[str, str] = {}  # visit id → its entry on its first customer's timeline
        for customer, items in self.timelines.items():
            for index, (_, kind, record) in enumerate(items):
                if kind == "visit" and customer == _first_shown(record, self.customers):
                    page = timeline_path(customer, page_number(index))
                    self.visits[record.id] = f"customers/{page}#{visit_anchor(record.id)}"
        self.staff = {s for item in data.open_items for s in item.staff if s in records.staff}
        self.surveys = {s.id for s in records.survey_list}
        self.losses = {  # as the 丢单分析 page lists them (lost_pages.py)
            d.id for d in records.losses if d.customer in self.customers and d.date <= data.today
        }

    def path(self, kind: str, ident: str) -> str | None:
        """The record's page (with its anchor) from the site's root; None: not on the site."""
        if kind == "customer":
            return f"customers/{ident}.html" if ident in self.customers else None
        if kind == "complaint":
            return f"complaints/{ident}.html" if ident in self.complaints else None
        if kind == "visit":
            return self.visits.get(ident)
        if kind == "staff":
            return f"due/{ident}.html" if ident in self.staff else None
        if kind == "survey":
            return f"satisfaction.html#{survey_anchor(ident)}" if ident in self.surveys else None
        if kind == "lost":
            return f"{LOST_PAGE}#{lost_anchor(ident)}" if ident in self.losses else None
        raise ValueError(f"no such kind of record: {kind!r} (one of {', '.join(KINDS)})")

    def complaint_entry(self, complaint_id: str, customer: str) -> str:
        """A complaint's entry on its customer's timeline (for the complaint's own page)."""
        items = self.timelines.get(customer, [])
        for index, (_, kind, record) in enumerate(items):
            if kind == "complaint" and record.complaint.id == complaint_id:
                page = timeline_path(customer, page_number(index))
                return f"customers/{page}#{complaint_anchor(complaint_id)}"
        return ""


def _first_shown(visit, customers: set[str]) -> str | None:
    """The first of a visit's customers that has a page: its entry there is its address."""
    return next((c for c in visit.all_customers if c in customers), None)
