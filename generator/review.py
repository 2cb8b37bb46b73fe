"""The pull-request summary: problems in the changed files and the due-list changes a PR causes.

Written as GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY` (Gitea and GitLab show it
as a job artifact or in the log). Personal data is masked as in the masked site: CI
pages are seen by more people than the records.
"""

from __future__ import annotations

import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator.due_output import View
from generator.history.gitlog import GitError, git, repository_root
from generator.mask import mask_text
from generator.problems import Problem
from generator.records import Records
from generator.rules import AsOf, derive_agenda
from generator.rules.items import STATE_LABELS, DueItem

MAX_ROWS = 50


def changed_files(repo: Path, base: str, records_dir: Path) -> list[str]:
    """Paths under the records folder changed between the merge base with `base` and HEAD,
    relative to the repository; also the working tree's uncommitted changes."""
    relative = records_dir.resolve().relative_to(repo.resolve()).as_posix()
    committed = git(repo, "diff", "-z", "--name-only", f"{base}...HEAD", "--", relative)
    working = git(repo, "diff", "-z", "--name-only", "HEAD", "--", relative)
    names = (committed + working).decode("utf-8").split("\0")
    return sorted({name for name in names if name})


def records_at(repo: Path, revision: str, records_dir: Path, into: Path) -> Path:
    """The records folder as it was at `revision`, unpacked under `into`."""
    relative = records_dir.resolve().relative_to(repo.resolve()).as_posix()
    tar_path = into / "base.tar"
    tar_path.write_bytes(git(repo, "archive", "--format=tar", revision, "--", relative))
    with tarfile.open(tar_path) as tar:
        tar.extractall(into, filter="data")
    return into / relative


@dataclass(frozen=True)
class DueChange:
    change: str  # 新增 / 已解除 / 变化
    before: DueItem | None
    after: DueItem | None

    @property
    def item(self) -> DueItem:
        return self.after or self.before  # type: ignore[return-value]


def _key(item: DueItem) -> tuple:
    return (item.kind, item.rule, item.customer, item.subject)


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
    return f"{STATE_LABELS[item.state]} {item.deadline}" if item else "—"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def problems_table(problems: list[Problem], files: list[str]) -> list[str]:
    shown = [p for p in problems if p.source.path in set(files)]
    if not shown:
        return ["改动的文件没有问题。✅", ""]
    errors = Counter(p.source.path for p in shown if p.is_error)
    warnings = Counter(p.source.path for p in shown if not p.is_error)
    lines = ["| 文件 | 错误 | 警告 | 第一个问题 |", "|---|---:|---:|---|"]
    for path in sorted({p.source.path for p in shown}):
        first = next(p for p in shown if p.source.path == path)
        where = f"第 {first.source.line} 行 " if first.source.line else ""
        lines.append(
            f"| `{path}` | {errors[path]} | {warnings[path]} | "
            f"{where}`{first.code}`：{_cell(first.message_zh)} |"
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
        staff = "、".join(f"{s} {view.staff_name(s)}".strip() for s in item.staff)
        lines.append(
            f"| {change.change} | {_cell(customer)} | {_cell(mask_text(view.describe(item)))} | "
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
) -> str:
    errors = sum(p.is_error for p in problems if p.source.path in set(files))
    warnings = sum(not p.is_error for p in problems if p.source.path in set(files))
    verdict = "❌ 有错误，请按下表修改后再提交" if errors else "✅ 可以合并"
    lines = [
        "## 回访台检查结果",
        "",
        f"{verdict}：改动了 {len(files)} 个记录文件，{errors} 个错误，{warnings} 个警告"
        f"（按 {as_of.today} 计算；与 `{base}` 比较）。",
        "",
        "### 改动文件中的问题",
        "",
        *problems_table(problems, files),
        "每个问题的改法见上面的行内注释，或在本地运行 `huifang check`。",
        "",
        "### 对待访清单的影响",
        "",
    ]
    if base_records is None:
        lines += ["无法读取基准分支的记录，未比较待访清单。", ""]
    else:
        before = list(derive_agenda(base_records, as_of).items)
        after = list(derive_agenda(records, as_of).items)
        lines += due_table(due_changes(before, after), records)
    return "\n".join(lines)


def pr_summary(records_dir: Path, base: str, as_of: AsOf, report) -> str:
    """The summary for a pull request against `base`, from an already checked `report`."""
    from generator.records import load_records

    repo = repository_root(records_dir)
    root_name = records_dir.resolve().name
    files = [
        f"{root_name}/{Path(p).relative_to(records_dir.resolve().relative_to(repo.resolve()))}"
        for p in changed_files(repo, base, records_dir)
    ]
    with tempfile.TemporaryDirectory(prefix="huifang-base-") as temp:
        try:
            base_root = records_at(repo, base, records_dir, Path(temp))
            base_records = load_records(base_root).records if base_root.is_dir() else None
        except GitError:
            base_records = None
        return summary_markdown(report.problems, files, report.records, base_records, as_of, base)
