"""How a customer's timeline is ordered and paged: one rule for the pages that show it
(pages.py) and for the links that point into it (links.py), so a visit's link always
lands on the page its entry is on."""

from __future__ import annotations

TIMELINE_OPEN = 20  # the newest entries of a timeline page shown open; the others folded
TIMELINE_PAGE = 50  # entries per timeline page: the largest customer page stays ~100 KB


def timeline_items(visits, statuses) -> list[tuple]:
    """(sort key, kind, record) of a customer's visits and complaints, newest first."""
    items = [((v.date.isoformat(), v.time or "", v.id), "visit", v) for v in visits]
    items += [((s.complaint.received.isoformat(), "", s.complaint.id), "complaint", s)
              for s in statuses]  # fmt: skip
    return sorted(items, key=lambda item: item[0], reverse=True)


def timeline_page_count(items: list) -> int:
    return max(1, -(-len(items) // TIMELINE_PAGE))


def page_number(index: int) -> int:
    """The timeline page (1, 2 …) of the entry at `index` (0: the newest)."""
    return index // TIMELINE_PAGE + 1


def timeline_path(customer_id: str, number: int) -> str:
    """Page 1 is the customer's own page; older entries are on pages 2, 3 … beside it."""
    return f"{customer_id}.html" if number == 1 else f"{customer_id}-timeline-{number}.html"


def visit_anchor(visit_id: str) -> str:
    """The id of a visit's entry on a timeline page (visit ids are file names: [A-Za-z0-9_-])."""
    return f"v-{visit_id}"


def complaint_anchor(complaint_id: str) -> str:
    """The id of a complaint's entry on its customer's timeline."""
    return f"k-{complaint_id}"
