"""`huifang demo`: a deterministic demo data set, optionally as a Git repository."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator.cli.options import CONTEXT, DATE


@click.command("demo", context_settings=CONTEXT)
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
@click.option(
    "--history",
    "with_history",
    is_flag=True,
    help="把 OUT 建成新的 Git 仓库，记录在 OUT/records，带一年的模拟提交历史（OUT 须为空）"
    " / make OUT a new Git repository with the records in OUT/records, committed as a year of "
    "simulated team work (OUT must be empty).",
)
def command(
    out: Path,
    customers: int,
    visits: int,
    complaints: int,
    seed: int,
    end: date | None,
    force: bool,
    with_history: bool,
) -> None:
    """生成一套虚构公司的示例记录（确定性：同样参数得到同样文件）/ write a deterministic demo data set.

    \b
    例子 / examples:
      huifang demo --out records --force
      huifang demo --out /tmp/big --customers 10000 --visits 100000 --complaints 2000
      huifang demo --out /tmp/demo-repo --history
    """
    from generator.demo import DEMO_END, DemoSize, write_demo
    from generator.demo.history import write_demo_repository

    not_empty = out.exists() and any(out.iterdir())
    if not_empty and (with_history or not force):
        raise click.UsageError(
            f"{out} 不是空目录；确认要替换其中的记录请加 --force（--history 只写入空目录）"
            f" / {out} is not empty; add --force to replace its records (--history needs an empty folder)"
        )
    size = DemoSize(customers=customers, visits=visits, complaints=complaints)
    if with_history:
        written, commits = write_demo_repository(out, size, seed=seed, end=end or DEMO_END)
        click.echo(
            f"已在 {out} 建立 Git 仓库：{written} 个文件，{commits} 次提交"
            f" / made {out} a Git repository: {written} files in {commits} commits"
        )
        return
    written = write_demo(out, size, seed=seed, end=end or DEMO_END)
    click.echo(f"已写入 {written} 个文件到 {out} / wrote {written} files to {out}")
