"""Figures for the 满意度 and 报表 pages: survey tables, satisfaction rates, visit statistics.

Pure functions of the records (and the as-of day); the page builders turn them
into rows. Rates are kept as counts (`Rate`) so tables can show both the
fraction and the numbers behind it.

Choices (docs/site.md):
- a survey item's satisfaction rate = answers in levels marked `satisfied`
  ÷ all answers to that item; the overall rate pools every item's answers;
- a visit's satisfaction rate = visits answered 满意 ÷ visits where the
  customer was asked (一般 counts as not satisfied);
- a visit counts for every staff member on it;
- a survey's distribution rate (发放率) = forms distributed ÷ its `population` (the
  households or customers to be surveyed); unknown (—) when the survey names none.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.derive.periods import Span
from generator.model import Survey, Visit
from generator.vocabulary import ACTION_LABELS


@dataclass(frozen=True)
class Rate:
    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def __str__(self) -> str:
        return f"{self.value:.1%}" if self.whole else "—"

    def __add__(self, other: Rate) -> Rate:
        return Rate(self.part + other.part, self.whole + other.whole)


NO_RATE = Rate(0, 0)


# --- surveys ------------------------------------------------------------------------
@dataclass(frozen=True)
class ItemResult:
    name: str
    counts: tuple[int, ...]  # in the survey's level order
    rate: Rate


@dataclass(frozen=True)
class ActionStatus:
    item: str
    action: str
    owner: str
    due: str
    done: str
    state: str  # done, overdue, open
    label: str


@dataclass(frozen=True)
class SurveyResult:
    survey: Survey
    levels: tuple[str, ...]
    items: tuple[ItemResult, ...]
    overall: Rate
    returned: Rate  # returned ÷ distributed
    return_target: float
    actions: tuple[ActionStatus, ...]
    distribution: Rate = NO_RATE  # distributed ÷ population (unknown without a population)
    distribution_target: float = 1.0

    @property
    def return_met(self) -> bool:
        value = self.returned.value
        return value is not None and value >= self.return_target

    @property
    def distribution_met(self) -> bool | None:
        """Against the target; None when the survey names no population."""
        value = self.distribution.value
        return None if value is None else value >= self.distribution_target


def survey_result(
    survey: Survey, return_target: float, today: dt.date, distribution_target: float = 1.0
) -> SurveyResult:
    satisfied = {level.name for level in survey.levels if level.satisfied}
    levels = tuple(level.name for level in survey.levels)
    items = []
    for item in survey.items:
        answers = sum(item.counts.values())
        good = sum(n for level, n in item.counts.items() if level in satisfied)
        counts = tuple(item.counts.get(level, 0) for level in levels)
        items.append(ItemResult(item.name, counts, Rate(good, answers)))
    overall = sum((i.rate for i in items), NO_RATE)
    return SurveyResult(
        survey,
        levels,
        tuple(items),
        overall,
        Rate(survey.returned, survey.distributed),
        return_target,
        tuple(_action_status(a, today) for a in survey.actions),
        Rate(survey.distributed, survey.population or 0),
        distribution_target,
    )


def _action_status(action, today: dt.date) -> ActionStatus:
    if action.done:
        state = "done"
    elif action.due and action.due < today:
        state = "overdue"
    else:
        state = "open"
    return ActionStatus(
        action.item,
        action.action,
        action.owner or "",
        action.due.isoformat() if action.due else "",
        action.done.isoformat() if action.done else "",
        state,
        ACTION_LABELS[state],
    )


def survey_trend(results: list[SurveyResult]) -> list[tuple[str, list[Rate]]]:
    """Each item's rate in every survey (oldest first); an item a survey lacks is NO_RATE."""
    names: list[str] = []
    for result in results:
        names += [i.name for i in result.items if i.name not in names]
    by_survey = [{i.name: i.rate for i in r.items} for r in results]
    return [(name, [rates.get(name, NO_RATE) for rates in by_survey]) for name in names]


# --- visits -------------------------------------------------------------------------
def _satisfied(visit: Visit) -> int:
    """One asked visit counts 1 of 1 if the customer said 满意, 0 of 1 otherwise."""
    return int(visit.satisfaction == "satisfied")


def satisfaction_of(visits: Iterable[Visit]) -> Rate:
    asked = [visit for visit in visits if visit.satisfaction]
    return Rate(sum(map(_satisfied, asked)), len(asked))


def satisfaction_by(visits: Iterable[Visit], key: Callable[[Visit], Iterable[str]]) -> dict:
    """Satisfaction rate of the visits where it was asked, grouped by key (a visit may
    fall in several groups, e.g. one per staff member)."""
    asked: Counter = Counter()
    satisfied: Counter = Counter()
    for visit in visits:
        if not visit.satisfaction:
            continue
        point = _satisfied(visit)
        for group in key(visit):
            asked[group] += 1
            satisfied[group] += point
    return {group: Rate(satisfied[group], asked[group]) for group in sorted(asked)}


def month_of(visit: Visit) -> tuple[str]:
    return (visit.date.isoformat()[:7],)


def staff_of(visit: Visit) -> tuple[str, ...]:
    return visit.staff


def in_span(visits: Sequence[Visit], span: Span) -> list[Visit]:
    """The visits dated in `span`, out of `visits` in date order (a slice, not a scan: the
    reports ask for dozens of periods of 100,000 visits)."""
    start = bisect_left(visits, span.start, key=_date)
    return list(visits[start : bisect_right(visits, span.end, lo=start, key=_date)])


def _date(visit: Visit) -> dt.date:
    return visit.date


@dataclass(frozen=True)
class VisitStats:
    """One row of the 客户拜访统计表: what a staff member (or the team) did in a period."""

    visits: int
    customers: int
    by_method: Counter
    new_customers: int  # visits of kind new_customer
    issues: int
    commitments: int
    satisfaction: Rate


def visit_stats(visits: list[Visit]) -> VisitStats:
    return VisitStats(
        visits=len(visits),
        customers=len({c for v in visits for c in v.all_customers}),
        by_method=Counter(v.method for v in visits),
        new_customers=len({v.customer for v in visits if v.kind == "new_customer"}),
        issues=sum(len(v.issues) for v in visits),
        commitments=sum(len(v.commitments) for v in visits),
        satisfaction=satisfaction_of(visits),
    )


def visits_of_staff(visits: Iterable[Visit]) -> dict[str, list[Visit]]:
    mine: dict[str, list[Visit]] = defaultdict(list)
    for visit in visits:
        for person in visit.staff:
            mine[person].append(visit)
    return mine
