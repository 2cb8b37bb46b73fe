"""Customer records: grades, areas, approvals and their chains, documents, contacts.

customer.documents_incomplete, customer.no_contacts and customer.lost_reason_missing take
their severity from policy.yaml → completeness; the one here is the default.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.problems.kind import ProblemKind


@dataclass(frozen=True, kw_only=True)
class CustomerUnknownGrade(ProblemKind):
    code = "customer.unknown_grade"
    title = "客户等级未定义"
    severity = "error"
    zh = "客户等级 {grade} 没有在 policy.yaml 的 grades 中定义。可选：{allowed}。"
    en = "the grade {grade} is not defined under grades in policy.yaml. Allowed: {allowed}."
    grade: str
    allowed: str


@dataclass(frozen=True, kw_only=True)
class CustomerUnknownArea(ProblemKind):
    code = "customer.unknown_area"
    title = "区域未定义"
    severity = "warning"
    zh = "区域 {area} 没有在 policy.yaml 的 areas 中定义。请检查拼写或把它加入 policy.yaml。"
    en = (
        "the area {area} is not listed under areas in policy.yaml. Check the spelling or add "
        "it to policy.yaml."
    )
    area: str


@dataclass(frozen=True, kw_only=True)
class CustomerUnknownApproval(ProblemKind):
    code = "customer.unknown_approval"
    title = "审批事项未定义"
    severity = "warning"
    zh = (
        "审批事项 {what} 没有在 policy.yaml 的 approvals 中定义，无法判断谁可以批准。"
        "可选：{allowed}；或在 approvals 中加上它和可批准的角色。"
    )
    en = (
        "the approval {what} is not defined under approvals in policy.yaml, so who may approve "
        "it is unknown. Defined: {allowed}; or add it to approvals with the roles that may "
        "approve it."
    )
    what: str
    allowed: str


@dataclass(frozen=True, kw_only=True)
class CustomerApprovalOutOfOrder(ProblemKind):
    code = "customer.approval_out_of_order"
    title = "审批顺序不对"
    severity = "error"
    zh = (
        "{what} 审批应按 {chain_zh} 的顺序逐级进行，每级一人且不同的人；这一步应由{expected_zh}"
        "批准，但 {ref} 是{role_zh}{again_zh}。请按顺序补上缺少的审批，或更正审批人。"
    )
    en = (
        "{what} is approved in turn by {chain_en}, one different person per step; this step "
        "needs a {expected_en}, but {ref} is a {role_en}{again_en}. Record the missing "
        "approvals in order, or correct the approver."
    )
    what: str
    chain_zh: str
    expected_zh: str
    ref: str
    role_zh: str
    again_zh: str
    chain_en: str
    expected_en: str
    role_en: str
    again_en: str


@dataclass(frozen=True, kw_only=True)
class CustomerApprovalChainIncomplete(ProblemKind):
    code = "customer.approval_chain_incomplete"
    title = "审批尚未完成"
    severity = "warning"
    zh = "{what} 审批（{chain_zh}）尚未完成，还需：{missing_zh}。审批完成前不要按新的额度或账期执行。"
    en = (
        "the {what} approval ({chain_en}) is not complete; still needed: {missing_en}. Do not "
        "apply the new limit or term before it is."
    )
    what: str
    chain_zh: str
    missing_zh: str
    chain_en: str
    missing_en: str


@dataclass(frozen=True, kw_only=True)
class CustomerDocumentsIncomplete(ProblemKind):
    code = "customer.documents_incomplete"
    title = "建档资料不全"
    severity = "warning"
    zh = (
        "合同签订（{contract}）已超过 {days} 天，建档资料仍缺：{missing}。"
        "请补齐资料，或在 approvals 中记录{approvers_zh}的批准（{what}）。"
    )
    en = (
        "more than {days} days after the contract ({contract}) these documents are still missing: "
        "{missing}. Complete them, or record the approval ({what}) of {approvers_en} "
        "under approvals."
    )
    contract: str
    days: int
    missing: str
    approvers_zh: str
    what: str
    approvers_en: str


@dataclass(frozen=True, kw_only=True)
class CustomerNoContacts(ProblemKind):
    code = "customer.no_contacts"
    title = "没有关键人物"
    severity = "warning"
    zh = "机构客户没有登记任何关键人物。请在 contacts 中至少登记一位联系人。"
    en = "this organisation has no key contact. Add at least one under contacts."


@dataclass(frozen=True, kw_only=True)
class CustomerLostReasonMissing(ProblemKind):
    code = "customer.lost_reason_missing"
    title = "流失客户没有流失原因"
    severity = "warning"
    zh = (
        "客户 {customer} 已流失（stage: lost），但没有写明离开原因。请在客户档案中写上 "
        "lost_reason（可选：{allowed}），或为该客户填写一份丢单报告"
        "（huifang new lost --customer {customer}）。"
    )
    en = (
        "the customer {customer} has left (stage: lost) but no reason is recorded. Add "
        "lost_reason to the customer file (one of: {allowed}), or file a lost-deal report for "
        "the customer (huifang new lost --customer {customer})."
    )
    customer: str
    allowed: str
