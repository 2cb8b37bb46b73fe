"""present/deals.py: a lost deal and an open opportunity as rows, every value shown as the
privacy profile allows (a household's name, numbers typed into free text)."""

from __future__ import annotations

from builders import customer, day, lost_deal, records, visit

from generator.derive.deals import open_opportunities
from generator.model import Opportunity
from generator.present.deals import lost_row, opportunity_row, yuan
from generator.present.privacy import Privacy

TODAY = day("2026-11-23")
HOUSEHOLD = customer("C0002", name="李小明", kind="individual", owner="S01")


def test_a_lost_deal_row_masks_the_household_and_numbers_in_free_text():
    deal = lost_deal(customer="C0002", competitor="城安物业 13812345678", amount=480000,
                     lessons="提前三个月报价", reason="price", staff=("S01", "S02"))  # fmt: skip
    recs = records(customers=[HOUSEHOLD], losses=[deal])
    row = lost_row(Privacy(masked=True), recs, deal)
    assert row["customer_name"] == "李**"
    assert row["competitor"] == "城安物业 138****5678"
    assert row["reason"] == "价格偏高" and row["amount"] == "480,000"
    assert row["staff"] == "S01 王芳、S02 李强"
    full = lost_row(Privacy(masked=False), recs, deal)
    assert full["customer_name"] == "李小明" and full["competitor"] == "城安物业 13812345678"
    bare = lost_row(Privacy(), recs, lost_deal(customer="C0002"))
    assert (bare["competitor"], bare["amount"], bare["lessons"]) == ("（未填）", "—", "")


def test_an_opportunity_row_names_its_latest_status_owner_next_step_and_age():
    visits = [
        visit("2026-11-01", customer="C0002",
              opportunity=Opportunity(status="lead", description="家政套餐")),
        visit("2026-11-10", customer="C0002", staff=("S02",), next_contact=day("2026-11-25"),
              opportunity=Opportunity(status="proposal", next_step="电话 13912345678 确认")),
    ]  # fmt: skip
    recs = records(customers=[HOUSEHOLD], visits=visits)
    (chance,) = open_opportunities(recs.visits, TODAY)
    row = opportunity_row(Privacy(), recs, chance, TODAY)
    assert row["customer_name"] == "李**" and row["description"] == "家政套餐"
    assert row["status"] == "已报价" and row["owner"] == "S01 王芳"
    assert row["next_step"] == "电话 139****5678 确认" and row["next_contact"] == "2026-11-25"
    assert (row["latest"], row["latest_staff"], row["opened"]) == (
        "2026-11-10",
        "S02 李强",
        "2026-11-01",
    )
    assert (row["age"], row["visits"]) == (22, 2)


def test_amounts_in_yuan():
    assert (yuan(86000), yuan(1234.5), yuan(0)) == ("86,000", "1,234.50", "0")
