"""The records of one folder as one value: what every check, rule and page reads.

Built by `generator.read.load_records` from files, or directly in memory by tests
(`Records(root, policy, ...)` with the models it should hold).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from generator.model.policy import Policy
from generator.model.records import (
    Complaint,
    Customer,
    LostDeal,
    Plan,
    Staff,
    Survey,
    SurveyResponse,
    Visit,
)
from generator.problems import Source, locate

if TYPE_CHECKING:
    from typing import Protocol, TypeVar

    class _Identified(Protocol):
        @property
        def id(self) -> str: ...

    _Item = TypeVar("_Item", bound=_Identified)

# A model that knows where it was read from.
Sourced = Staff | Customer | Visit | Complaint | Survey | SurveyResponse | LostDeal | Plan | Policy


@dataclass(frozen=True)
class Records:
    """Everything that could be read from one records folder, sorted by a fixed key."""

    root: Path
    policy: Policy
    policy_usable: bool
    staff_list: tuple[Staff, ...] = ()
    customer_list: tuple[Customer, ...] = ()
    visits: tuple[Visit, ...] = ()
    complaint_list: tuple[Complaint, ...] = ()
    survey_list: tuple[Survey, ...] = ()
    losses: tuple[LostDeal, ...] = ()  # 丢单报告, by date like visits
    # 问卷: each survey's returned forms (surveys/<id>/responses/), by survey and number
    responses: tuple[SurveyResponse, ...] = ()
    plans: tuple[Plan, ...] = ()  # 拜访计划书: one per person and month, by month and staff
    # kind → file stems that exist but could not be read (references to them are not "unknown")
    unreadable: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # False when team.yaml is missing or unreadable: staff references cannot be verified
    team_readable: bool = True
    # source path → field path → (line, column)
    field_lines: Mapping[str, Mapping[tuple[object, ...], tuple[int, int]]] = field(
        default_factory=dict
    )

    @cached_property
    def staff(self) -> dict[str, Staff]:
        return _first_by_id(self.staff_list)

    @cached_property
    def customers(self) -> dict[str, Customer]:
        return _first_by_id(self.customer_list)

    @cached_property
    def complaints(self) -> dict[str, Complaint]:
        return _first_by_id(self.complaint_list)

    @cached_property
    def surveys(self) -> dict[str, Survey]:
        return _first_by_id(self.survey_list)

    def exists(self, kind: str, ident: str) -> bool:
        """Known, or unverifiable because its file could not be read (so not "unknown")."""
        if kind == "staff" and not self.team_readable:
            return True
        index: dict[str, Mapping[str, object]] = {
            "customer": self.customers,
            "complaint": self.complaints,
            "staff": self.staff,
        }
        return ident in index[kind] or ident in self.unreadable.get(kind, ())

    def where(self, record: Sourced, *path: object) -> Source:
        """The line of a field of a record that has a file of its own (not staff)."""
        source = record.source
        return locate(source, self.field_lines.get(source.path, {}), path)


def _first_by_id(items: Iterable[_Item]) -> dict[str, _Item]:
    index: dict[str, _Item] = {}
    for item in items:
        index.setdefault(item.id, item)
    return index
