"""`huifang due` in-process: masked by default, --profile full, filters, formats, errors."""

from __future__ import annotations

import json

from clirun import FILES, TODAY, huifang_in


def due(records, *args: str):
    return huifang_in("due", "--records", str(records), *TODAY, *args)


def test_the_default_profile_is_masked_and_full_must_be_asked_for(tree):
    records = tree(FILES)
    masked, full = due(records), due(records, "--profile", "full")
    assert masked.exit_code == full.exit_code == 0
    assert "李**" in masked.stdout and "李小明" not in masked.stdout
    assert "李小明" in full.stdout
    assert due(records, "--profile", "masked").stdout == masked.stdout


def test_json_is_versioned_and_staff_filters(tree):
    records = tree(FILES)
    payload = json.loads(due(records, "--format", "json").stdout)
    assert payload["version"] == 1 and payload["as_of"] == "2026-11-23"
    assert payload["items"]
    assert "李小明" not in json.dumps(payload, ensure_ascii=False)
    none = json.loads(due(records, "--format", "json", "--staff", "S02").stdout)
    assert none["items"] == []


def test_within_keeps_overdue_and_drops_later_items(tree):
    records = tree(FILES)
    states = {i["state"] for i in json.loads(due(records, "--format", "json").stdout)["items"]}
    near = json.loads(due(records, "--format", "json", "--within", "0").stdout)["items"]
    assert "due_soon" in states  # C0002's November contact, due on the 30th
    assert {i["state"] for i in near} == {"overdue"}


def test_unknown_staff_and_bad_within_are_usage_errors(tree):
    records = tree(FILES)
    unknown = due(records, "--staff", "S99")
    assert unknown.exit_code == 2 and "S99" in unknown.stderr
    assert due(records, "--within", "-1").exit_code == 2


def test_ics_and_csv(tree):
    records = tree(FILES)
    ics = due(records, "--format", "ics")
    assert ics.exit_code == 0 and ics.stdout.startswith("BEGIN:VCALENDAR")
    assert "李小明" not in ics.stdout
    csv = due(records, "--format", "csv")
    assert csv.exit_code == 0 and csv.stdout.startswith("\ufeff")


def test_a_broken_policy_is_exit_2(tree):
    result = due(tree({"policy.yaml": "grades: 不是列表\n"}))
    assert result.exit_code == 2 and "policy.yaml" in result.stderr


def test_a_number_in_a_visit_file_name_is_masked_wherever_the_file_is_named(tree):
    # a visit's id is its file name; the naming rule lets a suffix through, so a phone number
    # typed into one reaches the evidence and file columns unless present masks them
    name = "2026-11-20-C0002-phone-13900000070"
    visit = (
        "---\ncustomer: C0002\ndate: 2026-11-20\nmethod: phone\nstaff: [S01]\noutcome: 好\n---\n"
    )
    records = tree({**FILES, f"visits/2026/{name}.md": visit})
    for output in ("json", "csv", "ics", "text"):
        masked = due(records, "--all", "--format", output)
        assert masked.exit_code == 0, masked.output
        assert "13900000070" not in masked.stdout, output
    payload = json.loads(due(records, "--all", "--format", "json").stdout)
    [done] = [i for i in payload["items"] if i["customer"] == "C0002" and i["evidence"]]
    assert done["evidence"] == ["2026-11-20-C0002-phone-139****0070"]
    full = due(records, "--all", "--format", "json", "--profile", "full").stdout
    assert name in full
