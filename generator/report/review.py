"""The pull-request summary: problems in the changed files and the due-list changes a PR causes.

Written as GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY` (Gitea and GitLab show it
as a job artifact or in the log). Personal data is masked as in the masked site: CI
pages are seen by more people than the records.

Both sides are judged with Git history (derive/applies.py): a periodic rule applies to a
customer from when the rule and the customer's match began, the working tree's uncommitted
changes counting as today, so a regrading shows what it causes from now on, not the
periods before it as missed.
"""

from __future__ import annotations

import io
import re
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.derive import AsOf, derive_agenda
from generator.derive.applies import AppliesFrom, applies_from
from generator.derive.items import DueItem
from generator.history.gitlog import GitError, git
from generator.model import Records
from generator.present.due import View
from generator.present.privacy import Privacy
from generator.problems import Problem
from generator.read.policy_history import policy_document
from generator.vocabulary import DUE_STATE_LABELS

MAX_ROWS = 50
SHOWN = Privacy(masked=True)  # CI pages are seen by more people than the records


def changed_files(records_dir: Path, base: str) -> list[str]:
    """Paths, relative to the records folder, changed between the merge base with `base`
    and HEAD, plus the working tree's uncommitted changes."""
    committed = git(records_dir, "diff", "-z", "--relative", "--name-only", f"{base}...HEAD")
    working = git(records_dir, "diff", "-z", "--relative", "--name-only", "HEAD")
    names = (committed + working).decode("utf-8").split("\0")
    return sorted({name for name in names if name})


def records_at(records_dir: Path, revision: str, into: Path) -> Path:
    """The records folder as it was at `revision`, unpacked under `into`."""
    # run in the records folder, git archives just that folder, paths relative to it
    archive = git(records_dir, "archive", "--format=tar", revision)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into / records_dir.name, filter="data")
    return into / records_dir.name


@dataclass(frozen=True)
class DueChange:
    change: str  # 新增 / 已解除 / 变化
    before: DueItem | None
    after: DueItem | None

    @property
    def item(self) -> DueItem:
        return self.after or self.before  # type: ignore[return-value]


def _key(item: DueItem) -> tuple:
    # a rule's missed periods are one item beside its running period's: both are kept
    return (item.kind, item.rule, item.customer, item.subject, bool(item.missed))


def due_changes(before: list[DueItem], after: list[DueItem]) -> list[DueChange]:
    """Items added, gone, or whose state or deadline moved; unchanged ones are left out."""
    old = {_key(i): i for i in before}
    new = {_key(i): i for i in after}
    changes = []
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        if a is None:
            changes.append(DueChange("新增", None, b))
        elif b is None:
            changes.append(DueChange("已解除", a, None))
        elif (a.state, a.deadline) != (b.state, b.deadline):
            changes.append(DueChange("变化", a, b))
    return changes


def _state(item: DueItem | None) -> str:
    return f"{DUE_STATE_LABELS[item.state]} {item.deadline}" if item else "—"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _cell(text: str) -> str:
    """Text for a Markdown table cell of the job summary: a value from a record can start
    no link, image, HTML tag or code span (GitHub renders the summary), nor end the row."""
    flat = " ".join(SHOWN.plain(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def _code(text: str) -> str:
    """A code span for a table cell: no backtick can end it early, no bar end the cell."""
    flat = " ".join(SHOWN.plain(text).split())
    return "`" + flat.replace("`", "ˋ").replace("|", "\\|") + "`"


def problems_table(problems: list[Problem], files: set[str]) -> list[str]:
    listed = [p for p in problems if p.source.path in files]
    if not listed:
        return ["改动的文件没有问题。✅", ""]
    errors = Counter(p.source.path for p in listed if p.is_error)
    warnings = Counter(p.source.path for p in listed if not p.is_error)
    lines = ["| 文件 | 错误 | 警告 | 第一个问题 |", "|---|---:|---:|---|"]
    for path in sorted({p.source.path for p in listed}):
        first = next(p for p in listed if p.source.path == path)
        where = f"第 {first.source.line} 行 " if first.source.line else ""
        lines.append(
            f"| {_code(path)} | {errors[path]} | {warnings[path]} | "
            f"{where}{_code(first.code)}：{_cell(first.message_zh)} |"
        )
    return [*lines, ""]


def due_table(changes: list[DueChange], records: Records) -> list[str]:
    if not changes:
        return ["这次改动不影响待访清单。", ""]
    view = View(records, masked=True)
    lines = ["| 变化 | 客户 | 事项 | 负责人 | 改动前 | 改动后 |", "|---|---|---|---|---|---|"]
    for change in changes[:MAX_ROWS]:
        item = change.item
        customer = f"{item.customer} {view.customer_name(item.customer)}".strip()
        staff = view.staff_labels(item.staff, "、")
        lines.append(
            f"| {change.change} | {_cell(customer)} | {_cell(view.describe(item))} | "
            f"{_cell(staff)} | {_state(change.before)} | {_state(change.after)} |"
        )
    if len(changes) > MAX_ROWS:
        lines.append(f"| … | 另有 {len(changes) - MAX_ROWS} 项 | | | | |")
    return [*lines, ""]


def summary_markdown(
    problems: list[Problem],
    files: list[str],
    records: Records,
    base_records: Records | None,
    as_of: AsOf,
    base: str,
    applies: AppliesFrom | None = None,
    base_applies: AppliesFrom | None = None,
) -> str:
    changed = set(files)
    errors = sum(p.is_error for p in problems if p.source.path in changed)
    warnings = sum(not p.is_error for p in problems if p.source.path in changed)
    verdict = "❌ 有错误，请按下表修改后再提交" if errors else "✅ 可以合并"
    lines = [
        "## 回访台检查结果",
        "",
        f"{verdict}：改动了 {len(files)} 个记录文件，{errors} 个错误，{warnings} 个警告"
        f"（按 {as_of.today} 计算；与 `{base}` 比较）。",
        "",
        "### 改动文件中的问题",
        "",
        *problems_table(problems, changed),
        "每个问题的改法见上面的行内注释，或在本地运行 `huifang check`。",
        "",
        "### 对待访清单的影响",
        "",
    ]
    if base_records is None:
        lines += ["无法读取基准分支的记录，未比较待访清单。", ""]
    else:
        before = list(derive_agenda(base_records, as_of, base_applies).items)
        after = list(derive_agenda(records, as_of, applies).items)
        lines += due_table(due_changes(before, after), records)
    return "\n".join(lines)


def pr_summary(records_dir: Path, base: str, as_of: AsOf, report, history=None) -> str:
    """The summary for a pull request against `base`, from an already checked `report`
    (`history`: the records' history if the check read it, else it is read here)."""
    from generator.check import check_records

    records_dir = records_dir.resolve()
    files = [f"{records_dir.name}/{name}" for name in changed_files(records_dir, base)]
    history = history if history is not None else _history(records_dir)
    applies = applies_from(history, report.records, as_of.today, policy_document(records_dir))
    base_applies = None
    with tempfile.TemporaryDirectory(prefix="huifang-base-") as temp:
        try:
            base_root = records_at(records_dir, base, Path(temp))
            # a throwaway folder: nothing to gain from the read cache; checked, so that the
            # base's rejected records count for nothing on either side (gate.py)
            base_records = check_records(base_root, as_of.today, use_cache=False).records
            if history is not None:
                commits = set(git(records_dir, "rev-list", base).decode().split())
                base_applies = applies_from(
                    history, base_records, as_of.today, policy_document(base_root), commits
                )
        except GitError:
            base_records = None
        return summary_markdown(
            report.problems, files, report.records, base_records, as_of, base,
            applies, base_applies,
        )  # fmt: skip


def _history(records_dir: Path):
    """The records' Git history, or None when it cannot be read."""
    from generator.history import read_history

    try:
        return read_history(records_dir)
    except GitError:
        return None
