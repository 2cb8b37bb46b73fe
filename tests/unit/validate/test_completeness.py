"""validate/completeness.py: what a record must hold, each check switched by the policy."""

from __future__ import annotations

from builders import at, codes, complaint, customer, day, policy, records, staff, visit

from generator.model import Approval, Contact, FileDocument, Issue
from generator.validate.completeness import FINDERS, completeness, has_text

REQUIRED = ["客户信息登记", "送货申请表", "营业执照", "担保书", "购销合同", "安全生产许可证"]
REQUIRED += ["土地使用证复印件", "开票资料"]  # domain.md §1 建档资料, all eight


def _found(today, **given):
    return completeness(records(**given), day(today))


def _new_customer(**fields):
    return customer(
        events={"contract": day("2026-11-01")}, contacts=(Contact(name="张伟"),), **fields
    )


# --- customer_documents (domain.md §1: complete within 3 days of the contract) -------------
def test_documents_may_be_missing_until_three_days_after_the_contract():
    # contract 11-01: 11-04 is 3 days on (still allowed), 11-05 is 4 days on
    assert _found("2026-11-04", customers=[_new_customer()]) == []
    (late,) = _found("2026-11-05", customers=[_new_customer()])
    assert late.code == "customer.documents_incomplete" and late.severity == "warning"
    assert "、".join(REQUIRED) in late.message_zh  # every one of the eight is missing


def test_only_the_missing_documents_are_named_and_a_complete_file_passes():
    have = tuple(FileDocument(name=n) for n in REQUIRED[:-1])  # all but 开票资料
    (late,) = _found("2026-11-10", customers=[_new_customer(documents=have)])
    assert "仍缺：开票资料。" in late.message_zh
    whole = tuple(FileDocument(name=n) for n in REQUIRED)
    assert _found("2026-11-10", customers=[_new_customer(documents=whole)]) == []


def test_an_incomplete_file_approved_by_the_director_passes_but_not_by_an_agent():
    # domain.md §1: an incomplete file needs a recorded approval by 营销总监 or 总经理 (director)
    by_director = (Approval(what="documents", by="S03", date=day("2026-11-02")),)
    assert _found("2026-11-10", customers=[_new_customer(approvals=by_director)]) == []
    by_agent = (Approval(what="documents", by="S01", date=day("2026-11-02")),)
    found = _found("2026-11-10", customers=[_new_customer(approvals=by_agent)])
    assert codes(found) == ["customer.documents_incomplete"]


def test_a_customer_without_a_contract_date_is_not_judged():
    assert _found("2027-01-01", customers=[customer(contacts=(Contact(name="张伟"),))]) == []


# --- customer_contacts (domain.md §1 关键人物) ----------------------------------------------
def test_an_organisation_needs_key_contacts_unless_it_is_lost_an_individual_never():
    found = _found(
        "2026-11-23",
        customers=[
            customer("C0001"),
            customer("C0002", stage="lost"),
            customer("C0003", kind="individual"),
        ],
    )
    assert codes(found) == ["customer.no_contacts"]
    assert found[0].source.path == "records/customers/C0001.md"


# --- complaints (domain.md §4) ----------------------------------------------------------
def _complaints(today, *items):
    quiet = customer(contacts=(Contact(name="张伟"),))
    return codes(_found(today, customers=[quiet], complaints=items))


def test_feedback_is_missing_from_the_day_it_was_due():
    # feedback within 24 hours of resolution: resolved 11-04 11:00 → due 11-05 11:00
    resolved = complaint(resolved=at("2026-11-04 11:00"), resolution="已上门处理。")
    assert _complaints("2026-11-04", resolved) == []
    assert _complaints("2026-11-05", resolved) == ["complaint.no_feedback"]
    sent = complaint(
        resolved=at("2026-11-04 11:00"),
        resolution="已上门处理。",
        feedback_sent=at("2026-11-04 16:00"),
    )
    assert _complaints("2026-11-30", sent) == []


def test_a_resolved_complaint_needs_its_resolution_and_a_special_one_its_reason():
    blank = complaint(
        resolved=at("2026-11-04 11:00"), resolution="  ", feedback_sent=at("2026-11-04 16:00")
    )
    assert _complaints("2026-11-05", blank) == ["complaint.no_resolution"]
    special = complaint(special=True)  # 特殊情况 (7 working days) must say why
    assert _complaints("2026-11-05", special) == ["complaint.special_without_reason"]
    assert _complaints("2026-11-05", complaint(special=True, special_reason="需厂家检测")) == []


# --- visits (domain.md §2) ----------------------------------------------------------------
def _visits(today, *items, **rules):
    quiet = customer(contacts=(Contact(name="张伟"),))
    given = {"rules": policy(**rules)} if rules else {}
    return codes(_found(today, customers=[quiet], visits=items, **given))


def test_an_issue_needing_action_must_be_sent_to_a_department():
    unsent = Issue(text="发票有误", needs_action=True)
    sent = Issue(
        text="发票有误", needs_action=True, department="财务部", sent_at=at("2026-11-20 11:00")
    )
    note = Issue(text="顺便问候", needs_action=False)
    reviewed = {"reviewed_by": "S02"}
    assert _visits("2026-11-20", visit(issues=(unsent,), **reviewed)) == [
        "visit.issue_not_forwarded"
    ]
    assert _visits("2026-11-20", visit(issues=(sent, note), **reviewed)) == []


def test_an_unreviewed_visit_is_flagged_after_seven_days():
    # visit_review.days 7 (schema default): 11-20 + 7 = 11-27 still fine, 11-28 flagged
    assert _visits("2026-11-27", visit("2026-11-20")) == []
    assert _visits("2026-11-28", visit("2026-11-20")) == ["visit.unreviewed"]
    assert _visits("2026-12-31", visit("2026-11-20", reviewed_by="S02")) == []


def test_a_visit_reviewed_by_one_of_its_own_staff_is_a_self_review():
    # seed 000: the supervisor checks the staff's records and signs them off; S02 was there
    together = visit(staff=("S01", "S02"), reviewed_by="S02")
    found = _found("2026-11-20", customers=[customer(contacts=(Contact(name="张伟"),))],
                   visits=[together])  # fmt: skip
    assert codes(found) == ["review.self_review"] and found[0].severity == "error"
    assert "S02" in found[0].message_zh and "visit_self_review" in found[0].message_en
    assert _visits("2026-11-20", visit(staff=("S01",), reviewed_by="S02")) == []
    allowed = {"completeness": {"visit_self_review": {"severity": "off"}}}
    assert _visits("2026-11-20", together, **allowed) == []
    warned = {"completeness": {"visit_self_review": {"severity": "warning"}}}
    assert _visits("2026-11-20", together, **warned) == ["review.self_review"]


def test_the_outcome_is_checked_only_when_the_team_switches_it_on():
    bare = visit(outcome=None, reviewed_by="S02")
    assert _visits("2026-11-20", bare) == []  # visit_outcome is off by default
    on = {"completeness": {"visit_outcome": {"severity": "error"}}}
    assert _visits("2026-11-20", bare, **on) == ["visit.no_outcome"]


def test_a_visit_body_of_headings_only_is_no_record():
    assert has_text("客户满意。") and has_text("# 会谈内容\n\n客户满意。")
    assert not has_text("# 会谈内容\n\n## 问题\n") and not has_text("")
    assert _visits("2026-11-20", visit(body="# 会谈内容\n", reviewed_by="S02")) == [
        "visit.no_record"
    ]


def test_no_check_runs_when_all_are_off():
    off = {name: {"severity": "off"} for name in FINDERS}
    recs = records(
        customers=[customer(events={"contract": day("2026-01-01")})],
        visits=[visit(outcome=None, body="")],
        complaints=[complaint(special=True)],
        team=[staff("S01")],
        rules=policy(completeness=off),
    )
    assert completeness(recs, day("2026-11-23")) == []
