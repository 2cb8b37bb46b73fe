"""`make bench`: stage timings of `huifang check` and of the rules on a generated set.

The set is made by the same demo generator (fixed seed) in a temp dir. The
"parse floor" is the least any checker must do: read every file and parse its
YAML with PyYAML's C loader. Ratios against it are comparable across machines.

    python scripts/bench.py [--customers N] [--visits N] [--complaints N]
"""

from __future__ import annotations

import argparse
import platform
import resource
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


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--visits", type=int, default=20000)
    parser.add_argument("--complaints", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="huifang-bench-") as folder:
        root = Path(folder) / "records"
        print(
            f"generating {args.customers} customers, {args.visits} visits, {args.complaints} complaints …",
            flush=True,
        )
        start = time.perf_counter()
        files = write_demo(root, DemoSize(args.customers, args.visits, args.complaints), seed=2026)
        generated = time.perf_counter() - start
        subprocess.run(
            ["cat", *map(str, root.rglob("*.md"))], stdout=subprocess.DEVNULL, check=False
        )  # warm the page cache

        floor, count = parse_floor(root)
        schemas = SchemaSet()
        timer = StageTimer()
        start = time.perf_counter()
        report = check_records(root, TODAY, schemas, timer)
        total = time.perf_counter() - start
        start = time.perf_counter()
        agenda, complaints = derive_all(report.records, AsOf.day(TODAY))
        derived = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print()
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.system()} — {count} files ({files} generated in {generated:.1f} s)"
    )
    print()
    print("| stage | seconds | share |")
    print("|---|---:|---:|")
    for stage, seconds in timer.seconds.items():
        print(f"| {stage} | {seconds:.2f} | {seconds / total:.0%} |")
    print(f"| **check total** | **{total:.2f}** | |")
    print(f"| parse floor (read + C loader) | {floor:.2f} | |")
    print(f"| derive (due lists + complaint limits) | {derived:.2f} | |")
    print()
    print(f"check cold / parse floor: {total / floor:.2f}")
    print(f"files per second: {count / total:.0f}")
    print(f"peak memory (process): {peak_mb:.0f} MB")
    print(f"problems: {report.errors} errors, {report.warnings} warnings")
    print(f"due items: {len(agenda.items)}; complaints judged: {len(complaints.statuses)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
