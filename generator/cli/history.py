"""`huifang history ID`: one record's changes, from Git alone."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.options import (
    CONTEXT,
    allowed_signers_option,
    profile_option,
    read_history_or_none,
    records_option,
)


@click.command("history", context_settings=CONTEXT)
@click.argument("record_id", metavar="ID")
@records_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text 文本（最新的在前）；json（带版本号）/ text (newest first) or versioned JSON.",
)
@profile_option
@allowed_signers_option
def command(
    record_id: str,
    records_dir: Path,
    output_format: str,
    profile: str,
    allowed_signers: Path | None,
) -> None:
    """一条记录的变更历史：谁、何时、在哪次提交里把哪个字段从什么改成什么 / a record's history.

    ID 是客户、投诉、调查的编号，或回访文件名（不含扩展名），也可以是 team、policy。
    ID is a customer, complaint or survey id, a visit's file name without suffix, or team/policy.
    Renamed and moved files keep one history; deleted records say when and by whom.

    \b
    例子 / examples:
      huifang history C0001
      huifang history K2026-0007 --format json --profile full
    """
    from generator.present.privacy import Privacy
    from generator.report.history import as_json, as_text

    found = read_history_or_none(records_dir, allowed_signers, required=True)
    histories = found.find(record_id)
    if not histories:
        click.echo(
            f"Git 历史中没有编号为 {record_id} 的记录 / no record {record_id} in the Git history",
            err=True,
        )
        sys.exit(1)
    privacy = Privacy(masked=profile == "masked")
    if output_format == "json":
        click.echo(as_json(histories, found, privacy), nl=False)
    else:
        click.echo(as_text(histories, found, privacy))
