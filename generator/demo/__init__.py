"""A deterministic demo data set: one fictional property-services company.

`write_demo(out, size, seed, end)` writes team.yaml, policy.yaml, customers,
visits, complaints, surveys, lost-deal reports and visit plans. The same arguments always give the same
files (seeded Faker and Random, dates counted back from `end`, never the clock), so
the shipped demo and the large benchmark sets come from the same code.

One module per record kind (team, policy, customers, complaints, visits, surveys),
each drawing from the one seeded state (generator.demo.state) in a fixed order; the
policy itself is the file generator/demo/policy.yaml. The deals (deals.py: opportunities on
the visits, two lost deals) and the visit plans (plans.py) draw nothing: they are decided
from the visits written.

The demo checks clean apart from a few warnings it shows on purpose (see
DELIBERATE_WARNINGS); tests hold it to that.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from generator.demo.complaints import write_complaints
from generator.demo.customers import write_customers
from generator.demo.deals import write_deals
from generator.demo.plans import write_plans
from generator.demo.policy import policy_file
from generator.demo.state import Demo, DemoSize
from generator.demo.surveys import write_surveys
from generator.demo.team import write_team
from generator.demo.visits import write_visits

__all__ = ["DELIBERATE_WARNINGS", "DEMO_END", "DemoSize", "generate", "write_demo"]

# The warnings the shipped demo shows on purpose, as of 2026-11-23.
DELIBERATE_WARNINGS = (
    "complaint.no_feedback",
    "customer.documents_incomplete",
    "visit.done_late",  # two agreed next contacts made a few days late
    "visit.issue_not_forwarded",
    "visit.unreviewed",
    "review.self_review",  # one visit signed off by the supervisor who went on it
)

DEMO_END = date(2026, 11, 20)  # fixed, so the shipped demo never depends on the clock
RECORD_FOLDERS = ("customers", "visits", "complaints", "surveys", "lost", "plans")


def generate(size: DemoSize, seed: int = 2026, end: date = DEMO_END) -> dict[str, str]:
    """The demo's files as {relative path: text}, in a fixed order."""
    demo = Demo(size, seed, end)
    write_team(demo)
    demo.files["policy.yaml"] = policy_file(demo.policy)
    write_customers(demo)
    followups = write_complaints(demo)  # before the visits: each gets a follow-up visit
    write_visits(demo, followups)
    write_deals(demo)  # opportunities on those visits, two deals lost (draws nothing)
    write_surveys(demo)
    write_plans(demo)  # each agent's plan for the last month, from the visits (draws nothing)
    return dict(sorted(demo.files.items()))


def write_demo(out: Path, size: DemoSize, seed: int = 2026, end: date = DEMO_END) -> int:
    """Write the demo into `out` (its record folders are replaced); returns the number of files."""
    files = generate(size, seed, end)
    out.mkdir(parents=True, exist_ok=True)
    for folder in RECORD_FOLDERS:
        shutil.rmtree(out / folder, ignore_errors=True)
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return len(files)
