"""The 商机 pages built from records: the 跟单总控表 (deals/index.html) lists the open
opportunities the visits follow, each linked to its latest visit's timeline entry; the
丢单分析 (deals/lost.html) counts the lost-deal reports by month, reason, competitor and
staff, then lists each one linked to its customer. Values hostile: escaped and masked; no
broken link. The figures are worked out by hand from the files below."""

from __future__ import annotations

import re

from conftest import build_site, visit_file
from test_site_links import broken_links

HOSTILE = "<img src=x onerror=alert(1)>"
NUMBER = "13812345601"
HOUSEHOLD = """\
---
id: C0002
name: 李小明
kind: individual
grade: B
owner: S01
area: 一区
---
业主。
"""
LOST_C0001 = f"""\
---
customer: C0001
date: 2026-10-12
staff: [S01, S02]
opportunity: "物业服务合同续签{HOSTILE}"
reason: price
competitor: "城安物业{HOSTILE} {NUMBER}"
amount: 480000
lessons: 续签前三个月就要报价
---
## 丢单分析

对手报价低一成，联系人电话 {NUMBER}。
"""
LOST_C0002 = """\
---
customer: C0002
date: 2026-11-03
staff: [S01]
opportunity: 家政套餐
reason: moved
---
业主搬走了。
"""


def _files() -> dict[str, str]:
    files = {
        "customers/C0002.md": HOUSEHOLD,
        "lost/2026/2026-10-12-C0001.md": LOST_C0001,
        "lost/2026/2026-11-03-C0002.md": LOST_C0002,
    }
    for day, customer, opportunity in (
        ("2026-11-02", "C0001", {"status": "lead", "description": f"外墙清洗{HOSTILE}"}),
        ("2026-11-09", "C0001", {"status": "proposal", "next_step": f"报价 {NUMBER}"}),
        ("2026-10-01", "C0002", {"status": "qualified", "description": "车位租赁"}),
        ("2026-10-20", "C0002", {"status": "won"}),  # closed: not on the 总控表
    ):
        path, text = visit_file(day, customer=customer, opportunity=opportunity)
        files[path] = text
    return files


def _text(page: str) -> str:
    article = page[page.index("<article") : page.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def test_the_deal_pages_show_the_open_opportunities_and_the_lost_deals(tree, tmp_path):
    records = tree(_files())
    site = tmp_path / "site"
    result, _ = build_site(records, site)
    assert result.returncode == 0, result.stderr
    deals = (site / "deals/index.html").read_text(encoding="utf-8")
    lost = (site / "deals/lost.html").read_text(encoding="utf-8")
    for name, page in (("deals", deals), ("lost", lost)):
        assert "<img src=x" not in page and NUMBER not in page, name
    # one open opportunity: C0001's, opened 11-02 (21 days by 11-23), latest 11-09, 已报价
    assert "仍在跟进的商机 1 个" in deals
    row = _text(deals)
    assert "2026-11-02 C0001 上海示例贸易有限公司 外墙清洗&lt;img src=x onerror=alert(1)&gt;" in row
    assert "已报价 S01 王芳 报价 138****5601" in row
    assert "2026-11-09 S01 王芳（共 2 次回访） 21" in row
    assert 'href="../customers/C0001.html#v-2026-11-09-C0001-phone"' in deals
    assert "车位租赁" not in deals  # C0002's was won
    assert "丢单：共 2 单（2026 年 2 单，已知金额 480,000 元）" in row
    # 丢单分析: 2 deals, 480,000 known (1 deal); October 1, November 1
    text = _text(lost)
    assert "共 2 单，已知金额 480,000 元（1 单写了金额）" in text
    assert "2026-10 1 480,000 2026-11 1 —" in text  # the month chart's table
    assert "价格偏高 1 480,000" in text and "客户搬迁、停业或不再需要 1 —" in text
    assert "城安物业&lt;img src=x onerror=alert(1)&gt; 138****5601 1 480,000" in text
    assert "（未填） 1 —" in text  # C0002's report names no competitor
    # S01 followed both (480,000 known), S02 one
    assert "S01 王芳 2 480,000" in text and "S02 李强 1 480,000" in text
    assert 'id="lost-2026-10-12-C0001"' in lost and 'href="../customers/C0002.html"' in lost
    assert "李**" in lost and "李小明" not in lost  # a household's name is masked
    assert "联系人电话 138****5601" in text  # the analysis, masked
    # newest first
    assert lost.index('id="lost-2026-11-03-C0002"') < lost.index('id="lost-2026-10-12-C0001"')
    # each customer's page lists its own reports, linked to their place on 丢单分析
    page = (site / "customers/C0001.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and NUMBER not in page
    text = _text(page)
    assert (
        "丢单报告 日期 丢失的商机 原因 竞争对手 金额（元） 跟单人 2026-10-12 物业服务合同续签&lt;img"
        " src=x onerror=alert(1)&gt; 价格偏高 城安物业&lt;img src=x onerror=alert(1)&gt; "
        "138****5601 480,000 S01 王芳、S02 李强"
    ) in text
    assert 'href="../deals/lost.html#lost-2026-10-12-C0001"' in page
    assert "2026-11-03" not in text.split("丢单报告", 1)[1].split("待办", 1)[0]  # C0002's
    assert broken_links(site.resolve()) == []


def test_the_demos_deal_pages_show_its_two_lost_deals_and_open_opportunities(demo_site):
    """The demo loses two deals (generator/demo/deals.py): C0025's contract renewal on
    2026-10-06 (price, to 城安物业服务有限公司, 360,000, S05 陈帅) and C0003's façade cleaning
    on 2026-09-29 (competitor, to 洁安清洁服务有限公司, 86,000, S06 王小红)."""
    site, _ = demo_site
    lost = _text((site / "deals/lost.html").read_text(encoding="utf-8"))
    assert "共 2 单，已知金额 446,000 元（2 单写了金额）" in lost
    assert "2026-08 0 — 2026-09 1 86,000 2026-10 1 360,000 2026-11 0 —" in lost
    assert "原因 丢单数 金额（元） 价格偏高 1 360,000 对手关系或条件更好 1 86,000" in lost
    assert "城安物业服务有限公司 1 360,000 洁安清洁服务有限公司 1 86,000" in lost
    assert "跟单人 丢单数 金额（元） S05 陈帅 1 360,000 S06 王小红 1 86,000" in lost
    assert lost.index("2026-10-06 · C0025 恒聪百汇科技有限公司 · 物业服务合同续签") < lost.index(
        "2026-09-29 · C0003 时空盒数字传媒有限公司 · 外墙及玻璃幕墙清洗年度合同"
    )
    deals = (site / "deals/index.html").read_text(encoding="utf-8")
    text = _text(deals)
    # 20 opportunities followed: 19 at A/B customers and C0025's renewal; 2 won, 2 lost
    assert (
        "仍在跟进的商机 16 个" in text
        and "丢单：共 2 单（2026 年 2 单，已知金额 446,000 元）" in text
    )
    # the newest: C0029's, opened 2026-11-17 (6 days by 11-23), followed again on 11-19
    assert (
        "2026-11-17 C0029 立信电子网络有限公司 办公区绿化改造 已确认 S06 王小红 "
        "约主管一起现场勘察后报价 2026-11-19 S06 王小红（共 2 次回访） 6"
    ) in text
    assert 'href="../customers/C0029.html#v-2026-11-19-C0029-' in deals
    # the oldest still open: C0044's, opened 2026-08-22, 93 days, last followed 09-29
    assert text.rstrip().endswith("2026-09-29 S05 陈帅（共 3 次回访） 93")
    customer = (site / "customers/C0025.html").read_text(encoding="utf-8")
    assert (
        "客户决定合同到期后改由其他物业公司服务，不再续签" in customer
    )  # the visit that learnt it
    text = _text(customer)
    assert (
        "丢单报告 日期 丢失的商机 原因 竞争对手 金额（元） 跟单人 2026-10-06 物业服务合同续签（明年起三年） "
        "价格偏高 城安物业服务有限公司 360,000 S05 陈帅"
    ) in text
    # a customer who left gives why on its page: C0032 moved (lost_reason in its file)
    moved = _text((site / "customers/C0032.html").read_text(encoding="utf-8"))
    assert "流失原因 客户搬迁、停业或不再需要" in moved and "丢单报告" not in moved
