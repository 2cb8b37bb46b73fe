"""The one gate between checking and output: records the checker rejected are withheld.

A record with an error may hold anything — a path in its id, markup in its grade, a
newline in a reference — so no page, file path, search index, download, CODEOWNERS line
or log line may be made from it. The checks see every record (a duplicate needs both
copies); everything after them takes `CheckReport.records`, which is what passed this
gate. The problems themselves still say what is wrong, masked and escaped as any
message is.

Withheld: a customer, visit, complaint, survey, survey response or lost-deal report whose
file has an error; a staff entry with an error in its part of team.yaml; visits, complaints
and lost deals of a withheld customer (their pages and links would lead to a page that is not
made); the responses of a withheld survey (they would be summed into nothing). A response
naming a withheld customer is kept (it has no page; its follow-up needs the customer, so none
is raised). A visit plan with an error is withheld; a kept plan's contacts of a withheld
customer are left out of the due lists (there is no customer to show). Warnings never
withhold.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from generator.model import Records
from generator.problems import Problem, Source, locate

_STAFF_ENTRY = re.compile(r"staff\[(\d+)\]")


def accepted(records: Records, problems: Iterable[Problem]) -> Records:
    """`records` without any record that an error was found in."""
    rejected_files: set[str] = set()
    rejected_staff: set[Source] = set()  # where each rejected entry of team.yaml starts
    team_files = {s.source.path for s in records.staff_list}
    for problem in problems:
        if not problem.is_error:
            continue
        path = problem.source.path
        if path in team_files:
            entry = _STAFF_ENTRY.match(problem.path)
            if entry:
                lines = records.field_lines.get(path, {})
                rejected_staff.add(locate(Source(path), lines, ("staff", int(entry.group(1)))))
            continue  # an error of team.yaml as a whole stops every command (exit 2)
        rejected_files.add(path)
    if not rejected_files and not rejected_staff:
        return records

    def kept(items: Iterable) -> tuple:
        return tuple(item for item in items if item.source.path not in rejected_files)

    customers = kept(records.customer_list)
    known = {c.id for c in customers}
    surveys = {s.id for s in kept(records.survey_list)}
    return dataclasses.replace(
        records,
        staff_list=tuple(s for s in records.staff_list if s.source not in rejected_staff),
        customer_list=customers,
        visits=tuple(v for v in kept(records.visits) if v.customer in known),
        complaint_list=tuple(c for c in kept(records.complaint_list) if c.customer in known),
        survey_list=kept(records.survey_list),
        losses=tuple(d for d in kept(records.losses) if d.customer in known),
        plans=kept(records.plans),  # a withheld customer's planned contacts: derive/plans.py
        responses=tuple(r for r in kept(records.responses) if r.survey in surveys),
    )
