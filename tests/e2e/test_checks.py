"""Schema and cross-record checks, through the real `huifang check` command."""

from __future__ import annotations

import re

import pytest
from conftest import CUSTOMER, VISIT, check_json, codes_at, huifang

C1 = "records/customers/C0001.md"
V1 = "records/visits/2026/2026-11-20-C0001-phone.md"
K1 = "records/complaints/2026/K2026-0001.md"


def test_the_small_tree_is_clean(tree):
    code, payload = check_json(tree())
    assert code == 0, payload["problems"]
    assert payload["version"] == 1
    assert payload["summary"] == {"files": 6, "errors": 0, "warnings": 0}


@pytest.mark.parametrize(
    ("line_text", "expected_code", "hint"),
    [
        ("    mobile: 13912345678", "schema.type", "加引号"),
        ('    mobile: "139123"', "schema.format", "电话号码"),
        ('    mobile: "１３９１２３４５６７８"', "schema.format", "全角"),
        ("    title: no", "schema.type", '"no"'),
        ("    birthday: 2026-02-30", "schema.format", "生日"),
        ("    relation: friendly", "schema.enum", "positive（积极）"),
        ("    nmae: 张三", "schema.unknown_field", "是不是 name"),
    ],
)
def test_field_hazards_are_found_at_their_line(tree, line_text, expected_code, hint):
    customer = CUSTOMER.replace("    our_contact: S01", f"    our_contact: S01\n{line_text}")
    if "mobile" in line_text:
        customer = customer.replace('    mobile: "13912345678"\n', "")
    line = customer.splitlines().index(line_text) + 1
    code, payload = check_json(tree({"customers/C0001.md": customer}))
    assert code == 1
    [problem] = [p for p in payload["problems"] if p["code"] == expected_code]
    assert (problem["file"], problem["line"]) == (C1, line)
    assert hint in problem["message"]["zh"]


def test_invalid_calendar_date_in_visit(tree):
    code, payload = check_json(
        tree({"visits/2026/2026-11-20-C0001-phone.md": VISIT.replace("2026-11-20", "2026-02-30")})
    )
    assert code == 1
    assert ("schema.format", V1, 3) in codes_at(payload)
    [problem] = [p for p in payload["problems"] if p["code"] == "schema.format"]
    assert "不存在" in problem["message"]["zh"]


def test_missing_required_field_points_at_the_record(tree):
    code, payload = check_json(tree({"customers/C0001.md": CUSTOMER.replace("owner: S01\n", "")}))
    assert code == 1
    assert ("schema.required", C1, 2) in codes_at(payload)


def test_phone_numbers_never_appear_in_full_in_any_output(tree):
    records = tree(
        {"customers/C0001.md": CUSTOMER.replace('mobile: "13912345678"', "mobile: 13912345678")}
    )
    for fmt in ("text", "json", "github"):
        result = huifang(
            "check", "--records", str(records), "--today", "2026-11-23", "--format", fmt
        )
        assert result.returncode == 1
        assert "13912345678" not in result.stdout + result.stderr
        assert "139****5678" in result.stdout


def test_references_roles_and_inactive_owner(tree):
    customer = CUSTOMER.replace("owner: S01", "owner: S04\nchief: S01").replace(
        "our_contact: S01", "our_contact: S99"
    )
    visit = VISIT.replace(
        "staff: [S01]", "staff: [S01, S77]\nreviewed_by: S01\ncomplaint: K2026-0999"
    )
    code, payload = check_json(
        tree({"customers/C0001.md": customer, "visits/2026/2026-11-20-C0001-phone.md": visit})
    )
    found = {(p["code"], p["file"], p["field"]) for p in payload["problems"]}
    assert found >= {
        ("ref.inactive_staff", C1, "owner"),
        ("ref.wrong_role", C1, "chief"),
        ("ref.unknown_staff", C1, "contacts[0].our_contact"),
        ("ref.unknown_staff", V1, "staff[1]"),
        ("ref.wrong_role", V1, "reviewed_by"),
        ("ref.unknown_complaint", V1, "complaint"),
    }
    assert code == 1


def test_reference_to_an_unreadable_record_is_not_reported_as_unknown(tree):
    """A customer file with a syntax error exists: its visits must not cascade into errors."""
    code, payload = check_json(tree({"customers/C0001.md": "---\nid: C0001\nname: [broken\n---\n"}))
    assert code == 1
    assert {p["code"] for p in payload["problems"]} == {"yaml.syntax"}


def test_unknown_customer_and_grade(tree):
    visit = VISIT.replace("customer: C0001", "customer: C0404")
    code, payload = check_json(
        tree(
            {
                "visits/2026/2026-11-20-C0404-phone.md": visit,
                "visits/2026/2026-11-20-C0001-phone.md": None,
                "customers/C0001.md": CUSTOMER.replace("grade: A", "grade: Z"),
            }
        )
    )
    assert code == 1
    found = {p["code"] for p in payload["problems"]}
    assert {"ref.unknown_customer", "customer.unknown_grade"} <= found


def test_duplicate_ids_and_file_name_mismatch(tree):
    code, payload = check_json(tree({"customers/C0002.md": CUSTOMER}))
    assert code == 1
    found = {(p["code"], p["file"]) for p in payload["problems"]}
    assert ("id.duplicate", "records/customers/C0002.md") in found
    assert ("id.filename_mismatch", "records/customers/C0002.md") in found


def test_visit_in_wrong_year_folder_and_misnamed(tree):
    code, payload = check_json(
        tree({"visits/2026/2026-11-20-C0001-phone.md": None, "visits/2025/call.md": VISIT})
    )
    found = {p["code"] for p in payload["problems"]}
    assert {"path.year_mismatch", "visit.filename_mismatch"} <= found
    assert code == 0  # both are warnings


def test_complaint_dates_out_of_order_name_both_fields(tree):
    from conftest import COMPLAINT

    complaint = COMPLAINT.replace("answered: 2026-11-02 15:00", "answered: 2026-11-01 15:00")
    code, payload = check_json(tree({"complaints/2026/K2026-0001.md": complaint}))
    assert code == 1
    [problem] = [p for p in payload["problems"] if p["code"] == "dates.out_of_order"]
    assert (problem["file"], problem["line"], problem["field"]) == (K1, 8, "answered")
    assert "registered" in problem["message"]["zh"]


def test_visit_after_today_is_an_error(tree):
    code, payload = check_json(
        tree({"visits/2026/2026-11-20-C0001-phone.md": VISIT.replace("2026-11-20", "2026-11-25")})
    )
    assert ("dates.in_future", V1, 3) in codes_at(payload)
    assert code == 1


def test_survey_tallies(tree):
    from conftest import SURVEY

    survey = SURVEY.replace("returned: 90", "returned: 120").replace(
        "满意: 70, 不满意: 20", "满意: 70, 不满意: 20, 一般: 40"
    )
    code, payload = check_json(tree({"surveys/2026H1.yaml": survey}))
    assert code == 1
    found = {p["code"] for p in payload["problems"]}
    assert {
        "survey.returned_exceeds_distributed",
        "survey.unknown_level",
        "survey.counts_exceed_returned",
    } <= found


@pytest.mark.parametrize(
    ("severity", "exit_code", "count"), [("error", 1, 1), ("warning", 0, 1), ("off", 0, 0)]
)
def test_completeness_severity_comes_from_the_policy(tree, severity, exit_code, count):
    from conftest import POLICY

    policy = POLICY + f"completeness:\n  visit_record: {{severity: {severity}}}\n"
    visit = VISIT.replace("电话回访，客户满意。\n", "")
    code, payload = check_json(
        tree({"policy.yaml": policy, "visits/2026/2026-11-20-C0001-phone.md": visit})
    )
    matching = [p for p in payload["problems"] if p["code"] == "visit.no_record"]
    assert code == exit_code and len(matching) == count
    assert all(p["severity"] == severity for p in matching)


def test_completeness_parameters_come_from_the_policy(tree):
    from conftest import POLICY

    customer = CUSTOMER.replace(
        "area: 一区", "area: 一区\nevents: {contract: 2026-11-10}\ndocuments: [{name: 营业执照}]"
    )
    policy = (
        POLICY + "completeness:\n  customer_documents: {required: [营业执照, 购销合同], days: 5}\n"
    )
    code, payload = check_json(tree({"policy.yaml": policy, "customers/C0001.md": customer}))
    assert code == 0
    [problem] = [p for p in payload["problems"] if p["code"] == "customer.documents_incomplete"]
    assert "购销合同" in problem["message"]["zh"] and "营业执照" not in problem["message"]["zh"]
    assert (
        problem["severity"] == "warning"
    )  # the default from the schema, kept beneath the team's values


def test_strict_makes_warnings_fail(tree):
    records = tree(
        {"visits/2026/2026-11-20-C0001-phone.md": VISIT.replace("电话回访，客户满意。\n", "")}
    )
    assert check_json(records)[0] == 0
    assert check_json(records, "--strict")[0] == 1


def test_policy_error_is_a_configuration_error(tree):
    from conftest import POLICY

    code, payload = check_json(tree({"policy.yaml": POLICY + "cadence: [{name: Bad Name}]\n"}))
    assert code == 2
    assert all(p["file"] == "records/policy.yaml" for p in payload["problems"])


@pytest.mark.parametrize(
    ("team", "reported"), [(None, "file.missing"), ("staff: [oops\n", "yaml.syntax")]
)
def test_missing_or_broken_team_file_is_a_configuration_error_without_cascade(tree, team, reported):
    """Without a readable team.yaml, staff references cannot be judged: no ref.unknown_staff flood."""
    code, payload = check_json(tree({"team.yaml": team}))
    assert code == 2
    assert {p["code"] for p in payload["problems"]} == {reported}


def test_one_bad_file_never_hides_the_others(tree):
    """A syntax error, a GBK file and a schema error, each in its own file, all in one run."""
    records = tree(
        {
            "customers/C0002.md": "---\nid: C0002\nname: [oops\n---\n",
            "customers/C0003.md": "---\nid: C0003\nname: 张三\ngrade: A\nowner: S01\n---\n".encode(
                "gbk"
            ),
            "visits/2026/2026-11-21-C0001-phone.md": VISIT.replace("method: phone", "method: fax"),
        }
    )
    code, payload = check_json(records)
    files = {(p["code"], p["file"]) for p in payload["problems"]}
    assert {
        ("yaml.syntax", "records/customers/C0002.md"),
        ("file.encoding_gbk", "records/customers/C0003.md"),
        ("schema.enum", "records/visits/2026/2026-11-21-C0001-phone.md"),
    } <= files
    assert code == 1
    lines = [(p["file"], p["line"], p["column"]) for p in payload["problems"]]
    assert lines == sorted(lines)


def test_text_output_is_file_line_col(tree):
    records = tree(
        {"visits/2026/2026-11-20-C0001-phone.md": VISIT.replace("method: phone", "method: fax")}
    )
    result = huifang("check", "--records", str(records), "--today", "2026-11-23")
    assert result.returncode == 1
    assert re.search(rf"^{re.escape(V1)}:4:1: error schema.enum: ", result.stdout, re.M)
    assert "1 个错误" in result.stdout and "1 error(s)" in result.stdout


@pytest.mark.parametrize(
    ("body", "written"),
    [("", False), ("\n  \n", False), ("## 沟通记录\n\n### 下一步\n", False),
     ("电话回访。\n", True), ("  客户满意\n", True), ("## 沟通记录\n\n客户满意。\n", True)],
)  # fmt: skip
def test_a_visit_record_is_written_when_a_line_is_more_than_a_heading(body, written):
    from generator.validate.completeness import has_text

    assert has_text(body) is written
