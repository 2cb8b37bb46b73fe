"""`huifang serve`: build the site, serve it on this machine, rebuild and reload on every edit."""

from __future__ import annotations

import sys
from datetime import date
from functools import partial
from pathlib import Path

import click

from generator.cli.options import (
    CONTEXT,
    allowed_signers_option,
    as_of_or_clock,
    profile_option,
    read_history_or_none,
    records_option,
    today_option,
)
from generator.cli.team_config import config_option, team_settings


@click.command("serve", context_settings=CONTEXT)
@records_option
@today_option
@profile_option
@config_option
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build/serve-site"),
    show_default=True,
    help="预览网站的目录（保留到下次，重新生成很快）/ the preview site's folder (kept, so the next serve is quick).",
)
@click.option(
    "--work",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("build/serve"),
    show_default=True,
    help="预览的中间文件目录 / the preview's work folder (pages, mkdocs.yml, search index).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="本机端口（只在 127.0.0.1 上；0 表示任选一个空闲端口）/ the port on 127.0.0.1 (0: any free one).",
)
@allowed_signers_option
def command(
    records_dir: Path,
    today: date | None,
    profile: str,
    config_file: Path | None,
    out: Path,
    work: Path,
    port: int,
    allowed_signers: Path | None,
) -> None:
    """预览网站：生成、在本机提供（搜索可用），修改记录或 mkdocs.yml 后自动重新生成并刷新浏览器中的页面
    / preview the site: builds it, serves it on 127.0.0.1 with search working, and on every
    change to the records or mkdocs.yml rebuilds it and reloads the open page.

    默认打码（--profile masked），与 huifang build 选项相同；网站的文件与 build 生成的完全一样，
    自动刷新的脚本只在预览时加入。重新生成失败时继续提供上一个网站，并在终端和页面中显示错误。
    / Masked by default, the same options as build; the site's files are build's byte for
    byte (the reload script is added while serving only). A failed rebuild keeps the last good
    site and shows why in the terminal and the page. Ctrl-C stops.

    \b
    例子 / examples:
      huifang serve                       # http://127.0.0.1:8000/
      huifang serve --today 2026-11-23 --port 8001
      huifang serve --profile full        # 只在自己的电脑上 / on your own machine only
    """
    from generator.site import OutFolderError
    from generator.site.preview import run_preview
    from generator.site.serve import LiveState, preview_server

    if not records_dir.is_dir():
        raise click.UsageError(
            f"找不到记录目录 {records_dir} / the records folder {records_dir} does not exist"
        )
    team_settings(config_file, records_dir)  # a refused setting: exit 2 before the first build
    live = LiveState()
    try:
        server = preview_server(out, port, live)  # the port first: taken is exit 2 at once
    except OSError as err:
        raise click.UsageError(
            f"端口 {port} 无法使用（{err.strerror}）；请用 --port 换一个 / port {port} cannot be "
            f"used ({err.strerror}); choose another with --port"
        ) from None
    build = partial(
        build_once, records_dir, today, profile == "masked", work, out, config_file, allowed_signers
    )
    click.echo("正在生成网站… / building the site…", err=True)
    try:
        first = build()
    except OutFolderError as err:
        server.server_close()
        raise click.UsageError(str(err)) from None
    if first.failed:
        server.server_close()
        click.echo(first.message, err=True)
        sys.exit(1)
    if first.message:
        click.echo(first.message, err=True)
    live.record(first)
    run_preview(server, live, build, partial(watched, records_dir, config_file), click.echo)


def watched(records_dir: Path, config_file: Path | None) -> list[Path]:
    """The records, the team's file (where it is, or would be by default) and its pages."""
    from generator.site.team_rules import TEAM_FILE, TEAM_PAGES

    team = config_file or records_dir.absolute().parent / TEAM_FILE
    return [records_dir, team, team.absolute().parent / TEAM_PAGES]


def build_once(
    records_dir: Path,
    today: date | None,
    masked: bool,
    work: Path,
    out: Path,
    config_file: Path | None,
    allowed_signers: Path | None,
):
    """One build as `huifang build` makes it; its outcome, never an exception for bad data."""
    from generator.check import check_records
    from generator.problems.formats import as_text
    from generator.site import BuildError, OutFolderError, build_site
    from generator.site.serve import Outcome
    from generator.site.team_settings import TeamConfigError, default_team_file, read_team_settings

    file = config_file or default_team_file(records_dir)
    try:
        team = read_team_settings(file) if file else None
    except TeamConfigError as error:
        return Outcome(failed=True, message=str(error))
    as_of = as_of_or_clock(today)
    history = read_history_or_none(records_dir, allowed_signers)
    report = check_records(records_dir, as_of.today, history=history)
    errors = [p for p in report.problems if p.is_error]
    if report.config_error:
        return Outcome(
            True,
            as_text(errors)
            + "\nteam.yaml 或 policy.yaml 有错误 / team.yaml or policy.yaml has errors",
        )
    try:
        build_site(report, out, as_of, masked=masked, work=work, history=history, team=team)
    except OutFolderError:
        raise
    except BuildError as error:
        return Outcome(failed=True, message=str(error))
    if not errors:
        return Outcome(failed=False)
    listed = as_text(errors[:20]) + ("\n…" if len(errors) > 20 else "")
    return Outcome(
        failed=False,
        message=f"注意：记录中有 {len(errors)} 个错误，出错的记录未计入 / note: {len(errors)} "
        f"error(s) in the records, those records are left out:\n{listed}",
    )
