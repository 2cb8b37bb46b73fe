"""derive/items.py: deadlines, states, and when a visit happened (docs/rules.md)."""

from __future__ import annotations

import datetime as dt

from builders import at, day, visit

from generator.derive.items import (
    AsOf,
    Deadline,
    DueItem,
    completed,
    state_of,
)

TODAY = AsOf.day(day("2026-11-23"))


def test_a_day_deadline_ends_at_midnight_after_it_and_a_timed_one_at_its_moment():
    by_day = Deadline(day("2026-11-20"))
    assert by_day.moment == at("2026-11-21 00:00")
    assert by_day.allows(at("2026-11-20 23:59")) and not by_day.allows(at("2026-11-21 00:00"))
    assert by_day.allows(day("2026-11-20")) and not by_day.allows(day("2026-11-21"))
    timed = Deadline.of(at("2026-11-20 11:00"))
    assert timed.allows(at("2026-11-20 11:00")) and not timed.allows(at("2026-11-20 11:01"))
    assert timed.allows(day("2026-11-20"))  # a day without a time meets a deadline on that day
    assert str(timed) == "2026-11-20 11:00" and str(by_day) == "2026-11-20"


def test_how_late_by_day_or_by_time():
    # docs/rules.md: a promise due 11-18 kept 11-19 is 1 day late; a timed one by its minutes
    assert Deadline(day("2026-11-18")).late_by(day("2026-11-19")) == dt.timedelta(days=1)
    assert Deadline(day("2026-11-18")).late_by(day("2026-11-18")) is None
    timed = Deadline.of(at("2026-11-20 11:00"))
    assert timed.late_by(at("2026-11-20 12:00")) == dt.timedelta(hours=1)
    assert timed.late_by(day("2026-11-21")) == dt.timedelta(hours=13)  # from 11-21 00:00


def test_states_by_days_left_with_seven_soon_days():
    # due.soon_days 7 (schema default): today due_today, 7 days on due_soon, 8 upcoming
    def state(deadline, done=False, done_at=None):
        return state_of(Deadline(day(deadline)), done, TODAY, 7, done_at)

    assert state("2026-11-22") == "overdue"
    assert state("2026-11-23") == "due_today"
    assert state("2026-11-30") == "due_soon"
    assert state("2026-12-01") == "upcoming"
    assert state("2026-11-22", done=True) == "done"
    assert state("2026-11-22", done=True, done_at=day("2026-11-23")) == "done_late"


def test_a_timed_deadline_passes_within_the_day():
    as_of = AsOf(day("2026-11-23"), at("2026-11-23 12:00"))
    assert state_of(Deadline.of(at("2026-11-23 11:00")), False, as_of, 7) == "overdue"
    assert state_of(Deadline.of(at("2026-11-23 13:00")), False, as_of, 7) == "due_today"


def test_a_done_item_completed_after_its_deadline_is_done_late_with_how_late():
    item = DueItem(
        kind="commitment",
        rule="commitment",
        label="兑现承诺",
        customer="C0001",
        staff=("S01",),
        deadline=Deadline(day("2026-11-18")),
        state="done",
    )
    late = completed(item, day("2026-11-20"))
    assert (late.state, late.late_by, late.done) == ("done_late", dt.timedelta(days=2), True)
    assert completed(item, day("2026-11-18")).state == "done"
    open_item = DueItem(**{**item.__dict__, "state": "overdue"})
    assert completed(open_item, day("2026-11-20")) is open_item


def test_a_visit_happened_at_its_time_or_else_on_its_day():
    # docs/rules.md "When a visit happened": the one definition, Visit.moment()
    assert visit("2026-11-20", time="10:30").moment() == at("2026-11-20 10:30")
    assert visit("2026-11-20").moment() == day("2026-11-20")
    assert visit("2026-11-20", time="25:00").moment() == day("2026-11-20")  # not a time
    # a limit counted from a visit without a time starts at the end of its day
    assert visit("2026-11-20").latest() == at("2026-11-21 00:00")
    assert visit("2026-11-20", time="10:30").latest() == at("2026-11-20 10:30")
    # as a completion, a visit's day meets a deadline later that day
    assert Deadline.of(at("2026-11-20 11:00")).allows(visit("2026-11-20").moment())
