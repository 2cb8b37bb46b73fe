"""Rules are not judged retroactively (issue 18, item 7). Today: Monday 2026-11-23.

With Git history a periodic rule applies to a customer from the later of the day the rule in
its current form entered policy.yaml and the day the customer came to match it (as the
history says); uncommitted changes count as today. Without history `since` / `due.start`
decide, as before. Expectations worked out by hand from those sentences.
"""

from __future__ import annotations

import json
from datetime import date

from conftest import RULES_TEAM, agenda_for, commit_all, customer_file, run_git

from generator.derive import AsOf, derive_agenda
from generator.derive.applies import applies_from
from generator.derive.periods import Span
from generator.history import read_history
from generator.read.load import load_records

TODAY = AsOf.day(date(2026, 11, 23))
GRADES = "grades:\n  - {id: A1, label: 大客户一级}\n  - {id: C, label: 普通客户}\n"
A1_ONSITE = (
    "cadence:\n  - {name: a1_onsite, label: A1 客户每月上门至少 1 次, applies: {grade: [A1]},"
    " methods: onsite, period: month, min: MIN}\n"
)


def write(records, name: str, text: str) -> None:
    path = records / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def repo(tmp_path, policy: str, grade: str = "C"):
    """A repository holding records/ with one customer C0005 (since 2025-01-01)."""
    records = tmp_path / "records"
    write(records, "team.yaml", RULES_TEAM)
    write(records, "policy.yaml", policy)
    write(records, "customers/C0005.md", customer_file("C0005", grade=grade, since="2025-01-01"))
    run_git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "records", when="2026-01-05T10:00:00+08:00")
    return records


def regrade(records, grade: str) -> None:
    write(records, "customers/C0005.md", customer_file("C0005", grade=grade, since="2025-01-01"))


def items(records, with_history: bool = True):
    loaded = load_records(records).records
    history = read_history(records, use_cache=False) if with_history else None
    policy = (records / "policy.yaml").read_text(encoding="utf-8")
    import yaml

    applies = applies_from(history, loaded, TODAY.today, yaml.safe_load(policy))
    agenda = derive_agenda(loaded, TODAY, applies)
    return [i for i in agenda.items if i.rule == "a1_onsite" and i.state != "done"]


def test_regraded_and_committed_in_october_applies_from_that_day(tmp_path):
    records = repo(tmp_path, GRADES + A1_ONSITE.replace("MIN", "1"))
    regrade(records, "A1")
    commit_all(tmp_path, "C0005 A1", when="2026-10-15T09:00:00+08:00")
    # A1 from 10-15: October joined part-way is never missed; November is due by 11-30.
    [item] = items(records)
    assert (item.state, item.deadline.day, item.missed) == ("due_soon", date(2026, 11, 30), ())
    # Without history, as before: judged from since 2025-01-01, every month missed.
    [missed, _] = items(records, with_history=False)
    assert missed.missed[0] == Span(date(2025, 1, 1), date(2025, 1, 31))


def test_an_uncommitted_regrade_applies_from_today(tmp_path):
    records = repo(tmp_path, GRADES + A1_ONSITE.replace("MIN", "1"))
    regrade(records, "A1")
    [item] = items(records)  # November joined today, part-way: due, nothing missed
    assert (item.deadline.day, item.missed) == (date(2026, 11, 30), ())


def test_a_grade_changed_back_and_forth_counts_from_the_last_time_it_matched(tmp_path):
    records = repo(tmp_path, GRADES + A1_ONSITE.replace("MIN", "1"), grade="A1")
    regrade(records, "C")
    commit_all(tmp_path, "C0005 C", when="2026-06-01T09:00:00+08:00")
    regrade(records, "A1")
    commit_all(tmp_path, "C0005 A1 again", when="2026-09-10T09:00:00+08:00")
    # A1 continuously since 09-10: September part-way (not missed), October missed, November due.
    [missed, running] = items(records)
    assert missed.missed == (Span(date(2026, 10, 1), date(2026, 10, 31)),)
    assert running.deadline.day == date(2026, 11, 30)


def test_a_rule_applies_from_the_day_its_current_form_entered_the_policy(tmp_path):
    records = repo(tmp_path, GRADES, grade="A1")  # A1 since January, no rule yet
    write(records, "policy.yaml", GRADES + A1_ONSITE.replace("MIN", "1"))
    commit_all(tmp_path, "rule", when="2026-09-15T09:00:00+08:00")
    [missed, _] = items(records)  # from 09-15: September part-way, October missed
    assert missed.missed == (Span(date(2026, 10, 1), date(2026, 10, 31)),)
    write(records, "policy.yaml", GRADES + A1_ONSITE.replace("MIN", "2"))
    commit_all(tmp_path, "rule: twice a month", when="2026-11-10T09:00:00+08:00")
    [item] = items(records)  # its current form since 11-10: nothing missed
    assert (item.deadline.day, item.need.count, item.missed) == (date(2026, 11, 30), 2, ())


def test_the_pr_summary_shows_what_a_regrade_causes_from_now_on(tmp_path):
    """C0005 regraded from C to A1 in the working tree: before item 7 the summary showed an
    overdue A1 item for every month since 2025-01 — misses nobody can fix. Now only this
    month's visit, due by 11-30."""
    from generator.check import check_records
    from generator.report.review import pr_summary

    records = repo(tmp_path, GRADES + A1_ONSITE.replace("MIN", "1"))
    regrade(records, "A1")
    report = check_records(records, TODAY.today, use_cache=False)
    text = pr_summary(records, "main", TODAY, report)
    due = text.split("### 对待访清单的影响", 1)[1]
    rows = [line for line in due.splitlines() if line.startswith("| 新增")]
    assert len(rows) == 1 and "即将到期 2026-11-30" in rows[0], due
    assert "逾期" not in due


def test_without_history_nothing_changes(tree):
    from conftest import rules_tree, visit_file

    records = rules_tree(
        tree,
        GRADES + A1_ONSITE.replace("MIN", "1"),
        {"C0005": customer_file("C0005", grade="A1", since="2026-10-01")},
        [visit_file("2026-11-02", "onsite", customer="C0005")],
    )
    assert applies_from(None, load_records(records).records, TODAY.today) is None
    assert [i.state for i in agenda_for(records).items if i.rule == "a1_onsite"] == ["done"]


def test_the_pr_summary_shows_a_missed_period_beside_the_running_one(tmp_path):
    """Deleting C0005's only visit (October) makes every month from February on missed (A1
    since the first commit on 01-05, January joined part-way; the October contact had cleared
    the months before it): a real effect, shown beside this month's unchanged item (they were
    one key, and the running month hid the missed ones)."""
    from generator.check import check_records
    from generator.report.review import pr_summary

    records = repo(tmp_path, GRADES + A1_ONSITE.replace("MIN", "1"), grade="A1")
    october = records / "visits/2026/2026-10-05-C0005-onsite.md"
    october.parent.mkdir(parents=True)
    october.write_text(
        "---\ncustomer: C0005\ndate: 2026-10-05\nmethod: onsite\nstaff: [S01]\n"
        "reviewed_by: S02\nreviewed_on: 2026-10-06\n---\n上门拜访。\n",
        encoding="utf-8",
    )
    commit_all(tmp_path, "October visit", when="2026-10-05T18:00:00+08:00")
    october.unlink()
    report = check_records(records, TODAY.today, use_cache=False)
    due = pr_summary(records, "main", TODAY, report).split("### 对待访清单的影响", 1)[1]
    rows = [line for line in due.splitlines() if line.startswith("| 新增")]
    assert [row.rsplit("|", 2)[1].strip() for row in rows] == ["逾期 2026-02-28"], due


def test_due_and_the_site_apply_the_rule_from_the_regrade_too(tmp_path):
    """The commands a team uses judge as the PR summary does: with the repository's history."""
    from conftest import build_site, huifang

    records = repo(tmp_path, GRADES + A1_ONSITE.replace("MIN", "1"))
    regrade(records, "A1")
    commit_all(tmp_path, "C0005 A1", when="2026-10-15T09:00:00+08:00")
    due = huifang("due", "--records", str(records), "--today", "2026-11-23", "--format", "json")
    [item] = [i for i in json.loads(due.stdout)["items"] if i["rule"] == "a1_onsite"]
    assert (item["state"], item["deadline"], item["missed"]) == ("due_soon", "2026-11-30", [])
    result, _ = build_site(records, tmp_path / "site", "--quiet")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "due" / "index.html").read_text(encoding="utf-8")
    assert "漏访" not in page and "2026-11-30" in page
