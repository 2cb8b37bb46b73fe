"""`huifang new`: a record from its template, the next free id or file name, never over a file.

A visit plan (`new plan`) comes pre-filled from the due list of its person and month
(generator/authoring/plan_draft.py); a survey response (`new response`) gets the next form
number of its survey and every item of the survey to answer."""

from __future__ import annotations

import sys

import click

from generator.cli.options import CONTEXT, records_option

STAFF_KEYS = {
    "customer": "owner",
    "visit": "staff",
    "complaint": "first_responder",
    "lost": "staff",
    "plan": "staff",
}
RECORD_KINDS = {"response": "survey_response"}  # the name on the command line → record kind


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
        "plan": (),
        "survey_response": (),
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


def _options_fit(kind: str, customer, staff, month, survey, settings) -> None:
    """--month is for plans, --survey for responses; a plan takes no --customer or --set, a
    response no --staff."""
    if month and kind != "plan":
        raise click.UsageError("--month 只用于拜访计划书 / --month is for: huifang new plan")
    if survey and kind != "survey_response":
        raise click.UsageError("--survey 只用于问卷 / --survey is for: huifang new response")
    if kind == "plan" and (customer or settings):
        raise click.UsageError(
            "拜访计划书只需 --staff、--month（和 --date），客户由待访清单预填，写好后再修改 / a plan "
            "takes only --staff, --month (and --date): its contacts come from the due list, edit "
            "them afterwards"
        )
    if kind == "survey_response" and staff:
        raise click.UsageError("问卷没有员工字段 / a survey response names no staff")


def _missing(kind: str, missing: list[str], schemas) -> str:
    if kind == "plan":
        return (
            "缺少 --staff：拜访计划书是哪位员工的，例如 --staff S05 / missing --staff: whose "
            "plan it is, e.g. --staff S05"
        )
    return "缺少必填项 / missing: " + "，".join(
        f"--set {k}=…（{schemas.field(kind, (k,)).title}）" for k in missing
    )


def _applies(records_dir, records, now):
    """From when periodic rules apply, with Git history (as `huifang due` works it out)."""
    from generator.cli.options import read_history_or_none
    from generator.read.policy_history import applies_for

    history = read_history_or_none(records_dir)
    return applies_for(history, records, now.date(), records_dir)


@click.command("new", context_settings=CONTEXT)
@click.argument(
    "kind",
    type=click.Choice(["customer", "visit", "complaint", "survey", "lost", "plan", "response"]),
)
@records_option
@click.option(
    "--customer",
    help="客户编号（新建客户时是新客户的编号，默认取下一个）/ the customer id "
    "(for a new customer: its id, default the next free one).",
)
@click.option(
    "--date",
    "when",
    help="回访日期、投诉接到时间（'YYYY-MM-DD HH:MM'）、合作开始日期、丢单日期或问卷填写日期，"
    "默认今天/现在；拜访计划书按这一天定月份、算待访清单 / the visit date, complaint received "
    "time, customer since date, the day a deal was lost or a form was filled in (default: "
    "now); for a plan, the day its month and due list are worked out from.",
)
@click.option(
    "--staff",
    help="员工编号：回访人或跟单人（可用逗号分隔多个）、客户负责人、首问责任人或拜访计划书的员工；"
    "回访和丢单报告默认是客户负责人 / staff id(s): who visited or followed the deal, the "
    "customer's owner, the first responder or whose visit plan it is.",
)
@click.option(
    "--month",
    metavar="YYYY-MM",
    help="拜访计划书的月份，默认下个月 / the month of a visit plan (default: next month).",
)
@click.option(
    "--survey",
    metavar="ID",
    help="问卷所属的调查，例如 2026H2，默认开始最晚的一次调查 / the survey a response answers, "
    "e.g. 2026H2 (default: the one that begins last).",
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
def command(kind, records_dir, customer, when, staff, month, survey, settings, interactive) -> None:
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
      huifang new plan --staff S05 --month 2026-12
      huifang new response --survey 2026H2 --set household=3栋2单元501

    拜访计划书按该员工当月的待访清单预填（每个客户每周一项），由本人修改后呈主管审核；
    问卷取下一个编号，列出调查的全部项目和评价等级供填写。
    A plan is pre-filled with what the rules ask of the person that month (one contact per
    customer and week), to edit before the supervisor approves it; a response gets the next
    form number and every item of its survey with its levels.
    """
    from generator.authoring.newrecord import DraftError, day_and_time, plan
    from generator.authoring.safewrite import WriteError, create_new
    from generator.authoring.template import render
    from generator.cli.options import as_of_or_clock, load_for_rules
    from generator.problems import Source
    from generator.read.schema import SchemaSet

    kind = RECORD_KINDS.get(kind, kind)
    _options_fit(kind, customer, staff, month, survey, settings)
    now = as_of_or_clock(None).now.replace(second=0)
    if kind == "plan" and when:  # a plan is worked out as of that day: checks and due list
        try:
            now = day_and_time(when, now)
        except DraftError as err:
            raise click.UsageError(str(err)) from None
    report = load_for_rules(records_dir, now.date())
    # a response needs only its survey's items and levels: a survey the checks reject (say,
    # its tallies against the responses so far) still takes new forms
    records = report.all_records if kind == "survey_response" else report.records
    schemas = SchemaSet()
    applies = (lambda: _applies(records_dir, records, now)) if kind == "plan" else None
    try:
        values = _given_values(kind, customer, staff, settings, schemas)
        if month:
            values["month"] = month.strip()
        ask = interactive if interactive is not None else sys.stdin.isatty()
        extra = {"survey": survey, "applies": applies}
        draft = plan(kind, records, records_dir, values, when, now, **extra)
        if draft.missing and ask:
            _ask(kind, values, records, schemas)
            draft = plan(kind, records, records_dir, values, when, now, **extra)
        if draft.missing:
            raise click.UsageError(_missing(kind, draft.missing, schemas))
    except DraftError as err:
        raise click.UsageError(str(err)) from None
    target = records_dir / draft.path
    source = Source(target.as_posix())
    text = render(kind, draft.values, records, schemas, source, survey=draft.survey)
    try:
        create_new(target, text)  # never over a file, never empty or half written
    except FileExistsError:
        raise click.UsageError(f"{target} 已存在 / {target} exists") from None
    except WriteError as err:
        click.echo(f"错误 / error: {err.zh}。\n    {err.en}.", err=True)
        sys.exit(1)
    click.echo(f"已创建 / created {target}")
    if kind == "plan":
        contacts = draft.values["contacts"]
        click.echo(
            f"按待访清单预填了 {len(contacts)} 项计划拜访，请核对周次、方式和目标，审核人由主管填写"
            f" / {len(contacts)} contact(s) from the due list: check the weeks, methods and "
            "objectives; the supervisor fills in the approval."
        )
    elif kind == "survey_response" and draft.survey is not None:
        click.echo(f"调查 / survey {draft.survey.id}：{draft.survey.title}")
    click.echo(
        "填写后运行 huifang check 检查，再提交 / fill it in, run huifang check, then commit."
    )
