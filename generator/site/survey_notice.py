"""The owners' notice of a survey (客户意见调查回复函 / 整改通报), one printable page per survey:
satisfaction/<survey id>-notice.html, in the wording of seed 000's published example
(客户意见调查回复函: 368 份调查表, 对供电工作 96% …, then the improvement actions with the
month each will be done, 可望十月份完成).

Figures are the 满意度 page's (SiteData.survey_results: a survey without counts is counted
from its response records), shown as the notice shows them: whole percents, rounded half
up (353 of 368 = 95.9% → 96%). The survey's opinions are listed as its common opinions; the
forms' own comments are not (the notice goes to every owner). Values are masked by the page
environment like any page's.
"""

from __future__ import annotations

from functools import partial

from generator.derive.statistics import Rate, SurveyResult
from generator.site.data import Page, SiteData

MONTHS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
PER_ROW = 2  # items side by side in the rates table, as the published notice has them


def notice_path(survey_id: str) -> str:
    """The notice's page in the docs tree (its address: the same with .html)."""
    return f"satisfaction/{survey_id}-notice.md"


def whole_percent(rate: Rate) -> str:
    """A rate as a whole percent, rounded half up (exact: integers only); — with no answers."""
    if not rate.whole:
        return "—"
    return f"{(200 * rate.part + rate.whole) // (2 * rate.whole)}%"


def month_text(day) -> str:
    """2026-10-15 → 2026年十月份, as the notice names a month."""
    return f"{day.year}年{MONTHS[day.month - 1]}月份"


def survey_notices(data: SiteData) -> list[Page]:
    return [
        Page(
            notice_path(result.survey.id),
            f"客户意见调查回复函 {result.survey.id}",
            "survey_notice.md.j2",
            partial(notice_context, data, result),
        )
        for result in data.survey_results
    ]


def notice_context(data: SiteData, result: SurveyResult) -> dict:
    survey = result.survey
    audience = survey.audience or ""
    rates = [
        {"label": f"{n}. 对{item.name}", "rate": whole_percent(item.rate)}
        for n, item in enumerate(result.items, 1)
    ]
    actions = []
    for action in survey.actions:
        if action.done:
            when = f"此项工作已于{month_text(action.done)}完成。"
        elif action.due:
            when = f"此项工作将于{month_text(action.due)}完成。"
        else:
            when = ""
        owner = data.staff_label(action.owner) if action.owner else ""
        actions.append({"item": action.item, "action": action.action, "owner": owner, "when": when})
    return {
        "id": survey.id,
        "title": survey.title,
        "greeting": f"尊敬的{audience or '客户'}：",
        "who": "业主" if "业主" in audience else "客户",
        "since": month_text(survey.period.start),
        "distributed": survey.distributed,
        "returned": survey.returned,
        "return_rate": whole_percent(result.returned),
        "rows": [rates[i : i + PER_ROW] for i in range(0, len(rates), PER_ROW)],
        "per_row": PER_ROW,
        "overall": whole_percent(result.overall),
        "opinions": [data.privacy.free_text(o) for o in survey.opinions],
        "actions": actions,
    }
