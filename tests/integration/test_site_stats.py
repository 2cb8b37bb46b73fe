"""Satisfaction and report figures, computed by hand on small inputs; the SVG charts."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from generator.derive.statistics import (
    Rate,
    month_of,
    satisfaction_by,
    staff_of,
    survey_result,
    survey_trend,
    visit_stats,
)
from generator.model import Action, Level, Period, Survey, SurveyItem, Visit
from generator.site.charts import bar_chart, line_chart, relationship_map

D = dt.date


def survey(ident="2026H1", items=None, returned=329, distributed=400, actions=()) -> Survey:
    return Survey(
        id=ident,
        period=Period(D(2026, 6, 1), D(2026, 6, 21)),
        distributed=distributed,
        returned=returned,
        levels=(Level("满意", True), Level("基本满意", True), Level("不满意", False)),
        items=items
        or (
            SurveyItem("绿化管理", {"满意": 70, "基本满意": 4, "不满意": 26}),
            SurveyItem("供电管理", {"满意": 90, "不满意": 10}),
        ),
        actions=actions,
    )


def test_item_and_overall_rates_count_every_satisfied_level():
    result = survey_result(survey(), 0.8, D(2026, 11, 23))
    green, power = result.items
    assert (
        green.counts == (70, 4, 26) and green.rate == Rate(74, 100) and str(green.rate) == "74.0%"
    )
    assert power.counts == (90, 0, 10) and str(power.rate) == "90.0%"
    assert result.overall == Rate(164, 200) and str(result.overall) == "82.0%"


def test_return_rate_against_the_target():
    assert survey_result(survey(returned=320), 0.8, D(2026, 11, 23)).return_met  # exactly 80%
    low = survey_result(survey(returned=319), 0.8, D(2026, 11, 23))
    assert not low.return_met and str(low.returned) == "79.8%"
    assert not survey_result(survey(distributed=0, returned=0), 0.8, D(2026, 11, 23)).return_met


def test_improvement_actions_are_done_overdue_or_open():
    actions = (
        Action("绿化管理", "补种", "S02", D(2026, 7, 1), D(2026, 6, 30)),
        Action("供电管理", "检修", "S04", D(2026, 11, 22)),
        Action("供水管理", "换管", None, D(2026, 11, 23)),
    )
    result = survey_result(survey(actions=actions), 0.8, D(2026, 11, 23))
    assert [a.state for a in result.actions] == ["done", "overdue", "open"]
    assert [a.label for a in result.actions] == ["已完成", "逾期未完成", "进行中"]


def test_trend_lines_up_items_across_surveys():
    first = survey_result(survey("2025H2"), 0.8, D(2026, 11, 23))
    second = survey_result(
        survey("2026H1", items=(SurveyItem("供电管理", {"满意": 1, "不满意": 1}),)),
        0.8,
        D(2026, 11, 23),
    )
    trend = dict(survey_trend([first, second]))
    assert [str(r) for r in trend["供电管理"]] == ["90.0%", "50.0%"]
    assert [str(r) for r in trend["绿化管理"]] == ["74.0%", "—"]


def visit(day, staff=("S01",), satisfaction="satisfied", customer="C0001", **more) -> Visit:
    return Visit(customer=customer, date=day, method="phone", staff=staff,
                 satisfaction=satisfaction, **more)  # fmt: skip


def test_visit_satisfaction_by_month_and_staff_counts_only_asked_visits():
    visits = [
        visit(D(2026, 10, 3)),
        visit(D(2026, 10, 9), satisfaction="neutral"),
        visit(D(2026, 11, 1), staff=("S01", "S02")),
        visit(D(2026, 11, 2), satisfaction=None),
    ]
    assert satisfaction_by(visits, month_of) == {"2026-10": Rate(1, 2), "2026-11": Rate(1, 1)}
    assert satisfaction_by(visits, staff_of) == {"S01": Rate(2, 3), "S02": Rate(1, 1)}


def test_visit_statistics_row():
    visits = [
        visit(D(2026, 11, 1)),
        visit(D(2026, 11, 2), customer="C0002", kind="new_customer"),
        Visit(customer="C0002", date=D(2026, 11, 3), method="onsite", staff=("S01",)),
    ]
    stats = visit_stats(visits)
    assert (stats.visits, stats.customers, stats.new_customers) == (3, 2, 1)
    assert stats.by_method == {"phone": 2, "onsite": 1}
    assert stats.satisfaction == Rate(2, 2)


def test_charts_are_well_formed_svg_with_escaped_labels():
    hostile = '<script>alert(1)</script>"&'
    charts = [
        bar_chart(hostile, ["a", hostile], [3, 5]),
        line_chart(hostile, ["x", "y"], [(hostile, [50.0, None])]),
        relationship_map(hostile, hostile, [{
            "name": hostile, "role": "决策者", "title": "", "relation": "negative",
            "relation_label": "消极", "our_contact": "S01", "our_contact_name": hostile,
        }]),
    ]  # fmt: skip
    for chart in charts:
        root = ET.fromstring(str(chart))  # parses: nothing unbalanced
        assert "<script" not in str(chart)
        svg = root.find("{http://www.w3.org/2000/svg}svg")
        assert svg.find("{http://www.w3.org/2000/svg}title").text == hostile


def test_in_span_takes_the_visits_of_a_period_inclusively():
    from generator.derive.periods import Span
    from generator.derive.statistics import in_span

    days = [D(2026, 10, 31), D(2026, 11, 1), D(2026, 11, 1), D(2026, 11, 30), D(2026, 12, 1)]
    visits = [visit(day) for day in days]
    november = in_span(visits, Span(D(2026, 11, 1), D(2026, 11, 30)))
    assert [v.date for v in november] == days[1:4]
    assert in_span(visits, Span(D(2027, 1, 1), D(2027, 1, 31))) == []


SVG = "{http://www.w3.org/2000/svg}"


def _texts(chart) -> list[str]:
    root = ET.fromstring(str(chart))
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_a_rate_that_moves_in_70_to_71_percent_gets_an_axis_around_it_and_says_so():
    from generator.site.charts import Target

    chart = line_chart("满意率", ["9月", "10月", "11月"], [("满意率", [70.2, 70.9, 70.5])],
                       target=Target(80, "目标 80%"))  # fmt: skip
    texts = _texts(chart)
    ticks = [
        float(t.removesuffix("%"))
        for t in texts
        if t.endswith("%") and t[:-1].replace(".", "").isdigit()
    ]
    assert min(ticks) > 0 and max(ticks) < 100  # not 0–100
    assert min(ticks) <= 70.2 and max(ticks) >= 80  # the data and the target inside
    assert any(t.startswith("纵轴从 ") for t in texts)  # a cut axis says where it starts
    assert {"70.2", "70.9", "70.5"} <= set(texts)  # value labels on the points
    assert "目标 80%" in texts
    root = ET.fromstring(str(chart))
    target = next(line for line in root.iter(f"{SVG}line") if line.get("class") == "hf-target")
    tick = next(t for t in root.iter(f"{SVG}text") if t.text == "80%")  # its label, 4 below
    assert float(target.get("y1")) == float(tick.get("y")) - 4  # on the 80% grid line


def test_bars_start_at_zero_and_the_numbers_are_also_a_table_beside_the_chart():
    chart = bar_chart("每周回访次数", ["11-02", "11-09", "11-16"], [12, 0, 7])
    root = ET.fromstring(str(chart))
    assert "0" in _texts(chart) and "纵轴从" not in str(chart)
    table = root.find("table")
    rows = [
        [td.text for td in tr.iter("td")] for tr in table.iter("tr") if tr.find("td") is not None
    ]
    assert rows == [["11-02", "12"], ["11-09", "0"], ["11-16", "7"]]
    assert table.find("caption").text == "每周回访次数（数据）"


def test_value_labels_thin_out_when_they_would_overlap_but_the_newest_is_always_named():
    labels = [f"2026-{m:02d}" for m in range(1, 13)]
    chart = bar_chart("每月", labels, list(range(100, 112)))
    shown = [t for t in _texts(chart) if t.startswith("2026-")]
    assert shown[-1] == "2026-12" and 1 < len(shown) < 12
