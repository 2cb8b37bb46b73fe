"""`huifang new`: a record from its template, the next free id or file name, never over a file."""

from __future__ import annotations

import sys

import click

from generator.cli.options import CONTEXT, records_option

STAFF_KEYS = {
    "customer": "owner",
    "visit": "staff",
    "complaint": "first_responder",
    "lost": "staff",
}


def _given_values(kind: str, customer, staff, settings, schemas) -> dict:
    from generator.authoring.newrecord import parse_input

    values: dict = {}
    for setting in settings:
        key, sep, text = setting.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(
                f"--set 应写成 字段=值 / --set takes FIELD=VALUE, got {setting!r}"
            )
        if key.strip() not in schemas.field(kind, ()).node.get("properties", {}):
            raise click.UsageError(f"没有字段 {key.strip()} / {kind} has no field {key.strip()!r}")
        values[key.strip()] = parse_input(schemas, kind, key.strip(), text)
    if customer:
        values["id" if kind == "customer" else "customer"] = customer
    if staff and kind in STAFF_KEYS:
        values[STAFF_KEYS[kind]] = parse_input(schemas, kind, STAFF_KEYS[kind], staff)
    return values


def _ask(kind: str, values: dict, records, schemas) -> None:
    """Prompt for what only the user can say, then the usual optional fields (Enter skips)."""
    from generator.authoring.newrecord import REQUIRED_INPUT, parse_input
    from generator.authoring.template import field_hint

    optional = {
        "customer": ("kind", "area", "industry"),
        "visit": ("method", "kind", "objective", "outcome"),
        "complaint": ("summary", "severity"),
        "survey": ("audience",),
        "lost": ("competitor", "amount"),
    }[kind]
    for key in (*REQUIRED_INPUT[kind], *optional):
        if key in values:
            continue
        hint = field_hint(schemas, records, kind, key)
        answer = click.prompt(hint, default="" if key in optional else None, show_default=False)
        if answer.strip():
            values[key] = parse_input(schemas, kind, key, answer)
    if kind in ("visit", "lost") and "customer" in values:
        customer = records.customers.get(values["customer"])
        if customer:
            click.echo(f"客户：{customer.name}（负责人 {customer.owner}）")


@click.command("new", context_settings=CONTEXT)
@click.argument("kind", type=click.Choice(["customer", "visit", "complaint", "survey", "lost"]))
@records_option
@click.option(
    "--customer",
    help="客户编号（新建客户时是新客户的编号，默认取下一个）/ the customer id "
    "(for a new customer: its id, default the next free one).",
)
@click.option(
    "--date",
    "when",
    help="回访日期、投诉接到时间（'YYYY-MM-DD HH:MM'）、合作开始日期或丢单日期，默认今天/现在 "
    "/ the visit date, complaint received time, customer since date or the day a deal was "
    "lost (default: now).",
)
@click.option(
    "--staff",
    help="员工编号：回访人或跟单人（可用逗号分隔多个）、客户负责人或首问责任人；回访和丢单报告"
    "默认是客户负责人 / staff id(s): who visited or followed the deal, the customer's owner or "
    "the first responder.",
)
@click.option(
    "--set",
    "settings",
    multiple=True,
    metavar="FIELD=VALUE",
    help="其他字段，可重复，例如 --set method=onsite --set kind=routine "
    "/ any other field, repeatable.",
)
@click.option(
    "-i/-I",
    "--interactive/--no-interactive",
    default=None,
    help="逐项提问（在终端中缺少必填项时默认提问）/ prompt for the values "
    "(default: when run in a terminal and something required is missing).",
)
def command(kind, records_dir, customer, when, staff, settings, interactive) -> None:
    """新建一条记录：按模板写好字段和中文说明，自动取下一个编号或文件名，绝不覆盖已有文件。

    Create a record from a template with every field (Chinese labels and allowed values as
    comments), the next free id or file name, and never overwrite a file.

    \b
    例子 / examples:
      huifang new visit --customer C0001 --staff S05 --set method=onsite
      huifang new complaint --customer C0001 --set channel=phone --set category=service
      huifang new customer --set name=某某公司 --set grade=B1 --staff S05
      huifang new survey
      huifang new lost --customer C0025 --set reason=price --set opportunity=合同续签
    """
    from generator.authoring.newrecord import DraftError, plan
    from generator.authoring.safewrite import WriteError, create_new
    from generator.authoring.template import render
    from generator.cli.options import as_of_or_clock, load_for_rules
    from generator.problems import Source
    from generator.read.schema import SchemaSet

    now = as_of_or_clock(None).now.replace(second=0)
    records = load_for_rules(records_dir, now.date()).records
    schemas = SchemaSet()
    try:
        values = _given_values(kind, customer, staff, settings, schemas)
        ask = interactive if interactive is not None else sys.stdin.isatty()
        draft = plan(kind, records, records_dir, values, when, now)
        if draft.missing and ask:
            _ask(kind, values, records, schemas)
            draft = plan(kind, records, records_dir, values, when, now)
        if draft.missing:
            raise click.UsageError(
                "缺少必填项 / missing: "
                + "，".join(
                    f"--set {k}=…（{schemas.field(kind, (k,)).title}）" for k in draft.missing
                )
            )
    except DraftError as err:
        raise click.UsageError(str(err)) from None
    target = records_dir / draft.path
    text = render(kind, draft.values, records, schemas, Source(target.as_posix()))
    try:
        create_new(target, text)  # never over a file, never empty or half written
    except FileExistsError:
        raise click.UsageError(f"{target} 已存在 / {target} exists") from None
    except WriteError as err:
        click.echo(f"错误 / error: {err.zh}。\n    {err.en}.", err=True)
        sys.exit(1)
    click.echo(f"已创建 / created {target}")
    click.echo(
        "填写后运行 huifang check 检查，再提交 / fill it in, run huifang check, then commit."
    )
