"""往期报表 (site/report_archive.py): a page per past week and month, counted by hand on small
records; with Git history, how many of a period's visits were filed after it (补录)."""

from __future__ import annotations

from builders import records, visit

from generator.history import History, RecordHistory, Version
from generator.site.report_archive import filed_later, past_periods, report_archive, week_context
from tests.unit.test_record_addresses import site_data
from tests.unit.validate.test_timeliness import commit


def _visits():
    return [visit("2026-10-30"), visit("2026-11-03", customer="C0001"), visit("2026-11-10")]


def test_every_week_and_month_from_the_first_visit_to_the_one_before_today():
    data = site_data(records(visits=_visits()), today="2026-11-23")  # a Monday
    weeks = [str(w.start) for w in past_periods(data, "week")]
    assert weeks == ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]  # not 11-23's
    assert [str(m.start) for m in past_periods(data, "month")] == ["2026-10-01"]  # not November
    paths = [p.path for p in report_archive(data)]
    assert paths[0] == "reports/archive.md"
    assert "reports/week-2026-11-16.md" in paths and "reports/month-2026-10.md" in paths
    assert len(paths) == 1 + 4 + 1


def test_a_weeks_report_counts_that_weeks_visits_per_person():
    data = site_data(records(visits=_visits()), today="2026-11-23")
    [week] = [w for w in past_periods(data, "week") if str(w.start) == "2026-11-02"]
    context = week_context(data, week)
    s01 = next(r for r in context["weekly"] if r["id"] == "S01")
    assert (s01["visits"], s01["customers"]) == (1, 1)  # the visit of 11-03 only
    assert context["as_of"] == "2026-11-08" and context["later"] == 0  # no history: none later


def test_visits_committed_after_their_period_ended_are_counted_as_filed_later():
    visits = _visits()
    found = {}
    for v, when in zip(visits, ["2026-10-30T18:00:00+08:00", "2026-11-09T09:00:00+08:00",
                                "2026-11-15T23:59:00+08:00"], strict=True):  # fmt: skip
        found[("visit", v.id)] = RecordHistory(
            "visit", v.id, [Version(commit(v.id[:8], when), v.source.path, "added", ())]
        )
    data = site_data(records(visits=visits), today="2026-11-23")
    data.history = History(
        records=found, commits=[commit("a0", "2026-10-01T09:00:00+08:00")], boundary=frozenset()
    )
    weeks = {str(w.start): w for w in past_periods(data, "week")}
    assert filed_later(data, weeks["2026-10-26"]) == 0  # filed the same day
    assert filed_later(data, weeks["2026-11-02"]) == 1  # 11-03's visit, filed on Monday 11-09
    assert filed_later(data, weeks["2026-11-09"]) == 0  # a minute before the week ended


def test_a_persons_day_report_lists_that_days_visits_and_the_items_they_completed():
    from builders import customer, policy

    from generator.site.due_lists import day_report

    monthly = {"name": "a_monthly", "label": "每月联系 1 次", "applies": {"grade": ["A"]},
               "methods": "any", "period": "month", "min": 1}  # fmt: skip
    recs = records(
        customers=[customer("C0001", grade="A"), customer("C0002", grade="A")],
        visits=[visit("2026-11-20", customer="C0002"), visit("2026-11-23", time="10:00")],
        rules=policy(cadence=[monthly]),
    )
    data = site_data(recs, today="2026-11-23")
    report = day_report(data, "S01")
    assert [v["id"] for v in report["visits_today"]] == ["2026-11-23-C0001-phone"]
    assert report["visits_today"][0]["time"] == "10:00"
    assert [r["customer"] for r in report["done_today"]] == ["C0001"]  # not C0002's (done 11-20)
    assert day_report(data, "S02") == {"visits_today": [], "done_today": []}
