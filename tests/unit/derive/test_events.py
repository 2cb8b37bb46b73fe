"""derive/events.py: contacts within N days of an event, optionally repeating, or a sample
(domain.md §3: car repair, a return call within 10 days of every repair; software, a first
phone visit a month after installation, then quarterly; §6 / seed 003: the centre head checks
20% of repair records every quarter)."""

from __future__ import annotations

from builders import at, complaint, context, customer, day, policy, records, visit

from generator.derive.events import event_items

REPAIR_CALL = {
    "name": "repair_call",
    "label": "报修后10天内回访",
    "after": "visit.repair",
    "within_days": 10,
    "methods": "phone",
}
REPAIR = visit("2026-11-02", method="phone", kind="repair")  # a phone visit: still not its own call


def _items(today, *visits, rule=REPAIR_CALL, customers=None, complaints=(), **more):
    rules = policy(events=[rule], **more)
    recs = records(
        customers=customers or [customer()], visits=visits, complaints=complaints, rules=rules
    )
    return event_items(context(recs, today), recs.policy.events[0])


def test_a_repair_is_called_back_within_ten_days():
    # repaired 11-02 → by 11-12; on 11-10 two days remain, on 11-13 it is overdue
    assert [(str(i.deadline), i.state) for i in _items("2026-11-10", REPAIR)] == [
        ("2026-11-12", "due_soon")
    ]
    assert [i.state for i in _items("2026-11-13", REPAIR)] == ["overdue"]


def test_the_repair_visit_itself_does_not_count_but_a_later_call_does():
    assert [i.need.done for i in _items("2026-11-10", REPAIR)] == [0]
    found = _items("2026-11-10", REPAIR, visit("2026-11-09", method="wechat"))
    assert [(i.state, i.evidence) for i in found] == [("done", ("2026-11-09-C0001-wechat",))]


def test_a_call_after_the_deadline_still_completes_it():
    found = _items("2026-11-16", REPAIR, visit("2026-11-14"))
    assert [i.state for i in found] == ["done"]  # done late: generator.derive marks how late


def test_a_trigger_before_due_start_or_after_today_is_not_one():
    assert _items("2026-11-10", REPAIR, due={"start": "2026-11-03"}) == []
    assert _items("2026-11-01", REPAIR) == []


def test_installation_then_a_visit_every_quarter():
    # installed 07-15 → first phone visit by 08-14; then each quarter after the one holding
    # 08-14: from 10-01, Q4 due 12-31 (made 08-01, so the first is done and long past)
    rule = {
        "name": "software",
        "label": "安装后回访",
        "after": "events.installed",
        "within_days": 30,
        "methods": "phone",
        "then": {"period": "quarter", "min": 1},
    }
    installed = customer(events={"installed": day("2026-07-15")})
    found = _items("2026-11-18", visit("2026-08-01"), rule=rule, customers=[installed])
    assert [(str(i.deadline), i.state, i.need.done) for i in found] == [
        ("2026-12-31", "upcoming", 0)
    ]
    found = _items(
        "2026-11-18", visit("2026-08-01"), visit("2026-10-20"), rule=rule, customers=[installed]
    )
    assert [i.state for i in found] == ["done"]


def test_a_follow_up_visit_after_a_resolved_complaint():
    rule = {
        "name": "after_complaint",
        "label": "投诉回访",
        "after": "complaint.resolved",
        "within_days": 7,
    }
    resolved = complaint(resolved=at("2026-11-04 11:00"))
    found = _items("2026-11-06", rule=rule, complaints=[resolved])
    assert [(str(i.deadline), i.subject) for i in found] == [
        ("2026-11-11", "投诉 K2026-0001 处理完毕")
    ]
    assert _items("2026-11-06", rule=rule, complaints=[complaint()]) == []  # not resolved yet


def _repairs(count):
    return [
        visit(f"2026-10-{n + 1:02d}", id=f"2026-10-{n + 1:02d}-C0001-repair", kind="repair")
        for n in range(count)
    ]


SAMPLED = {
    "name": "repair_check",
    "label": "报修抽查",
    "after": "visit.repair",
    "sample": {"share": 0.2, "period": "quarter", "kind": "check"},
}


def test_a_fifth_of_each_quarters_repairs_is_checked_rounding_up():
    # 5 repairs in Q4: ⌈0.2 × 5⌉ = 1; 6 repairs: ⌈1.2⌉ = 2; each due by the quarter's end
    one = _items("2026-11-18", *_repairs(5), rule=SAMPLED)
    assert [str(i.deadline) for i in one] == ["2026-12-31"]
    assert len(_items("2026-11-18", *_repairs(6), rule=SAMPLED)) == 2


def test_a_sampled_repair_is_done_by_a_check_visit_naming_it():
    (drawn,) = _items("2026-11-18", *_repairs(5), rule=SAMPLED)
    checked = drawn.subject.removeprefix("抽查 ")
    check = visit("2026-11-17", kind="check", checks=checked)
    other = visit("2026-11-16", kind="routine", checks=checked)  # not a check call
    found = _items("2026-11-18", *_repairs(5), check, other, rule=SAMPLED)
    assert [(i.state, i.evidence) for i in found] == [("done", (check.id,))]
    # the same records draw the same repair
    assert _items("2026-11-18", *_repairs(5), rule=SAMPLED)[0].subject == drawn.subject


def test_a_call_before_the_repair_on_the_same_day_is_not_its_return_call():
    repair = visit("2026-11-02", time="14:00", method="onsite", kind="repair")
    earlier = visit("2026-11-02", time="09:00")
    assert [i.state for i in _items("2026-11-10", repair, earlier)] == ["due_soon"]
    # a call later that day, or one without a time (it may have been later), is the return call
    later = visit("2026-11-02", time="16:00")
    untimed = visit("2026-11-02")
    for call in (later, untimed):
        assert [i.state for i in _items("2026-11-10", repair, call)] == ["done"]
