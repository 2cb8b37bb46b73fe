"""derive/durations.py: how long and when, as messages and lists write it."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.derive.durations import duration, duration_en, when_text


@pytest.mark.parametrize(
    ("delta", "zh", "en"),
    [
        (dt.timedelta(days=1, hours=3, minutes=20), "1 天 3 小时", "1 day 3 h"),  # minutes dropped
        (dt.timedelta(days=2), "2 天", "2 days"),
        (dt.timedelta(hours=5, minutes=59), "5 小时", "5 h"),
        (dt.timedelta(minutes=40, seconds=59), "40 分钟", "40 min"),
        (dt.timedelta(0), "0 分钟", "0 min"),
        (dt.timedelta(minutes=-5), "0 分钟", "0 min"),  # never a negative length
    ],
)
def test_a_length_in_the_largest_two_units(delta, zh, en):
    assert (duration(delta), duration_en(delta)) == (zh, en)


def test_no_length_is_no_text():
    assert duration(None) == duration_en(None) == ""


def test_a_moment_to_the_minute_and_a_day_as_a_day():
    assert when_text(dt.datetime(2026, 11, 20, 10, 30, 45)) == "2026-11-20T10:30"
    assert when_text(dt.date(2026, 11, 20)) == "2026-11-20"
    assert when_text(None) is None
