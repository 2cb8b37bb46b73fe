"""validate/gate.py: the one gate between checking and output (design.md, trust boundaries):
a record with an error goes no further; a warning withholds nothing."""

from __future__ import annotations

from dataclasses import replace

from builders import TEAM, complaint, customer, lost_deal, records, survey, visit

from generator.problems import Problem, Source
from generator.validate.gate import accepted


def _problem(path: str, severity: str = "error", field: str = "") -> Problem:
    return Problem("schema.type", severity, Source(path, 3), field, "错", "wrong")


def _sample():
    return records(
        customers=[customer("C0001"), customer("C0002")],
        visits=[visit("2026-11-20", customer="C0001"), visit("2026-11-21", customer="C0002")],
        complaints=[complaint("K2026-0001", customer="C0001")],
        surveys=[survey("2026H1")],
    )


def test_no_error_returns_the_records_as_they_are():
    recs = _sample()
    warned = [_problem("records/customers/C0001.md", "warning")]
    assert accepted(recs, warned) is recs


def test_a_customer_with_an_error_takes_its_visits_and_complaints_with_it():
    kept = accepted(_sample(), [_problem("records/customers/C0001.md")])
    assert [c.id for c in kept.customer_list] == ["C0002"]
    assert [v.customer for v in kept.visits] == ["C0002"]  # C0001's page is not made
    assert kept.complaint_list == ()
    assert [s.id for s in kept.survey_list] == ["2026H1"]


def test_a_visit_or_survey_with_an_error_is_withheld_alone():
    recs = _sample()
    bad_visit = recs.visits[1].source.path
    kept = accepted(recs, [_problem(bad_visit), _problem("records/surveys/2026H1.yaml")])
    assert [v.customer for v in kept.visits] == ["C0001"]
    assert [c.id for c in kept.customer_list] == ["C0001", "C0002"]
    assert kept.survey_list == ()


def test_a_staff_entry_with_an_error_is_withheld_and_the_rest_of_the_team_kept():
    team_file = "records/team.yaml"
    team = tuple(replace(s, source=Source(team_file).at(2 + n, 3)) for n, s in enumerate(TEAM))
    # field lines as the loader keeps them: staff[1] starts on line 3
    lines = {team_file: {("staff", n): (2 + n, 3) for n in range(len(team))}}
    recs = records(team=team, field_lines=lines)
    kept = accepted(recs, [_problem(team_file, field="staff[1].role")])
    assert [s.id for s in kept.staff_list] == ["S01", "S03", "S04"]
    # an error of team.yaml as a whole (no entry) stops the command instead: nothing withheld
    assert accepted(recs, [_problem(team_file)]).staff_list == team


def test_a_lost_deal_with_an_error_or_of_a_withheld_customer_is_withheld():
    recs = replace(
        _sample(),
        losses=(
            lost_deal("2026-11-01", customer="C0001"),
            lost_deal("2026-11-02", customer="C0002"),
            lost_deal("2026-11-03", customer="C0002"),
        ),
    )
    bad_deal = recs.losses[2].source.path
    kept = accepted(recs, [_problem("records/customers/C0001.md"), _problem(bad_deal)])
    assert [d.id for d in kept.losses] == ["2026-11-02-C0002"]
