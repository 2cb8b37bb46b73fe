"""validate/common.py: a problem at a field's own line, and the policy's severity switch."""

from __future__ import annotations

from builders import codes, customer, policy, records

from generator.validate.common import problem_at, switched_checks


def test_a_problem_sits_on_the_line_of_its_field_or_of_the_nearest_parent():
    lines = {"records/customers/C0001.md": {("contacts",): (7, 1), ("contacts", 0): (8, 3)}}
    recs = records(field_lines=lines)
    (c,) = recs.customer_list
    phone = problem_at(recs, "ref.unknown_staff", c, ("contacts", 0, "our_contact"), ref="S09")
    assert (phone.source.line, phone.source.col) == (8, 3)  # contacts[0] is the nearest parent
    assert phone.path == "contacts[0].our_contact"
    owner = problem_at(recs, "ref.unknown_staff", c, ("owner",), ref="S09")
    assert owner.source.line == 1  # no line known for owner: the record's own


def _one_per_customer(recs, today):
    for c in recs.customer_list:
        yield "customer.no_contacts", c, ("id",), {}


def test_a_check_runs_with_the_severity_the_policy_gives_it():
    two = (customer("C0001"), customer("C0002"))
    for severity in ("error", "warning"):
        rules = policy(completeness={"customer_contacts": {"severity": severity}})
        found = switched_checks(
            records(customers=two, rules=rules), {"customer_contacts": _one_per_customer}, None
        )
        assert codes(found) == ["customer.no_contacts"] * 2
        assert {p.severity for p in found} == {severity}


def test_a_check_switched_off_is_not_run_and_unquoted_off_reads_as_false():
    def must_not_run(recs, today):
        raise AssertionError("an `off` check ran")

    for off in ("off", False):
        rules = policy(completeness={"customer_contacts": {"severity": off}})
        assert switched_checks(records(rules=rules), {"customer_contacts": must_not_run}) == []
