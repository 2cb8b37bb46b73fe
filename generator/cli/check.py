"""`huifang check`: every record checked, each problem with its file, line and fix."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.cli.options import (
    CONTEXT,
    NOT_A_REPOSITORY,
    allowed_signers_option,
    as_of_or_clock,
    read_history_or_none,
    records_option,
    timings_option,
    today_option,
    write_timings,
)
from generator.progress import progress_reporter, wanted
from generator.timing import StageTimer

if TYPE_CHECKING:
    from generator.check import CheckReport
    from generator.derive import AsOf
    from generator.history import History
    from generator.problems import Problem


@click.command("check", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@records_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="输出格式：text 文本，json（带版本号），github（拉取请求中的行内注释）"
    " / output: text, versioned JSON, or GitHub annotations.",
)
@click.option("--strict", is_flag=True, help="有警告也算失败 / warnings fail the check too.")
@today_option
@click.option(
    "-q", "--quiet", is_flag=True, help="只输出问题，不输出汇总 / problems only, no summary."
)
@click.option(
    "--history/--no-history",
    "use_history",
    default=True,
    show_default=True,
    help="按 Git 历史检查记录是否及时提交、审阅，签字是否本人提交（不在仓库中时跳过）"
    " / check from Git history that records were filed and reviewed in time, and sign-offs "
    "committed by the person they name.",
)
@click.option(
    "--require-signed",
    is_flag=True,
    help="每个修改记录的提交都必须有可信签名（git 的 %G? 为 G），否则列出并失败"
    " / every commit changing records must have a good signature; list the others and fail.",
)
@allowed_signers_option
@click.option(
    "--verified-head",
    type=click.Path(path_type=Path, dir_okay=False),
    help="上次核验通过的提交（完整哈希）记在这个文件里：它若不再是当前提交的祖先（历史被改写）"
    "就失败；带 --require-signed 核验通过后写入当前提交 / a file holding the last verified "
    "commit's full hash: fail if it is no longer an ancestor of HEAD (history rewritten); "
    "updated to HEAD when a --require-signed check passes.",
)
@click.option(
    "--summary",
    "summary_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="把中文的拉取请求摘要（改动文件的问题表、对待访清单的影响）追加到这个文件，"
    "例如 $GITHUB_STEP_SUMMARY / append a Chinese pull-request summary (problems in the "
    "changed files, due-list changes) to this file.",
)
@click.option(
    "--base",
    default="origin/main",
    show_default=True,
    help="摘要与哪个分支比较 / the branch the summary compares with.",
)
@timings_option
def command(
    paths: tuple[Path, ...],
    records_dir: Path,
    output_format: str,
    strict: bool,
    today: date | None,
    quiet: bool,
    use_history: bool,
    require_signed: bool,
    allowed_signers: Path | None,
    verified_head: Path | None,
    summary_file: Path | None,
    base: str,
    timings_file: Path | None,
) -> None:
    """检查所有记录，列出每个问题的文件、行号和改法 / check every record.

    给出 PATHS 时只报告这些文件的问题（仍读取全部记录做交叉检查），供 pre-commit 使用。
    With PATHS, only the problems of those files are reported (all records are still read).

    在 Git 仓库中还按提交时间检查回访记录、投诉登记和主管审阅是否及时（警告），并按 team.yaml
    登记的 Git 身份检查审阅签字、投诉处理完毕和回访记录是不是本人提交的（警告）。
    In a Git repository the commit times also show whether visits, complaints and reviews
    were filed in time, and team.yaml's Git identities whether sign-offs, complaint closures
    and visit records were committed by the people they name (warnings).

    退出码：0 没有错误（--strict 时也没有警告），1 有问题，2 用法或配置错误（team.yaml、policy.yaml）。
    Exit codes: 0 clean, 1 problems found, 2 usage or configuration error.
    """
    from generator.check import check_records
    from generator.history import SHALLOW_NOTE
    from generator.problems.formats import as_github, as_json, as_text, summary_text

    if not records_dir.is_dir():
        raise click.UsageError(
            f"找不到记录目录 {records_dir} / the records folder {records_dir} does not exist"
        )
    auditing = require_signed or verified_head is not None
    needed = use_history or auditing  # --no-history alone never runs git
    history = (
        read_history_or_none(records_dir, allowed_signers, required=auditing) if needed else None
    )
    if history is None and use_history and not quiet and output_format == "text":
        click.echo(NOT_A_REPOSITORY, err=True)
    # before the records are read: a bad trust setting is exit 2 at once
    verified = (
        _verified(history, verified_head, require_signed)
        if history is not None and auditing
        else ""
    )
    if history is not None and history.shallow:
        click.echo(SHALLOW_NOTE, err=True)
    as_of = as_of_or_clock(today)
    timer = StageTimer()
    with progress_reporter(wanted(quiet)) as reporter:
        report = check_records(
            records_dir,
            as_of.today,
            history=history if use_history else None,
            reporter=reporter,
            timer=timer,
        )
    write_timings(timings_file, timer)
    if history is not None and auditing:
        report = report.adding(_audit(history, verified, verified_head, require_signed))
    if paths:
        report = report.only(list(paths))
    if summary_file:
        write_summary(summary_file, records_dir, base, as_of, report, history)
    summary = summary_text(report.documents, report.errors, report.warnings)
    if output_format == "json":
        click.echo(as_json(report.problems, report.documents))
    elif output_format == "github":
        if report.problems:
            click.echo(as_github(report.problems))
        if not quiet:
            click.echo(summary, err=True)
    else:
        if report.problems:
            click.echo(as_text(report.problems))
        if not quiet:
            click.echo(summary)
    sys.exit(report.exit_code(strict))


def _verified(history: History, verified_head: Path | None, require_signed: bool) -> str:
    """The last verified head; a trust setting that cannot be used is exit 2."""
    from generator.history.trust import TrustConfigError, read_verified_head, require_anchor

    try:
        verified = read_verified_head(verified_head, history.repo)
        if require_signed:
            require_anchor(history, verified)
    except TrustConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    return verified


def _audit(
    history: History, verified: str, verified_head: Path | None, require_signed: bool
) -> list[Problem]:
    """The signature audit's problems; a passed signature check moves the verified head."""
    from generator.history.trust import read_audit
    from generator.validate.signatures import signature_problems

    audit = read_audit(history, verified, signatures=require_signed)
    problems = signature_problems(history, audit, verified_head)
    if require_signed and verified_head and not problems and history.head:
        verified_head.write_text(history.head + "\n", encoding="utf-8")
    return problems


def write_summary(
    summary_file: Path,
    records_dir: Path,
    base: str,
    as_of: AsOf,
    report: CheckReport,
    history: History | None = None,
) -> None:
    """Append the pull-request summary (GitHub reads $GITHUB_STEP_SUMMARY after the step)."""
    from generator.history.gitlog import GitError
    from generator.report.review import pr_summary

    try:
        text = pr_summary(records_dir, base, as_of, report, history)
    except GitError as err:
        click.echo(f"无法生成摘要 / no summary: {err}", err=True)
        return
    with summary_file.open("a", encoding="utf-8") as out:
        out.write(text + "\n")
