"""`huifang due`: who must contact whom by when, overdue first."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from generator.cli.options import (
    CONTEXT,
    as_of_or_clock,
    load_for_rules,
    profile_option,
    read_history_or_none,
    records_option,
    today_option,
    warn,
)


@click.command("due", context_settings=CONTEXT)
@records_option
@today_option
@click.option(
    "--staff", metavar="ID", help="只看这位员工的事项，例如 S05 / one staff member's items."
)
@click.option(
    "--within",
    type=click.IntRange(0, 3650),  # the policy's own day counts stop there too
    metavar="DAYS",
    help="只列出 N 天内到期的事项（逾期的总会列出）/ only items due within N days (overdue always).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "ics", "csv", "xlsx"]),
    default="text",
    show_default=True,
    help="text 按员工分组；json（带版本号）；ics 日历（手机可订阅）；csv（Excel）；xlsx（Excel"
    " 工作簿，写到文件：> due.xlsx）/ grouped text, versioned JSON, an iCalendar feed, CSV for"
    " Excel, or an Excel workbook (redirect it to a file).",
)
@click.option(
    "--all", "show_done", is_flag=True, help="也列出刚完成的事项 / include items just done."
)
@profile_option
def command(
    records_dir: Path,
    today: date | None,
    staff: str | None,
    within: int | None,
    output_format: str,
    show_done: bool,
    profile: str,
) -> None:
    """待访清单：谁在什么时候之前要联系哪位客户，逾期的在前 / who must contact whom by when.

    按 policy.yaml 的规则（定期回访、事件回访、不活跃跟进、约定回访、承诺、提醒、投诉时限）计算。
    Computed from the rules in policy.yaml; see docs/rules.md for the exact semantics.

    \b
    例子 / examples:
      huifang due --today 2026-11-23 --within 7
      huifang due --staff S05 --format ics > S05.ics
      huifang due --format csv --profile full > due.csv
      huifang due --format xlsx > due.xlsx
    """
    from generator.derive import derive_agenda
    from generator.present.due import View, select
    from generator.read.policy_history import applies_for
    from generator.report import due as due_formats

    as_of = as_of_or_clock(today)
    records = load_for_rules(records_dir, as_of.today).records
    if staff and staff not in records.staff:
        raise click.BadParameter(
            f"没有编号为 {staff} 的员工 / no staff member {staff}", param_hint="--staff"
        )
    # with Git history, a periodic rule applies from when the customer came to match it
    history = read_history_or_none(records_dir)
    agenda = derive_agenda(records, as_of, applies_for(history, records, as_of.today, records_dir))
    items = select(agenda, staff, within, show_done)
    view = View(records, masked=profile == "masked")
    warn(agenda.problems)
    if output_format == "ics":
        name = due_formats.calendar_name(staff, view)
        sys.stdout.buffer.write(due_formats.as_ics(agenda, items, view, name))
    elif output_format == "xlsx":
        sys.stdout.buffer.write(due_formats.as_xlsx(agenda, items, view, not staff).bytes())
    elif output_format == "json":
        click.echo(due_formats.as_json(agenda, items, view))
    elif output_format == "csv":
        click.echo(due_formats.as_csv(items, view), nl=False)
    else:
        click.echo(due_formats.as_text(agenda, items, view))
