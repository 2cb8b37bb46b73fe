"""Deals: the opportunities the visits follow (跟单总控表) and the lost-deal reports summed
up (丢单汇总分析, seed 000: 销售管理部汇总分析形成《丢单汇总分析报告》,用于工作改进).

Pure functions of the records and the as-of day. The choices (docs/site.md, "商机"):

- An opportunity is followed on one customer's visits: each visit of the customer (its
  first `customer`) with an `opportunity` belongs to the customer's current opportunity;
  the first such visit opens it, and a visit whose status is won (成交), lost (丢单) or
  none (无) closes it. The next visit with an opportunity opens a new one.
- An opportunity is open while its latest status is lead, qualified or proposal, or
  not given. Its age is the days from the visit that opened it to the as-of day; its
  description and next step are the latest visit's that gives one.
- Lost deals are the `lost` records up to the as-of day, counted by the month of their
  date, by reason, by competitor (not given: its own row) and by staff member (a deal
  followed by two people counts for each); amounts add up the deals that give one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.model import LostDeal, Visit

CLOSED = frozenset({"won", "lost", "none"})  # statuses that end an opportunity


@dataclass(frozen=True)
class Opportunity:
    """One opportunity, as its customer's visits followed it (oldest first)."""

    customer: str
    visits: tuple[Visit, ...]

    @property
    def opened(self) -> dt.date:
        return self.visits[0].date

    @property
    def latest(self) -> Visit:
        return self.visits[-1]

    @property
    def status(self) -> str | None:
        """The latest visit's status (None: that visit gives none)."""
        latest = self.latest.opportunity
        return latest.status if latest else None

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED

    def latest_of(self, field: str) -> str | None:
        """The newest non-empty `field` (description, next_step) of its visits."""
        for visit in reversed(self.visits):
            value = getattr(visit.opportunity, field, None)
            if value and value.strip():
                return str(value)
        return None

    def age(self, today: dt.date) -> int:
        """Days since the visit that opened it."""
        return (today - self.opened).days


def _visit_order(visit: Visit) -> tuple:
    return (visit.date, visit.time or "", visit.id)


def opportunities(visits: Iterable[Visit], today: dt.date) -> list[Opportunity]:
    """Every opportunity the visits up to `today` follow, open or closed, in the order
    they were opened (then by customer)."""
    current: dict[str, list[Visit]] = {}
    made: list[Opportunity] = []
    for visit in sorted((v for v in visits if v.date <= today), key=_visit_order):
        if visit.opportunity is None:
            continue
        status = visit.opportunity.status
        thread = current.get(visit.customer)
        if thread is None:
            if status == "none":
                continue  # "no opportunity" with nothing open: nothing to follow
            thread = current[visit.customer] = []
        thread.append(visit)
        if status in CLOSED:
            made.append(Opportunity(visit.customer, tuple(current.pop(visit.customer))))
    made += [Opportunity(c, tuple(t)) for c, t in current.items()]
    return sorted(made, key=lambda o: (o.opened, o.customer, _visit_order(o.latest)))


def open_opportunities(visits: Iterable[Visit], today: dt.date) -> list[Opportunity]:
    """The open ones, newest first: the latest opened first, then the latest followed, then
    by customer."""
    found = sorted((o for o in opportunities(visits, today) if o.is_open), key=lambda o: o.customer)
    return sorted(found, key=lambda o: (o.opened, _visit_order(o.latest)[:2]), reverse=True)


# --- lost deals ---------------------------------------------------------------------
@dataclass(frozen=True)
class Tally:
    """How many deals and how much money (the deals that give an amount) in one group."""

    key: str
    deals: int = 0
    amount: float = 0.0
    priced: int = 0  # deals with an amount

    def plus(self, deal: LostDeal) -> Tally:
        priced = deal.amount is not None
        return Tally(
            self.key,
            self.deals + 1,
            self.amount + (deal.amount or 0.0),
            self.priced + priced,
        )


@dataclass(frozen=True)
class LostSummary:
    deals: tuple[LostDeal, ...]  # newest first
    total: Tally
    by_month: tuple[Tally, ...]  # YYYY-MM, oldest first
    by_reason: tuple[Tally, ...]  # most deals first, then by key
    by_competitor: tuple[Tally, ...]  # "" for deals that name none
    by_staff: tuple[Tally, ...]


def _tally(deals: Iterable[LostDeal], keys: Callable[[LostDeal], Iterable[str]]) -> list[Tally]:
    found: dict[str, Tally] = {}
    for deal in deals:
        for key in dict.fromkeys(keys(deal)):
            found[key] = found.get(key, Tally(key)).plus(deal)
    return list(found.values())


def _biggest_first(tallies: list[Tally]) -> tuple[Tally, ...]:
    return tuple(sorted(tallies, key=lambda t: (-t.deals, -t.amount, t.key)))


def lost_summary(losses: Iterable[LostDeal], today: dt.date) -> LostSummary:
    """The lost deals up to `today`, counted every way the 丢单分析 page shows."""
    deals = sorted(
        (d for d in losses if d.date <= today), key=lambda d: (d.date, d.id), reverse=True
    )
    total = Tally("")
    for deal in deals:
        total = total.plus(deal)
    months = sorted(_tally(deals, lambda d: (d.date.strftime("%Y-%m"),)), key=lambda t: t.key)
    competitors = _tally(deals, lambda d: ((d.competitor or "").strip(),))
    return LostSummary(
        deals=tuple(deals),
        total=total,
        by_month=tuple(months),
        by_reason=_biggest_first(_tally(deals, lambda d: (d.reason,))),
        by_competitor=_biggest_first(competitors),
        by_staff=_biggest_first(_tally(deals, lambda d: d.staff)),
    )
