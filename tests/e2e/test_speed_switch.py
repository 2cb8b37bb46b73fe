"""HUIFANG_SPEED=off turns every performance mechanism off, and nothing else changes.

`huifang check` and `huifang build` run on a demo big enough for every parallel path
(the records read by worker processes, the pages written by them, the bodies rendered
ahead, the search index scanned by them): with the speed mechanisms on (a cold cache,
then a warm one: the last run's result), and with them all off. Their output and every
file they write are compared byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, huifang

import generator.site.bodies as bodies
import generator.site.scan as scan
import generator.site.writer as writer
import generator.speed.filecache as filecache
from generator.read.load import load_records
from generator.speed.workers import cores

pytestmark = pytest.mark.e2e

# Each size above the largest threshold it has to pass (asserted in `demo` below).
SIZE = ("--customers", "1000", "--visits", "2000", "--complaints", "40")
OFF = {"HUIFANG_SPEED": "off"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """A demo records folder on which every parallel path is taken."""
    if cores() < 2:
        pytest.skip("one core: no worker process is ever started, nothing to compare")
    records = tmp_path_factory.mktemp("speed") / "records"
    made = huifang("demo", "--out", str(records), *SIZE)
    assert made.returncode == 0, made.stderr
    files = [p for p in records.rglob("*") if p.is_file()]
    assert len(files) >= filecache.PARALLEL_FROM
    loaded = load_records(records).records
    groups = (loaded.customer_list, loaded.visits, loaded.complaint_list)
    assert sum(1 for group in groups for record in group if record.body) >= bodies.PARALLEL_FROM
    assert len(loaded.customer_list) >= writer.PARALLEL_FROM
    return records


def run(demo: Path, cache: Path, *args: str, env: dict | None = None, cwd: Path | None = None):
    result = huifang(*args, env={"HUIFANG_CACHE_DIR": str(cache), **(env or {})}, cwd=cwd)
    return result.returncode, result.stdout, result.stderr


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("output", ["text", "json"])
def test_check_gives_the_same_bytes_with_speed_off(demo, tmp_path, output):
    args = ("check", "--records", str(demo), "--today", TODAY.isoformat(), "--no-history")
    args += ("--format", output)
    cache = tmp_path / "cache"
    cold = run(demo, cache, *args)
    assert any(cache.glob("records-*.pickle")) and any(cache.glob("run-*.pickle"))
    warm = run(demo, cache, *args)  # the last run's result
    off_cache = tmp_path / "unused-cache"
    off = run(demo, off_cache, *args, env=OFF)
    assert not off_cache.exists()  # nothing cached, not even the folder made
    assert cold[1]  # the demo has problems to show
    assert cold == warm == off


def test_build_gives_the_same_files_with_speed_off(demo, tmp_path):
    built = {}
    for name, env in (("on", {}), ("off", OFF)):
        where = tmp_path / name
        where.mkdir()
        args = ("build", "--records", str(demo), "--today", TODAY.isoformat(), "-q")
        # relative --out and --work: the message naming them is the same both ways
        code, out, err = run(
            demo, tmp_path / f"cache-{name}", *args, "--out", "site", "--work", "work",
            env=env, cwd=where,
        )  # fmt: skip
        assert code == 0, err
        built[name] = (out, files_under(where / "site"), where / "work")
    (out_on, site_on, work_on), (out_off, site_off, work_off) = built["on"], built["off"]
    assert out_on == out_off
    assert len(site_on) > 2000 and site_on.keys() == site_off.keys()
    assert [name for name in site_on if site_on[name] != site_off[name]] == []
    pagefind = [name for name in site_on if name.startswith("pagefind/")]
    assert len(pagefind) >= scan.PARALLEL_FROM  # its post-build scan took the parallel path
    # The docs and search trees too (mkdocs.yml names the absolute folders: not compared).
    for tree in ("docs", "search"):
        assert files_under(work_on / tree) == files_under(work_off / tree), tree
    assert not (tmp_path / "cache-off").exists()  # nothing cached with speed off
