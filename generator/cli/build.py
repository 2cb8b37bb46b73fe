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
    help="中间文件目录（页面、mkdocs.yml、搜索索引），保留到下次构建，只重写改动的部分 / folder for the generated pages, mkdocs.yml and search index, kept for the next build, which rewrites only what changed.",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="不显示进度 / no progress bar (never shown in CI or a pipe).",
)
@click.option(
    "--full-scan",
    is_flag=True,
    help="构建后检查网站的每个文件，而不只是改动的文件（CI 每天一次）/ the post-build scan reads every file of the site, not only those that changed (CI's daily build).",
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
    full_scan: bool,
) -> None:
    """生成网站：首页、客户、待访、投诉、数据质量（MkDocs + Material）/ build the static site.

    从不写入记录目录。/ Never writes into the records folder.

    增量构建：与上次相同（记录、日期、设置）时直接停止；否则只重新生成改动的页面和搜索索引。
    / Incremental: when nothing changed since the last build (records, day, settings) it
    stops at once; else only the pages and search index that changed are made again.

    \b
    例子 / examples:
      huifang build --today 2026-11-23 --out site
      huifang build --profile full --out /srv/internal-site
    """
    from generator.history import SHALLOW_NOTE
    from generator.site import BuildError, OutFolderError, build_site
    from generator.speed.buildkey import file_bytes

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
            signers = (file_bytes(_signers_file(allowed_signers, records_dir, history)),)
            result = build_site(
                report, out, as_of, profile == "masked", work, history, reporter, timer, team,
                full_scan, signers,
            )  # fmt: skip
    except OutFolderError as err:
        raise click.UsageError(str(err)) from None
    except BuildError as err:
        click.echo(str(err), err=True)
        sys.exit(1)
    write_timings(timings_file, timer)
    if result.unchanged:
        click.echo(
            f"网站没有变化：记录、日期和设置都与上次构建相同，{out} 保持原样（{profile}，截至 "
            f"{as_of.today}） / nothing changed since the last build (records, day and settings "
            f"the same): {out} is left as it was ({profile}, as of {as_of.today})"
        )
        return
    click.echo(
        f"已生成 {result.pages} 个页面到 {out}（{profile}，截至 {as_of.today}）"
        f" / built {result.pages} pages into {out} ({profile}, as of {as_of.today})"
    )


def _signers_file(given: Path | None, records_dir: Path, history) -> Path | None:
    """The allowed-signers file the history was judged by (given, else git's setting): its
    content decides which signatures are trusted, so it is an input of the build's key."""
    if given is not None or history is None:
        return given
    from generator.history.gitlog import configured_signers, repository_root

    repo = repository_root(records_dir.resolve())
    configured = configured_signers(repo)
    return (repo / configured) if configured else None  # a relative setting: from the top
