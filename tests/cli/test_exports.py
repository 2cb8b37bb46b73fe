"""The calendar and workbook exports of `huifang due` and `huifang complaints`, on the shipped
demo records, read back as a phone's calendar (icalendar) and Excel (openpyxl) read them.
The expectations come from the same command's JSON, which other tests hold to the rules."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
from clirun import huifang_in
from icalendar import Calendar

RECORDS = str(Path(__file__).resolve().parents[2] / "records")
TODAY = dt.date(2026, 11, 23)
CHINA = dt.timezone(dt.timedelta(hours=8))


def run(*args: str):
    result = huifang_in(*args, "--records", RECORDS, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def s05_items() -> list[dict]:
    return json.loads(run("due", "--staff", "S05", "--format", "json").stdout)["items"]


def test_a_persons_calendar_is_named_after_them_and_marks_what_is_overdue(s05_items):
    calendar = Calendar.from_ical(run("due", "--staff", "S05", "--format", "ics").stdout_bytes)
    assert str(calendar["x-wr-calname"]).startswith("回访台 待访 · S05 ")
    team = Calendar.from_ical(run("due", "--format", "ics").stdout_bytes)
    assert str(team["x-wr-calname"]) == "回访台 待访 · 全队"
    events = calendar.walk("VEVENT")
    open_items = [i for i in s05_items if i["state"] != "done"]
    assert len(events) == len(open_items) > 0
    overdue = [i for i in open_items if i["state"] == "overdue"]
    marked = [e for e in events if str(e["summary"]).startswith("【逾期】")]
    assert len(marked) == len(overdue) > 0
    for event in events:
        late = event in marked
        categories = [str(c) for c in event["categories"].cats]
        assert ("逾期" in categories) == late
        day = event.decoded("dtstart")
        if late:
            assert day == TODAY  # an overdue item sits on today, not weeks back
        description = str(event["description"])
        assert "records/" not in description and ".md" not in description  # no repository path
        assert "url" not in event  # the command knows no site address
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and str(alarms[0]["action"]) == "DISPLAY"
        trigger = alarms[0].decoded("trigger")
        assert trigger.astimezone(CHINA) == dt.datetime.combine(day, dt.time(9), CHINA)


def test_the_due_workbook_has_the_list_and_for_the_team_a_sheet_per_person(s05_items):
    one = openpyxl.load_workbook(
        io.BytesIO(run("due", "--staff", "S05", "--format", "xlsx").stdout_bytes)
    )
    assert one.sheetnames == ["待访清单"]
    sheet = one["待访清单"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("状态", "截止日期", "截止时间", "负责人", "客户编号")
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert len(rows) - 1 == len(s05_items)
    assert [r[4] for r in rows[1:]] == [i["customer"] for i in s05_items]
    dates = [r[1] for r in rows[1:] if isinstance(r[1], dt.datetime)]
    assert dates, "deadlines are date cells"
    assert sheet.column_dimensions["B"].width >= 10
    team = openpyxl.load_workbook(io.BytesIO(run("due", "--format", "xlsx").stdout_bytes))
    assert team.sheetnames[0] == "待访清单" and len(team.sheetnames) > 2
    person = next(name for name in team.sheetnames if name.startswith("S05 "))
    assert len(list(team[person].iter_rows(values_only=True))) == len(rows)


def test_the_complaints_workbook_has_every_complaint_with_each_stages_deadline():
    statuses = json.loads(run("complaints", "--format", "json").stdout)["complaints"]
    book = openpyxl.load_workbook(io.BytesIO(run("complaints", "--format", "xlsx").stdout_bytes))
    assert book.sheetnames == ["投诉", "各环节"]
    rows = list(book["投诉"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("编号", "接到时间", "客户编号")
    assert sorted(r[0] for r in rows[1:]) == sorted(s["id"] for s in statuses)
    assert all(isinstance(r[1], dt.datetime) for r in rows[1:])  # received: a date and time
    deadline = [n for n, h in enumerate(header) if str(h).endswith("截止")]
    assert deadline and any(isinstance(r[deadline[0]], dt.datetime) for r in rows[1:])
    stages = list(book["各环节"].iter_rows(values_only=True))
    assert len(stages) - 1 == sum(len(s["stages"]) for s in statuses)


def test_a_workbook_is_the_same_bytes_for_the_same_records():
    first = run("due", "--format", "xlsx").stdout_bytes
    assert run("due", "--format", "xlsx").stdout_bytes == first
