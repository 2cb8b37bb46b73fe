"""The 满意度 page's survey sections fed by response records (问卷): a survey without counts
counted from its forms, the forms' comments under its opinions, masked as free text."""

from __future__ import annotations

from builders import LEVELS, customer, day, policy, records, response, survey

from generator.derive.statistics import Rate
from generator.model import Action, Period, SurveyItem
from generator.site.render import environment
from generator.site.report_pages import satisfaction
from generator.site.survey_notice import survey_notices, whole_percent
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
    assert (
        '<a href="satisfaction/2026H1-notice.html">客户意见调查回复函（可打印的通报）</a>' in html
    )


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


# --- the owners' notice (客户意见调查回复函), seed 000's published example ------------------
# 368 forms returned; the per-item rates as published. The seed gives no counts, so each
# item's satisfied answers are chosen as the whole number nearest rate × 368, and checked by
# hand to give the published whole percent back: 353/368 = 95.92% → 96%, 357 → 97.01%,
# 350 → 95.11%, 346 → 94.02%, 272 → 73.91%, 342 → 92.93%, 339 → 92.12%, 361 → 98.10%,
# 228 → 61.96%, 269 → 73.10%. Overall: 4961 satisfied of 15 × 368 = 5520 answers = 89.87% → 90%.
# Distributed is not in the seed: 400 here, so 368/400 = 92%.
SEED_RATES = [
    ("供电工作", 353, "96%"), ("供水工作", 357, "97%"), ("治安管理", 350, "95%"),
    ("卫生环境", 346, "94%"), ("绿化环境", 272, "74%"), ("维修工作", 342, "93%"),
    ("车辆管理", 339, "92%"), ("公共设施", 346, "94%"), ("服务态度", 353, "96%"),
    ("消防工作", 361, "98%"), ("电梯服务", 228, "62%"), ("邮件收发", 353, "96%"),
    ("防盗系统", 342, "93%"), ("电话服务", 350, "95%"), ("空调服务", 269, "73%"),
]  # fmt: skip


def _seed_survey(counted: bool = True):
    items = tuple(
        SurveyItem(name, {"满意": good, "不满意": 368 - good} if counted else {})
        for name, good, _ in SEED_RATES
    )
    actions = (
        Action("电梯服务", "上、下班高峰期高、低层停靠，减少停靠站", "S02", day("2026-10-31")),
        Action("防盗对讲系统", "责成供货单位信守合同，尽快恢复对讲系统", "S02"),
        Action("绿化环境", "向空间发展，逐步实现立体绿化", "S01", day("2026-12-31")),
        Action("中央空调", "在一楼大堂安装空调", "S02", day("2026-09-30"), day("2026-09-20")),
    )
    return survey(
        "2026H2",
        title="xx大厦客户意见调查",
        audience="业主/租户",
        period=Period(day("2026-07-01"), day("2026-09-30")),
        distributed=400,
        returned=368,
        items=items,
        actions=actions,
    )


def _seed_forms():
    """368 forms: form n is satisfied with an item when n ≤ that item's satisfied count."""
    names = [(name, good) for name, good, _ in SEED_RATES]
    return [
        response(str(n), survey="2026H2", date=day("2026-07-15"),
                 answers={name: "满意" if n <= good else "不满意" for name, good in names})
        for n in range(1, 369)
    ]  # fmt: skip


def _notice(recs) -> str:
    data = site_data(recs)
    [page] = survey_notices(data)
    assert page.path == "satisfaction/2026H2-notice.md"
    env = environment(masked=True)
    return env.get_template(page.template).render(**page.context())


def _check_seed_figures(html: str) -> None:
    for n, (name, _, rate) in enumerate(SEED_RATES, 1):
        assert f"<td>{n}. 对{name}</td><td>{rate}</td>" in html, name
    assert "总体满意率 <strong>90%</strong>" in html
    assert "共发放 400 份，至今已回收 368 份调查表（回收率 92%）" in html


def test_the_notice_gives_seed_000s_published_figures_from_the_tallies():
    html = _notice(records(surveys=[_seed_survey()]))
    _check_seed_figures(html)
    assert "<p>尊敬的业主/租户：</p>" in html
    assert "2026年七月份以来我们散发了一份《客户意见调查表》" in html
    # two items side by side, as published: 1 and 2 on the first row, 15 alone on the last
    assert "<tr><td>1. 对供电工作</td><td>96%</td><td>2. 对供水工作</td><td>97%</td></tr>" in html
    assert "<tr><td>15. 对空调服务</td><td>73%</td><td></td><td></td></tr>" in html
    assert "欢迎广大业主参与和监督" in html


def test_the_notice_gives_the_same_figures_summed_from_368_response_records():
    recs = records(surveys=[_seed_survey(counted=False)], responses=_seed_forms())
    _check_seed_figures(_notice(recs))


def test_each_improvement_action_with_its_owner_and_completion_month():
    html = _notice(records(surveys=[_seed_survey()]))
    assert (
        "<li><strong>电梯服务：</strong>上、下班高峰期高、低层停靠，减少停靠站（责任人：S02 李强）"
        " 此项工作将于2026年十月份完成。</li>"
    ) in html
    assert (
        "<li><strong>防盗对讲系统：</strong>责成供货单位信守合同，尽快恢复对讲系统（责任人：S02 李强）</li>"
        in (html)
    )
    assert "此项工作将于2026年十二月份完成。" in html
    assert "此项工作已于2026年九月份完成。" in html  # done on 09-20


def test_whole_percents_round_half_up_and_no_answers_is_a_dash():
    assert whole_percent(Rate(1, 8)) == "13%"  # 12.5% up, not to the even 12
    assert whole_percent(Rate(7, 8)) == "88%"  # 87.5%
    assert whole_percent(Rate(0, 0)) == "—"
    assert whole_percent(Rate(368, 368)) == "100%"
