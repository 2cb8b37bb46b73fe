"""`make bench`: `huifang check` on a large generated set, as ratios against a parse floor.

The set is made by the demo generator (fixed seed) in a temp dir: by default the issue's
target size, 10,000 customers, 100,000 visits and 5,000 complaints. The "parse floor" is
the least any checker must do: read every record file and parse its YAML with PyYAML's C
loader, in one process. The machine is noisy, so figures are ratios against a floor
measured in the same run; the real command is run end to end (start-up included):

- check cold: no cache (a fresh cache folder);
- check warm: a second run, nothing changed (every file read and hashed, results cached);
- check after one file changed.

Then the stages of one in-process run (cache off) and the rules over the records.

    python scripts/bench.py [--customers N] [--visits N] [--complaints N]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from generator.demo import DemoSize, write_demo
from generator.pipeline import check_records
from generator.rules import AsOf, derive_all
from generator.schemas import SchemaSet
from generator.timing import StageTimer

TODAY = date(2026, 11, 23)
HUIFANG = Path(sys.executable).parent / "huifang"


def parse_floor(root: Path) -> tuple[float, int]:
    """Read every record file and parse its YAML with the C loader; nothing else."""
    start = time.perf_counter()
    count = 0
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".md", ".yaml") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            text = text.split("\n---\n", 1)[0].removeprefix("---\n")
        yaml.load(text, Loader=yaml.CSafeLoader)
        count += 1
    return time.perf_counter() - start, count


def run_check(root: Path, cache: Path) -> tuple[float, float]:
    """(seconds, peak MB of the main process) of `huifang check` run as a user runs it."""
    env = {**os.environ, "HUIFANG_CACHE_DIR": str(cache)}
    command = [str(HUIFANG), "check", "--records", str(root), "--today", str(TODAY), "-q"]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"huifang check failed: {status}")
    return seconds, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--complaints", type=int, default=5_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="huifang-bench-") as folder:
        root = Path(folder) / "records"
        size = DemoSize(args.customers, args.visits, args.complaints)
        print(
            f"generating {args.customers} customers, {args.visits} visits, "
            f"{args.complaints} complaints …",
            flush=True,
        )
        start = time.perf_counter()
        files = write_demo(root, size, seed=2026)
        generated = time.perf_counter() - start
        print(f"  {files} files in {generated:.0f} s; measuring …", flush=True)
        parse_floor(root)  # once to warm the page cache
        floor, count = parse_floor(root)

        cache = Path(folder) / "cache"
        cold, cold_mb = run_check(root, cache)
        warm, warm_mb = run_check(root, cache)
        changed = next((root / "visits").rglob("*.md"))
        changed.write_text(changed.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
        one, one_mb = run_check(root, cache)

        timer = StageTimer()
        start = time.perf_counter()
        report = check_records(root, TODAY, SchemaSet(), timer, use_cache=False)
        in_process = time.perf_counter() - start
        start = time.perf_counter()
        agenda, complaints = derive_all(report.records, AsOf.day(TODAY))
        derived = time.perf_counter() - start

    print()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.system()} — {count} record files"
    )
    print()
    print("| figure | seconds | / parse floor | target | peak MB (main process) |")
    print("|---|---:|---:|---:|---:|")
    print(f"| parse floor (read + PyYAML C loader, one process) | {floor:.2f} | 1.00 | | |")
    for name, seconds, target, mb in (
        ("check cold (no cache)", cold, 1.3, cold_mb),
        ("check warm (nothing changed)", warm, 0.25, warm_mb),
        ("check after one file changed", one, 0.3, one_mb),
    ):
        ratio = seconds / floor
        mark = "✓" if ratio <= target else "✗"
        print(f"| {name} | {seconds:.2f} | {ratio:.2f} {mark} | ≤ {target} | {mb:.0f} |")
    print()
    print("stages of one in-process check (cache off):")
    print()
    print("| stage | seconds | share |")
    print("|---|---:|---:|")
    for stage, seconds in timer.seconds.items():
        print(f"| {stage} | {seconds:.2f} | {seconds / in_process:.0%} |")
    print(f"| **check total** | **{in_process:.2f}** | |")
    print(f"| derive (due lists + complaint limits) | {derived:.2f} | |")
    print()
    print(f"problems: {report.errors} errors, {report.warnings} warnings")
    print(f"due items: {len(agenda.items)}; complaints judged: {len(complaints.statuses)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
