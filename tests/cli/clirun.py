"""The commands run in-process through click's CliRunner: fast, and the exit code, standard
output and standard error are what `huifang` would give (run() only adds the exit). Also
the records these tests share: the base tree plus a household customer, whose name is
personal data (masked 李**), with a monthly rule so the due list shows it."""

from __future__ import annotations

from click.testing import CliRunner, Result
from conftest import COMPLAINT, customer_file

from generator.cli import main


def huifang_in(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    """`huifang ARGS` in this process; HUIFANG_TODAY only when `env` gives it."""
    environment: dict[str, str | None] = {"HUIFANG_TODAY": None, **(env or {})}
    return CliRunner().invoke(
        main, list(args), input=input, env=environment, catch_exceptions=False
    )


POLICY = """\
grades:
  - {id: A, label: 重要客户}
  - {id: B, label: 普通客户}
areas: [一区, 二区]
cadence:
  - name: b_monthly
    label: 普通客户每月至少联系 1 次
    applies: {grade: [B]}
    methods: any
    period: month
    min: 1
"""
HOUSEHOLD = customer_file("C0002", name="李小明", kind="individual", grade="B")
FILES = {
    "policy.yaml": POLICY,
    "customers/C0002.md": HOUSEHOLD,
    "complaints/2026/K2026-0002.md": COMPLAINT.replace("K2026-0001", "K2026-0002").replace(
        "customer: C0001", "customer: C0002"
    ),
}
TODAY = ("--today", "2026-11-23")
