"""What the commands share: option types and decorators, the clock, loading records for rules."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.progress import SILENT, Reporter

if TYPE_CHECKING:
    from generator.check import CheckReport

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(value)
        except ValueError:
            self.fail(
                f"日期应写成 YYYY-MM-DD / expected a date like 2026-11-23, got {value!r}",
                param,
                ctx,
            )
        if not FIRST_DAY <= day <= LAST_DAY:
            self.fail(
                f"日期应在 {FIRST_DAY} 到 {LAST_DAY} 之间 / the date must be between "
                f"{FIRST_DAY} and {LAST_DAY}, not {value!r}",
                param,
                ctx,
            )
        return day


# The days a command can be run as of: record dates are years 1900-2199 (schema/common.json),
# and the site's sitemap stores its date as 32-bit seconds (it ends in February 2106).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2105, 12, 31)


DATE = DateType()


def as_of_or_clock(today: date | None):
    """The clock is read once, here at the edge, and passed down: `--today DATE` means the
    start of that day; without it, the team's local date and time now."""
    from generator.derive import AsOf
    from generator.read.convert import LOCAL_TZ

    if today:
        return AsOf.day(today)
    now = datetime.now(LOCAL_TZ).replace(tzinfo=None, microsecond=0)
    return AsOf(now.date(), now)


def load_for_rules(
    records_dir: Path, today: date, history=None, reporter: Reporter = SILENT, timer=None
) -> CheckReport:
    """The records checked once (with the history's timeliness checks when given); a broken
    team.yaml or policy.yaml stops here (exit 2)."""
    from generator.check import check_records
    from generator.problems.formats import as_text

    if not records_dir.is_dir():
        raise click.UsageError(
            f"找不到记录目录 {records_dir} / the records folder {records_dir} does not exist"
        )
    report = check_records(records_dir, today, history=history, reporter=reporter, timer=timer)
    if report.config_error:
        click.echo(as_text([p for p in report.problems if p.is_error]), err=True)
        click.echo(
            "team.yaml 或 policy.yaml 有错误，无法计算。/ team.yaml or policy.yaml has errors.",
            err=True,
        )
        sys.exit(2)
    if report.errors:
        click.echo(
            f"注意：记录中有 {report.errors} 个错误，出错的记录未计入；运行 huifang check 查看。"
            f" / note: {report.errors} error(s) in the records; run huifang check.",
            err=True,
        )
    return report


def warn(problems) -> None:
    """Warnings about the computation itself (e.g. an unknown calendar year) on standard error."""
    for problem in problems:
        click.echo(f"{problem.severity} {problem.code}: {problem.message_zh}", err=True)


NOT_A_REPOSITORY = (
    "记录目录不在 Git 仓库中：没有变更历史，未检查提交时效 / the records are not in a Git "
    "repository: no change history, timeliness not checked"
)


def read_history_or_none(records_dir: Path, allowed_signers: Path | None = None, required=False):
    """The records' Git history; None outside a repository, unless it is `required` (exit 2)."""
    from generator.history import read_history
    from generator.history.gitlog import GitError

    try:
        return read_history(records_dir, allowed_signers)
    except GitError as err:
        if required:
            click.echo(str(err), err=True)
            sys.exit(2)
        return None


def allowed_signers_option(func):
    """--allowed-signers, the same for check, history and build."""
    return click.option(
        "--allowed-signers",
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        help="可信的 SSH 公钥列表（git 的 allowed signers 格式）；默认用 git 的设置。放在仓库中时，"
        "每个提交按它上一个提交中的版本判断 / the ssh allowed-signers file of trusted keys "
        "(default: git's gpg.ssh.allowedSignersFile); one tracked in the repository judges "
        "each commit as of its parent.",
    )(func)


def timings_option(func):
    return click.option(
        "--timings",
        "timings_file",
        type=click.Path(path_type=Path, dir_okay=False),
        help="把各阶段用时（秒）写成 JSON，供 make bench 和排查慢的原因"
        " / write each stage's seconds as JSON (make bench uses it).",
    )(func)


def write_timings(timings_file: Path | None, timer) -> None:
    if timings_file is not None:
        seconds = {stage: round(value, 3) for stage, value in timer.seconds.items()}
        timings_file.write_text(json.dumps(seconds, ensure_ascii=False, indent=1), "utf-8")


PROFILES = ("masked", "full")


def profile_option(func):
    """--profile, the same for due, complaints, history and build: personal data is hidden
    unless full is asked for (the commands once disagreed: three showed it by default)."""
    return click.option(
        "--profile",
        type=click.Choice(PROFILES),
        default="masked",
        show_default=True,
        help="masked 按字段的个人信息级别打码（姓名、电话、地址等，可公开给全体员工）；full 显示全部，"
        "只用于有访问控制的场合 / masked hides personal data (names, phones, addresses…); full shows "
        "everything and is only for use behind access control.",
    )(func)


def records_option(func):
    return click.option(
        "--records",
        "records_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=Path("records"),
        show_default=True,
        help="记录目录 / the records folder.",
    )(func)


def today_option(func):
    return click.option(
        "--today",
        type=DATE,
        default=None,
        envvar="HUIFANG_TODAY",
        show_envvar=True,
        help="按哪一天检查（默认今天）/ the day to check as of (default: the clock).",
    )(func)
