"""Times within one record: in order, not in the future."""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class DatesOutOfOrder(ProblemKind):
    code = "dates.out_of_order"
    title = "时间顺序不对"
    severity = "error"
    zh = "{later}（{later_value}）早于 {earlier}（{earlier_value}），时间顺序不对。请核对这两个时间。"
    en = "{later} ({later_value}) is before {earlier} ({earlier_value}). Check both times."
    later: str
    later_value: str
    earlier: str
    earlier_value: str


@dataclass(frozen=True, kw_only=True)
class DatesInFuture(ProblemKind):
    code = "dates.in_future"
    title = "日期晚于今天"
    severity = "error"
    zh = "{field} 是 {value}，晚于今天 {today}。尚未发生的事情不能记录；请核对日期。"
    en = (
        "{field} is {value}, after today ({today}). Something that has not happened cannot be "
        "recorded; check the date."
    )
    field: str | None = None  # the label of the field; None: the path
    value: str
    today: str
