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
    assert broken_links(site.resolve()) == []
