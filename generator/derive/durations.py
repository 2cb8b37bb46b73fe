"""How long and when, as the messages and lists write it: '1 天 3 小时' / '1 day 3 h',
'2026-11-20T10:30' (or just the day when no time is known). Pure text of time values,
shared by the late-completion checks (validate/late.py) and the due lists (present/)."""

from __future__ import annotations

import datetime as dt


def _days_hours_minutes(delta: dt.timedelta) -> tuple[int, int, int]:
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    return days, hours, minutes


def duration(delta: dt.timedelta | None) -> str:
    """'1 天 3 小时', '5 小时', '40 分钟'."""
    if delta is None:
        return ""
    days, hours, minutes = _days_hours_minutes(delta)
    if days:
        return f"{days} 天 {hours} 小时" if hours else f"{days} 天"
    return f"{hours} 小时" if hours else f"{minutes} 分钟"


def duration_en(delta: dt.timedelta | None) -> str:
    """'1 day 3 h', '5 h', '40 min'."""
    if delta is None:
        return ""
    days, hours, minutes = _days_hours_minutes(delta)
    if days:
        unit = "day" if days == 1 else "days"
        return f"{days} {unit} {hours} h" if hours else f"{days} {unit}"
    return f"{hours} h" if hours else f"{minutes} min"


def when_text(value: dt.datetime | dt.date | None) -> str | None:
    """'2026-11-20T10:30', or '2026-11-20' for a day without a time."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
