"""`huifang fmt`: records rewritten into one canonical form (only when asked)."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from generator.cli.options import CONTEXT, records_option


@click.command("fmt", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@records_option
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="只检查不改写；需要整理时退出码 1 / change nothing; exit 1 when a file would change.",
)
@click.option("--diff", "show_diff", is_flag=True, help="显示会做的改动 / show the changes.")
def command(paths, records_dir, check_only, show_diff) -> None:
    """把记录整理成统一格式（字段顺序、日期和电话加引号、缩进），注释和正文原样保留；
    文件名与检查要求的只差大小写时（浏览器编辑器写的小写文件名）改名。

    Rewrite records into one canonical form (field order, quoted dates and phone numbers,
    indentation), keeping comments and the Markdown body byte for byte; a file whose name
    differs from the one the check wants only in case (the browser editor's lowercase
    names) is renamed. PATHS are files or folders inside the records folder (default: all
    of it); other files are left alone.

    退出码：0 已整理或无需整理，1 有文件需要整理（--check）或无法读取。
    Exit codes: 0 formatted or nothing to do, 1 files would change (--check) or unreadable.
    """
    from generator.authoring.fmt import format_files, record_files
    from generator.problems.formats import as_text

    if not records_dir.is_dir():
        raise click.UsageError(f"找不到记录目录 {records_dir} / no records folder {records_dir}")
    files = record_files(records_dir, list(paths))
    report = format_files(records_dir, files, write=not check_only)
    for shown in report.changed:
        verb = "需要整理 / would reformat" if check_only else "已整理 / reformatted"
        click.echo(f"{verb} {shown}")
        if show_diff:
            _echo_diff(shown, report)
    for shown, renamed in report.renamed.items():
        verb = "需要改名 / would rename" if check_only else "已改名 / renamed"
        click.echo(f"{verb} {shown} → {renamed}")
    if report.problems:
        click.echo(as_text(report.problems), err=True)
        click.echo("以上文件未整理，请先修正 / the files above were left alone.", err=True)
    count = len(report.renamed)
    click.echo(
        f"{report.files} 个文件，{len(report.changed)} 个"
        + ("需要整理" if check_only else "已整理")
        + (f"，{count} 个{'需要改名' if check_only else '已改名'}" if count else "")
        + f" / {report.files} files, {len(report.changed)} "
        + ("would change" if check_only else "changed")
        + (f", {count} {'would be renamed' if check_only else 'renamed'}" if count else ""),
        err=True,
    )
    sys.exit(1 if report.problems or (check_only and (report.changed or report.renamed)) else 0)


def _echo_diff(shown: str, report) -> None:
    old, new_text = report.texts[shown]
    click.echo(
        "".join(difflib.unified_diff(old.splitlines(True), new_text.splitlines(True), shown, shown))
    )
