"""The code stays ruff-clean (the conventions in design.md), checked with every test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = Path(sys.executable).parent / "ruff"


def test_ruff_check_and_format():
    paths = ["generator", "tests", "scripts"]
    check = subprocess.run([str(RUFF), "check", *paths], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run(
        [str(RUFF), "format", "--check", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout
