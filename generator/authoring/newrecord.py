"""`huifang new`: the values, id and file name of a new record.

The next free id follows the team's own numbering (the longest run of digits at the end
of existing ids, same prefix and width); complaints count per year of receipt; surveys
follow the half-year pattern 2026H1/2026H2. Visit files are named date-customer-method,
lost-deal reports date-customer, with -2, -3 … when that name is taken. A visit plan is
plans/<month>/<staff>.yaml, its contacts from the due list (authoring/plan_draft.py); a
survey response (问卷) is surveys/<survey>/responses/<n>.yaml, n one more than the highest
number there. Nothing is ever overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from generator.model import Records, Survey
from generator.read.load import RECORD_SUFFIXES, RESPONSES
from generator.read.schema import SchemaSet

_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_HALF = re.compile(r"^(\d{4})H([12])$")
DEFAULT_LEVELS = (("满意", True), ("基本满意", True), ("不满意", False))


class DraftError(ValueError):
    """A value the user gave cannot make a valid new record (message in Chinese / English)."""


@dataclass
class Draft:
    kind: str
    values: dict
    path: Path  # relative to the records folder
    survey: Survey | None = None  # the survey a response answers (its items and levels)

    @property
    def missing(self) -> list[str]:
        return [key for key in REQUIRED_INPUT[self.kind] if key not in self.values]


# what only the user can say (everything else has a default or stays commented out)
REQUIRED_INPUT = {
    "customer": ("name", "grade", "owner"),
    "visit": ("customer",),
    "complaint": ("customer", "channel", "category"),
    "survey": (),
    "lost": ("customer", "opportunity", "reason"),
    "plan": ("staff",),
    "survey_response": (),
}


def next_id(existing: list[str], prefix: str = "", width: int = 4) -> str:
    """One more than the highest number among ids starting with `prefix`."""
    best = 0
    for ident in existing:
        match = _NUMBERED.match(ident)
        if match and match.group(1) == prefix:
            best = max(best, int(match.group(2)))
            width = max(width, len(match.group(2)))
    return f"{prefix}{best + 1:0{width}d}"


def customer_prefix(existing: list[str]) -> str:
    """The prefix most existing customer ids share (C for the demo)."""
    prefixes = [m.group(1) for m in map(_NUMBERED.match, existing) if m]
    return max(sorted(set(prefixes)), key=prefixes.count) if prefixes else "C"


def next_survey_id(existing: list[str], today: date) -> str:
    halves = [(int(m.group(1)), int(m.group(2))) for m in map(_HALF.match, existing) if m]
    year, half = max(halves) if halves else (today.year, 0 if today.month <= 6 else 1)
    year, half = (year, 2) if half == 1 else (year + 1, 1)
    return f"{year}H{half}"


def free_name(records_dir: Path, folder: Path, stem: str) -> Path:
    """folder/<stem>.md, or <stem>-2.md, -3 … when that name is taken (a second visit or
    lost deal of the same customer that day)."""
    candidate, number = folder / f"{stem}.md", 1
    while (records_dir / candidate).exists():
        number += 1
        candidate = folder / f"{stem}-{number}.md"
    return candidate


def visit_path(records_dir: Path, day: date, customer: str, method: str) -> Path:
    """visits/<year>/<date>-<customer>-<method>.md, the next free one."""
    return free_name(
        records_dir, Path("visits") / str(day.year), f"{day.isoformat()}-{customer}-{method}"
    )


def lost_path(records_dir: Path, day: date, customer: str) -> Path:
    """lost/<year>/<date>-<customer>.md, the next free one."""
    return free_name(records_dir, Path("lost") / str(day.year), f"{day.isoformat()}-{customer}")


def next_response_number(records: Records, records_dir: Path, survey: str) -> int:
    """One more than the highest form number of `survey`: its responses/ folder's files
    named by a number (unreadable ones too) and the responses read."""
    numbers = [int(r.id) for r in records.responses if r.survey == survey and r.id.isdigit()]
    folder = records_dir / "surveys" / survey / RESPONSES
    if folder.is_dir():
        numbers += [
            int(p.stem)
            for p in folder.iterdir()
            if p.stem.isdigit() and p.suffix.lower() in RECORD_SUFFIXES
        ]
    return max(numbers, default=0) + 1


def parse_input(schemas: SchemaSet, kind: str, key: str, text: str) -> object:
    """A value typed on the command line or at a prompt, as the schema types the field."""
    node = schemas.field(kind, (key,)).node
    kinds = node.get("type")
    text = text.strip()
    if kinds == "array":
        return [part.strip() for part in re.split("[,，、]", text) if part.strip()]
    if kinds == "boolean":
        lowered = text.lower()
        if lowered in ("true", "yes", "y", "是", "1"):
            return True
        if lowered in ("false", "no", "n", "否", "0"):
            return False
        raise DraftError(f"{key} 只能是 是/否 / {key} must be yes or no, not {text!r}")
    if kinds == "integer":
        try:
            return int(text)
        except ValueError:
            raise DraftError(f"{key} 应为整数 / {key} must be a whole number") from None
    if kinds == "number":
        try:
            number = float(text.replace(",", "").replace("，", ""))
        except ValueError:
            raise DraftError(f"{key} 应为数字 / {key} must be a number") from None
        return int(number) if number.is_integer() else number
    return text


def day_and_time(text: str | None, now: datetime) -> datetime:
    if not text:
        return now
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise DraftError(
            f"日期应写成 YYYY-MM-DD 或 'YYYY-MM-DD HH:MM' / expected a date, got {text!r}"
        ) from None


def plan(
    kind: str,
    records: Records,
    records_dir: Path,
    given: dict,
    when: str | None,
    now: datetime,
    *,
    survey: str | None = None,
    applies=None,
) -> Draft:
    """The values and path of a new record of `kind` from what the user gave (`survey`: the
    survey a response answers; `applies`: gives derive/applies.py's AppliesFrom, read only
    when a plan's due list is worked out)."""
    values = dict(given)
    moment = day_and_time(when, now)
    if kind == "plan":
        return _plan_draft(records, records_dir, values, moment.date(), applies)
    if kind == "survey_response":
        return _response_draft(records, records_dir, values, moment.date(), survey)
    if kind == "customer":
        existing = [c.id for c in records.customer_list] + sorted(
            records.unreadable.get("customer", ())
        )
        values.setdefault("id", next_id(existing, customer_prefix(existing)))
        if when:
            values.setdefault("since", moment.date().isoformat())
        if values["id"] in existing:
            raise DraftError(f"客户编号 {values['id']} 已存在 / customer {values['id']} exists")
        path = Path("customers") / f"{values['id']}.md"
    elif kind == "visit":
        values.setdefault("date", moment.date().isoformat())
        if when and len(when) > 10:
            values.setdefault("time", moment.strftime("%H:%M"))
        values.setdefault("method", "phone")
        customer = records.customers.get(values.get("customer", ""))
        if customer and customer.owner:
            values.setdefault("staff", [customer.owner])
        day = date.fromisoformat(values["date"])
        path = visit_path(records_dir, day, values.get("customer", "NEW"), values["method"])
    elif kind == "complaint":
        if when and len(when) <= 10 and moment.date() != now.date():
            raise DraftError(
                "投诉的接到时间要写到分钟，例如 --date '2026-11-20 14:30' / give the time a "
                "complaint was received, e.g. --date '2026-11-20 14:30'"
            )
        received = moment if (when and len(when) > 10) else now
        values.setdefault("received", received.strftime("%Y-%m-%d %H:%M"))
        values.setdefault("registered", now.strftime("%Y-%m-%d %H:%M"))
        year = values["received"][:4]
        existing = [c.id for c in records.complaint_list]
        values.setdefault("id", next_id(existing, f"K{year}-"))
        if values["id"] in existing:
            raise DraftError(f"投诉编号 {values['id']} 已存在 / complaint {values['id']} exists")
        path = Path("complaints") / year / f"{values['id']}.md"
    elif kind == "lost":
        values.setdefault("date", moment.date().isoformat())
        customer = records.customers.get(values.get("customer", ""))
        if customer and customer.owner:
            values.setdefault("staff", [customer.owner])
        day = date.fromisoformat(values["date"])
        path = lost_path(records_dir, day, values.get("customer", "NEW"))
    else:
        values.update(_survey_values(records, values, now.date()))
        path = Path("surveys") / f"{values['id']}.yaml"
    _inside_its_folder(path)
    if (records_dir / path).exists():
        raise DraftError(f"{path} 已存在，不会覆盖 / {path} exists and is never overwritten")
    return Draft(kind, values, path)


def _plan_draft(records: Records, records_dir: Path, values: dict, today: date, applies) -> Draft:
    """plans/<month>/<staff>.yaml with the contacts the rules ask of that person that month."""
    from generator.authoring.plan_draft import as_of_day, month_of, next_month, plan_contacts
    from generator.derive import AsOf, derive_agenda
    from generator.derive.calendar import WorkCalendar

    given = "month" in values
    try:
        values.setdefault("month", next_month(today))
    except OverflowError:  # the day after 9999-12: no month to plan
        values["month"] = "9999-13"
    month = month_of(str(values["month"]))
    if month is None and not given:  # the month after --date is none the schema allows
        raise DraftError(
            f"{today} 的下个月不在 1900–2199 年之间，请检查 --date，或用 --month 指定月份 / the "
            f"month after {today} is not in 1900–2199: check --date, or give --month"
        )
    if month is None:
        raise DraftError(
            f"月份应写成 YYYY-MM，例如 --month 2026-12 / --month takes YYYY-MM, e.g. 2026-12, "
            f"not {values['month']!r}"
        )
    if month.end < today:
        raise DraftError(
            f"{values['month']} 已经过去，不能再做这个月的计划 / {values['month']} is over: "
            "plan a month that has not ended"
        )
    if "staff" not in values:
        return Draft("plan", values, Path("plans"))
    staff = records.staff.get(values["staff"])
    if staff is None:
        raise DraftError(
            f"没有编号为 {values['staff']} 的员工（见 team.yaml）/ no staff member "
            f"{values['staff']!r} in team.yaml"
        )
    path = Path("plans") / values["month"] / f"{staff.id}.yaml"
    _inside_its_folder(path)
    if (records_dir / path).exists():
        raise DraftError(f"{path} 已存在，不会覆盖 / {path} exists and is never overwritten")
    as_of = AsOf.day(as_of_day(month, today))
    agenda = derive_agenda(records, as_of, applies() if applies is not None else None)
    workday = WorkCalendar(records.policy.calendar).is_workday
    contacts = plan_contacts(agenda.items, staff.id, month, as_of.today, workday)
    if not contacts:
        raise DraftError(
            f"按制度 {staff.id} {staff.name} 在 {month.start.year} 年 {month.start.month} 月没有"
            f"待访事项，所以没有创建计划；可换一个月份（--month），或参照 docs/reference/records.md "
            f"手写 {path} / nothing is due for {staff.id} in {values['month']}, so no plan was "
            f"written; choose another --month, or write {path} by hand (docs/reference/records.md)"
        )
    values["contacts"] = contacts
    return Draft("plan", {k: values[k] for k in ("staff", "month", "contacts")}, path)


def latest_survey(records: Records) -> Survey | None:
    """The survey whose period begins last (the one being collected)."""
    return max(records.survey_list, key=lambda s: (s.period.start, s.id), default=None)


def _response_draft(
    records: Records, records_dir: Path, values: dict, today: date, ident: str | None
) -> Draft:
    """surveys/<survey>/responses/<n>.yaml: the next form number, dated today."""
    survey = records.surveys.get(ident) if ident else latest_survey(records)
    if survey is None:
        known = "、".join(s.id for s in records.survey_list) or "无 / none"
        if ident in records.unreadable.get("survey", ()):
            raise DraftError(
                f"调查 {ident} 的记录有错误，先运行 huifang check 改正 / the survey {ident} "
                "has errors: run huifang check and fix them first"
            )
        raise DraftError(
            f"没有调查 {ident}（已有：{known}）/ no survey {ident!r} (known: {known})"
            if ident
            else "还没有满意度调查，先运行 huifang new survey / there is no survey yet: run "
            "huifang new survey first"
        )
    if not survey.items:
        raise DraftError(
            f"调查 {survey.id} 还没有调查项目（items），先在 surveys/{survey.id}.yaml 中写好 "
            f"/ the survey {survey.id} has no items yet: list them in surveys/{survey.id}.yaml"
        )
    values.setdefault("date", today.isoformat())
    number = next_response_number(records, records_dir, survey.id)
    path = Path("surveys") / survey.id / RESPONSES / f"{number}.yaml"
    _inside_its_folder(path)
    if (records_dir / path).exists():
        raise DraftError(f"{path} 已存在，不会覆盖 / {path} exists and is never overwritten")
    return Draft("survey_response", values, path, survey)


_FILE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}")


def _inside_its_folder(path: Path) -> None:
    """Ids, dates and methods typed by the user become the file's path: each part must be a
    plain name (letters, digits, - _ .), so nothing is written outside its folder."""
    for part in path.parts:
        if not _FILE_PART.fullmatch(part) or ".." in part:
            raise DraftError(
                f"编号或取值 {part!r} 不能用作文件名（只能用字母、数字、- 和 _）"
                f" / {part!r} cannot be part of a file name (letters, digits, - and _ only)"
            )


def _survey_values(records: Records, given: dict, today: date) -> dict:
    """A survey of the policy's items, with the latest survey's levels and zero counts."""
    existing = [s.id for s in records.survey_list]
    ident = given.get("id") or next_survey_id(existing, today)
    match = _HALF.match(ident)
    values = {"id": ident}
    if match:
        year, half = int(match.group(1)), match.group(2)
        values["title"] = f"{year} 年{'上' if half == '1' else '下'}半年满意度调查"
        values["period"] = (
            {"start": f"{year}-01-01", "end": f"{year}-06-30"}
            if half == "1"
            else {"start": f"{year}-07-01", "end": f"{year}-12-31"}
        )
    latest = records.survey_list[-1] if records.survey_list else None
    levels = (
        [(level.name, level.satisfied) for level in latest.levels]
        if latest and latest.levels
        else list(DEFAULT_LEVELS)
    )
    items = list(records.policy.surveys.items)
    values.update(
        distributed=0,
        returned=0,
        levels=[{"name": name, "satisfied": ok} for name, ok in levels],
        items=[
            {"name": item, "counts": dict.fromkeys((n for n, _ in levels), 0)} for item in items
        ],
    )
    return {**values, **given}
