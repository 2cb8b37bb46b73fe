"""The survey reminder (policy `surveys.every_months`): a satisfaction survey at least every
N months, counted from the end of the last survey that has begun (or from `due.start` when
there is none). One team item for the team leads, shown once it is `due.soon_days` away and
overdue after that day until a new survey is recorded."""

from __future__ import annotations

from generator.derive.context import RuleContext
from generator.derive.items import Deadline, DueItem, state_of
from generator.derive.periods import Span, add_months


def survey_items(ctx: RuleContext) -> list[DueItem]:
    every = ctx.records.policy.surveys.every_months
    today = ctx.as_of.today
    begun = [s for s in ctx.records.survey_list if s.period.start <= today]
    last = max(begun, key=lambda s: (s.period.end, s.id), default=None)
    if last is not None:
        since = last.period.end
        subject = f"上次调查 {last.id}（{since.isoformat()} 结束）"
        source = last.source
    elif ctx.start is not None:
        since, subject, source = ctx.start, "尚无调查记录", ctx.records.policy.source
    else:
        return []  # nothing to count from: no survey and no due.start
    deadline = Deadline(add_months(since, every))
    state = state_of(deadline, False, ctx.as_of, ctx.soon_days)
    if state == "upcoming":
        return []
    return [
        DueItem(
            kind="reminder",
            rule="survey",
            label=f"满意度调查（至少每 {every} 个月一次）",
            customer="",
            staff=ctx.team_leads(),
            deadline=deadline,
            state=state,
            window=Span(since, deadline.day),
            subject=subject,
            source=source,
        )
    ]
