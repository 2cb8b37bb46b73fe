"""The command line: thin wrappers that parse options, call the library and set the exit code.

Exit codes: 0 clean, 1 problems found, 2 usage or configuration error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import date
from pathlib import Path

import click

from generator import __version__
from generator.cli.authoring import codeowners, fmt, new
from generator.cli.options import (
    CONTEXT,
    DATE,
    NOT_A_REPOSITORY,
    allowed_signers_option,
    as_of_or_clock,
    load_for_rules,
    profile_option,
    read_history_or_none,
    records_option,
    timings_option,
    today_option,
    warn,
    write_timings,
)
from generator.progress import progress_reporter, wanted
from generator.speed.timing import StageTimer


def run() -> None:
    """The `huifang` command: `main`, then straight out of the process. Everything is
    written, flushed and closed by then; the interpreter's teardown would free a big run's
    records object by object (about a second at 100,000 files) for nothing."""
    try:
        main()
    except SystemExit as done:
        code = done.code
        if isinstance(code, str):
            print(code, file=sys.stderr)
            code = 1
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError):  # a closed pipe (`huifang check | head`)
                stream.flush()
        os._exit(code or 0)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="huifang")
def main() -> None:
    """回访台 Huifang：客户回访记录的检查与发布 / customer-visit records, checked and published.

    记录放在 records/ 目录中，每条记录一个文件。/ Records live in records/, one file each.
    """


def write_summary(
    summary_file: Path, records_dir: Path, base: str, as_of, report, history=None
) -> None:
    """Append the pull-request summary (GitHub reads $GITHUB_STEP_SUMMARY after the step)."""
    from generator.history.gitlog import GitError
    from generator.report.review import pr_summary

    try:
        text = pr_summary(records_dir, base, as_of, report, history)
    except GitError as err:
        click.echo(f"无法生成摘要 / no summary: {err}", err=True)
        return
    with summary_file.open("a", encoding="utf-8") as out:
        out.write(text + "\n")


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
@click.option(
    "--history/--no-history",
    "use_history",
    default=True,
    show_default=True,
    help="按 Git 历史检查记录是否及时提交、审阅（不在仓库中时跳过）"
    " / check from Git history that records were filed and reviewed in time.",
)
@click.option(
    "--require-signed",
    is_flag=True,
    help="每个修改记录的提交都必须有可信签名（git 的 %G? 为 G），否则列出并失败"
    " / every commit changing records must have a good signature; list the others and fail.",
)
@allowed_signers_option
@click.option(
    "--verified-head",
    type=click.Path(path_type=Path, dir_okay=False),
    help="上次核验通过的提交（完整哈希）记在这个文件里：它若不再是当前提交的祖先（历史被改写）"
    "就失败；带 --require-signed 核验通过后写入当前提交 / a file holding the last verified "
    "commit's full hash: fail if it is no longer an ancestor of HEAD (history rewritten); "
    "updated to HEAD when a --require-signed check passes.",
)
@click.option(
    "--summary",
    "summary_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="把中文的拉取请求摘要（改动文件的问题表、对待访清单的影响）追加到这个文件，"
    "例如 $GITHUB_STEP_SUMMARY / append a Chinese pull-request summary (problems in the "
    "changed files, due-list changes) to this file.",
)
@click.option(
    "--base",
    default="origin/main",
    show_default=True,
    help="摘要与哪个分支比较 / the branch the summary compares with.",
)
@timings_option
def check(
    paths: tuple[Path, ...],
    records_dir: Path,
    output_format: str,
    strict: bool,
    today: date | None,
    quiet: bool,
    use_history: bool,
    require_signed: bool,
    allowed_signers: Path | None,
    verified_head: Path | None,
    summary_file: Path | None,
    base: str,
    timings_file: Path | None,
) -> None:
    """检查所有记录，列出每个问题的文件、行号和改法 / check every record.

    给出 PATHS 时只报告这些文件的问题（仍读取全部记录做交叉检查），供 pre-commit 使用。
    With PATHS, only the problems of those files are reported (all records are still read).

    在 Git 仓库中还按提交时间检查回访记录、投诉登记和主管审阅是否及时（警告）。
    In a Git repository the commit times also show whether visits, complaints and reviews
    were filed in time (warnings).

    退出码：0 没有错误（--strict 时也没有警告），1 有问题，2 用法或配置错误（team.yaml、policy.yaml）。
    Exit codes: 0 clean, 1 problems found, 2 usage or configuration error.
    """
    from generator.check import check_records
    from generator.history import SHALLOW_NOTE
    from generator.history.trust import (
        TrustConfigError,
        read_verified_head,
        require_anchor,
        rewritten,
        untrusted_commits,
    )
    from generator.problems.formats import as_github, as_json, as_text, summary_text

    if not records_dir.is_dir():
        raise click.UsageError(
            f"找不到记录目录 {records_dir} / the records folder {records_dir} does not exist"
        )
    auditing = require_signed or verified_head is not None
    needed = use_history or auditing  # --no-history alone never runs git
    history = (
        read_history_or_none(records_dir, allowed_signers, required=auditing) if needed else None
    )
    if history is None and use_history and not quiet and output_format == "text":
        click.echo(NOT_A_REPOSITORY, err=True)
    verified = ""
    if auditing:  # before the records are read: a bad trust setting is exit 2 at once
        try:
            verified = read_verified_head(verified_head, history.repo)
            if require_signed:
                require_anchor(history, verified)
        except TrustConfigError as error:
            click.echo(str(error), err=True)
            sys.exit(2)
    if history is not None and history.shallow:
        click.echo(SHALLOW_NOTE, err=True)
    as_of = as_of_or_clock(today)
    timer = StageTimer()
    with progress_reporter(wanted(quiet)) as reporter:
        report = check_records(
            records_dir,
            as_of.today,
            history=history if use_history else None,
            reporter=reporter,
            timer=timer,
        )
    write_timings(timings_file, timer)
    if auditing:
        trust = rewritten(history, verified_head, verified) if verified_head else []
        if require_signed and not trust:
            trust += untrusted_commits(history, verified)
            if verified_head and not trust and history.head:  # only a passed signature check
                verified_head.write_text(history.head + "\n", encoding="utf-8")
        report = report.adding(trust)
    if paths:
        report = report.only(list(paths))
    if summary_file:
        write_summary(summary_file, records_dir, base, as_of, report, history)
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
@records_option
@today_option
@click.option(
    "--staff", metavar="ID", help="只看这位员工的事项，例如 S05 / one staff member's items."
)
@click.option(
    "--within",
    type=click.IntRange(0, 3650),  # the policy's own day counts stop there too
    metavar="DAYS",
    help="只列出 N 天内到期的事项（逾期的总会列出）/ only items due within N days (overdue always).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "ics", "csv"]),
    default="text",
    show_default=True,
    help="text 按员工分组；json（带版本号）；ics 日历（手机可订阅）；csv（Excel）"
    " / grouped text, versioned JSON, an iCalendar feed, or CSV for Excel.",
)
@click.option(
    "--all", "show_done", is_flag=True, help="也列出刚完成的事项 / include items just done."
)
@profile_option
def due(
    records_dir: Path,
    today: date | None,
    staff: str | None,
    within: int | None,
    output_format: str,
    show_done: bool,
    profile: str,
) -> None:
    """待访清单：谁在什么时候之前要联系哪位客户，逾期的在前 / who must contact whom by when.

    按 policy.yaml 的规则（定期回访、事件回访、不活跃跟进、约定回访、承诺、提醒、投诉时限）计算。
    Computed from the rules in policy.yaml; see docs/rules.md for the exact semantics.
    """
    from generator.derive import derive_agenda
    from generator.derive.applies import applies_for
    from generator.present import due as due_output

    as_of = as_of_or_clock(today)
    records = load_for_rules(records_dir, as_of.today).records
    if staff and staff not in records.staff:
        raise click.BadParameter(
            f"没有编号为 {staff} 的员工 / no staff member {staff}", param_hint="--staff"
        )
    # with Git history, a periodic rule applies from when the customer came to match it
    history = read_history_or_none(records_dir)
    agenda = derive_agenda(records, as_of, applies_for(history, records, as_of.today, records_dir))
    items = due_output.select(agenda, staff, within, show_done)
    view = due_output.View(records, masked=profile == "masked")
    warn(agenda.problems)
    if output_format == "ics":
        sys.stdout.buffer.write(due_output.as_ics(agenda, items, view))
    elif output_format == "json":
        click.echo(due_output.as_json(agenda, items, view))
    elif output_format == "csv":
        click.echo(due_output.as_csv(items, view), nl=False)
    else:
        click.echo(due_output.as_text(agenda, items, view))


@main.command(context_settings=CONTEXT)
@records_option
@today_option
@click.option(
    "--open",
    "open_only",
    is_flag=True,
    help="只列出还有环节在进行或已超时的投诉 / only complaints with a stage running or breached.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "csv"]),
    default="text",
    show_default=True,
    help="text 文本（含月度分析）；json（带版本号）；csv（Excel）/ text, versioned JSON, or CSV.",
)
@profile_option
def complaints(
    records_dir: Path, today: date | None, open_only: bool, output_format: str, profile: str
) -> None:
    """投诉时限：每件投诉各环节按时、超时、进行中，以及月度分析 / complaint limits per stage.

    登记、答复、处理（工作日，含调休）、反馈、投诉回访，时限都在 policy.yaml 的 complaints 中。
    Register, answer, resolve (working days), feedback and follow-up visit; limits in policy.yaml.
    """
    from generator.derive import derive_complaints
    from generator.present import complaints as complaint_output
    from generator.present.due import View

    as_of = as_of_or_clock(today)
    records = load_for_rules(records_dir, as_of.today).records
    report = derive_complaints(records, as_of)
    statuses = complaint_output.select(report, open_only)
    view = View(records, masked=profile == "masked")
    warn(report.problems)
    if output_format == "json":
        click.echo(complaint_output.as_json(report, statuses, view))
    elif output_format == "csv":
        click.echo(complaint_output.as_csv(statuses, view), nl=False)
    else:
        click.echo(complaint_output.as_text(report, statuses, view))


@main.command(context_settings=CONTEXT)
@click.argument("record_id", metavar="ID")
@records_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text 文本（最新的在前）；json（带版本号）/ text (newest first) or versioned JSON.",
)
@profile_option
@allowed_signers_option
def history(
    record_id: str,
    records_dir: Path,
    output_format: str,
    profile: str,
    allowed_signers: Path | None,
) -> None:
    """一条记录的变更历史：谁、何时、在哪次提交里把哪个字段从什么改成什么 / a record's history.

    ID 是客户、投诉、调查的编号，或回访文件名（不含扩展名），也可以是 team、policy。
    ID is a customer, complaint or survey id, a visit's file name without suffix, or team/policy.
    Renamed and moved files keep one history; deleted records say when and by whom.
    """
    from generator.present.history import as_json, as_text

    found = read_history_or_none(records_dir, allowed_signers, required=True)
    histories = found.find(record_id)
    if not histories:
        click.echo(
            f"Git 历史中没有编号为 {record_id} 的记录 / no record {record_id} in the Git history",
            err=True,
        )
        sys.exit(1)
    masked = profile == "masked"
    if output_format == "json":
        click.echo(as_json(histories, found, masked), nl=False)
    else:
        click.echo(as_text(histories, found, masked))


@main.command(context_settings=CONTEXT)
@records_option
@today_option
@click.option(
    "--profile",
    type=click.Choice(["masked", "full"]),
    default="masked",
    show_default=True,
    help="masked 按字段的个人信息级别打码（可公开给全体员工）；full 显示全部，只用于有访问控制的部署"
    " / masked hides personal data; full is only for a deployment behind access control.",
)
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
def build(
    records_dir: Path,
    today: date | None,
    profile: str,
    out: Path,
    work: Path,
    quiet: bool,
    allowed_signers: Path | None,
    timings_file: Path | None,
) -> None:
    """生成网站：首页、客户、待访、投诉、数据质量（MkDocs + Material）/ build the static site.

    从不写入记录目录。/ Never writes into the records folder.
    """
    from generator.history import SHALLOW_NOTE
    from generator.site import BuildError, OutFolderError, build_site

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
                report, out, as_of, profile == "masked", work, history, reporter, timer
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
@click.option(
    "--history",
    "with_history",
    is_flag=True,
    help="把 OUT 建成新的 Git 仓库，记录在 OUT/records，带一年的模拟提交历史（OUT 须为空）"
    " / make OUT a new Git repository with the records in OUT/records, committed as a year of "
    "simulated team work (OUT must be empty).",
)
def demo(
    out: Path,
    customers: int,
    visits: int,
    complaints: int,
    seed: int,
    end: date | None,
    force: bool,
    with_history: bool,
) -> None:
    """生成一套虚构公司的示例记录（确定性：同样参数得到同样文件）/ write a deterministic demo data set."""
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


main.add_command(new)
main.add_command(fmt)
main.add_command(codeowners)

if __name__ == "__main__":  # pragma: no cover
    main()
