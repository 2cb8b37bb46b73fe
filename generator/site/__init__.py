"""The `pages / render` stages and the MkDocs build: records → docs tree → site/.

`build_site` never writes into the records folder: the docs tree goes to a
work folder (default `build/docs`), the site to `--out` (default `site/`).

Incremental builds (docs/site.md): the work folder keeps its trees between builds and a
state file says what they hold (speed/sitestate.py). A build whose key (speed/buildkey.py)
is the last one's, with `--out` still that build's site, stops at once; else only pages
whose inputs changed are rendered (writer.py), MkDocs rebuilds those (`--dirty`),
Pagefind runs only when the search tree changed, and the new site shares the unchanged
files of the old one (publish.py). With the speed switch off every build is clean.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import yaml

from generator.check import CheckReport
from generator.derive import AsOf, derive_all
from generator.history import History
from generator.present.privacy import Privacy
from generator.progress import SILENT, Reporter
from generator.read.policy_history import applies_for
from generator.site.bodies import render_ahead
from generator.site.changes import change_pages
from generator.site.cms_admin import VENDOR, write_admin
from generator.site.cms_settings import EditorSettings
from generator.site.complaint_pages import complaint_record_pages
from generator.site.config import mkdocs_config
from generator.site.dashboard import dashboard
from generator.site.data import SiteData
from generator.site.downloads import write_downloads
from generator.site.due_lists import due_pages
from generator.site.errors import BuildError, OutFolderError
from generator.site.indexing import index_shards, shard_digests
from generator.site.lost_pages import deal_pages
from generator.site.pages import complaint_pages, customers, quality
from generator.site.programs import mkdocs_build
from generator.site.publish import assemble
from generator.site.register_pages import complaint_register_pages, visit_registers
from generator.site.render import environment, templates_dir
from generator.site.report_archive import report_archive
from generator.site.report_pages import reports, satisfaction
from generator.site.scan import scan_site
from generator.site.shards import MAIN, is_sharded, shard_names, shard_of
from generator.site.survey_notice import survey_notices
from generator.site.team_pages import write_team_search_pages
from generator.site.team_settings import TeamSettings
from generator.site.trees import prune
from generator.site.writer import Digests, write_pages
from generator.speed.buildkey import build_key, file_bytes, program_digest
from generator.speed.sitestate import SiteState, forget_state, load_state, save_state
from generator.speed.workers import side_by_side
from generator.timing import StageTimer

__all__ = ["BuildError", "BuildResult", "OutFolderError", "build_site", "write_docs"]

# The summary pages first: their contexts are made when written (by a worker process), and
# first they are spread over the workers while the others write the customers' pages.
BUILDERS = (
    reports, satisfaction, dashboard, customers, due_pages, complaint_pages, change_pages, quality,
    complaint_record_pages, complaint_register_pages, visit_registers, report_archive, deal_pages,
    survey_notices,
)  # fmt: skip


@dataclass(frozen=True)
class BuildResult:
    pages: int
    docs: Path
    site: Path
    unchanged: bool = False  # nothing changed since the last build: `site` is that build's


def write_docs(
    report: CheckReport,
    work: Path,
    as_of: AsOf,
    masked: bool,
    history: History | None = None,
    reporter: Reporter = SILENT,
    timer: StageTimer | None = None,
    known: Digests | None = None,
    editor: bool = False,
    commit_url: str = "",
    site_address: str = "",
) -> tuple[SiteData, Digests]:
    """The docs tree (work/docs) for MkDocs and the search tree (work/search) for Pagefind,
    and each page's digests. With `known` (the last build's digests, its trees kept) only
    pages whose inputs changed are rendered, and pages no longer built are removed; else
    both trees are written from nothing. `editor`: the team has the browser editor (admin/),
    which due items, customer and complaint pages link to (editor_links.py)."""
    timer = timer or StageTimer()
    reporter.stage("读取记录 / reading records")
    records = report.records  # loaded now if the check's result came from the last run's
    bodies = render_ahead(records, masked)  # on the other core, while this one goes on
    reporter.stage("计算待访和时限 / due lists and limits")
    with timer("derive (due lists, complaint limits)"):
        # with Git history, a periodic rule applies from when the customer came to match it
        applies = applies_for(history, records, as_of.today, report.root)
        agenda, complaints = derive_all(records, as_of, applies)
    data = SiteData(
        report, agenda, complaints, Privacy(masked), history,
        commit_url=commit_url, site_address=site_address,
    )  # fmt: skip
    data.editor = editor  # in the pages' contexts, so their digests follow the setting
    docs, search = work / "docs", work / "search"
    for tree in (docs, search):
        if known is None and tree.exists():
            shutil.rmtree(tree)
        tree.mkdir(parents=True, exist_ok=True)
    with timer("pages: list and summarise"):
        pages = [page for builder in BUILDERS for page in builder(data)]
    with timer("record bodies rendered ahead (taking them)"):
        data.bodies = bodies()
    sharded = is_sharded(len(records.customer_list))  # the search tree by shard: shards.py
    for page in {(shard_of(p.path, sharded), os.path.dirname(p.path)) for p in pages}:
        (docs / page[1]).mkdir(parents=True, exist_ok=True)  # once, not per page
        (search / page[0] / page[1]).mkdir(parents=True, exist_ok=True)
    (search / MAIN).mkdir(exist_ok=True)
    reporter.stage("生成页面 / writing pages", len(pages))
    with timer("pages: render and write (worker processes)"):
        env = environment(masked)
        digests = write_pages(env, docs, search, pages, reporter, known, sharded)
    data.bodies = {}  # ~100 MB at 100,000 visits, not needed after the pages
    return data, digests


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
    full_scan: bool = False,
    inputs: tuple[bytes, ...] = (),
) -> BuildResult:
    """The site of checked records (`check_records`, judged as of the same day). `inputs`:
    what else the site depends on, for the build's key (the allowed signers' file);
    `full_scan`: the post-build scan reads every file, not only the changed ones (and the
    build runs even when nothing changed, to scan it all).

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
            extra = (*inputs, *_team_inputs(team))
            key = build_key(report.key, as_of, masked, templates_dir(), extra)
            state = load_state(work, program_digest(templates_dir(), masked))
            if state is not None and not full_scan and _unchanged(state, key, out):
                return BuildResult(len(state.pages), work / "docs", out, unchanged=True)
            forget_state(work)  # until this build succeeds, the trees are in no known state
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
            os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would hide it from a web server
            try:
                done = _build_into(
                    report, staging, as_of, masked, work, history, reporter, timer, team,
                    state, full_scan, out,
                )  # fmt: skip
                done.key = key
                (staging / SITE_MARK).write_text("回访台 huifang build\n", encoding="utf-8")
                _replace(out, staging)
                done.site = _identity(out)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            save_state(work, done)
    except OSError as error:
        where = error.filename or out
        raise BuildError(
            f"无法写入 {where}：{error.strerror or error}。请检查磁盘空间和写权限；"
            f"原来的网站没有改动。 / cannot write {where}: {error.strerror or error}. Check the "
            "free disk space and permissions; the previous site is unchanged."
        ) from None
    return BuildResult(len(done.pages), work / "docs", out)


def _team_inputs(team: TeamSettings | None) -> list[bytes]:
    """The team's settings and every file of its own pages, for the build's key."""
    if team is None:
        return [b"no team settings"]
    editor = [file_bytes(VENDOR / "SHA256SUMS")] if "editor" in team.extra else []  # admin/'s files
    return [repr(team).encode(), *(file_bytes(team.folder / name) for name in team.files), *editor]


def _identity(out: Path) -> list[int]:
    """Which site `out` is: its folder (each build moves in a new one) and its mark file's
    time; [] when it has none. Not in the site's bytes, which do not depend on speed."""
    try:
        folder, mark = os.stat(out), os.stat(out / SITE_MARK)
    except OSError:
        return []
    return [folder.st_dev, folder.st_ino, mark.st_mtime_ns]


def _unchanged(state: SiteState, key: str | None, out: Path) -> bool:
    """The last build had this key and `out` is still the site it published."""
    return (
        key is not None and state.key == key and bool(state.site) and _identity(out) == state.site
    )


SITE_MARK = ".huifang-site"  # in every site built, so a later build knows it may replace it


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
    staging: Path,
    as_of: AsOf,
    masked: bool,
    work: Path,
    history: History | None,
    reporter: Reporter,
    timer: StageTimer,
    team: TeamSettings | None,
    state: SiteState | None,
    full_scan: bool,
    published: Path,
) -> SiteState:
    """The site into `staging`, from the work folder's trees as `state` left them (None:
    from nothing); the state the work folder is in after it."""
    known = state.pages if state is not None else None
    links = team.extra.get("huifang", {}) if team else {}  # commit_links.py
    editor = team.extra.get("editor") if team is not None else None  # cms_settings.py
    data, digests = write_docs(
        report, work, as_of, masked, history, reporter, timer, known, editor is not None,
        links.get("commit_url", ""), links.get("site_address", ""),
    )  # fmt: skip
    sharded = is_sharded(len(data.records.customer_list))
    shards = shard_names(sharded)
    write_team_search_pages(team, work / "search" / MAIN)  # the team's pages, searchable too
    mirror = work / "site"  # MkDocs' own copy of the site, kept for its --dirty builds
    prune(work, mirror, digests, team, sharded)
    config = work / "mkdocs.yml"
    shown = data.privacy.text(data.records.policy.company or "")  # team's mkdocs.yml merged in
    settings = mkdocs_config((work / "docs").resolve(), mirror.resolve(), shown, team)
    text = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False)
    config.write_text(text, "utf-8")
    config_digest = hashlib.sha256(text.encode()).hexdigest()
    dirty = state is not None and state.config == config_digest and mirror.is_dir()
    # The sitemap's dates come from SOURCE_DATE_EPOCH: the as-of day, so builds are byte-identical.
    epoch = int(dt.datetime.combine(as_of.today, dt.time(), dt.UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    searched = shard_digests(work / "search", digests, team, shards)
    bundles = work / "pagefind"
    if state is None:  # what the folder holds is not known (another program, a failed build)
        shutil.rmtree(bundles, ignore_errors=True)
    reindex = [shard for shard in shards if state is None or state.index.get(shard) != searched[shard]
               or not (bundles / shard / "pagefind-entry.json").is_file()]  # fmt: skip
    scan_all = full_scan or state is None  # a new program or profile: every file scanned
    count = len(digests)
    reporter.stage(
        f"MkDocs 构建 {count} 页，同时建搜索索引 / MkDocs build of {count} pages and the search index"
    )
    # Side by side, one core each (speed/workers.py); each scans its own output as soon as
    # it is done.
    with timer("MkDocs + Pagefind, with their scans"):
        pages, index = side_by_side(
            partial(
                _site_pages,
                config,
                env,
                dirty,
                data,
                mirror,
                staging,
                published,
                scan_all,
                timer,
                team.extra.get("editor") if team is not None else None,
            ),
            partial(
                index_shards, work, reindex, shards, staging, published, scan_all, masked, timer
            ),
        )
        findings = pages + index
    if findings:
        listed = "\n".join(f"  {f}" for f in findings[:50])
        raise BuildError(
            "构建后检查未通过，网站不能发布 / the post-build scan failed; do not publish this site:\n"
            + listed
        )
    program = program_digest(templates_dir(), masked)
    return SiteState(program, None, config_digest, digests, searched)


def _site_pages(
    config: Path,
    env: dict,
    dirty: bool,
    data: SiteData,
    mirror: Path,
    staging: Path,
    published: Path,
    scan_all: bool,
    timer: StageTimer,
    editor: EditorSettings | None = None,
) -> list:
    """MkDocs builds its copy of the site; the downloads go in beside its pages (after it: a
    clean build starts by emptying the folder), while Pagefind still indexes; then the site
    beside `--out` and the post-build scan of what changed (of it all: `scan_all`)."""
    mkdocs_build(config, env, dirty, timer)
    with timer("calendars, CSV, Excel and feed (into the site)"):
        write_downloads(data, mirror)
        write_admin(editor, mirror)  # the browser editor, when the team names its Git host
    with timer("site put together beside --out"):
        every, copied = assemble(mirror, staging, published, skip="pagefind")
    with timer("post-build scan of the pages"):
        return scan_site(staging, data.privacy.masked, files=every if scan_all else copied)
