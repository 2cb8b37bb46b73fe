"""`huifang build`: the static site from the records."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from generator.cli.options import (
    CONTEXT,
    NOT_A_REPOSITORY,
    allowed_signers_option,
    as_of_or_clock,
    load_for_rules,
    profile_option,
    read_history_or_none,
    records_option,
    timings_option,
    today_option,
    write_timings,
)
from generator.cli.team_config import config_option, team_settings
from generator.progress import progress_reporter, wanted
from generator.timing import StageTimer


@click.command("build", context_settings=CONTEXT)
@records_option
@today_option
@profile_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="网站写到哪个目录：单独的目录，只替换空目录或以前生成的网站，检查通过后才替换 / where the site goes: a folder of its own; only an empty folder or an earlier site is replaced, and only after the post-build scan passed.",
)
@click.option(
    "--work",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build"),
    show_default=True,
    help="中间文件（Markdown 页面和 mkdocs.yml）目录 / folder for the generated docs tree and mkdocs.yml.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="不显示进度 / no progress bar (never shown in CI or a pipe).",
)
@allowed_signers_option
@timings_option
@config_option
def command(
    records_dir: Path,
    today: date | None,
    profile: str,
    out: Path,
    work: Path,
    quiet: bool,
    allowed_signers: Path | None,
    timings_file: Path | None,
    config_file: Path | None,
) -> None:
    """生成网站：首页、客户、待访、投诉、数据质量（MkDocs + Material）/ build the static site.

    从不写入记录目录。/ Never writes into the records folder.

    \b
    例子 / examples:
      huifang build --today 2026-11-23 --out site
      huifang build --profile full --out /srv/internal-site
    """
    from generator.history import SHALLOW_NOTE
    from generator.site import BuildError, OutFolderError, build_site

    team = team_settings(config_file, records_dir)  # a refused setting: exit 2, before reading
    as_of = as_of_or_clock(today)
    # a plain folder still builds, without history
    history = read_history_or_none(records_dir, allowed_signers)
    if history is None:
        if not quiet:
            click.echo(NOT_A_REPOSITORY, err=True)
    elif history.shallow:
        click.echo(SHALLOW_NOTE, err=True)
    timer = StageTimer()
    try:
        with progress_reporter(wanted(quiet)) as reporter:
            report = load_for_rules(records_dir, as_of.today, history, reporter, timer)
            result = build_site(
                report, out, as_of, profile == "masked", work, history, reporter, timer, team
            )
    except OutFolderError as err:
        raise click.UsageError(str(err)) from None
    except BuildError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    write_timings(timings_file, timer)
    click.echo(
        f"已生成 {result.pages} 个页面到 {out}（{profile}，截至 {as_of.today}）"
        f" / built {result.pages} pages into {out} ({profile}, as of {as_of.today})"
    )
