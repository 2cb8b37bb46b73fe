"""What every page builder works from: the checked records, the agenda, the complaint
report and the privacy profile (`SiteData`); a page to write (`Page`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from generator.check import CheckReport
from generator.derive import Agenda, ComplaintReport
from generator.derive.items import DueItem
from generator.derive.responses import by_survey, tallied
from generator.derive.sla import ComplaintStatus
from generator.derive.statistics import SurveyResult, survey_result
from generator.history import History, RecordHistory, Version
from generator.model import LostDeal, SurveyResponse, Visit
from generator.present.complaints import complaint_row
from generator.present.due import View, due_row, select
from generator.present.privacy import Privacy
from generator.site.editor_links import EditorLinks
from generator.site.links import Links
from generator.site.sanitise import body_html as render_body
from generator.validate.signoffs import Identities


@dataclass(frozen=True)
class Page:
    path: str  # in the docs tree, e.g. customers/C0001.md
    title: str  # plain text; escaped when written
    template: str
    # made when the page is written, by the process that writes it (site/writer.py)
    context: Callable[[], dict]
    # the ids and names this page is the page of: a search for one of them puts it first
    # (weighted in the search copy, render.write_page)
    own: tuple[str, ...] = ()


def ready(context: dict) -> Callable[[], dict]:
    """The context of a page whose context is made already (a small page's)."""
    return lambda: context


@dataclass
class SiteData:
    report: CheckReport
    agenda: Agenda
    complaints: ComplaintReport
    privacy: Privacy
    history: History | None = None  # None: the records are not in a Git repository
    bodies: dict[str, str] = field(default_factory=dict)  # rendered ahead (`bodies.py`)
    commit_url: str = ""  # the team's link to a commit, with {commit} (commit_links.py)
    site_address: str = ""  # where the site is published, ending in / (commit_links.py)
    editor: bool = False  # the team has the browser editor (admin/): pages link into it

    @property
    def records(self):
        return self.report.records

    def body_html(self, text: str) -> str:
        """A record's body as safe HTML: rendered ahead, or now."""
        if not text:
            return ""
        rendered = self.bodies.get(text)
        return rendered if rendered is not None else render_body(text, self.privacy.masked)

    @property
    def today(self) -> dt.date:
        return self.agenda.as_of.today

    @cached_property
    def view(self) -> View:
        return View(self.records, masked=self.privacy.masked)

    def due_row(self, item: DueItem, prefix: str, who: str = "") -> dict:
        """The item as a table row, with `evidence`: the visits that count, linked, and
        `record`: with the editor, the link to record the visit that completes it (by `who`,
        the person whose list it is on), else None (editor_links.py)."""
        row = due_row(self.view, item, prefix)
        row["record"] = self.editor_links.due_item(item, prefix, who) if self.editor else None
        shown = self.view.evidence(item)
        row["evidence"] = [
            {"text": text, "href": self.href("visit", ident, prefix) or ""}
            for ident, text in zip(item.evidence, shown, strict=True)
        ]
        return row

    def complaint_row(self, status: ComplaintStatus, prefix: str) -> dict:
        """The complaint as a table row, with `href`: its own page."""
        row = complaint_row(self.privacy, self.records, status, prefix)
        row["href"] = self.href("complaint", status.complaint.id, prefix) or ""
        return row

    @cached_property
    def editor_links(self) -> EditorLinks:
        return EditorLinks(self.records)

    @cached_property
    def links(self) -> Links:
        return Links(self)

    def href(self, kind: str, ident: str, prefix: str) -> str | None:
        """The link to a record's page or anchor from a page `prefix` away from the root
        ("../" from a page one folder deep); None when the site has no page for it.
        kind: customer, complaint, visit, staff or survey (links.py)."""
        path = self.links.path(kind, ident)
        return None if path is None else prefix + path

    def staff_label(self, staff_id: str) -> str:
        """ "S05 陈帅" (staff names are not personal data of customers: shown; a number typed
        into one is masked as in any text)."""
        staff = self.records.staff.get(staff_id)
        return self.privacy.text(f"{staff_id} {staff.name}") if staff else staff_id

    @cached_property
    def identities(self) -> Identities:
        """team.yaml's Git identities: who made each commit of the 变更 rows."""
        return Identities.of(self.records)

    @cached_property
    def changes(self) -> list[tuple[RecordHistory, Version]]:
        """Every record version, newest first (for the 变更 pages and the feed)."""
        return self.history.changes() if self.history else []

    @cached_property
    def losses_by_customer(self) -> dict[str, list[LostDeal]]:
        """Each customer's lost-deal reports, by date (for its page)."""
        found: dict[str, list[LostDeal]] = {}
        for deal in self.records.losses:
            found.setdefault(deal.customer, []).append(deal)
        return found

    @cached_property
    def open_items(self) -> list[DueItem]:
        return select(self.agenda)

    @cached_property
    def done_visits(self) -> list[Visit]:
        """Visits on or before the as-of day (later ones are plans, not contacts), in date
        order (the records keep visits sorted by date)."""
        return [v for v in self.records.visits if v.date and v.date <= self.today]

    @cached_property
    def survey_forms(self) -> dict[str, list[SurveyResponse]]:
        """Each survey's response records (问卷), by number."""
        return by_survey(self.records.responses)

    @cached_property
    def survey_results(self) -> list[SurveyResult]:
        """Every survey's figures, oldest first; a survey without counts of its own counted
        from its responses (derive/responses.py)."""
        targets = self.records.policy.surveys
        returned = targets.return_rate_target
        distributed = targets.distribution_rate_target
        ordered = sorted(
            self.records.survey_list, key=lambda s: (s.period.start or dt.date.min, s.id)
        )
        return [
            survey_result(tallied(s, self.survey_forms.get(s.id, [])), returned, self.today,
                          distributed)
            for s in ordered
        ]  # fmt: skip
