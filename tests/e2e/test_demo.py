"""The shipped demo: deterministic, reproducible, clean apart from its deliberate warnings,
and — on a copy with each hazard planted — every hazard found in one run."""

from __future__ import annotations

import shutil
from datetime import date

from conftest import ROOT, check_json, huifang

from generator.demo import DELIBERATE_WARNINGS, DemoSize, generate

SHIPPED = ROOT / "records"


def test_same_seed_same_files_and_another_seed_differs():
    small = DemoSize(customers=12, visits=40, complaints=10)
    assert generate(small, seed=7) == generate(small, seed=7)
    assert generate(small, seed=7) != generate(small, seed=8)


def test_shipped_records_are_exactly_what_the_generator_makes():
    """records/ is reproducible with `make demo`; nobody edited it by hand unnoticed."""
    files = generate(DemoSize())
    shipped = {
        p.relative_to(SHIPPED).as_posix(): p.read_text(encoding="utf-8")
        for p in SHIPPED.rglob("*")
        if p.is_file()
    }
    assert shipped == files


def test_shipped_demo_has_the_promised_shape():
    files = generate(DemoSize())
    kinds = [name.split("/")[0] for name in files]
    assert kinds.count("customers") == 60
    assert kinds.count("visits") == 600
    assert kinds.count("complaints") == 30
    assert sum(1 for n in files if n.startswith("surveys/") and "/responses/" not in n) == 3
    assert sum(1 for n in files if n.startswith("surveys/2026H2/responses/")) == 12  # 问卷
    assert files["team.yaml"].count("- id: S") == 8
    national_day = [
        n
        for n in files
        if n.startswith("complaints/") and ("2026-09-3" in files[n] or "2026-10-0" in files[n])
    ]
    assert national_day, "some complaints fall across the National Day holiday"


def test_shipped_demo_checks_clean_apart_from_deliberate_warnings():
    code, payload = check_json(SHIPPED)
    assert code == 0
    assert payload["summary"]["errors"] == 0
    assert {p["code"] for p in payload["problems"]} == set(DELIBERATE_WARNINGS)


def test_demo_command_refuses_to_overwrite_without_force(tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    result = huifang(
        "demo", "--out", str(tmp_path), "--customers", "3", "--visits", "5", "--complaints", "1"
    )
    assert result.returncode == 2 and "--force" in result.stderr
    assert (
        huifang(
            "demo",
            "--out",
            str(tmp_path / "new"),
            "--customers",
            "3",
            "--visits",
            "5",
            "--complaints",
            "1",
        ).returncode
        == 0
    )


HAZARDS = {
    # file (relative to records/) → (text transformation, expected code, expected line)
    "customers/C0003.md": (
        lambda t: t.replace("grade: ", "grade: A1\ngrade: ", 1),
        "yaml.duplicate_key",
    ),
    "customers/C0004.md": (lambda t: t.replace("owner: ", "\towner: ", 1), "yaml.tab"),
    "customers/C0005.md": (
        lambda t: t.replace("mobile: '", "mobile: ", 1).replace("'\n  role", "\n  role", 1),
        "schema.type",
    ),
    "customers/C0006.md": (lambda t: t.replace("kind: ", "kind: &k ", 1), "yaml.anchor"),
    "customers/C0007.md": (
        lambda t: t.replace("region: ", "region: \u200b", 1),
        "text.invisible_char",
    ),
    "customers/C0008.md": (
        lambda t: t.replace("since: '", "since: '2026-02-30'\nx_since: '", 1),
        "schema.format",
    ),
}


def test_every_hazard_in_a_copy_of_the_demo_is_found_in_one_run(tmp_path):
    records = tmp_path / "records"
    shutil.copytree(SHIPPED, records)
    expected = set()
    for relative, (change, code) in HAZARDS.items():
        path = records / relative
        text = change(path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        expected.add((code, f"records/{relative}"))
    gbk = records / "customers/C0009.md"
    gbk.write_bytes(gbk.read_text(encoding="utf-8").encode("gb18030"))
    expected.add(("file.encoding_gbk", "records/customers/C0009.md"))
    visit = next((records / "visits/2026").glob("*.md"))
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("customer: ", "customer: X", 1), encoding="utf-8"
    )
    expected.add(("ref.unknown_customer", f"records/visits/2026/{visit.name}"))

    code, payload = check_json(records)
    assert code == 1
    found = {(p["code"], p["file"]) for p in payload["problems"]}
    assert expected <= found, expected - found
    # every problem names a real line of its file
    for p in payload["problems"]:
        lines = (tmp_path / p["file"]).read_bytes().count(b"\n") + 1
        assert 1 <= p["line"] <= lines
    # the other 687 files were still read and checked: the untouched customers are not reported
    assert payload["summary"]["files"] == 712  # with the two lost-deal reports and three plans
    assert not any(p["file"] == "records/customers/C0010.md" for p in payload["problems"])


def test_demo_end_date_moves_the_data(tmp_path):
    files = generate(DemoSize(customers=5, visits=10, complaints=2), end=date(2025, 3, 1))
    assert all(not name.startswith("visits/2026") for name in files)


def test_a_large_demo_never_dates_a_complaint_step_after_its_last_day():
    """At 2,000 complaints a year some late cases arrive in the last days: they stay open
    (the 10,000-customer bench set once held three resolved in the future)."""
    import yaml

    files = generate(DemoSize(customers=30, visits=60, complaints=2000), end=date(2026, 11, 23))
    steps = ("received", "registered", "answered", "resolved", "feedback_sent")
    latest, still_open = [], 0
    for path, text in files.items():
        if path.startswith("complaints/"):
            fields = yaml.safe_load(text.split("---\n")[1])
            latest.append(max(str(fields[s])[:10] for s in steps if s in fields))
            still_open += "resolved" not in fields
    assert len(latest) == 2000 and max(latest) <= "2026-11-23"
    assert still_open > 2  # more than the two deliberately open ones
