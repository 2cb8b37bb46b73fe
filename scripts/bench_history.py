"""`make bench` (second part): reading Git history on a generated repository.

A demo set of about 5,000 records is committed as 2,000 commits by the demo's staff
(git fast-import, one hour apart): the first adds the team, the policy and the
customers, then records arrive a few per commit, and every third commit also edits a
record (a supervisor's sign-off on a visit, a note in a customer's body). Measured:
the full history with field diffs (no cache), the timeliness checks over it, and a
rebuild from the cache after one more commit.

    python scripts/bench_history.py [--records N] [--commits N]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from generator.check import check_records
from generator.demo import DemoSize, write_demo
from generator.history import read_history
from generator.read.schema import SchemaSet
from generator.validate.timeliness import late_records

START = 1_764_547_200  # 2025-12-01 00:00 UTC; commits one hour apart
STAFF = ["王芳", "李强", "赵敏", "陈帅", "周婷"]


def generate(folder: Path, records: int) -> Path:
    customers = max(records // 10, 10)
    complaints = max(records // 25, 5)
    visits = records - customers - complaints - 4
    write_demo(folder / "records", DemoSize(customers, visits, complaints), seed=2026)
    return folder / "records"


def fast_import_stream(records: Path, commits: int) -> bytes:
    """The records' whole history as one git fast-import stream, into `records/` of the
    repository (seconds, not minutes of git commit)."""
    rng = random.Random(2026)
    files = sorted(p for p in records.rglob("*") if p.is_file())
    first = [p for p in files if p.parent.name in ("records", "customers")]
    rest = [p for p in files if p.parent.name not in ("records", "customers")]
    contents = {p: p.read_bytes() for p in files}
    committed: list[Path] = []
    out = bytearray()
    for number in range(1, commits + 1):
        share = len(rest) / (commits - 1)  # every later commit adds one or more records
        added = (
            first if number == 1 else rest[int((number - 2) * share) : int((number - 1) * share)]
        )
        edits = [_edit(rng, committed, contents)] if number > 2 and number % 3 == 0 else []
        committed += added
        who = STAFF[number % len(STAFF)]
        when = START + number * 3600
        message = f"第 {number} 次提交：{len(added)} 条新记录".encode()
        out += b"commit refs/heads/main\nmark :%d\n" % number
        out += f"author {who} <{who}@example.com> {when} +0800\n".encode()
        out += f"committer {who} <{who}@example.com> {when} +0800\n".encode()
        out += b"data %d\n%s\n" % (len(message), message)
        if number > 1:
            out += b"from :%d\n" % (number - 1)
        for path in [*added, *edits]:
            data = contents[path]
            relative = ("records/" + path.relative_to(records).as_posix()).encode()
            out += b"M 100644 inline %s\ndata %d\n%s\n" % (relative, len(data), data)
    return bytes(out)


def _edit(rng: random.Random, candidates: list[Path], contents: dict[Path, bytes]) -> Path:
    path = rng.choice(candidates)
    text = contents[path].decode("utf-8")
    if path.parent.parent.name == "visits" and "reviewed_by" not in text:
        text = text.replace("---\n", "---\nreviewed_by: S02\n", 1)
    else:
        text += f"\n补充说明 {rng.randrange(10_000)}。\n"
    contents[path] = text.encode("utf-8")
    return path


def git(root: Path, *args: str, data: bytes | None = None) -> None:
    subprocess.run(["git", "-C", str(root), *args], input=data, check=True, capture_output=True)


def timed(action):
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--commits", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="huifang-bench-history-") as folder:
        root = Path(folder) / "repo"
        os.environ["HUIFANG_CACHE_DIR"] = str(Path(folder) / "cache")
        print(f"generating {args.records} records in {args.commits} commits …", flush=True)
        source = generate(Path(folder) / "source", args.records)
        root.mkdir()
        git(root, "init", "-q", "-b", "main")
        stream = fast_import_stream(source, args.commits)
        _, imported = timed(lambda: git(root, "fast-import", "--quiet", data=stream))
        git(root, "checkout", "-q", "-f", "main")
        records = root / "records"
        files = sum(1 for p in records.rglob("*") if p.is_file())
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        history, full = timed(lambda: read_history(records, use_cache=False))
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        versions = sum(len(h.versions) for h in history.records.values())
        fields = sum(len(v.fields) for h in history.records.values() for v in h.versions)
        report = check_records(records, date(2026, 11, 23), SchemaSet())
        late, judged = timed(lambda: late_records(report.records, history))
        _, cold = timed(lambda: read_history(records))  # fills the cache
        note = next(records.glob("customers/*.md"))
        note.write_text(note.read_text(encoding="utf-8") + "\n再补一句。\n", encoding="utf-8")
        git(
            root,
            "-c",
            "user.name=王芳",
            "-c",
            "user.email=w@example.com",
            "commit",
            "-qam",
            "one more",
        )
        newer, warm = timed(lambda: read_history(records))
    print()
    print(f"{files} record files, {len(history.commits)} commits touching records "
          f"(fast-import {imported:.1f} s), {versions} versions, {fields} field changes")  # fmt: skip
    print()
    print("| step | seconds |")
    print("|---|---:|")
    print(f"| full history with field diffs (no cache) | {full:.2f} |")
    print(f"| timeliness checks over it ({len(late)} warnings) | {judged:.2f} |")
    print(f"| first read with the cache (writes it) | {cold:.2f} |")
    print(f"| after one more commit, from the cache ({newer.walked} commit walked) | {warm:.2f} |")
    print()
    print(
        f"peak memory (process): {rss_after:.0f} MB ({rss_after - rss_before:+.0f} MB while reading history)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
