"""The `pages / render` stages and the MkDocs build: records → docs tree → site/.

`build_site` never writes into the records folder: the docs tree goes to a
work folder (default `build/docs`), the site to `--out` (default `site/`).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from generator.check import CheckReport
from generator.derive import AsOf, derive_all
from generator.history import History
from generator.present.due import View, select
from generator.present.privacy import Privacy
from generator.progress import SILENT, Reporter
from generator.read.policy_history import applies_for
from generator.report.due import as_csv, as_ics
from generator.site.bodies import render_ahead
from generator.site.changes import atom_feed, change_pages
from generator.site.config import mkdocs_config
from generator.site.dashboard import dashboard
from generator.site.data import SiteData
from generator.site.pages import complaint_pages, customers, due_pages, quality
from generator.site.render import environment
from generator.site.report_pages import reports, satisfaction
from generator.site.scan import scan_site
from generator.site.search import SearchIndexError, check_index, finish_index, index_command
from generator.site.team_pages import write_team_search_pages
from generator.site.team_settings import TeamSettings
from generator.site.writer import write_pages
from generator.speed.workers import side_by_side
from generator.timing import StageTimer

# The summary pages first: their contexts are made when written (by a worker process), and
# first they are spread over the workers while the others write the customers' pages.
BUILDERS = (
    reports, satisfaction, dashboard, customers, due_pages, complaint_pages, change_pages, quality
)  # fmt: skip


_DISK_ERROR = re.compile(r"^\w*Error: (\[Errno \d+\] .*)$", re.M)


class BuildError(Exception):
    """The site could not be built (the message says why, in Chinese and English)."""


@dataclass(frozen=True)
class BuildResult:
    pages: int
    docs: Path
    site: Path


def write_docs(
    report: CheckReport,
    work: Path,
    as_of: AsOf,
    masked: bool,
    history: History | None = None,
    reporter: Reporter = SILENT,
    timer: StageTimer | None = None,
) -> tuple[SiteData, int]:
    """The docs tree (work/docs) for MkDocs and the search tree (work/search) for Pagefind."""
    timer = timer or StageTimer()
    reporter.stage("读取记录 / reading records")
    records = report.records  # loaded now if the check's result came from the last run's
    bodies = render_ahead(records, masked)  # on the other core, while this one goes on
    reporter.stage("计算待访和时限 / due lists and limits")
    with timer("derive (due lists, complaint limits)"):
        # with Git history, a periodic rule applies from when the customer came to match it
        applies = applies_for(history, records, as_of.today, report.root)
        agenda, complaints = derive_all(records, as_of, applies)
    data = SiteData(report, agenda, complaints, Privacy(masked), history)
    docs, search = work / "docs", work / "search"
    for tree in (docs, search):
        if tree.exists():
            shutil.rmtree(tree)
        tree.mkdir(parents=True)
    with timer("pages: list and summarise"):
        pages = [page for builder in BUILDERS for page in builder(data)]
    with timer("record bodies rendered ahead (taking them)"):
        data.bodies = bodies()
    for folder in {os.path.dirname(page.path) for page in pages}:  # once, not per page
        (docs / folder).mkdir(parents=True, exist_ok=True)
        (search / folder).mkdir(parents=True, exist_ok=True)
    reporter.stage("生成页面 / writing pages", len(pages))
    with timer("pages: render and write (worker processes)"):
        write_pages(environment(masked), docs, search, pages, reporter)
    data.bodies = {}  # ~100 MB at 100,000 visits, not needed after the pages
    return data, len(pages)


def write_downloads(data: SiteData, site: Path) -> None:
    """Files MkDocs would only copy, written straight into the built site: per staff member
    the due list as an iCalendar feed and as CSV beside their page; the changes' feed."""
    view = View(data.records, masked=data.privacy.masked)
    (site / "due").mkdir(parents=True, exist_ok=True)
    for staff in data.records.staff_list:
        items = select(data.agenda, staff.id)
        if not items:
            continue
        (site / "due" / f"{staff.id}.ics").write_bytes(as_ics(data.agenda, items, view))
        (site / "due" / f"{staff.id}.csv").write_text(as_csv(items, view), encoding="utf-8")
    atom_feed(data, site)


def build_site(
    report: CheckReport,
    out: Path,
    as_of: AsOf,
    masked: bool = True,
    work: Path | None = None,
    history: History | None = None,
    reporter: Reporter = SILENT,
    timer: StageTimer | None = None,
    team: TeamSettings | None = None,
) -> BuildResult:
    """The site of checked records (`check_records`, judged as of the same day).

    Built into a new folder beside `out` and moved into its place only once the post-build
    scan passed: a failed build leaves the last good site as it was, and two builds at once
    never mix their pages (each has its own folder; the work folder is locked)."""
    work = work or Path("build")
    timer = timer or StageTimer()
    refuse_out(out, report.root, work)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work.mkdir(parents=True, exist_ok=True)
        with _locked(work):
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
            os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would hide it from a web server
            try:
                result = _build_into(
                    report, staging, as_of, masked, work, history, reporter, timer, team
                )
                (staging / SITE_MARK).write_text("回访台 huifang build\n", encoding="utf-8")
                _replace(out, staging)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError as error:
        where = error.filename or out
        raise BuildError(
            f"无法写入 {where}：{error.strerror or error}。请检查磁盘空间和写权限；"
            f"原来的网站没有改动。 / cannot write {where}: {error.strerror or error}. Check the "
            "free disk space and permissions; the previous site is unchanged."
        ) from None
    return BuildResult(result.pages, result.docs, out)


SITE_MARK = ".huifang-site"  # in every site built, so a later build knows it may replace it


class OutFolderError(BuildError):
    """`--out` names a folder a build must never replace."""


def refuse_out(out: Path, records: Path, work: Path) -> None:
    """The site replaces `out` as a whole: never the records, the work folder, the current
    folder or any folder holding them, never through a link, and never a folder that holds
    anything but a site built before."""
    if out.is_symlink():
        raise OutFolderError(
            f"--out {out} 是一个链接；请直接给出网站目录 / --out {out} is a link: give the "
            "site's folder itself (a deployment that switches links can link to it afterwards)"
        )
    target = out.resolve()
    if target.is_relative_to(records.resolve()):
        raise OutFolderError(
            f"--out {out} 在记录目录中，网站不能放在这里 / --out {out} is inside the records "
            "folder: choose a folder of its own, e.g. site/"
        )
    protected = (("记录目录", "the records folder", records), ("--work", "--work", work),
                 ("当前目录", "the current folder", Path.cwd()))  # fmt: skip
    for zh, en, kept in protected:
        if kept.resolve().is_relative_to(target):
            raise OutFolderError(
                f"--out {out} 会连同{zh}一起被替换，网站不能放在这里 / --out {out} would replace "
                f"{en} with it: choose a folder of its own, e.g. site/"
            )
    if target.is_dir() and any(target.iterdir()) and not _a_built_site(target):
        raise OutFolderError(
            f"{out} 不是空目录，也不是回访台生成的网站，不会被替换 / {out} is neither empty nor a site "
            "Huifang built; it is not replaced. Choose another --out or empty it first."
        )
    if target.exists() and not target.is_dir():
        raise OutFolderError(f"{out} 不是目录 / {out} is not a folder")


def _a_built_site(folder: Path) -> bool:
    """Built by this version (its mark) or an earlier one (MkDocs' pages and Pagefind's index)."""
    if (folder / SITE_MARK).is_file():
        return True
    return (folder / "index.html").is_file() and (folder / "pagefind").is_dir()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def _locked(work: Path):
    """One build at a time per work folder (a second waits for the first)."""
    with open(work / ".huifang-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _replace(out: Path, built: Path) -> None:
    """`built` becomes `out`; the old `out` is removed only after the new one is in place."""
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.rename(out, old / "site")
        os.rename(built, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(built, out)


def _build_into(
    report: CheckReport,
    out: Path,
    as_of: AsOf,
    masked: bool,
    work: Path,
    history: History | None,
    reporter: Reporter,
    timer: StageTimer,
    team: TeamSettings | None = None,
) -> BuildResult:
    data, count = write_docs(report, work, as_of, masked, history, reporter, timer)
    write_team_search_pages(team, work / "search")  # the team's own pages, searchable too
    config = work / "mkdocs.yml"
    company = data.records.policy.company or ""
    shown = data.privacy.text(company)  # the team's mkdocs.yml merged in, if there is one
    settings = mkdocs_config((work / "docs").resolve(), out.resolve(), shown, team)
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    # The sitemap's dates come from SOURCE_DATE_EPOCH: the as-of day, so builds are byte-identical.
    epoch = int(dt.datetime.combine(as_of.today, dt.time(), dt.UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    bundle = work / "pagefind"
    shutil.rmtree(bundle, ignore_errors=True)
    reporter.stage(
        f"MkDocs 构建 {count} 页，同时建搜索索引 / MkDocs build of {count} pages and the search index"
    )
    # Side by side, one core each (speed/workers.py); each scans its own output as soon as
    # it is done.
    with timer("MkDocs + Pagefind, with their scans"):
        downloads = partial(write_downloads, data, out)
        pages, index = side_by_side(
            partial(_site_pages, config, env, out, masked, timer, downloads),
            partial(_search_index, work / "search", bundle, masked, timer),
        )
        findings = pages + index
    shutil.move(bundle, out / "pagefind")
    if findings:
        listed = "\n".join(f"  {f}" for f in findings[:50])
        raise BuildError(
            "构建后检查未通过，网站不能发布 / the post-build scan failed; do not publish this site:\n"
            + listed
        )
    return BuildResult(count, work / "docs", out)


def _site_pages(
    config: Path, env: dict, out: Path, masked: bool, timer: StageTimer, downloads: Callable
) -> list:
    """MkDocs builds the site; the downloads go in beside its pages (after it: it starts by
    emptying the folder), while Pagefind still indexes; then the post-build scan of it all."""
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--quiet", "-f", str(config)]
    with timer("MkDocs"):
        built = subprocess.run(command, capture_output=True, text=True, env=env)
    if built.returncode != 0:
        disk = _DISK_ERROR.findall(built.stderr)
        if disk:  # a full or read-only disk: say so, not MkDocs' traceback
            detail = disk[-1]
            raise BuildError(
                f"无法写入网站：{detail}。请检查磁盘空间和写权限；原来的网站没有改动。"
                f" / cannot write the site: {detail}. Check the free disk space and "
                "permissions; the previous site is unchanged."
            )
        raise BuildError(f"MkDocs 构建失败 / the MkDocs build failed:\n{built.stderr[-4000:]}")
    with timer("calendars, CSV and feed (into the site)"):
        downloads()
    with timer("post-build scan of the pages"):
        return scan_site(out, masked)


def _search_index(search: Path, bundle: Path, masked: bool, timer: StageTimer) -> list:
    """Pagefind indexes the articles into `bundle`; then the post-build scan of the index."""
    with timer("Pagefind"):
        indexed = subprocess.run(index_command(search, bundle), capture_output=True, text=True)
    try:
        check_index(indexed.returncode, indexed.stderr or indexed.stdout, bundle)
        finish_index(bundle)
    except SearchIndexError as error:
        raise BuildError(str(error)) from error
    with timer("post-build scan of the index"):
        # At scale Pagefind ends last, when MkDocs and its scan are done: two cores are free.
        return scan_site(bundle, masked, shown_prefix="pagefind/", processes=2)
