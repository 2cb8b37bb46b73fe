"""`huifang new` in-process: the file it writes, and the usage errors that write nothing."""

from __future__ import annotations

from clirun import huifang_in


def new(records, *args: str, input: str | None = None):
    return huifang_in("new", *args, "--records", str(records), input=input)


def test_a_visit_is_named_after_date_customer_and_method(tree):
    records = tree()
    result = new(records, "visit", "--customer", "C0001", "--date", "2026-11-22",
                 "--staff", "S01", "--set", "method=onsite", "--no-interactive")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = records / "visits/2026/2026-11-22-C0001-onsite.md"
    assert f"已创建 / created {path}" in result.stdout
    text = path.read_text(encoding="utf-8")
    assert "customer: C0001" in text and "method: onsite" in text


def test_a_taken_name_gets_a_suffix_and_nothing_is_overwritten(tree):
    records = tree()
    taken = records / "visits/2026/2026-11-20-C0001-phone.md"
    before = taken.read_bytes()
    result = new(records, "visit", "--customer", "C0001", "--date", "2026-11-20", "-I")
    assert result.exit_code == 0, result.stderr
    assert (records / "visits/2026/2026-11-20-C0001-phone-2.md").exists()
    assert taken.read_bytes() == before


def test_missing_required_values_are_listed_and_nothing_is_written(tree):
    records = tree()
    result = new(records, "complaint", "--customer", "C0001", "-I")
    assert result.exit_code == 2
    assert "--set channel=" in result.stderr and "--set category=" in result.stderr
    assert sorted(p.name for p in (records / "complaints/2026").iterdir()) == ["K2026-0001.md"]


def test_bad_set_options_are_usage_errors(tree):
    records = tree()
    unknown = new(records, "visit", "--customer", "C0001", "--set", "nope=1", "-I")
    assert unknown.exit_code == 2 and "nope" in unknown.stderr
    shape = new(records, "visit", "--customer", "C0001", "--set", "method", "-I")
    assert shape.exit_code == 2 and "FIELD=VALUE" in shape.stderr


def test_interactive_asks_for_what_is_missing(tree):
    records = tree()
    answers = "C0001\nphone\nroutine\n\n\n"  # customer, method, kind, then Enter skips the rest
    result = new(records, "visit", "--date", "2026-11-22", "-i", input=answers)
    assert result.exit_code == 0, result.stderr
    assert (records / "visits/2026/2026-11-22-C0001-phone.md").exists()


def test_an_unknown_kind_is_a_usage_error(tree):
    assert new(tree(), "supplier").exit_code == 2
