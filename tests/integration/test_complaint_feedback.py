"""The missing-feedback warning follows the policy's `complaints.feedback_hours`."""

from __future__ import annotations

import json

import pytest
from conftest import COMPLAINT, POLICY, huifang

# conftest's complaint (resolved 2026-11-04 11:00) without its feedback
NO_FEEDBACK = COMPLAINT.replace("feedback_sent: 2026-11-04 16:00\n", "")


@pytest.mark.parametrize(
    ("today", "warned"),
    [("2026-11-06", False), ("2026-11-07", True)],  # resolved 11-04 11:00 + 72 h = 11-07 11:00
)
def test_feedback_is_missing_from_the_day_the_policy_s_hours_end(tree, today, warned):
    policy = POLICY + "complaints:\n  feedback_hours: 72\n"
    records = tree({"policy.yaml": policy, "complaints/2026/K2026-0001.md": NO_FEEDBACK})
    result = huifang("check", "--records", str(records), "--today", today, "--format", "json")
    payload = json.loads(result.stdout)
    found = [p for p in payload["problems"] if p["code"] == "complaint.no_feedback"]
    assert bool(found) is warned
    if found:
        assert "72 小时内" in found[0]["message"]["zh"] and "72 hours" in found[0]["message"]["en"]
