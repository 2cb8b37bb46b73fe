"""Deals as people see them: a lost-deal report and an open opportunity as table rows, every
value shown as `Privacy` allows (the customer's name, free text with its numbers masked),
labels from the schemas and the policy's lost reasons. The site's 商机 pages show these."""

from __future__ import annotations

import datetime as dt

from generator.derive.deals import Opportunity, Tally
from generator.model import LostDeal, Records
from generator.present.privacy import Privacy
from generator.vocabulary import enum_text

NO_COMPETITOR = "（未填）"


def yuan(amount: float) -> str:
    """86000 → "86,000"; 1234.5 → "1,234.50"."""
    return f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"


def tally_row(tally: Tally, label: str) -> dict[str, object]:
    return {
        "label": label,
        "deals": tally.deals,
        "amount": yuan(tally.amount) if tally.priced else "—",
        "priced": tally.priced,
    }


def staff_label(privacy: Privacy, records: Records, ident: str) -> str:
    """ "S05 陈帅" (as SiteData.staff_label shows staff)."""
    member = records.staff.get(ident)
    return privacy.text(f"{ident} {member.name}") if member else privacy.text(ident)


def lost_row(privacy: Privacy, records: Records, deal: LostDeal) -> dict[str, object]:
    customer = records.customers.get(deal.customer)
    return {
        "id": deal.id,
        "date": deal.date.isoformat(),
        "customer": deal.customer,
        "customer_name": privacy.customer_name(customer),
        "opportunity": privacy.free_text(deal.opportunity),
        "reason": records.policy.lost_reason_label(deal.reason),
        "competitor": privacy.free_text(deal.competitor) or NO_COMPETITOR,
        "amount": yuan(deal.amount) if deal.amount is not None else "—",
        "staff": "、".join(staff_label(privacy, records, s) for s in deal.staff),
        "lessons": privacy.free_text(deal.lessons),
    }


def opportunity_row(
    privacy: Privacy, records: Records, opportunity: Opportunity, today: dt.date
) -> dict[str, object]:
    latest = opportunity.latest
    customer = records.customers.get(opportunity.customer)
    next_contact = latest.next_contact
    return {
        "customer": opportunity.customer,
        "customer_name": privacy.customer_name(customer),
        "description": privacy.free_text(opportunity.latest_of("description")),
        "status": enum_text("visit", ("opportunity", "status"), opportunity.status) or "未填",
        "owner": staff_label(privacy, records, customer.owner) if customer else "",
        "next_step": privacy.free_text(opportunity.latest_of("next_step")),
        "next_contact": next_contact.strftime("%Y-%m-%d %H:%M")
        if isinstance(next_contact, dt.datetime)
        else next_contact.isoformat()
        if next_contact
        else "",
        "latest": latest.date.isoformat(),
        "latest_staff": "、".join(staff_label(privacy, records, s) for s in latest.staff),
        "latest_visit": latest.id,
        "opened": opportunity.opened.isoformat(),
        "age": opportunity.age(today),
        "visits": len(opportunity.visits),
    }
