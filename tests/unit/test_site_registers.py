"""The registers (generator/site/registers.py, register_pages.py) from small built records:
figures counted by hand from the records below."""

from __future__ import annotations

from generator.model import Commitment, Issue, Opportunity, Person
from generator.site.register_pages import COMPLAINT_FILTERS, filters
from generator.site.registers import (
    complaint_register,
    visit_details,
    visit_register,
    visits_by_month,
)
from tests.unit.builders import at, complaint, customer, records, visit
from tests.unit.test_record_addresses import site_data

# C0001 (owner S01) and C0002 (owner S02); three complaints over two months
COMPLAINTS = [
    complaint("K2026-0001", received=at("2026-10-05 09:00"), category="quality",
              severity="major", first_responder="S02", registered=at("2026-10-05 10:00"),
              answered=at("2026-10-05 12:00"), resolved=at("2026-10-06 09:00"),
              feedback_sent=at("2026-10-06 10:00"), summary="空调不制冷"),
    complaint("K2026-0002", received=at("2026-11-20 09:00"), customer="C0002"),
    complaint("K2026-0003", received=at("2026-11-02 09:00"), category="staff"),
]  # fmt: skip
CUSTOMERS = [customer("C0001", owner="S01"), customer("C0002", owner="S02", name="示例二")]


def test_the_complaint_register_holds_every_complaint_newest_first():
    data = site_data(records(customers=CUSTOMERS, complaints=COMPLAINTS))
    rows = complaint_register(data)
    assert [r["id"] for r in rows] == ["K2026-0002", "K2026-0003", "K2026-0001"]
    assert [r["month"] for r in rows] == ["2026-11", "2026-11", "2026-10"]
    first = rows[2]
    assert first["href"] == "../complaints/K2026-0001.html"
    assert first["customer_href"] == "../customers/C0001.html"
    assert first["received"] == "2026-10-05 09:00"
    assert first["category"] == "产品质量" and first["severity"] == "大问题，上报中心负责人"
    assert first["responder"] == "S02 李强"  # the first responder named
    assert rows[0]["responder"] == "S02 李强"  # none named: the customer's owner (C0002: S02)
    assert rows[1]["responder"] == "S01 王芳"
    assert first["summary"] == "空调不制冷"
    # K2026-0001: every stage done in time but the follow-up visit (7 days after 10-06)
    # never came: breached by 2026-11-23
    assert first["state_label"] == "已超时"
    assert rows[0]["category"] == "售后服务"


def test_the_register_filters_offer_the_values_its_rows_hold():
    data = site_data(records(customers=CUSTOMERS, complaints=COMPLAINTS))
    offered = {
        f["field"]: f["values"] for f in filters(complaint_register(data), COMPLAINT_FILTERS)
    }
    assert offered["month"] == ["2026-10", "2026-11"]
    # the three categories' labels, in code-point order (产 U+4EA7, 售 U+552E, 工 U+5DE5)
    assert offered["category"] == ["产品质量", "售后服务", "工作人员失职/态度"]
    assert offered["state_label"] == ["已超时"]  # each has a stage past its limit by 11-23
    assert offered["responder"] == ["S01 王芳", "S02 李强"]


def test_a_visits_recorded_fields_as_the_register_shows_them():
    full = visit(
        "2026-11-10",
        time="10:30",
        met=(Person(name="张三丰", title="总经理", decides=True), Person(name="李四")),
        purpose=("service", "collection"),
        objective="确认维修质量",
        outcome="客户满意",
        achieved=False,
        satisfaction="satisfied",
        referral=True,
        heard_from="朋友介绍",
        opportunity=Opportunity(status="lead", description="明年扩大合同"),
        issues=(Issue(text="停车位紧张", department="物业部"),),
        commitments=(Commitment(text="寄资料", due=at("2026-11-12 00:00").date()),),
        next_contact=at("2026-12-01 09:00"),
        reviewed_by="S02",
        reviewed_on=at("2026-11-11 00:00").date(),
    )
    bare = visit("2026-11-15", outcome=None)
    data = site_data(records(visits=[full, bare]))
    shown = visit_details(data, full)
    assert shown["met"] == "张**（总经理，决策人）、李*"  # names masked by Privacy
    assert shown["purpose"] == "服务、结清货款"
    assert shown["achieved"] == "否" and shown["referral"] == "是"
    assert shown["source"] == "朋友介绍"
    assert shown["opportunity"] == "线索：明年扩大合同"
    assert shown["issues"] == "停车位紧张（转物业部）"
    assert shown["next_contact"] == "2026-12-01 09:00"
    assert shown["review"] == "S02 李强 2026-11-11"
    assert visit_details(data, bare)["review"] == "未审阅"
    assert visit_details(data, bare)["achieved"] == "" and visit_details(data, bare)["met"] == ""
    unmasked = visit_details(site_data(records(visits=[full]), masked=False), full)
    assert unmasked["met"] == "张三丰（总经理，决策人）、李四"

    rows = visit_register(data, [full, bare])
    assert [r["date"] for r in rows] == ["2026-11-10 10:30", "2026-11-15"]
    assert rows[0]["href"] == f"../customers/C0001.html#v-{full.id}"
    assert rows[0]["customer"] == "C0001 示例客户C0001" and rows[0]["staff"] == "S01 王芳"


def test_the_reviewers_guidance_is_shown_with_the_review_masked_like_free_text():
    guided = visit(
        "2026-11-10",
        reviewed_by="S02",
        reviewed_on=at("2026-11-11 00:00").date(),
        review_comment="下次带上维修单，联系 13812345678 确认",
    )
    data = site_data(records(visits=[guided]))
    shown = visit_details(data, guided)["review"]
    assert shown == "S02 李强 2026-11-11；指导意见：下次带上维修单，联系 138****5678 确认"
    assert visit_register(data, [guided])[0]["review"] == shown  # the register's column
    unmasked = visit_details(site_data(records(visits=[guided]), masked=False), guided)
    assert unmasked["review"].endswith("联系 13812345678 确认")


def test_visits_by_month_newest_month_first_and_no_plans():
    visits = [visit("2026-10-01"), visit("2026-10-20"), visit("2026-11-02"), visit("2026-12-01")]
    months = visits_by_month(site_data(records(visits=visits)))
    assert {m: len(v) for m, v in months.items()} == {"2026-11": 1, "2026-10": 2}
    assert list(months) == ["2026-11", "2026-10"]  # 2026-12-01 is after the as-of day


def test_a_complaints_page_has_every_stage_and_its_follow_up_visit_linked():
    from generator.site.complaint_pages import complaint_context, complaint_record_pages

    resolved = COMPLAINTS[0]  # K2026-0001, resolved 2026-10-06 09:00
    follow_up = visit("2026-10-08", customer="C0001", complaint="K2026-0001", kind="complaint")
    data = site_data(records(customers=CUSTOMERS, complaints=COMPLAINTS, visits=[follow_up]))
    pages = complaint_record_pages(data)
    assert [p.path for p in pages] == [
        "complaints/K2026-0001.md", "complaints/K2026-0002.md", "complaints/K2026-0003.md"
    ]  # fmt: skip
    status = next(s for s in data.complaints.statuses if s.complaint.id == resolved.id)
    context = complaint_context(data, status, [follow_up])
    stages = {s["label"]: s for s in context["stages"]}
    assert list(stages) == ["登记", "首次答复", "处理完毕", "反馈客户", "投诉回访"]
    assert {s["state_label"] for s in stages.values()} == {"按时完成"}
    # the follow-up within 7 days of 10-06 met the last stage, and is linked
    assert stages["投诉回访"]["evidence_href"] == f"../customers/C0001.html#v-{follow_up.id}"
    assert stages["投诉回访"]["deadline"] == "2026-10-13"
    assert [v["href"] for v in context["visits"]] == [stages["投诉回访"]["evidence_href"]]
    facts = dict(context["facts"])
    assert facts["首问责任人"] == "S02 李强" and facts["处理完毕"] == "2026-10-06 09:00"
    assert context["timeline"] == "../customers/C0001.html#k-K2026-0001"


def test_a_long_register_goes_on_further_pages(monkeypatch):
    import generator.site.registers as registers
    from generator.site.register_pages import (
        complaint_register_context,
        complaint_register_pages,
        visit_registers,
    )

    monkeypatch.setattr(registers, "REGISTER_PAGE", 2)
    complaints = [
        complaint(f"K2026-000{n}", received=at(f"2026-11-0{n} 09:00")) for n in range(1, 6)
    ]
    visits = [visit(f"2026-11-0{n}") for n in range(1, 6)]
    data = site_data(records(complaints=complaints, visits=visits))
    # five complaints, two a page: index.html (0005, 0004), register-2 (0003, 0002), -3 (0001)
    assert [p.path for p in complaint_register_pages(data)] == [
        "complaints/register-2.md", "complaints/register-3.md"
    ]  # fmt: skip
    last = complaint_register_context(data, 3)
    assert [r["id"] for r in last["rows"]] == ["K2026-0001"] and last["total"] == 5
    assert [p["link"] for p in last["pager"]["pages"]] == [
        "index.html", "register-2.html", "register-3.html"
    ]  # fmt: skip
    first = complaint_register_context(data, 1)
    assert [r["id"] for r in first["rows"]] == ["K2026-0005", "K2026-0004"]
    paths = [p.path for p in visit_registers(data)]
    assert paths == ["visits/index.md", "visits/2026-11.md", "visits/2026-11-2.md",
                     "visits/2026-11-3.md"]  # fmt: skip
    third = visit_registers(data)[3].context()
    assert [r["date"] for r in third["rows"]] == ["2026-11-05"] and third["total"] == 5
