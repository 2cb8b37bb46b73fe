"""Every record's address (generator/site/links.py, `SiteData.href`), from small built records."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import CheckReport
from generator.derive import AsOf, derive_all
from generator.model import Commitment
from generator.present.privacy import Privacy
from generator.site.data import SiteData
from generator.site.timelines import TIMELINE_PAGE
from tests.unit.builders import at, complaint, customer, day, lost_deal, records, survey, visit


def site_data(recs, today: str = "2026-11-23", masked: bool = True) -> SiteData:
    report = CheckReport(Path("records"), [], 0, False, recs)
    agenda, complaints = derive_all(recs, AsOf.day(day(today)))
    return SiteData(report, agenda, complaints, Privacy(masked))


def test_customer_and_complaint_pages():
    recs = records(
        customers=[customer("C0001"), customer("C0002")],
        complaints=[complaint("K2026-0007", customer="C0002")],
    )
    data = site_data(recs)
    assert data.href("customer", "C0001", "../") == "../customers/C0001.html"
    assert data.href("complaint", "K2026-0007", "") == "complaints/K2026-0007.html"
    assert data.href("customer", "C0099", "") is None  # not on the site
    assert data.href("complaint", "K2026-0099", "") is None


def test_a_visit_is_an_anchor_on_the_timeline_page_it_is_on():
    # 55 visits and one complaint: newest first, the complaint (2026-11-10) is entry 0
    # after the visits of 11-11 and later; entries 50 and on are on page 2.
    visits = [visit(day("2026-01-01").fromordinal(day("2026-01-01").toordinal() + n))
              for n in range(55)]  # fmt: skip
    recs = records(visits=visits, complaints=[complaint(received=at("2026-11-10 09:00"))])
    data = site_data(recs)
    newest, oldest = visits[-1], visits[0]  # 2026-02-24 and 2026-01-01
    assert data.href("visit", newest.id, "../") == f"../customers/C0001.html#v-{newest.id}"
    # 56 entries: the complaint is newest, then 55 visits; the oldest 6 are entries 50–55
    assert len(data.links.timelines["C0001"]) == 56
    assert data.href("visit", oldest.id, "") == f"customers/C0001-timeline-2.html#v-{oldest.id}"
    page_two = [v for v in visits[:6]]
    for v in page_two:
        assert data.href("visit", v.id, "").startswith("customers/C0001-timeline-2.html#")
    assert data.href("visit", visits[6].id, "").startswith("customers/C0001.html#")
    assert TIMELINE_PAGE == 50  # the figures above are counted for pages of 50


def test_a_later_visit_has_no_address_and_a_meeting_is_on_its_first_customer():
    later = visit("2026-12-01")
    meeting = visit("2026-11-20", customer="C0002", customers=("C0001",), id="meet")
    recs = records(customers=[customer("C0001"), customer("C0002")], visits=[later, meeting])
    data = site_data(recs)
    assert data.href("visit", later.id, "") is None  # after the as-of day: a plan
    assert data.href("visit", "meet", "") == "customers/C0002.html#v-meet"


def test_staff_due_page_only_for_someone_with_open_items():
    # S01's visit promised something by 2026-11-25, not done: an open item of S01's
    promise = Commitment(text="寄样品", due=day("2026-11-25"))
    recs = records(visits=[visit("2026-11-20", commitments=(promise,))])
    data = site_data(recs)
    owners = {s for item in data.open_items for s in item.staff}
    assert "S01" in owners and "S02" not in owners
    assert data.href("staff", "S01", "../") == "../due/S01.html"
    assert data.href("staff", "S02", "") is None
    assert data.href("staff", "S99", "") is None


def test_survey_anchor_and_unknown_kind():
    data = site_data(records(surveys=[survey("2026H1")]))
    assert data.href("survey", "2026H1", "") == "satisfaction.html#survey-2026H1"
    assert data.href("survey", "2025H2", "") is None
    with pytest.raises(ValueError):
        data.href("order", "X", "")


def test_a_lost_deal_is_its_row_on_the_lost_deals_page_once_it_happened():
    recs = records(
        customers=[customer("C0001")],
        losses=[lost_deal("2026-11-10"), lost_deal("2026-11-30"), lost_deal(customer="C0099")],
    )
    data = site_data(recs)
    assert (
        data.href("lost", "2026-11-10-C0001", "../") == "../deals/lost.html#lost-2026-11-10-C0001"
    )
    assert data.href("lost", "2026-11-30-C0001", "") is None  # after the as-of day: not listed
    assert data.href("lost", "2026-11-10-C0099", "") is None  # its customer has no page
