"""Visit plans on the site (issue 23): the 客户拜访统计表 of the 报表 page and its workbook
gain 计划拜访 / 实际完成 / 完成率 per person, the planned contacts are on the person's due
page and calendar, and a plan the checker rejects counts nowhere. Figures worked out by
hand from the base tree as of 2026-11-23 (a Monday)."""

from __future__ import annotations

import re
import zipfile

import openpyxl
from conftest import build_site

# S01's November plan: in W47 (11-16 – 11-22) a WeChat message — none was sent, missed —
# and a call — the base tree's call to C0001 on 11-20 by S01 makes it; in W48 (11-23 –
# 11-29) a visit on site — this week, not yet made. 计划 3, 实际 1, 完成率 33.3%.
S01_PLAN = """\
staff: S01
month: '2026-11'
contacts:
  - {customer: C0001, week: 2026-W47, method: wechat}
  - {customer: C0001, week: 2026-W47, method: phone}
  - {customer: C0001, week: 2026-W48, method: onsite, objective: "确认年底保洁安排<img src=x onerror=alert(1)> 13812345678"}
approved_by: S02
approved_on: '2026-10-29'
"""
# S02's has a week that does not exist: a schema error, so the plan is withheld
S02_PLAN = "staff: S02\nmonth: '2026-11'\ncontacts:\n  - {customer: C0001, week: 2026-W60}\n"


def cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", row)]


def test_the_statistics_table_counts_each_persons_planned_and_made_contacts(tree, tmp_path):
    records = tree({"plans/2026-11/S01.yaml": S01_PLAN, "plans/2026-11/S02.yaml": S02_PLAN})
    result, _ = build_site(records, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    report = (site / "reports.html").read_text(encoding="utf-8")
    november = report[re.search(r"<h3[^>]*>2026 年 11 月", report).start() :]
    table = november[november.index('<table class="hf-statistics">') :]
    table = table[: table.index("</table>")]
    assert "<th>计划拜访</th><th>实际完成</th><th>完成率</th>" in table
    rows = {cells(r)[0]: cells(r)[-3:] for r in re.findall(r"<tr>.*?</tr>", table) if "<td>" in r}
    s01 = next(label for label in rows if label.startswith("S01"))
    s02 = next(label for label in rows if label.startswith("S02"))
    assert rows[s01] == ["3", "1", "33.3%"]
    assert rows[s02] == ["0", "0", "—"]  # its plan was rejected: it counts nowhere
    assert rows["全队"] == ["3", "1", "33.3%"]
    # the workbook says the same
    book = openpyxl.load_workbook(site / "reports.xlsx")
    sheet = book["2026 年 11 月"]
    header = [c.value for c in sheet[1]]
    assert header[-3:] == ["计划拜访", "实际完成", "完成率"]
    found = {r[0]: r[-3:] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert found[s01][:2] == (3, 1) and round(found[s01][2], 3) == 0.333
    # S01's due page and calendar list the missed and the coming contact, not the one made
    due = (site / "due" / "S01.html").read_text(encoding="utf-8")
    table = due[due.index('<table class="hf-due') : due.index("</table>")]
    planned = re.findall(r'data-state="(\w+)" data-deadline="([\d-]+)"><td[^>]*>[^<]*</td><td>'
                         r"[^<]*</td><td>.*?</td><td>计划拜访", table)  # fmt: skip
    assert planned == [("overdue", "2026-11-22"), ("due_soon", "2026-11-29")]
    assert "目标：确认年底保洁安排&lt;img src=x onerror=alert(1)&gt; 138****5678" in due
    for path in (
        "due/S01.html",
        "due/S01.ics",
        "due/S01.csv",
        "reports.html",
        "customers/C0001.html",
    ):
        if (site / path).exists():  # a hostile objective: masked everywhere, markup only as
            text = (site / path).read_text(encoding="utf-8")  # text in HTML (plain in .ics/.csv)
            assert "13812345678" not in text, path
            assert not path.endswith(".html") or "<img src=x" not in text, path
    with zipfile.ZipFile(site / "due" / "S01.xlsx") as book:
        assert not any(b"13812345678" in book.read(name) for name in book.namelist())
    ics = re.sub(r"\r?\n ", "", (site / "due" / "S01.ics").read_text(encoding="utf-8"))
    summaries = [line for line in ics.splitlines() if line.startswith("SUMMARY:")]
    planned = [line for line in summaries if "计划拜访（2026 年 11 月计划）" in line]
    assert len(planned) == 2 and planned[0].startswith("SUMMARY:【逾期】")


def test_without_plans_the_table_has_no_plan_columns(tree, tmp_path):
    result, _ = build_site(tree(), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "site" / "reports.html").read_text(encoding="utf-8")
    assert "计划拜访" not in report and "完成率" not in report
