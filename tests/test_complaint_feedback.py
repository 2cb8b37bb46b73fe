"""The missing-feedback warning follows the policy's `complaints.feedback_hours`."""

from __future__ import annotations

import json

import pytest
from conftest import POLICY, huifang

COMPLAINT = """\
---
id: K2026-0001
customer: C0001
received: 2026-11-19 09:30
channel: phone
category: service
registered: 2026-11-19 10:00
answered: 2026-11-19 15:00
resolved: 2026-11-20 10:00
resolution: 已上门处理。
---
报修无人上门。
"""


@pytest.mark.parametrize(
    ("today", "warned"),
    [("2026-11-22", False), ("2026-11-23", True)],  # resolved 11-20 10:00 + 72 h = 11-23 10:00
)
def test_feedback_is_missing_from_the_day_the_policy_s_hours_end(tree, today, warned):
    policy = POLICY + "complaints:\n  feedback_hours: 72\n"
    records = tree({"policy.yaml": policy, "complaints/2026/K2026-0001.md": COMPLAINT})
    result = huifang("check", "--records", str(records), "--today", today, "--format", "json")
    payload = json.loads(result.stdout)
    found = [p for p in payload["problems"] if p["code"] == "complaint.no_feedback"]
    assert bool(found) is warned
    if found:
        assert "72 小时内" in found[0]["message"]["zh"] and "72 hours" in found[0]["message"]["en"]
