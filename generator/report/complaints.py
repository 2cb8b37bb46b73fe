"""Complaint limits for people and programs: text, versioned JSON, CSV and .xlsx
(docs/rules.md)."""

from __future__ import annotations

import datetime as dt
import json

from generator.derive import ComplaintReport
from generator.derive.durations import when_text
from generator.derive.items import Deadline
from generator.derive.sla import ComplaintStatus, Stage
from generator.present.complaints import label, stage_note
from generator.present.due import View, minutes
from generator.report.due import pad, problems_json
from generator.report.excel import excel_csv
from generator.report.xlsx import Book, Cell, Sheet
from generator.versions import COMPLAINTS_JSON
from generator.vocabulary import SLA_STAGE_LABELS, SLA_STATE_LABELS


def as_text(report: ComplaintReport, statuses: list[ComplaintStatus], view: View) -> str:
    today = report.as_of.today.isoformat()
    lines = [f"投诉时限 · 截至 {today} / complaint limits as of {today}（{len(statuses)} 件）"]
    for status in statuses:
        c = status.complaint
        who = " ".join(status.responsible)
        lines.append(
            f"\n{c.id}  {c.customer} {view.customer_name(c.customer)}  "
            f"{label('category', c.category)} · {label('channel', c.channel)}"
            f"{' · 特殊' if c.special else ''} · 首问 {who} · {SLA_STATE_LABELS[status.state]}"
        )
        for stage in status.stages:
            lines.append(f"    {pad(stage.label, 8)}  {stage_note(stage)}")
    lines.append("\n月度分析 / monthly analysis（按接到月份）")
    lines.append("  月份     投诉  已处理  按时处理  有超时  类别 / 渠道 / 首问责任人")
    for m in report.months:
        mix = " / ".join(
            "，".join(f"{label(field, k) or k} {n}" for k, n in sorted(counter.items()))
            for field, counter in (("category", m.by_category), ("channel", m.by_channel))
        )
        people = "，".join(f"{k} {n}" for k, n in sorted(m.by_responder.items()))
        lines.append(
            f"  {m.month}  {m.total:>4}  {m.resolved:>6}  {m.resolved_in_time:>8}  "
            f"{m.with_breach:>6}  {mix} / {people}"
        )
    return "\n".join(lines)


def _stage_json(stage: Stage, view: View) -> dict:
    return {
        "stage": stage.name,
        "label": stage.label,
        "limit": stage.limit,
        "state": stage.state,
        "state_label": SLA_STATE_LABELS[stage.state],
        "deadline": str(stage.deadline) if stage.deadline else None,
        "done_at": when_text(stage.done_at),
        "late_by_minutes": minutes(stage.late_by),
        "time_left_minutes": minutes(stage.time_left),
        "workdays_left": stage.workdays_left,
        "evidence": view.privacy.plain(stage.evidence) if stage.evidence else None,
    }


def as_json(report: ComplaintReport, statuses: list[ComplaintStatus], view: View) -> str:
    payload = {
        "version": COMPLAINTS_JSON,
        "as_of": report.as_of.today.isoformat(),
        "now": report.as_of.now.isoformat(timespec="minutes"),
        "complaints": [
            {
                "id": s.complaint.id,
                "customer": s.complaint.customer,
                "customer_name": view.customer_name(s.complaint.customer),
                "category": s.complaint.category,
                "channel": s.complaint.channel,
                "special": s.complaint.special,
                "responsible": list(s.responsible),
                "open": s.open,
                "state": s.state,
                "stages": [_stage_json(x, view) for x in s.stages],
                "file": view.file(s.complaint.source.path),
            }
            for s in statuses
        ],
        "months": [
            {
                "month": m.month,
                "total": m.total,
                "resolved": m.resolved,
                "resolved_in_time": m.resolved_in_time,
                "with_breach": m.with_breach,
                "by_category": dict(sorted(m.by_category.items())),
                "by_channel": dict(sorted(m.by_channel.items())),
                "by_responder": dict(sorted(m.by_responder.items())),
            }
            for m in report.months
        ],
        "problems": problems_json(report.problems),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def as_csv(statuses: list[ComplaintStatus], view: View) -> str:
    """One row per complaint and stage."""
    header = ("编号", "客户", "类别", "渠道", "首问责任人", "环节", "状态", "截止", "说明")
    rows = []
    for s in statuses:
        c = s.complaint
        rows += [
            (
                c.id,
                f"{c.customer} {view.customer_name(c.customer)}".strip(),
                label("category", c.category),
                label("channel", c.channel),
                " ".join(s.responsible),
                stage.label,
                SLA_STATE_LABELS[stage.state],
                str(stage.deadline) if stage.deadline else "",
                stage_note(stage),
            )
            for stage in s.stages
        ]
    return excel_csv(header, rows)


def _moment(deadline: Deadline | None) -> Cell:
    """A deadline as a cell: a day (a date cell), or a day and time."""
    if deadline is None:
        return None
    return deadline.day if deadline.at is None else dt.datetime.combine(deadline.day, deadline.at)


def as_xlsx(report: ComplaintReport, statuses: list[ComplaintStatus], view: View) -> Book:
    """Two sheets: 投诉 (one row per complaint, every stage's deadline and state in its own
    columns) and 各环节 (one row per complaint and stage, as the CSV)."""
    stage_names = list(dict.fromkeys(s.name for status in statuses for s in status.stages))
    stage_labels = [SLA_STAGE_LABELS[name] for name in stage_names]
    header = ["编号", "接到时间", "客户编号", "客户名称", "摘要", "类别", "渠道", "严重程度",
              "特殊投诉", "首问责任人", "状态"]  # fmt: skip
    for stage_label in stage_labels:
        header += [f"{stage_label}截止", f"{stage_label}状态"]
    rows, stage_rows = [], []
    for s in statuses:
        c = s.complaint
        people = view.staff_labels(s.responsible)
        first: list[Cell] = [c.id, c.received, c.customer, view.customer_name(c.customer)]
        row = [*first, view.privacy.free_text(c.summary), label("category", c.category),
               label("channel", c.channel), label("severity", c.severity), c.special, people,
               SLA_STATE_LABELS[s.state]]  # fmt: skip
        stages = {stage.name: stage for stage in s.stages}
        for name in stage_names:
            stage = stages.get(name)
            row += (
                [_moment(stage.deadline), SLA_STATE_LABELS[stage.state]] if stage else [None, None]
            )
        rows.append(row)
        stage_rows += [
            [c.id, c.customer, view.customer_name(c.customer), stage.label,
             SLA_STATE_LABELS[stage.state], _moment(stage.deadline), stage_note(stage)]
            for stage in s.stages
        ]  # fmt: skip
    stage_header = ("编号", "客户编号", "客户名称", "环节", "状态", "截止", "说明")
    return Book.of(
        [Sheet("投诉", header, rows), Sheet("各环节", stage_header, stage_rows)],
        created=report.as_of.today,
    )
