"""validate/timeliness.py: when a record first entered Git, against the policy's limits
(domain.md §2: the record filed within 24 hours of the visit; §4: registered within 24 hours;
the supervisor's review within completeness.visit_review.days, 7 by default). The History is
built in memory: commits with author dates, one version per commit."""

from __future__ import annotations

from builders import at, complaint, policy, records, visit

from generator.history import History, RecordHistory, Version
from generator.history.diff import FieldChange
from generator.history.gitlog import Commit
from generator.validate.timeliness import late_records


def commit(sha: str, when: str) -> Commit:
    return Commit(
        sha=sha.ljust(40, "0"),
        parents="",
        author="王芳",
        author_email="wang@example.com",
        author_date=when,
        committer="王芳",
        committer_date=when,
        signature="N",
        key="",
        signer="",
        message="记录",
    )


FIRST = commit("a0", "2026-11-01T09:00:00+08:00")  # the first commit touching the records


def history(*entries, boundary=()) -> History:
    """entries: (kind, id, [(commit, fields added)…]) — the first version adds the record."""
    found: dict[tuple[str, str], RecordHistory] = {}
    commits = [FIRST]
    for kind, ident, versions in entries:
        kept = found.setdefault((kind, ident), RecordHistory(kind, ident))
        for n, (made, fields) in enumerate(versions):
            changes = tuple(
                FieldChange(path=(name,), change="added", new=v) for name, v in fields.items()
            )
            kept.versions.append(
                Version(
                    made, f"records/{kind}s/{ident}", "added" if n == 0 else "modified", changes
                )
            )
            commits.append(made)
    return History(records=found, commits=commits, boundary=frozenset(c.sha for c in boundary))


def _codes(recs, hist):
    return [(p.code, p.path) for p in late_records(recs, hist)]


def _filed(the_visit, when, **given):
    hist = history(("visit", the_visit.id, [(commit("b1", when), {})]))
    return _codes(records(visits=[the_visit], **given), hist)


def test_a_visit_at_ten_filed_exactly_24_hours_later_is_in_time_and_later_is_late():
    at_ten = visit("2026-11-02", time="10:00")
    assert _filed(at_ten, "2026-11-03T10:00:00+08:00") == []
    assert _filed(at_ten, "2026-11-03T10:30:00+08:00") == [("visit.filed_late", "date")]


def test_a_visit_without_a_time_is_counted_from_the_end_of_its_day():
    # docs/rules.md "When a visit happened": from midnight after 11-02, so 11-04 00:00 is
    # exactly 24 hours (in time) and 11-04 00:01 is late
    no_time = visit("2026-11-02")
    assert _filed(no_time, "2026-11-04T00:00:00+08:00") == []
    assert _filed(no_time, "2026-11-04T00:01:00+08:00") == [("visit.filed_late", "date")]


def test_author_dates_in_another_zone_are_read_in_china_time():
    # 2026-11-03 02:30 UTC is 10:30 in China: half an hour past the 24 hours
    assert _filed(visit("2026-11-02", time="10:00"), "2026-11-03T02:30:00Z") == [
        ("visit.filed_late", "date")
    ]


def test_records_dated_before_the_history_or_due_start_are_not_judged():
    old = visit("2026-10-15", time="10:00")  # before the first commit (an import)
    assert _filed(old, "2026-11-05T10:00:00+08:00") == []
    recent = visit("2026-11-02", time="10:00")
    assert (
        _filed(recent, "2026-11-05T10:00:00+08:00", rules=policy(due={"start": "2026-11-03"})) == []
    )


def test_a_record_added_by_the_commit_a_shallow_clone_was_cut_at_is_not_judged():
    cut = commit("c1", "2026-11-09T10:00:00+08:00")
    at_ten = visit("2026-11-02", time="10:00")
    hist = history(("visit", at_ten.id, [(cut, {})]), boundary=[cut])
    assert _codes(records(visits=[at_ten]), hist) == []


def test_a_complaint_is_registered_within_24_hours_of_its_receipt():
    received = complaint(received=at("2026-11-02 09:30"))
    in_time = history(("complaint", received.id, [(commit("d1", "2026-11-03T09:30:00+08:00"), {})]))
    assert _codes(records(complaints=[received]), in_time) == []
    late = history(("complaint", received.id, [(commit("d2", "2026-11-03T12:00:00+08:00"), {})]))
    assert _codes(records(complaints=[received]), late) == [
        ("complaint.registered_late", "received")
    ]


def test_the_review_is_signed_off_within_seven_days_of_the_visit():
    reviewed = visit("2026-11-02", time="10:00", reviewed_by="S02")

    def signed(when):
        filed = (commit("e1", "2026-11-02T18:00:00+08:00"), {})
        return history(
            ("visit", reviewed.id, [filed, (commit("e2", when), {"reviewed_by": "S02"})])
        )

    assert _codes(records(visits=[reviewed]), signed("2026-11-09T10:00:00+08:00")) == []
    assert _codes(records(visits=[reviewed]), signed("2026-11-09T11:00:00+08:00")) == [
        ("visit.reviewed_late", "reviewed_by")
    ]


def test_each_timeliness_check_can_be_switched_off():
    off = {name: {"severity": "off"} for name in ("visit_filed_late", "complaint_registered_late")}
    at_ten = visit("2026-11-02", time="10:00")
    assert _filed(at_ten, "2026-11-09T10:00:00+08:00", rules=policy(completeness=off)) == []


def _filed_under(limit: dict, the_visit, when):
    hist = history(("visit", the_visit.id, [(commit("b1", when), {})]))
    hist.commits[0] = commit("a0", "2026-09-01T09:00:00+08:00")  # records in Git since September
    found = late_records(
        records(visits=[the_visit], rules=policy(visits={"file_within": limit})), hist
    )
    return [p.message_zh for p in found]


def test_by_the_end_of_the_visits_day_at_21_00():
    # 日清日结, the day's report by 21:00: a visit at 10:00 on 11-02 is in time until 21:00
    closing = {"limit": "end_of_day", "at": "21:00"}
    morning = visit("2026-11-02", time="10:00")
    assert _filed_under(closing, morning, "2026-11-02T21:00:00+08:00") == []
    [late] = _filed_under(closing, morning, "2026-11-02T21:01:00+08:00")
    assert "回访当天 21:00 前" in late and "2026-11-02 21:00 前" in late
    # a visit at 22:00 ends after the day closed: until 21:00 the next day
    evening = visit("2026-11-02", time="22:00")
    assert _filed_under(closing, evening, "2026-11-03T20:59:00+08:00") == []
    assert _filed_under(closing, evening, "2026-11-03T21:30:00+08:00") != []


def test_by_the_end_of_the_day_a_visit_without_a_time_has_until_midnight():
    end = {"limit": "end_of_day"}  # at 24:00 by default
    assert _filed_under(end, visit("2026-11-02"), "2026-11-02T23:59:00+08:00") == []
    assert _filed_under(end, visit("2026-11-02"), "2026-11-03T00:01:00+08:00") != []


def test_within_one_working_day_skips_the_weekend_and_the_national_holiday():
    one = {"limit": "working_days", "count": 1}
    friday = visit("2026-11-06", time="16:00")  # the next working day is Monday 11-09
    assert _filed_under(one, friday, "2026-11-09T23:00:00+08:00") == []
    [late] = _filed_under(one, friday, "2026-11-10T09:00:00+08:00")
    assert "回访后第 1 个工作日 24:00 前" in late and "2026-11-10 00:00 前" in late
    # 2026's National Day: 10-01 to 10-07 off (国务院办公厅通知), so after 09-30 comes 10-08
    eve = visit("2026-09-30", time="15:00")
    assert _filed_under(one, eve, "2026-10-08T18:00:00+08:00") == []
    assert _filed_under(one, eve, "2026-10-09T09:00:00+08:00") != []


def test_hours_written_as_file_within_count_from_the_visit():
    six = {"limit": "hours", "count": 6}
    at_ten = visit("2026-11-02", time="10:00")
    assert _filed_under(six, at_ten, "2026-11-02T16:00:00+08:00") == []
    [late] = _filed_under(six, at_ten, "2026-11-02T16:30:00+08:00")
    assert "回访后 6 小时内" in late and "晚了 6.5 小时" in late
