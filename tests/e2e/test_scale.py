"""What keeps checking and building fast on large sets stays correct: the content-hash
cache, the parallel parse, bodies rendered ahead, and the progress bar shown only to a
person at a terminal.
(Speed itself is measured by `make bench`, never here.)"""

from __future__ import annotations

import shutil
import time
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import ROOT, TODAY, check_json, commit_all, run_git, run_in_terminal

import generator.check as pipeline
import generator.site.bodies as bodies
import generator.site.data as site_data
import generator.speed.filecache as filecache
from generator.check import check_records
from generator.derive import AsOf
from generator.history import read_history
from generator.read.schema import SchemaSet
from generator.site import write_docs
from generator.speed.store import folder, load

GOOD_PHONE = 'mobile: "13912345678"'
VISIT = "---\ncustomer: C0001\ndate: 2026-11-0{day}\nmethod: phone\nstaff: [S03]\n---\n电话回访。\n"


def codes(payload: dict) -> set[tuple[str, str]]:
    return {(p["code"], p["file"]) for p in payload["problems"]}


def test_the_cache_never_serves_a_changed_file(tree):
    records = tree()
    customer = records / "customers/C0001.md"
    assert check_json(records)[1]["problems"] == []
    assert any(folder().glob("records-*.pickle"))
    customer.write_text(customer.read_text(encoding="utf-8").replace(GOOD_PHONE, "mobile: 139"))
    code, payload = check_json(records)
    assert code == 1 and ("schema.type", "records/customers/C0001.md") in codes(payload)
    customer.write_text(customer.read_text(encoding="utf-8").replace("mobile: 139", GOOD_PHONE))
    assert check_json(records)[1]["problems"] == []


def test_unchanged_files_are_not_parsed_again_and_a_new_schema_starts_afresh(tree, monkeypatch):
    records = tree()
    first = check_records(records, TODAY)

    def no_parsing(*args):
        raise AssertionError("an unchanged file was parsed again")

    monkeypatch.setattr(filecache, "parse_file", no_parsing)
    second = check_records(records, TODAY)
    assert second.problems == first.problems and second.documents == first.documents
    assert [c.id for c in second.records.customer_list] == ["C0001"]
    # another schema (an edited schema/ folder) is another cache: everything is read again
    schemas = SchemaSet()
    schemas.documents["customer"] = {**schemas.documents["customer"], "title": "改过的"}
    with pytest.raises(AssertionError, match="parsed again"):
        check_records(records, TODAY, schemas)


def test_nothing_changed_reuses_the_last_result_and_any_change_runs_the_checks(tree, monkeypatch):
    records = tree({"visits/2026/2026-11-21-C0001-phone.md": "---\ncustomer: C9\n---\n"})
    run_git(records.parent, "init", "-q")
    commit_all(records.parent, "记录")
    first = check_records(records, TODAY, history=read_history(records))
    assert first.errors
    runs = []
    real = pipeline.run_checks
    monkeypatch.setattr(pipeline, "run_checks", lambda *args: runs.append(1) or real(*args))

    def check(day=TODAY):
        return check_records(records, day, history=read_history(records))

    again = check()
    assert runs == [] and again.problems == first.problems and again.documents == first.documents
    assert again.records.customer_list == first.records.customer_list  # loaded when asked for
    assert check(TODAY + timedelta(days=1)) and runs == [1]  # another day
    (records / "notes.yaml").write_text("x: 1\n")  # a stray record file is a warning
    assert "file.unknown_location" in {p.code for p in check().problems} and runs == [1, 1]
    commit_all(records.parent, "再提交")  # another Git head: the timeliness checks read it
    check()
    assert runs == [1, 1, 1]
    check()
    assert runs == [1, 1, 1]  # and the result of that run is reused in turn
    visit = records / "visits/2026/2026-11-21-C0001-phone.md"
    visit.write_text(VISIT.replace("0{day}", "21"))  # the visit made whole: no error left
    assert check().errors == 0 < first.errors and runs == [1, 1, 1, 1]


def test_a_broken_or_deleted_cache_only_costs_time(tree):
    records = tree({"visits/2026/2026-11-21-C0001-phone.md": "---\ncustomer: C9\n---\n"})
    expected = check_json(records)
    for cache in folder().glob("records-*.pickle"):
        cache.write_bytes(b"not a pickle")
    assert check_json(records) == expected
    shutil.rmtree(folder())
    assert check_json(records) == expected


def test_the_parallel_parse_gives_what_one_process_gives(tmp_path, monkeypatch):
    records = Path(shutil.copytree(ROOT / "records", tmp_path / "records"))
    bad = records / "visits/2026/2026-11-21-C0001-phone.md"
    bad.write_text(
        "---\ncustomer: C0001\ndate: '2026-11-21'\nmethod: phone\nstaff: [S99]\n---\n正文\n"
    )
    alone = check_records(records, TODAY, use_cache=False)
    monkeypatch.setattr(filecache, "PARALLEL_FROM", 10)
    together = check_records(records, TODAY, use_cache=False)
    assert together.problems == alone.problems and alone.errors == 1
    assert together.records.visits == alone.records.visits
    assert together.records.customer_list == alone.records.customer_list


def test_the_shards_the_workers_save_serve_the_next_check(tree, tmp_path, monkeypatch):
    records = tree({f"visits/2026/2026-11-0{day}-C0001-phone.md": VISIT.format(day=day)
                    for day in range(1, 10)})  # fmt: skip
    monkeypatch.setattr(filecache, "PARALLEL_FROM", 3)
    monkeypatch.setattr(filecache, "SHARDS", 2)  # a changed file's shard holds unchanged ones
    huge = records / "visits/2026/2026-11-10-C0001-phone.md"
    huge.write_text(VISIT.format(day=1) + "长" * 400_000, encoding="utf-8")  # over 1 MB: unreadable
    first = check_records(records, TODAY)  # parsed in workers, which save the shards
    assert "file.too_large" in {p.code for p in first.problems}
    name = filecache.cache_name(records, SchemaSet())
    saved = [load(f"{name}-{shard:02d}") for shard in range(2)]
    assert sum(map(len, saved)) == first.documents - 1  # every file but the unreadable one
    huge.unlink()
    log = tmp_path / "parsed.txt"  # the workers are other processes: they say what they parse
    real = filecache.parse_file

    def logged(file, *args):
        with log.open("a", encoding="utf-8") as out:
            out.write(file.shown + "\n")
        return real(file, *args)

    def parsed() -> list[str]:
        names = sorted(log.read_text(encoding="utf-8").split()) if log.exists() else []
        log.unlink(missing_ok=True)
        return names

    monkeypatch.setattr(filecache, "parse_file", logged)
    again = check_records(records, TODAY + timedelta(days=1))  # another day: no whole-run result
    assert parsed() == [] and again.documents == first.documents - 1
    # three files changed: parsed in workers again, beside the shards' unchanged files
    changed = sorted(records.glob("visits/2026/*-C0001-phone.md"))[:3]
    for path in changed:
        path.write_text(path.read_text(encoding="utf-8").replace("S03", "S99"), encoding="utf-8")
    third = check_records(records, TODAY)
    assert parsed() == [f"records/{p.relative_to(records).as_posix()}" for p in changed]
    assert [p.code for p in third.problems].count("ref.unknown_staff") == 3
    day = TODAY + timedelta(days=2)
    fourth = check_records(records, day)
    assert parsed() == [] and fourth.documents == third.documents
    assert fourth.problems == check_records(records, day, use_cache=False).problems
    assert len(parsed()) == again.documents  # without the cache every file is parsed


def test_check_shows_progress_on_a_terminal_only(tree):
    records = tree()
    args = ["check", "--records", str(records), "--today", "2026-11-23", "--no-history"]
    code, shown = run_in_terminal(args, env={"CI": ""})
    assert code == 0 and "读取记录 / reading records" in shown
    code, quiet = run_in_terminal([*args, "--quiet"], env={"CI": ""})
    assert code == 0 and "读取记录" not in quiet
    code, in_ci = run_in_terminal(args, env={"CI": "true"})
    assert code == 0 and "读取记录" not in in_ci


def test_bodies_rendered_ahead_give_the_same_pages(tmp_path, monkeypatch):
    report = check_records(ROOT / "records", TODAY, use_cache=False)
    as_of = AsOf.day(TODAY)

    def docs(name: str) -> dict:
        root = tmp_path / name
        write_docs(report, root, as_of, masked=True)
        return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    as_written = docs("as-written")
    monkeypatch.setattr(bodies, "PARALLEL_FROM", 1)
    monkeypatch.setattr(bodies, "CHECK_EVERY", 10**9)  # never stopped: every body ahead
    real = site_data.render_body
    rendered_here = []
    monkeypatch.setattr(site_data, "render_body", lambda *a: rendered_here.append(a) or real(*a))
    assert docs("all-ahead") == as_written and rendered_here == []
    # stopped part way (a slow renderer ahead): the pages render the rest themselves
    slow = bodies.body_html
    monkeypatch.setattr(bodies, "body_html", lambda *a: time.sleep(0.005) or slow(*a))
    monkeypatch.setattr(bodies, "CHECK_EVERY", 1)
    assert docs("part-ahead") == as_written
    everyone = sum(1 for group in (report.records.customer_list, report.records.visits,
                                   report.records.complaint_list, report.records.losses)
                   for r in group if r.body)  # fmt: skip
    # distinct bodies: one body may be shown on two pages (a lost deal on 丢单分析 and beyond)
    assert 0 < len(set(map(repr, rendered_here))) < everyone
