"""The `pages / render` stages and the MkDocs build: records → docs tree → site/.

`build_site` never writes into the records folder: the docs tree goes to a
work folder (default `build/docs`), the site to `--out` (default `site/`).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.due_output import View, as_csv, as_ics, select
from generator.history import History
from generator.pipeline import CheckReport
from generator.privacy import Privacy
from generator.progress import SILENT, Reporter
from generator.rules import AsOf, derive_all
from generator.site.changes import atom_feed, change_pages
from generator.site.dashboard import dashboard
from generator.site.data import SiteData
from generator.site.pages import complaint_pages, customers, due_pages, quality
from generator.site.render import environment, mkdocs_config, write_page
from generator.site.report_pages import reports, satisfaction
from generator.site.scan import scan_site
from generator.site.search import SearchIndexError, index_site

BUILDERS = (
    dashboard, customers, due_pages, complaint_pages, satisfaction, reports, change_pages, quality
)  # fmt: skip


class BuildError(Exception):
    """The site could not be built (the message says why, in Chinese and English)."""


@dataclass(frozen=True)
class BuildResult:
    pages: int
    docs: Path
    site: Path


def write_docs(
    report: CheckReport,
    docs: Path,
    as_of: AsOf,
    masked: bool,
    history: History | None = None,
    reporter: Reporter = SILENT,
) -> tuple[SiteData, int]:
    reporter.stage("计算待访和时限 / due lists and limits")
    agenda, complaints = derive_all(report.records, as_of)
    data = SiteData(report, agenda, complaints, Privacy(masked), history)
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    env = environment()
    count = 0
    reporter.stage("生成页面 / writing pages")  # how many is known only once written
    for builder in BUILDERS:
        for page in builder(data):
            write_page(env, docs, page)
            count += 1
            reporter.advance()
    _downloads(data, docs)
    atom_feed(data, docs)
    return data, count


def _downloads(data: SiteData, docs: Path) -> None:
    """Per staff member: the due list as an iCalendar feed and as CSV, beside their page."""
    view = View(data.records, masked=data.privacy.masked)
    for staff in data.records.staff_list:
        items = select(data.agenda, staff.id)
        if not items:
            continue
        (docs / "due" / f"{staff.id}.ics").write_bytes(as_ics(data.agenda, items, view))
        (docs / "due" / f"{staff.id}.csv").write_text(as_csv(items, view), encoding="utf-8")


def build_site(
    report: CheckReport,
    out: Path,
    as_of: AsOf,
    masked: bool = True,
    work: Path | None = None,
    history: History | None = None,
    reporter: Reporter = SILENT,
) -> BuildResult:
    """The site of checked records (`check_records`, judged as of the same day)."""
    work = work or Path("build")
    docs = work / "docs"
    data, count = write_docs(report, docs, as_of, masked, history, reporter)
    config = work / "mkdocs.yml"
    settings = mkdocs_config(docs.resolve(), out.resolve(), data.records.policy.company or "")
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    # The sitemap's dates come from SOURCE_DATE_EPOCH: the as-of day, so builds are byte-identical.
    epoch = int(dt.datetime.combine(as_of.today, dt.time(), dt.UTC).timestamp())
    reporter.stage(f"MkDocs 构建 {count} 页 / MkDocs build of {count} pages")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "--quiet", "-f", str(config)],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)},
    )
    if result.returncode != 0:
        raise BuildError(f"MkDocs 构建失败 / the MkDocs build failed:\n{result.stderr[-4000:]}")
    reporter.stage("搜索索引 / search index (Pagefind)")
    try:
        index_site(out)
    except SearchIndexError as error:
        raise BuildError(str(error)) from error
    reporter.stage("构建后检查 / post-build scan")
    findings = scan_site(out, masked)
    if findings:
        listed = "\n".join(f"  {f}" for f in findings[:50])
        raise BuildError(
            "构建后检查未通过，网站不能发布 / the post-build scan failed; do not publish this site:\n"
            + listed
        )
    return BuildResult(count, docs, out)
