"""The hostile-input corpus (issue 17, "How it is proved"): every case alone and all at once.

Each case is a file (or a folder entry) a careless user or an attacker could put in a
records folder. Alone, each must give a clear problem naming its file, rc 1 (2 for the
configuration files), no traceback and no hang; all at once, in one run, the same, with
the good records still checked, memory bounded and no full phone or ID number anywhere in
the output. Cases that need the file system's help (FIFO, links, a name that is not
UTF-8) are made for real.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import write_tree

VISIT_HEAD = "---\ncustomer: C0001\ndate: 2026-11-20\nmethod: phone\nstaff: [S01]\n"
PHONES = ("13812345671", "110101199003071239")  # planted; never printed in full

# name → (path in the records folder, bytes, or a callable making it; a code it must give)
CASES: dict[str, tuple[str, object, str]] = {
    "gbk": (
        "customers/C0101.md",
        "---\nid: C0101\nname: 中文公司\n---\n".encode("gbk"),
        "file.encoding_gbk",
    ),
    "nul": ("customers/C0102.md", b"---\nid: C0102\x00\n---\n", "text.control_char"),
    "empty": ("customers/C0103.md", b"", "file.no_front_matter"),
    "unclosed": ("customers/C0104.md", b"---\nid: C0104\nname: x\n", "file.unclosed_front_matter"),
    "duplicate keys": (
        "customers/C0105.md",
        b"---\nid: C0105\nid: C0105\n---\n",
        "yaml.duplicate_key",
    ),
    "alias bomb": (
        "customers/C0106.md",
        b"---\nid: C0106\na: &a [x, x]\nb: [*a, *a, *a]\n---\n",
        "yaml.anchor",
    ),
    "deep nesting": (
        "customers/C0107.md",
        b"---\nid: " + b"[" * 100_000 + b"\n---\n",
        "yaml.too_deep",
    ),
    "10 MB line": (
        "customers/C0108.md",
        b"---\nid: C0108\nname: " + b"x" * 10_000_000 + b"\n---\n",
        "file.too_large",
    ),
    "tab": ("customers/C0109.md", b"---\nid: C0109\n\tname: x\n---\n", "yaml.tab"),
    "bidi": (
        "customers/C0110.md",
        "---\nid: C0110\nname: 甲\u202e乙\n---\n".encode(),
        "text.bidi_char",
    ),
    "escaped bidi": (
        "customers/C0111.md",
        b'---\nid: C0111\nname: "\\u202E"\n---\n',
        "text.escaped_char",
    ),
    "unquoted phone": (
        "customers/C0116.md",
        f"---\nid: C0116\nname: 丁\nkind: organisation\ngrade: A\nowner: S01\n"
        f"contacts:\n  - name: 王\n    mobile: {PHONES[0]}\n---\n".encode(),
        "schema.type",
    ),
    "impossible date": (
        "visits/2026/2026-02-30-C0001-phone.md",
        b"---\ncustomer: C0001\ndate: 2026-02-30\nmethod: phone\nstaff: [S01]\n---\n",
        "schema.format",
    ),
    "full-width digits": (
        "customers/C0112.md",
        "---\nid: C0112\nname: 乙\nkind: organisation\ngrade: A\nowner: S01\n"
        "contacts:\n  - name: 王\n    mobile: １３８１２３４５６７１\n---\n".encode(),
        "schema.format",
    ),
    "no as text": (
        "customers/C0113.md",
        b"---\nid: C0113\nname: no\nkind: organisation\ngrade: A\nowner: S01\n---\n",
        "schema.type",
    ),
    "traversal id": (
        "customers/C0114.md",
        b"---\nid: ../../../../tmp/evil\nname: x\nkind: organisation\n---\n",
        "id.filename_mismatch",
    ),
    "phone in a reference": (
        "customers/C0115.md",
        f"---\nid: C0115\nname: 丙\nkind: organisation\ngrade: A\n"
        f'owner: "{PHONES[0]}"\nnote_id: {PHONES[1]}\n---\n'.encode(),
        "ref.unknown_staff",
    ),
}


def _special(records: Path) -> list[tuple[str, str]]:
    """Entries only the file system can make: (shown path, code)."""
    made = []
    fifo = records / "customers" / "C0120.md"
    os.mkfifo(fifo)
    made.append(("customers/C0120.md", "file.not_regular"))
    outside = records.parent / "outside.yaml"
    outside.write_text("id: 2026H9\ntitle: x\n", encoding="utf-8")
    (records / "surveys" / "2026H9.yaml").symlink_to(outside)
    made.append(("surveys/2026H9.yaml", "file.symlink"))
    (records / "visits" / "loop").symlink_to(records / "visits")
    made.append(("visits/loop", "file.symlink"))
    os.symlink("/dev/stdin", records / "customers" / "C0121.md")
    made.append(("customers/C0121.md", "file.symlink"))
    name = os.fsencode(records / "customers") + b"/C0122\xff.md"
    with open(name, "wb") as out:
        out.write(b"---\nid: C0122\n---\n")
    made.append(("customers/C0122\\xff.md", "id.filename_mismatch"))
    return made


def run_check(records: Path, *extra: str) -> tuple[subprocess.CompletedProcess, int]:
    """`huifang check` on `records` in a subprocess: (result, its peak memory in MB)."""
    exe = Path(sys.executable).parent / "huifang"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        [str(exe), "check", "--records", str(records), "--today", "2026-11-23", *extra],
        capture_output=True, timeout=120, stdin=subprocess.DEVNULL,
        env={**os.environ, "HUIFANG_CACHE_DIR": "off"},
    )  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return result, max(peak, before) // 1024


def assert_safe(result: subprocess.CompletedProcess) -> str:
    out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")  # always UTF-8
    assert "Traceback" not in out
    digits = "".join(c for c in unicodedata.normalize("NFKC", out) if c.isdigit())
    assert not [p for p in PHONES if p in digits]
    assert not [c for c in out if unicodedata.category(c) == "Cc" and c not in "\n"]
    return out


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_hostile_file_alone_is_named_with_its_problem(tmp_path, case):
    path, content, code = CASES[case]
    records = write_tree(tmp_path, {})
    (records / path).parent.mkdir(parents=True, exist_ok=True)
    (records / path).write_bytes(content)
    result, _ = run_check(records)
    out = assert_safe(result)
    assert result.returncode == 1, out
    assert f"records/{path}:" in out and code in out, out


def test_all_hostile_files_at_once_in_one_run(tmp_path):
    good_visit = "visits/2026/2026-11-21-C0001-phone.md"
    records = write_tree(
        tmp_path,
        {good_visit: VISIT_HEAD.replace("2026-11-20", "2026-11-21") + "staff: [S99]\n---\n"},
    )
    for path, content, _ in CASES.values():
        (records / path).parent.mkdir(parents=True, exist_ok=True)
        (records / path).write_bytes(content)
    special = _special(records)
    for fmt in ("text", "json", "github"):
        result, peak_mb = run_check(records, "--format", fmt)
        out = assert_safe(result)
        assert result.returncode == 1
        if fmt == "json":  # the same as the text shows, read back from the JSON
            problems = json.loads(out[: out.rindex("}") + 1])["problems"]
            out = "\n".join(f"{p['file']}:{p['line']}: {p['code']}" for p in problems)
        for path, _, code in CASES.values():
            assert f"records/{path}" in out and code in out, (fmt, path, code)
        for shown, code in special:
            assert f"records/{shown}" in out and code in out, (fmt, shown, code)
        # the other records were still read and checked: the good file's own problem
        assert f"records/{good_visit}" in out and "ref.unknown_staff" in out
        assert peak_mb < 1024, peak_mb
    assert not Path("/tmp/evil.md").exists()
