"""`huifang codeowners`: review ownership for the forge, from the records."""

from __future__ import annotations

import re

import click

from generator.cli.options import CONTEXT, records_option


def _owners(text: str) -> str:
    """Owners as CODEOWNERS takes them: @user, @org/team or an e-mail, separated by spaces."""
    names = text.split()
    if not names or not all(
        re.fullmatch(r"@[\w.-]+(/[\w.-]+)?|[\w.+-]+@[\w.-]+", n) for n in names
    ):
        raise click.UsageError(
            f"审阅人应写成 @用户、@组织/团队 或邮箱 / owners are @user, @org/team or e-mail: {text!r}"
        )
    return " ".join(names)


@click.command("codeowners", context_settings=CONTEXT)
@records_option
@click.option(
    "--area",
    "areas",
    multiple=True,
    metavar="AREA=OWNERS",
    help="片区的审阅人，可重复，例如 --area 一区=@org/supervisors-1 "
    "/ the reviewers of an area's customers, visits and its staff's visit plans, repeatable.",
)
@click.option(
    "--managers",
    metavar="OWNERS",
    help="team.yaml、policy.yaml 和 schema/ 的审阅人 / who reviews team, policy and schemas.",
)
def command(records_dir, areas, managers) -> None:
    """生成 CODEOWNERS：各片区主管审阅本片区客户的档案、回访记录和本片区员工的拜访计划书。

    Print a CODEOWNERS file: each area's supervisors own its customers' files and visits
    and the visit plans of its staff (team.yaml area), so the forge asks them to review. Save it as .github/CODEOWNERS (GitHub, Gitea) or
    CODEOWNERS (GitLab).

    \b
    例子 / example:
      huifang codeowners --area 一区=@acme/sup-1 --area 二区=@acme/sup-2 \\
                         --managers @acme/managers > .github/CODEOWNERS
    """
    from generator.authoring.codeowners import codeowners as make
    from generator.cli.options import as_of_or_clock, load_for_rules

    mapping = {}
    for setting in areas:
        area, sep, owners = setting.partition("=")
        if not sep or not owners.strip():
            raise click.UsageError(
                f"--area 应写成 片区=@审阅人 / --area takes AREA=OWNERS: {setting!r}"
            )
        mapping[area.strip()] = _owners(owners)
    managers = _owners(managers) if managers else None
    records = load_for_rules(records_dir, as_of_or_clock(None).today).records
    unknown = [a for a in mapping if records.policy.areas and a not in records.policy.areas]
    if unknown:
        raise click.UsageError(
            f"policy.yaml 中没有片区 {'、'.join(unknown)} / unknown area(s): {', '.join(unknown)}"
        )
    click.echo(make(records, mapping, managers), nl=False)
