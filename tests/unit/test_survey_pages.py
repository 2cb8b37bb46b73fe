"""The 满意度 page's survey sections fed by response records (问卷): a survey without counts
counted from its forms, the forms' comments under its opinions, masked as free text."""

from __future__ import annotations

from builders import LEVELS, customer, policy, records, response, survey

from generator.model import SurveyItem
from generator.site.render import environment
from generator.site.report_pages import satisfaction
from tests.unit.test_record_addresses import site_data

FORMS = [
    response("1", answers={"绿化管理": "满意", "供电管理": "满意"}, comments="请回电 13812345678"),
    response("2", answers={"绿化管理": "不满意", "供电管理": "满意"}),
    response("3", answers={"绿化管理": "不满意"}, comments="<b>草坪</b>枯黄"),
]


def rendered(data) -> str:
    env = environment(masked=data.privacy.masked)
    [page] = satisfaction(data)
    return env.get_template(page.template).render(**page.context())


def test_a_survey_without_counts_is_counted_from_its_forms():
    s = survey(items=(SurveyItem("绿化管理"), SurveyItem("供电管理")), returned=3, distributed=4)
    html = rendered(site_data(records(surveys=[s], responses=FORMS)))
    # 绿化管理: 满意 1, 不满意 2 → 1/3 = 33.3%; 供电管理: 满意 2 of 2 = 100.0%; overall 3/5 = 60.0%
    assert "<tr><td>绿化管理</td><td>1</td><td>2</td><td>3</td><td>33.3%</td></tr>" in html
    assert "<tr><td>供电管理</td><td>2</td><td>0</td><td>2</td><td>100.0%</td></tr>" in html
    assert "<th>60.0%</th>" in html


def test_the_forms_comments_are_listed_masked_and_escaped():
    s = survey(items=(SurveyItem("绿化管理"), SurveyItem("供电管理")), returned=3)
    html = rendered(site_data(records(surveys=[s], responses=FORMS)))
    assert "问卷中的意见和建议（2 条）" in html
    assert "<li>请回电 138****5678</li>" in html and "13812345678" not in html
    assert "<li>&lt;b&gt;草坪&lt;/b&gt;枯黄</li>" in html
    full = rendered(site_data(records(surveys=[s], responses=FORMS), masked=False))
    assert "<li>请回电 13812345678</li>" in full


def test_a_survey_with_counts_keeps_them_and_lists_no_comments_without_forms():
    counted = survey(items=(SurveyItem("绿化管理", {"满意": 9, "不满意": 1}),), levels=LEVELS)
    html = rendered(site_data(records(surveys=[counted])))
    assert "<tr><td>绿化管理</td><td>9</td><td>1</td><td>10</td><td>90.0%</td></tr>" in html
    assert "问卷中的意见和建议" not in html


def test_the_follow_up_of_a_dissatisfied_form_links_a_new_survey_visit():
    rule = {"name": "survey_follow_up", "label": "问卷不满意 7 天内回访",
            "after": "survey.dissatisfied", "within_days": 7, "methods": "any",
            "by": "area_agent"}  # fmt: skip
    s = survey(items=(SurveyItem("绿化管理"), SurveyItem("供电管理")), returned=3)
    recs = records(
        customers=[customer("C0001", area="一区")],
        surveys=[s],
        responses=[response("2", customer="C0001", answers={"绿化管理": "不满意"})],
        rules=policy(events=[rule]),
    )
    data = site_data(recs, today="2026-06-08")
    data.editor = True
    [item] = [i for i in data.open_items if i.rule == "survey_follow_up"]
    href = data.due_row(item, "")["record"]["href"]
    assert (
        href == "admin/#/collections/visits/new?customer=C0001&method=phone&kind=survey&staff=S01"
    )
