"""derive/cadence.py: at least `min` matching contacts in every period, or every N days
(domain.md §3: A1 phone ≥2 per week; local customers monthly; real-estate key prospects every
3 days; docs/rules.md "Periodic rules": an ended period that fell short stays overdue until a
matching contact happens, a period joined part-way is judged only while it runs)."""

from __future__ import annotations

from builders import context, customer, day, policy, records, visit

from generator.derive.cadence import cadence_items

A1_PHONE = {
    "name": "a1_phone",
    "label": "A1 每周电话",
    "applies": {"grade": ["A"]},
    "methods": "phone",
    "min": 2,
    "period": "week",
}
SINCE = day("2026-11-02")  # a Monday: weeks 11-02, 11-09, 11-16


def _items(today, *visits, rule=A1_PHONE, customers=None, **more):
    rules = policy(cadence=[rule], **more)
    recs = records(customers=customers or [customer(since=SINCE)], visits=visits, rules=rules)
    return cadence_items(context(recs, today), recs.policy.cadence[0])


def test_the_running_week_is_due_by_sunday_with_what_it_has_so_far():
    # 11-18 (Wed): week 11-16–11-22 has one of two calls; Sunday is 4 days away: due_soon
    found = _items(
        "2026-11-18", visit("2026-11-03"), visit("2026-11-05", method="wechat"), visit("2026-11-17")
    )
    assert [(str(i.deadline), i.state, i.need.count, i.need.done) for i in found] == [
        ("2026-11-22", "due_soon", 2, 1)
    ]
    assert found[0].evidence == ("2026-11-17-C0001-phone",)


def test_a_week_that_fell_short_is_overdue_until_the_next_matching_contact():
    # week 11-09–11-15 had one call of two; nothing since: overdue, listing that week
    found = _items("2026-11-18", visit("2026-11-03"), visit("2026-11-05"), visit("2026-11-10"))
    assert [(i.state, str(i.deadline)) for i in found] == [
        ("overdue", "2026-11-15"),
        ("due_soon", "2026-11-22"),
    ]
    assert [str(s) for s in found[0].missed] == ["2026-11-09–2026-11-15"]


def test_an_onsite_visit_is_no_phone_call():
    found = _items(
        "2026-11-18", visit("2026-11-16", method="onsite"), visit("2026-11-17", method="sms")
    )
    assert [(i.need.done, i.evidence) for i in found] == [(1, ("2026-11-17-C0001-sms",))]


def test_two_calls_in_the_week_make_it_done():
    found = _items("2026-11-18", visit("2026-11-16"), visit("2026-11-17", method="wechat"))
    assert [i.state for i in found] == ["done"]


def test_a_week_joined_part_way_is_not_missed():
    # since 11-11 (Wed): the week 11-09–11-15 is not judged once it has ended
    found = _items("2026-11-18", customers=[customer(since=day("2026-11-11"))])
    assert [(str(i.deadline), i.state, i.need.done) for i in found] == [
        ("2026-11-22", "due_soon", 0)
    ]


def test_due_start_moves_the_start_later_than_since():
    found = _items("2026-11-18", due={"start": "2026-11-16"})
    assert [str(i.deadline) for i in found] == ["2026-11-22"]  # the weeks before are not judged


def test_a_rule_for_the_owner_does_not_count_someone_elses_calls():
    rule = A1_PHONE | {"by": "owner", "min": 1}
    found = _items(
        "2026-11-18", visit("2026-11-17", staff=("S02",)), rule=rule, due={"start": "2026-11-16"}
    )
    assert [(i.state, i.staff) for i in found] == [("due_soon", ("S01",))]


def test_only_matching_customers_local_monthly():
    rule = {
        "name": "local",
        "label": "本市每月",
        "applies": {"region": ["local"]},
        "methods": "any",
        "min": 1,
        "period": "month",
    }
    local, province = (
        customer("C0001", region="local", since=SINCE),
        customer("C0002", region="province", since=SINCE),
    )
    found = _items("2026-11-18", rule=rule, customers=[local, province])  # 12 days left
    assert [(i.customer, str(i.deadline), i.state) for i in found] == [
        ("C0001", "2026-11-30", "upcoming")
    ]


def test_every_three_days_since_the_last_contact():
    rule = {"name": "key", "label": "重点客户每3天", "methods": "any", "min": 1, "every_days": 3}
    found = _items("2026-11-18", visit("2026-11-15"), rule=rule)
    assert [(str(i.deadline), i.state) for i in found] == [("2026-11-18", "due_today")]
    found = _items("2026-11-19", visit("2026-11-15"), rule=rule)
    assert [i.state for i in found] == ["overdue"]


def test_a_season_rule_is_not_judged_out_of_season():
    off_season = A1_PHONE | {"months": [12, 1, 2]}  # 淡季
    assert _items("2026-11-18", rule=off_season) == []
    # from 11-30 on: the week 11-30–12-06 starts in November (not judged, though mostly in
    # December); the week 12-07–12-13 starts in the season
    found = _items("2026-12-08", rule=off_season, due={"start": "2026-11-30"})
    assert [str(i.deadline) for i in found] == ["2026-12-13"]
