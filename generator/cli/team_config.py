"""--config, the same for build and serve: the team's own mkdocs.yml, read and vetted before
the records (a refused setting stops the command at once, exit 2, never a traceback)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the site package loads when a command builds, not when the CLI starts
    from generator.site.team_settings import TeamSettings


def config_option(func):
    return click.option(
        "--config",
        "config_file",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        help="团队的网站设置文件；默认是记录目录所在目录中的 mkdocs.yml（有就用）。会破坏网站保证的设置"
        "（插件、Google 字体、脚本、其他主机的内容）被拒绝 / the team's mkdocs.yml (default: "
        "mkdocs.yml in the folder that holds the records folder, if there is one); settings "
        "that would break the site's guarantees (plugins, Google Fonts, scripts, other hosts) "
        "are refused.",
    )(func)


def team_settings(config_file: Path | None, records_dir: Path) -> TeamSettings | None:
    """The vetted settings of --config or the default file; None without either."""
    from generator.site.team_settings import TeamConfigError, default_team_file, read_team_settings

    file = config_file or default_team_file(records_dir)
    if file is None:
        return None
    try:
        return read_team_settings(file)
    except TeamConfigError as error:
        click.echo(f"{error}", err=True)
        click.echo(
            "团队的 mkdocs.yml 不能使用，网站没有生成 / the team's mkdocs.yml cannot be used; "
            "nothing was built (see docs/site.md, Team settings)",
            err=True,
        )
        sys.exit(2)
