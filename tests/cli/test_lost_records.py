"""Lost-deal reports (丢单报告) through the commands: `huifang new lost` writes a file the
checker accepts, named date-customer in its year's folder; `fmt` puts one in canonical form;
`check` reads it from records/lost/."""

from __future__ import annotations

import json

from clirun import huifang_in

MESSY = (
    "---\nreason: price\nstaff: [S01]\nopportunity: 年度保洁合同\ndate: 2026-11-10\n"
    "amount: 86000\ncustomer: C0001\n---\n## 丢单分析\n\n报价高于对手一成。\n"
)
LOST = "lost/2026/2026-11-10-C0001.md"


def test_new_lost_names_the_file_date_customer_and_fills_in_the_owner(tree):
    records = tree()
    result = huifang_in("new", "lost", "--customer", "C0001", "--date", "2026-11-10",
                        "--set", "reason=price", "--set", "opportunity=年度保洁合同",
                        "--set", "amount=86,000", "--records", str(records), "-I")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = records / LOST
    text = path.read_text(encoding="utf-8")
    assert "customer: C0001" in text and "date: '2026-11-10'" in text
    assert "amount: 86000  #" in text  # a number, not text
    assert "- S01" in text  # the customer's owner follows the deal unless --staff says
    assert "reason: price  # 丢单原因：price 价格偏高 | competitor" in text
    assert text.endswith("---\n## 丢单分析\n\n")
    again = huifang_in("new", "lost", "--customer", "C0001", "--date", "2026-11-10",
                       "--set", "reason=other", "--set", "opportunity=绿化",
                       "--records", str(records), "-I")  # fmt: skip
    assert again.exit_code == 0, again.stderr
    assert (records / "lost/2026/2026-11-10-C0001-2.md").exists()  # never over the first
    checked = huifang_in("check", "--records", str(records), "--today", "2026-11-23",
                         "--format", "json")  # fmt: skip
    problems = json.loads(checked.stdout)["problems"]
    assert not [p for p in problems if p["file"].startswith("records/lost/")], problems


def test_new_lost_without_its_reason_and_opportunity_asks_for_them(tree):
    result = huifang_in("new", "lost", "--customer", "C0001", "--records", str(tree()), "-I")
    assert result.exit_code == 2
    assert "--set opportunity=…（丢失的商机）" in result.stderr
    assert "--set reason=…（丢单原因）" in result.stderr


def test_fmt_puts_a_lost_deal_in_the_schemas_order_and_keeps_the_analysis(tree):
    records = tree({LOST: MESSY})
    result = huifang_in("fmt", "--records", str(records))
    assert result.exit_code == 0, result.stderr
    text = (records / LOST).read_text(encoding="utf-8")
    order = ["customer:", "date:", "staff:", "opportunity:", "reason:", "amount:"]
    assert [text.index(k) for k in order] == sorted(text.index(k) for k in order)
    assert "date: '2026-11-10'" in text
    assert text.endswith("---\n## 丢单分析\n\n报价高于对手一成。\n")


def test_check_reports_a_lost_deal_at_its_file_and_line(tree):
    records = tree({LOST: MESSY.replace("reason: price", "reason: cheap")})
    result = huifang_in("check", "--records", str(records), "--today", "2026-11-23")
    assert result.exit_code == 1
    assert f"records/{LOST}:2:1: error lost.unknown_reason" in result.stdout
