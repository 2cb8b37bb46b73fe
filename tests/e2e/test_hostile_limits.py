"""Hostile and extreme input: bounded problems and memory, numbers at their maxima, full and
read-only disks and edits made while `fmt` runs (issue 17, items 22-24)."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import CUSTOMER, ROOT, TODAY, check_json, huifang

from generator.problems import Source
from generator.problems.cap import MAX_PER_CODE, MAX_PER_FILE, MORE_CODE, ProblemCap
from generator.read.document import MAX_FILE_BYTES, parse_text
from generator.read.guarded_yaml import MAX_NODES, load_yaml
from generator.read.schema import default_schemas

SRC = Source("records/customers/C0001.yaml")


@pytest.fixture
def demo(tmp_path) -> Path:
    """A copy of the shipped demo records."""
    return Path(shutil.copytree(ROOT / "records", tmp_path / "records"))


# --- item 22: at most MAX_PER_CODE problems per code, MAX_PER_FILE per file ------------
def _more(problems, code):
    [more] = [p for p in problems if p.code == MORE_CODE and f" {code} " in p.message_en]
    return more


def test_a_file_of_aliases_lists_twenty_and_one_line_says_how_many_more():
    doc = load_yaml("- *a\n" * 1000, SRC)
    aliases = [p for p in doc.problems if p.code == "yaml.alias"]
    assert len(aliases) == MAX_PER_CODE and [p.source.line for p in aliases] == list(range(1, 21))
    more = _more(doc.problems, "yaml.alias")
    assert more.source.line == 21 and more.severity == "error"
    assert "还有 980 个 yaml.alias 问题没有列出" in more.message_zh
    assert "980 more yaml.alias problem(s)" in more.message_en
    assert len(doc.problems) == MAX_PER_CODE + 1


def test_each_code_has_its_own_count_and_the_file_its_total():
    lines = [f"k{n}: 1\nk{n}: 2\n" for n in range(30)]  # 30 duplicate keys
    lines += [f"t{n}: !!int 1\n" for n in range(30)]  # 30 tags
    lines += [f"a{n}: &x{n} 1\n" for n in range(30)]  # 30 anchors
    lines += [f"b{n}: *x{n}\n" for n in range(30)]  # 30 aliases
    lines += [f"c{n}: [*x{n}]\n" for n in range(30)]  # 30 more aliases
    doc = load_yaml("".join(lines), SRC)
    listed = [p for p in doc.problems if p.code != MORE_CODE]
    assert len(listed) == 4 * MAX_PER_CODE <= MAX_PER_FILE
    assert "10 more yaml.duplicate_key" in _more(doc.problems, "yaml.duplicate_key").message_en
    assert "40 more yaml.alias" in _more(doc.problems, "yaml.alias").message_en

    cap = ProblemCap(per_code=20, per_file=30)
    for problem in listed:
        cap.add(problem)
    kept = [p for p in cap.problems() if p.code != MORE_CODE]
    assert len(kept) == 30 and len(cap.problems()) == 30 + 3  # 3 codes left with more


def test_the_schema_stage_counts_past_the_bound_with_the_reader_s_problems():
    unknown = "".join(f"x{n}: 1\n" for n in range(5000))
    doc = parse_text(f"id: C0001\nid: C0002\n{unknown}", SRC, markdown=False)
    problems = default_schemas().validate("customer", doc)
    fields = [p for p in problems if p.code == "schema.unknown_field"]
    assert len(fields) == MAX_PER_CODE
    more = _more(problems, "schema.unknown_field")
    assert "4980 more schema.unknown_field" in more.message_en
    assert more.source.line == 3 + MAX_PER_CODE  # the first key not listed

    wrong = "".join("  - 1\n" for _ in range(3000))
    doc = parse_text(f"id: C0001\ncontacts:\n{wrong}", SRC, markdown=False)
    problems = default_schemas().validate("customer", doc)
    assert [p.code for p in problems].count("schema.type") == MAX_PER_CODE
    assert "2980 more schema.type" in _more(problems, "schema.type").message_en


def test_more_values_than_a_record_can_need_stop_the_reading():
    doc = load_yaml("- 1\n" * (MAX_NODES + 10), SRC)
    assert doc.data is None
    assert [p.code for p in doc.problems] == ["yaml.too_many_nodes"]
    assert doc.problems[0].source.line == MAX_NODES  # the root list is a node too
    doc = load_yaml("- *a\n" * (MAX_NODES + 10), SRC)
    assert doc.problems[-1].code == "yaml.too_many_nodes"  # always listed, past every bound
    assert load_yaml("- 1\n" * (MAX_NODES - 1), SRC).data == [1] * (MAX_NODES - 1)


def _fill(unit: str, head: str = "") -> bytes:
    """`head` then `unit` repeated up to the size limit."""
    count = (MAX_FILE_BYTES - len(head.encode())) // len(unit.encode())
    return (head + unit * count).encode()


def _unknown_fields() -> bytes:
    lines, size, n = ["id: C1000\n"], 10, 0
    while size + len(f"x{n}: 1\n") <= MAX_FILE_BYTES:
        lines.append(f"x{n}: 1\n")
        size += len(lines[-1])
        n += 1
    return "".join(lines).encode()


HOSTILE = {
    "aliases": lambda: _fill("- *a\n"),
    "duplicate_keys": lambda: _fill("a: 1\n"),
    "unknown_fields": _unknown_fields,
    "wrong_items": lambda: _fill("- 1\n", "id: C1000\ncontacts:\n"),
    "wrong_items_under_node_limit": lambda: (
        "id: C1000\ncontacts:\n" + "- 1\n" * (MAX_NODES - 10)
    ).encode(),
    "unknown_fields_under_node_limit": lambda: (
        "id: C1000\n" + "".join(f"x{n}: 1\n" for n in range(MAX_NODES // 2 - 10))
    ).encode(),
    "anchors": lambda: _fill("- &a 1\n"),
    "control_characters": lambda: _fill("a: \x01\x01\x01\x01\x01\x01\x01\x01\t\n"),
}

TOO_MANY_NODES = {"unknown_fields", "wrong_items"}

_MEASURE = """
import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    rc = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.DEVNULL).returncode
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _measured(tmp_path: Path, records: Path, *args: str) -> tuple[int, int, int]:
    """(exit code, output bytes, peak RSS in bytes) of `huifang check` in a fresh process."""
    exe = Path(sys.executable).parent / "huifang"
    out = tmp_path / "out.txt"
    command = [str(exe), "check", "--records", str(records), "--today", TODAY.isoformat(), *args]
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(out), *command],
        capture_output=True,
        text=True,
        timeout=300,
    )
    rc, peak_kib = map(int, result.stdout.split())
    return rc, out.stat().st_size, peak_kib * 1024


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_four_hostile_files_at_the_size_limit_stay_small_in_memory_and_output(tree, tmp_path, kind):
    content = HOSTILE[kind]()
    assert len(content) <= MAX_FILE_BYTES
    records = tree({f"customers/C100{n}.yaml": content for n in range(4)})
    for args in ((), ("--format", "json")):
        rc, size, peak = _measured(tmp_path, records, *args)
        assert rc == 1
        assert size < 200_000, (kind, args, size)
        assert peak < 1 << 30, (kind, args, peak)  # under 1 GB (it was 2.85 GB for aliases)
    report = json.loads((tmp_path / "out.txt").read_text(encoding="utf-8"))
    problems = [p for p in report["problems"] if p["file"].startswith("records/customers/C100")]
    per_file: dict[str, int] = {}
    for problem in problems:
        per_file[problem["file"]] = per_file.get(problem["file"], 0) + 1
    assert len(per_file) == 4 and max(per_file.values()) <= MAX_PER_FILE + 30
    codes = {p["code"] for p in problems}
    if kind in TOO_MANY_NODES:  # past the node limit: the file is not read, one problem says why
        assert codes == {"yaml.too_many_nodes"}
    elif kind != "control_characters":  # (the character scan stops at 20 a file)
        assert MORE_CODE in codes


# --- item 23: every number has a maximum, and the maxima run without a traceback -------
SCHEMA_DIR = ROOT / "schema"


def _numbers(node: object, path: str = ""):
    """(where, node) of every integer or number in a schema document."""
    if isinstance(node, dict):
        kinds = node.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if {"integer", "number"} & set(kinds):
            yield path, node
        for key, child in node.items():
            yield from _numbers(child, f"{path}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _numbers(child, f"{path}/{index}")


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMA_DIR.glob("*.json")))
def test_every_number_in_the_schemas_has_a_maximum_and_its_default_is_within(name):
    document = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    for where, node in _numbers(document):
        assert "maximum" in node or "const" in node, f"{name}{where} has no maximum"
        assert "minimum" in node or "const" in node, f"{name}{where} has no minimum"
        if "default" in node and "maximum" in node:
            assert node["minimum"] <= node["default"] <= node["maximum"], f"{name}{where}"


def _at_maxima(value: object, path: tuple, kind: str) -> object:
    """`value` with every number set to the maximum its schema allows."""
    if isinstance(value, dict):
        return {k: _at_maxima(v, (*path, k), kind) for k, v in value.items()}
    if isinstance(value, list):
        return [_at_maxima(v, (*path, i), kind) for i, v in enumerate(value)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        node = default_schemas().field(kind, path).node
        return node.get("maximum", node.get("const", value))
    return value


def _policy_at_maxima(records: Path) -> dict:
    policy = yaml.safe_load((records / "policy.yaml").read_text(encoding="utf-8"))
    # the numbers the demo policy leaves out, so that every one of them is at its maximum
    policy["cadence"].append(
        {"name": "rolling", "label": "滚动", "applies": {"grade": ["A1"]}, "methods": "any"}
        | {"every_days": 1, "min": 1, "months": [1]}
    )
    policy["events"][0]["min"] = 1
    policy["events"].append(dict(policy["events"][0], name="sampled", sample={"share": 1}))
    monthly = {k: v for k, v in policy["inactivity"][0].items() if k not in ("days", "within_days")}
    policy["inactivity"].append(monthly | {"name": "by_months", "months": 1, "within_months": 1})
    policy["complaints"]["answer_hours_by_channel"] = {"phone": 1, "wechat": 1}
    policy.setdefault("visits", {})["file_within"] = {"limit": "working_days", "count": 1}
    policy.setdefault("plans", {})["approve_within_days"] = 1
    return _at_maxima(policy, (), "policy")


def _schema_path(where: str) -> tuple:
    """/properties/cadence/items/properties/min -> ("cadence", 0, "min"); "*" for any key."""
    parts, tokens = [], iter(where.split("/")[1:])
    for token in tokens:
        if token == "properties":
            parts.append(next(tokens))
        elif token == "items":
            parts.append(0)
        elif token == "additionalProperties":
            parts.append("*")
    return tuple(parts)


def _matches(pattern: tuple, path: tuple) -> bool:
    return len(pattern) == len(path) and all(
        p in ("*", q) for p, q in zip(pattern, path, strict=True)
    )


def _numbers_in(value: object, path: tuple = ()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _numbers_in(v, (*path, k))
    elif isinstance(value, list):
        for v in value:
            yield from _numbers_in(v, (*path, 0))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path


def test_a_policy_and_records_at_every_maximum_run_due_complaints_and_build(demo, tmp_path):
    records = demo
    policy = _policy_at_maxima(records)
    used = set(_numbers_in(policy))
    for where, _ in _numbers(json.loads((SCHEMA_DIR / "policy.json").read_text("utf-8"))):
        pattern = _schema_path(where)
        assert pattern == ("version",) or any(_matches(pattern, u) for u in used), where
    (records / "policy.yaml").write_text(yaml.safe_dump(policy, allow_unicode=True), "utf-8")
    for path in (records / "customers").glob("*.md"):  # credit terms at their maximum
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"term_days: \d+", "term_days: 3650", text)
        path.write_text(re.sub(r"limit: [\d.]+", "limit: 1000000000000", text), "utf-8")
    customer = records / "customers" / "C0001.md"  # the last dates the schema allows
    text = re.sub(r"last_order: '[\d-]+'", "last_order: '2199-12-31'", customer.read_text("utf-8"))
    customer.write_text(re.sub(r"contract: '[\d-]+'", "contract: '2199-12-31'", text), "utf-8")
    for path in (records / "surveys").glob("*.yaml"):
        text = re.sub(r"(?m)^(distributed|returned): \d+", r"\1: 10000000", path.read_text("utf-8"))
        path.write_text(text, "utf-8")
    rc, report = check_json(records, "--no-history")
    assert rc in (0, 1) and not [p for p in report["problems"] if p["severity"] == "error"]
    for args in (
        ("due",),
        ("due", "--format", "ics"),
        ("complaints",),
        ("build", "--out", str(tmp_path / "site")),
    ):
        result = huifang(*args, "--records", str(records), "--today", TODAY.isoformat())
        assert result.returncode in (0, 1), (args, result.stderr[-2000:])
        assert "Traceback" not in result.stderr, (args, result.stderr[-2000:])


def test_numbers_past_their_maximum_are_errors_before_any_date_is_computed(demo):
    text = (demo / "policy.yaml").read_text(encoding="utf-8")
    text = text.replace("within_days: 10", "within_days: 100000000000", 1)
    (demo / "policy.yaml").write_text(text, encoding="utf-8")
    for command in ("check", "due", "complaints"):
        result = huifang(command, "--records", str(demo), "--today", TODAY.isoformat())
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    rc, report = check_json(demo, "--no-history")
    assert rc == 2
    [problem] = [p for p in report["problems"] if p["file"] == "records/policy.yaml"]
    assert problem["code"] == "schema.invalid" and problem["field"] == "events[0].within_days"
    assert (
        "不能大于 3650" in problem["message"]["zh"] and "at most 3650" in problem["message"]["en"]
    )


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "2200-01-01"])
def test_a_date_outside_the_years_1900_to_2199_is_an_error_that_says_so(tree, day):
    records = tree(
        {"customers/C0001.md": CUSTOMER.replace("grade: A", f"grade: A\nlast_order: {day}")}
    )
    rc, report = check_json(records, "--no-history")
    assert rc == 1
    [problem] = [p for p in report["problems"] if p["field"] == "last_order"]
    assert problem["code"] == "schema.format"
    assert "年份应在 1900 到 2199 之间" in problem["message"]["zh"]
    assert "The year must be 1900 to 2199" in problem["message"]["en"]


# --- item 24: full, read-only and unwritable disks: a clear error, nothing half written --
NEW_VISIT = ("new", "visit", "--customer", "C0001", "--staff", "S01", "--set", "method=phone")


@pytest.fixture
def small_disk(tmp_path):
    """A 256 KiB tmpfs (mounting needs root: skipped otherwise), unmounted afterwards."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _snapshot(records: Path) -> dict[str, bytes]:
    return {
        p.relative_to(records).as_posix(): p.read_bytes() for p in records.rglob("*") if p.is_file()
    }


def _records_on(disk: Path) -> Path:
    from conftest import write_tree

    untidy = CUSTOMER.replace("grade: A", "grade:    A")  # something for fmt to rewrite
    return write_tree(disk, {"customers/C0001.md": untidy})


def _fill_disk(disk: Path) -> None:
    descriptor = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(descriptor, b"\0" * 4096)
    except OSError as err:
        assert err.errno == errno.ENOSPC
    finally:
        os.close(descriptor)


def _assert_nothing_written(records: Path, before: dict[str, bytes], results, zh: str, en: str):
    for result in results:
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and zh in result.stderr and en in result.stderr
    assert _snapshot(records) == before  # no new, empty, half-written or temporary file


def _new_and_fmt(records: Path, prefix: tuple[str, ...] = ()) -> list:
    exe = str(Path(sys.executable).parent / "huifang")
    run = lambda *args: subprocess.run(  # noqa: E731
        [*prefix, exe, *args, "--records", str(records)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    return [run(*NEW_VISIT), run("fmt")]


def test_new_and_fmt_on_a_full_disk_say_so_and_leave_no_empty_or_partial_file(small_disk):
    records = _records_on(small_disk)
    _fill_disk(small_disk)
    before = _snapshot(records)
    results = _new_and_fmt(records)
    _assert_nothing_written(records, before, results, "磁盘已满", "the disk is full")
    assert "没有创建文件" in results[0].stderr and "No file was created" in results[0].stderr
    assert "records/customers/C0001.md:1:1: error fmt.write_failed" in results[1].stderr


def test_new_and_fmt_on_a_read_only_disk_say_so(small_disk):
    records = _records_on(small_disk)
    before = _snapshot(records)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    results = _new_and_fmt(records)
    _assert_nothing_written(records, before, results, "文件系统是只读的", "read-only")


def test_new_and_fmt_without_permission_to_write_say_so(tree):
    if os.geteuid() == 0 and not shutil.which("setpriv"):
        pytest.skip("as root a write is refused only without CAP_DAC_OVERRIDE: needs setpriv")
    records = tree({"customers/C0001.md": CUSTOMER.replace("grade: A", "grade:    A")})
    (records / "visits" / "2026" / "2026-11-20-C0001-phone.md").unlink()
    before = _snapshot(records)
    folders = [records, *(p for p in records.rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    caps = "-dac_override,-dac_read_search"
    prefix = (
        ("setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}") if os.geteuid() == 0 else ()
    )
    try:
        results = _new_and_fmt(records, prefix)
    finally:
        for folder in folders:
            folder.chmod(0o755)
    _assert_nothing_written(records, before, results, "没有写入这个文件夹的权限", "no permission")


def test_create_new_never_replaces_a_file_and_leaves_no_temporary_file(tmp_path):
    from generator.authoring.safewrite import create_new

    target = tmp_path / "visits" / "2026" / "a.md"
    create_new(target, "一\n")
    with pytest.raises(FileExistsError):
        create_new(target, "二\n")
    assert target.read_text(encoding="utf-8") == "一\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]
