"""Who may approve (issue 18, item 6), with expectations from seed 002 (鸿枫化工):

- 1.5.1 an incomplete customer file is entered only with the approval of 营销总监 or 总经理
  (role director), so a 部门经理 (manager) approval waives nothing;
- 1.5.2 a credit limit or term change is 营销总监审核 → 财务主管核对 → 总经理签字: three
  approvals in that order, by three people (director, finance, another director).
"""

from __future__ import annotations

import pytest
from conftest import CUSTOMER, POLICY, check_json

TEAM = """\
staff:
  - {id: S01, name: 王芳, role: agent, area: 一区}
  - {id: S02, name: 李强, role: supervisor}
  - {id: S03, name: 赵敏, role: director}
  - {id: S05, name: 孙丽, role: manager}
  - {id: S06, name: 周总, role: director}
  - {id: S07, name: 钱会计, role: finance}
"""
# Without the finance role (new with item 6): the documents tests also run on the old schema.
DOCUMENTS_TEAM = TEAM.replace("  - {id: S07, name: 钱会计, role: finance}\n", "")
# Contract 2026-11-10, today 2026-11-23: more than 3 days, 7 of the 8 documents missing.
INCOMPLETE = CUSTOMER.replace(
    "area: 一区", "area: 一区\nevents: {contract: 2026-11-10}\ndocuments: [{name: 营业执照}]"
)


def customer(approvals: str) -> str:
    return INCOMPLETE.replace("area: 一区", f"area: 一区\napprovals: {approvals}", 1)


def problems(tree, approvals: str, policy: str = POLICY, team: str = TEAM) -> list[dict]:
    files = {"team.yaml": team, "policy.yaml": policy, "customers/C0001.md": customer(approvals)}
    code, payload = check_json(tree(files))
    assert code in (0, 1), payload
    return [p for p in payload["problems"] if p["file"] == "records/customers/C0001.md"]


def codes(found: list[dict]) -> list[str]:
    return sorted(p["code"] for p in found)


def test_a_managers_approval_does_not_waive_missing_documents(tree):
    found = problems(tree, "[{what: documents, by: S05, date: 2026-11-12}]", team=DOCUMENTS_TEAM)
    assert codes(found) == ["customer.documents_incomplete", "ref.wrong_role"]
    [incomplete] = [p for p in found if p["code"] == "customer.documents_incomplete"]
    assert "营销总监/总经理" in incomplete["message"]["zh"]
    [wrong] = [p for p in found if p["code"] == "ref.wrong_role"]
    assert wrong["severity"] == "error" and "部门经理" in wrong["message"]["zh"]


def test_a_directors_approval_waives_missing_documents(tree):
    approval = "[{what: documents, by: S06, date: 2026-11-12}]"
    assert problems(tree, approval, team=DOCUMENTS_TEAM) == []


def test_the_policy_says_which_roles_may_approve_documents(tree):
    policy = POLICY + "approvals:\n  documents: {roles: [manager, director]}\n"
    assert problems(tree, "[{what: documents, by: S05, date: 2026-11-12}]", policy) == []
    # the credit chain keeps its default beneath the team's own entry
    found = problems(tree, "[{what: credit, by: S07, date: 2026-11-12}]", policy)
    assert "customer.approval_out_of_order" in codes(found)


CHAIN = "[{what: documents, by: S06, date: 2026-11-12}, "


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        # 营销总监 → 财务主管 → 总经理: complete, nothing to report
        (
            "{what: credit, by: S03, date: 2026-11-13}, {what: credit, by: S07, date: 2026-11-14},"
            " {what: credit, by: S06, date: 2026-11-15}",
            [],
        ),
        # listed out of order but dated in order: the dates decide
        (
            "{what: credit, by: S06, date: 2026-11-15}, {what: credit, by: S03, date: 2026-11-13},"
            " {what: credit, by: S07, date: 2026-11-14}",
            [],
        ),
        # two steps done: the 总经理's signature is still needed
        (
            "{what: credit, by: S03, date: 2026-11-13}, {what: credit, by: S07, date: 2026-11-14}",
            ["customer.approval_chain_incomplete"],
        ),
        # finance first: not the 营销总监's step; then the chain is unfinished
        (
            "{what: credit, by: S07, date: 2026-11-13}, {what: credit, by: S03, date: 2026-11-14}",
            ["customer.approval_chain_incomplete", "customer.approval_out_of_order"],
        ),
        # the same director cannot sign both director steps
        (
            "{what: credit, by: S03, date: 2026-11-13}, {what: credit, by: S07, date: 2026-11-14},"
            " {what: credit, by: S03, date: 2026-11-15}",
            ["customer.approval_chain_incomplete", "customer.approval_out_of_order"],
        ),
        # a manager is no step of the chain at all
        ("{what: credit, by: S05, date: 2026-11-13}", ["ref.wrong_role"]),
    ],
)
def test_a_credit_change_is_approved_by_the_chain_in_order(tree, credit, expected):
    assert codes(problems(tree, CHAIN + credit + "]")) == expected


def test_the_chain_messages_name_the_steps(tree):
    credit = "{what: credit, by: S03, date: 2026-11-13}"
    [found] = problems(tree, CHAIN + credit + "]")
    assert found["code"] == "customer.approval_chain_incomplete"
    assert "营销总监/总经理 → 财务主管 → 营销总监/总经理" in found["message"]["zh"]
    assert "还需：财务主管 → 营销总监/总经理" in found["message"]["zh"]


def test_an_approval_the_policy_does_not_define_is_reported(tree):
    found = problems(tree, CHAIN + "{what: discount, by: S03, date: 2026-11-13}]")
    assert codes(found) == ["customer.unknown_approval"]
    assert "documents, credit" in found[0]["message"]["zh"]


def test_the_finance_role_has_a_chinese_label():
    from generator.vocabulary import enum_label

    assert enum_label("team", ("staff", 0, "role"), "finance") == ("财务主管", "finance manager")
