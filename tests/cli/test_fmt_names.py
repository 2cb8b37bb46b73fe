"""`huifang fmt` renames a record file whose name differs from the checker's only in case
(what the browser editor writes: Decap lowercases new file names), and nothing else."""

from __future__ import annotations

import json

from clirun import huifang_in
from conftest import customer_file

from generator.authoring.names import wanted_stem

# What Decap CMS 3.16 wrote for C0001's visit (tests/e2e/test_cms.py measured it): a
# lowercase name, an unquoted date, the list indented by two.
DECAP = (
    "---\ncustomer: C0001\ndate: 2026-11-23\nmethod: onsite\nkind: routine\nstaff:\n  - S01\n"
    "outcome: 客户确认了整改方案\n---\n"
)
LOWER = "visits/2026/2026-11-23-c0001-onsite.md"
RIGHT = "visits/2026/2026-11-23-C0001-onsite.md"


def fmt(records, *args: str):
    return huifang_in("fmt", *args, "--records", str(records))


def problems(records) -> list[tuple[str, str]]:
    done = huifang_in("check", "--records", str(records), "--today", "2026-11-23",
                      "--format", "json")  # fmt: skip
    return [(p["code"], p["file"]) for p in json.loads(done.stdout)["problems"]]


def test_the_editor_s_visit_is_renamed_and_formatted(tree):
    records = tree({LOWER: DECAP})
    assert ("visit.filename_mismatch", f"records/{LOWER}") in problems(records)
    checked = fmt(records, "--check")
    assert checked.exit_code == 1
    assert f"需要改名 / would rename records/{LOWER} → records/{RIGHT}" in checked.stdout
    assert f"需要整理 / would reformat records/{LOWER}" in checked.stdout
    assert (records / LOWER).read_text(encoding="utf-8") == DECAP  # --check changes nothing
    done = fmt(records)
    assert done.exit_code == 0, done.output
    assert f"已改名 / renamed records/{LOWER} → records/{RIGHT}" in done.stdout
    assert not (records / LOWER).exists()
    text = (records / RIGHT).read_text(encoding="utf-8")
    assert text.startswith("---\ncustomer: C0001\ndate: '2026-11-23'\nmethod: onsite\n")
    assert "staff:\n- S01\n" in text
    assert fmt(records, "--check").exit_code == 0  # nothing left to do
    assert not [p for p in problems(records) if p[1].endswith(("c0001-onsite.md", "C0001-onsite.md"))
                and p[0] == "visit.filename_mismatch"]  # fmt: skip


def test_a_customer_named_in_lowercase_is_renamed_and_passes_the_check(tree):
    records = tree({"customers/c0061.md": customer_file("C0061")})
    assert ("id.filename_mismatch", "records/customers/c0061.md") in problems(records)
    done = fmt(records, str(records / "customers"))
    assert done.exit_code == 0, done.output
    assert (records / "customers" / "C0061.md").is_file()
    assert not (records / "customers" / "c0061.md").exists()
    assert not [p for p in problems(records) if p[0] == "id.filename_mismatch"]


def test_a_visit_whose_name_is_taken_gets_the_next_suffix(tree):
    records = tree({RIGHT: DECAP.replace("onsite\nkind", "onsite\ntime: '09:00'\nkind"),
                    LOWER: DECAP})  # fmt: skip
    assert fmt(records).exit_code == 0
    assert "time: 09:00" in (records / RIGHT).read_text(encoding="utf-8")  # never replaced
    second = (records / "visits/2026/2026-11-23-C0001-onsite-2.md").read_text(encoding="utf-8")
    assert "time:" not in second and "outcome: 客户确认了整改方案" in second
    assert not (records / LOWER).exists()


def test_a_customer_whose_name_is_taken_is_left_with_the_reason(tree):
    records = tree({"customers/c0001.md": customer_file("C0001", name="另一家公司")})
    done = fmt(records)
    assert done.exit_code == 1
    assert "fmt.not_renamed" in done.stderr and "C0001.md 已经存在" in done.stderr
    assert "另一家公司" in (records / "customers" / "c0001.md").read_text(encoding="utf-8")
    assert "另一家公司" not in (records / "customers" / "C0001.md").read_text(encoding="utf-8")


def test_a_visit_another_one_names_keeps_its_name(tree):
    checker = "visits/2026/2026-11-24-C0001-phone.md"
    text = DECAP.replace("2026-11-23", "2026-11-24").replace("onsite", "phone")
    records = tree({LOWER: DECAP, checker: text.replace("kind: routine",
                    "kind: check\nchecks: 2026-11-23-c0001-onsite")})  # fmt: skip
    done = fmt(records)
    assert done.exit_code == 1
    assert "fmt.not_renamed" in done.stderr and f"records/{checker}" in done.stderr
    assert (records / LOWER).is_file() and not (records / RIGHT).exists()


def test_only_a_difference_in_case_is_fixed():
    visit = {"customer": "C0001", "date": "2026-11-23", "method": "phone"}
    assert wanted_stem("visit", visit, "2026-11-23-c0001-phone") == "2026-11-23-C0001-phone"
    assert wanted_stem("visit", visit, "2026-11-23-c0001-phone-2") == "2026-11-23-C0001-phone-2"
    assert wanted_stem("visit", visit, "2026-11-23-C0001-phone") is None  # right already
    assert wanted_stem("visit", visit, "2026-11-22-c0001-phone") is None  # another day
    assert wanted_stem("visit", visit, "2026-11-23-c0002-phone") is None  # another customer
    assert wanted_stem("customer", {"id": "C0061"}, "c0061") == "C0061"
    assert wanted_stem("complaint", {"id": "K2026-0012"}, "k2026-0012") == "K2026-0012"
    assert wanted_stem("customer", {"id": "C0061"}, "C0062") is None
    assert wanted_stem("team", {"id": "x"}, "X") is None and wanted_stem("visit", None, "x") is None
