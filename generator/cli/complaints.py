"""`huifang complaints`: each complaint's stages against their limits, and the monthly analysis."""

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
    records_option,
    today_option,
    warn,
)


@click.command("complaints", context_settings=CONTEXT)
@records_option
@today_option
@click.option(
    "--open",
    "open_only",
    is_flag=True,
    help="只列出还有环节在进行或已超时的投诉 / only complaints with a stage running or breached.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv", "xlsx"]),
    default="text",
    show_default=True,
    help="text 文本（含月度分析）；json（带版本号）；csv（Excel）；xlsx（Excel 工作簿，写到文件："
    "> complaints.xlsx）/ text, versioned JSON, CSV, or an Excel workbook (redirect it to a file).",
)
@profile_option
def command(
    records_dir: Path, today: date | None, open_only: bool, output_format: str, profile: str
) -> None:
    """投诉时限：每件投诉各环节按时、超时、进行中，以及月度分析 / complaint limits per stage.

    登记、答复、处理（工作日，含调休）、反馈、投诉回访，时限都在 policy.yaml 的 complaints 中。
    Register, answer, resolve (working days), feedback and follow-up visit; limits in policy.yaml.

    \b
    例子 / examples:
      huifang complaints --open
      huifang complaints --format csv --profile full > complaints.csv
      huifang complaints --format xlsx > complaints.xlsx
    """
    from generator.derive import derive_complaints
    from generator.present.complaints import select
    from generator.present.due import View
    from generator.report import complaints as complaint_formats

    as_of = as_of_or_clock(today)
    records = load_for_rules(records_dir, as_of.today).records
    report = derive_complaints(records, as_of)
    statuses = select(report, open_only)
    view = View(records, masked=profile == "masked")
    warn(report.problems)
    if output_format == "json":
        click.echo(complaint_formats.as_json(report, statuses, view))
    elif output_format == "csv":
        click.echo(complaint_formats.as_csv(statuses, view), nl=False)
    elif output_format == "xlsx":
        sys.stdout.buffer.write(complaint_formats.as_xlsx(report, statuses, view).bytes())
    else:
        click.echo(complaint_formats.as_text(report, statuses, view))
