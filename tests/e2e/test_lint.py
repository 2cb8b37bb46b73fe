"""The code stays ruff-clean and mypy-clean (the conventions in design.md), checked with every
test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

RUFF = Path(sys.executable).parent / "ruff"
MYPY = Path(sys.executable).parent / "mypy"


def test_ruff_check_and_format():
    paths = ["generator", "tests", "scripts"]
    check = subprocess.run([str(RUFF), "check", *paths], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run(
        [str(RUFF), "format", "--check", *paths], cwd=ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout


def test_mypy_finds_no_errors():
    """`[tool.mypy]` in pyproject.toml says what is checked and how strictly."""
    run = subprocess.run([str(MYPY)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-4000:]
