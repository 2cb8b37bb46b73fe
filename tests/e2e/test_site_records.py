"""Complaint pages, registers and timeline details built from records whose new fields are
hostile: every value escaped for where it goes, numbers masked in the masked profile, and
no broken link on the small site either."""

from __future__ import annotations

from conftest import build_site
from test_site_links import broken_links

HOSTILE = "<img src=x onerror=alert(1)>"
NUMBER = "13812345601"
VISIT = f"""\
---
customer: C0001
date: 2026-11-20
time: "10:30"
method: onsite
staff: [S01]
met:
  - {{name: "张三{HOSTILE}", title: "总经理 {NUMBER}", decides: true}}
purpose: [service]
objective: "目标{HOSTILE} 电话 {NUMBER}"
outcome: 客户满意
achieved: true
referral: false
source: "朋友<script>alert(2)</script>"
opportunity: {{status: lead, description: "商机{HOSTILE}"}}
issues:
  - {{text: "问题 {NUMBER}", department: "物业<b>部</b>"}}
complaint: K2026-0001
reviewed_by: S02
reviewed_on: 2026-11-21
review_comment: "意见{HOSTILE} {NUMBER}"
---
上门回访。
"""
COMPLAINT = f"""\
---
id: K2026-0001
customer: C0001
summary: "摘要{HOSTILE} {NUMBER}"
received: 2026-11-02 09:30
channel: phone
category: service
severity: major
first_responder: S02
registered: 2026-11-02 10:00
answered: 2026-11-02 15:00
resolved: 2026-11-04 11:00
feedback_sent: 2026-11-04 16:00
resolution: "已处理{HOSTILE}"
---
报修无人上门。
"""


def pages(site):
    return {
        name: (site / name).read_text(encoding="utf-8")
        for name in ("complaints/K2026-0001.html", "complaints/index.html",
                     "visits/2026-11.html", "customers/C0001.html")
    }  # fmt: skip


def test_hostile_fields_are_escaped_and_masked_everywhere_they_are_shown(tree, tmp_path):
    records = tree({"visits/2026/2026-11-20-C0001-phone.md": None,
                    "visits/2026/2026-11-20-C0001-onsite.md": VISIT,
                    "complaints/2026/K2026-0001.md": COMPLAINT})  # fmt: skip
    site = tmp_path / "site"
    result, _ = build_site(records, site)
    assert result.returncode == 0, result.stderr
    for name, text in pages(site).items():
        assert "<img src=x" not in text and "<script>alert(2)" not in text, name
        assert "<b>部</b>" not in text, name
        assert NUMBER not in text, name
    complaint = pages(site)["complaints/K2026-0001.html"]
    assert "摘要&lt;img src=x onerror=alert(1)&gt; 138****5601" in complaint
    assert 'href="../customers/C0001.html#v-2026-11-20-C0001-onsite"' in complaint  # 投诉回访
    register = pages(site)["visits/2026-11.html"]
    assert "张*" in register and "目标&lt;img" in register  # the name masked, markup as text
    assert "指导意见：意见&lt;img src=x onerror=alert(1)&gt; 138****5601" in register
    timeline = pages(site)["customers/C0001.html"]
    assert "朋友&lt;script&gt;alert(2)&lt;/script&gt;" in timeline
    assert "指导意见：意见&lt;img src=x onerror=alert(1)&gt; 138****5601" in timeline
    assert 'href="../complaints/K2026-0001.html"' in timeline
    assert broken_links(site.resolve()) == []

    full = tmp_path / "full"
    result, _ = build_site(records, full, "--profile", "full")
    assert result.returncode == 0, result.stderr
    register = (full / "visits/2026-11.html").read_text(encoding="utf-8")
    assert "张三&lt;img src=x onerror=alert(1)&gt;（总经理 13812345601，决策人）" in register
