"""Golden files for the exact wording of problem reports (UPDATE_GOLDEN=1 to accept changes)."""

from __future__ import annotations

from conftest import CUSTOMER, VISIT, assert_golden, huifang

HAZARD_FILES = {
    "customers/C0001.md": CUSTOMER.replace('mobile: "13912345678"', "mobile: 13912345678").replace(
        "kind: organisation", "kind: company\nkind: organisation"
    ),
    "customers/C0002.md": "---\nid: C0002\nname: 李\t四\ngrade: B\nowner: S01\n---\n",
    "customers/C0003.md": "---\nid: C0003\nname: &n 王五\nalias: *n\ngrade: B\nowner: S01\n---\n",
    "visits/2026/2026-11-20-C0001-phone.md": VISIT.replace(
        "date: 2026-11-20", "date: ２０２６-１１-２０"
    ).replace("staff: [S01]", "staff: [S01]\nreferral: 是\nsource: no"),
}


def test_text_report(tree):
    records = tree(HAZARD_FILES)
    result = huifang("check", "--records", str(records), "--today", "2026-11-23")
    assert result.returncode == 1
    assert_golden("check.txt", result.stdout)


def test_json_report(tree):
    records = tree(HAZARD_FILES)
    result = huifang(
        "check", "--records", str(records), "--today", "2026-11-23", "--format", "json"
    )
    assert result.returncode == 1
    assert_golden("check.json", result.stdout)
