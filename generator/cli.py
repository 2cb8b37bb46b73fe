"""The command line: thin wrappers that parse options, call the library and set the exit code.

Exit codes: 0 clean, 1 problems found, 2 usage or configuration error.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from generator import __version__

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.fail(
                f"日期应写成 YYYY-MM-DD / expected a date like 2026-11-23, got {value!r}",
                param,
                ctx,
            )


DATE = DateType()


def today_or_clock(today: date | None) -> date:
    """`today` is read from the clock once, here at the edge, and passed down."""
    return today or date.today()


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
        help="按哪一天检查（默认今天）/ the day to check as of (default: the clock).",
    )(func)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="huifang")
def main() -> None:
    """回访台 Huifang：客户回访记录的检查与发布 / customer-visit records, checked and published.

    记录放在 records/ 目录中，每条记录一个文件。/ Records live in records/, one file each.
    """


@main.command(context_settings=CONTEXT)
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
def check(
    records_dir: Path, output_format: str, strict: bool, today: date | None, quiet: bool
) -> None:
    """检查所有记录，列出每个问题的文件、行号和改法 / check every record.

    退出码：0 没有错误（--strict 时也没有警告），1 有问题，2 用法或配置错误（team.yaml、policy.yaml）。
    Exit codes: 0 clean, 1 problems found, 2 usage or configuration error.
    """
    from generator.output import as_github, as_json, as_text, summary_text
    from generator.pipeline import check_records

    if not records_dir.is_dir():
        raise click.UsageError(
            f"找不到记录目录 {records_dir} / the records folder {records_dir} does not exist"
        )
    report = check_records(records_dir, today_or_clock(today))
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


@main.command(context_settings=CONTEXT)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="写到哪个目录 / the folder to write the demo records into.",
)
@click.option(
    "--customers", type=click.IntRange(1), default=60, show_default=True, help="客户数 / customers."
)
@click.option(
    "--visits", type=click.IntRange(0), default=600, show_default=True, help="回访数 / visits."
)
@click.option(
    "--complaints",
    type=click.IntRange(0),
    default=30,
    show_default=True,
    help="投诉数 / complaints.",
)
@click.option(
    "--seed",
    type=int,
    default=2026,
    show_default=True,
    help="随机种子，相同种子生成相同数据 / random seed.",
)
@click.option(
    "--end",
    type=DATE,
    default=None,
    help="数据截止日期，默认与示例数据相同（回访覆盖此前 12 个月）"
    " / the last day of the data, by default the shipped demo's (visits cover the 12 months before).",
)
@click.option(
    "--force",
    is_flag=True,
    help="目录不为空时也写入（会替换其中的记录）/ write into a non-empty folder.",
)
def demo(
    out: Path,
    customers: int,
    visits: int,
    complaints: int,
    seed: int,
    end: date | None,
    force: bool,
) -> None:
    """生成一套虚构公司的示例记录（确定性：同样参数得到同样文件）/ write a deterministic demo data set."""
    from generator.demo import DEMO_END, DemoSize, write_demo

    if out.exists() and any(out.iterdir()) and not force:
        raise click.UsageError(
            f"{out} 不是空目录；确认要替换其中的记录请加 --force / {out} is not empty; add --force to replace its records"
        )
    size = DemoSize(customers=customers, visits=visits, complaints=complaints)
    written = write_demo(out, size, seed=seed, end=end or DEMO_END)
    click.echo(f"已写入 {written} 个文件到 {out} / wrote {written} files to {out}")


if __name__ == "__main__":  # pragma: no cover
    main()
