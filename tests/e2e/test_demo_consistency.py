"""The shipped demo agrees with itself: what one field says, no other field or text of the
same records contradicts (the demo once showed "满意度：不满意 · 结果：客户满意" and visits
years before the customer came to us). Each rule is also planted in a copy to show it bites."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from holidays.countries.china import China

SHIPPED = ROOT / "records"
_HOLIDAYS = set(China(years=range(2024, 2028)))
FESTIVALS = sorted(d for d in _HOLIDAYS if date.fromordinal(d.toordinal() - 1) not in _HOLIDAYS)
# words of praise; "满意度" (the survey) and "不满意" are not praise
PRAISE = ("满意", "认可", "良好", "评价较高")


def _praises(text: str) -> bool:
    plain = text.replace("满意度", "").replace("不满意", "")
    return any(word in plain for word in PRAISE)


def _read(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        head, _, body = text[4:].partition("\n---\n")
        return yaml.safe_load(head), body
    return yaml.safe_load(text), ""


def _day(value: object) -> str:
    return str(value)[:10]


def contradictions(records: Path) -> list[str]:
    """Every contradiction between the demo records' fields, as 'file: what'."""
    found: list[str] = []
    customers = {
        fields["id"]: fields for fields, _ in map(_read, sorted(records.glob("customers/*.md")))
    }
    complaints = {
        fields["id"]: fields for fields, _ in map(_read, sorted(records.glob("complaints/*/*.md")))
    }
    for c in customers.values():
        since = _day(c["since"])
        if "last_order" in c and _day(c["last_order"]) < since:
            found.append(f"{c['id']}: last order before since")
        contract = c.get("events", {}).get("contract")
        for doc in c.get("documents", []):
            if contract and _day(doc["received"]) < _day(contract):
                found.append(f"{c['id']}: document before the contract")
    for k in complaints.values():
        if _day(k["received"]) < _day(customers[k["customer"]]["since"]):
            found.append(f"{k['id']}: complaint before the customer's since")
        steps = [
            str(k[s])
            for s in ("received", "registered", "answered", "resolved", "feedback_sent")
            if s in k
        ]
        if steps != sorted(steps):
            found.append(f"{k['id']}: complaint steps out of order")
    for path in sorted(records.glob("visits/*/*.md")):
        v, body = _read(path)
        name, day = path.name, _day(v["date"])
        if day < _day(customers[v["customer"]]["since"]):
            found.append(f"{name}: visit before the customer's since")
        satisfied = v.get("satisfaction") == "satisfied"
        if not satisfied and (_praises(str(v.get("outcome", ""))) or _praises(body)):
            found.append(f"{name}: {v.get('satisfaction')} but the text praises")
        if satisfied and "不满意" in str(v.get("outcome", "")) + body:
            found.append(f"{name}: satisfied but the text says 不满意")
        for promise in v.get("commitments", []):
            if _day(promise["due"]) < day or _day(promise.get("done", day)) < day:
                found.append(f"{name}: commitment due or done before it was made")
        if "reviewed_on" in v and _day(v["reviewed_on"]) < day:
            found.append(f"{name}: reviewed before the visit")
        if "next_contact" in v and _day(v["next_contact"]) <= day:
            found.append(f"{name}: next contact not after the visit")
        for issue in v.get("issues", []):
            moments = [f"{day} {v.get('time', '00:00')}"]
            moments += [str(issue[s]) for s in ("sent_at", "first_contact_at") if s in issue]
            if moments != sorted(moments):
                found.append(f"{name}: issue forwarded before it was raised")
        if v.get("kind") == "holiday" and not any(
            0 < (festival - date.fromisoformat(day)).days <= 10 for festival in FESTIVALS
        ):
            found.append(f"{name}: a festival greeting far from any festival")
        if "complaint" in v:
            k = complaints[v["complaint"]]
            if "resolved" not in k or day < _day(k["resolved"]):
                found.append(f"{name}: follow-up before the complaint was resolved")
            elif v.get("satisfaction") != k.get("customer_feedback"):
                found.append(
                    f"{name}: follow-up satisfaction differs from the complaint's feedback"
                )
    lost_on = {  # (customer, day) of every visit that says its opportunity was lost
        (v["customer"], _day(v["date"]))
        for v, _ in map(_read, sorted(records.glob("visits/*/*.md")))
        if (v.get("opportunity") or {}).get("status") == "lost"
    }
    for path in sorted(records.glob("lost/*/*.md")):
        deal, _ = _read(path)
        if _day(deal["date"]) < _day(customers[deal["customer"]]["since"]):
            found.append(f"{path.name}: deal lost before the customer's since")
        if (deal["customer"], _day(deal["date"])) not in lost_on:
            found.append(f"{path.name}: no visit of that day says the deal was lost")
    return found


def test_the_shipped_demo_has_no_contradiction():
    assert contradictions(SHIPPED) == []


def _first(records: Path, pattern: str, where: str) -> Path:
    return next(p for p in sorted(records.glob(pattern)) if where in p.read_text(encoding="utf-8"))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _plant(pattern: str, where: str, old: str, new: str):
    """Rewrite `old` to `new` in the first file matching `pattern` that contains `where`."""
    return lambda records: _replace(_first(records, pattern, where), old, new)


PLANTS = {  # what is planted → (the change, the words of the contradiction found)
    "a dissatisfied visit whose outcome praises": (
        _plant("visits/*/*.md", "satisfaction: dissatisfied", "outcome: ", "outcome: 客户满意，"),
        "dissatisfied but the text praises",
    ),
    "a satisfied visit whose text says 不满意": (
        _plant("visits/*/*.md", "satisfaction: satisfied", "outcome: ", "outcome: 客户不满意，"),
        "satisfied but the text says 不满意",
    ),
    "a visit before the customer's since": (
        _plant("visits/2026/*.md", "date: '2026-", "date: '2026-", "date: '2018-"),
        "visit before the customer's since",
    ),
    "a complaint before the customer's since": (
        _plant("complaints/2026/*.md", "received: 2026-", "received: 2026-", "received: 2018-"),
        "complaint before the customer's since",
    ),
    "a commitment done before it was made": (
        _plant("visits/*/*.md", "  done: '", "  done: '", "  done: '2018"),
        "commitment due or done before it was made",
    ),
    "a follow-up visit hearing other feedback": (
        _plant("visits/*/*.md", "complaint: K", "satisfaction: ", "satisfaction: x"),
        "follow-up satisfaction differs",
    ),
    "a festival greeting in an ordinary week": (
        _plant("visits/*/*.md", "kind: holiday", "date: '20", "date: '2026-07-1"),
        "a festival greeting far from any festival",
    ),
    "a lost-deal report on a day no visit says so": (
        _plant("lost/*/*.md", "reason: price", "date: '2026-10-", "date: '2026-01-"),
        "no visit of that day says the deal was lost",
    ),
    "a deal lost before the customer came": (
        _plant("lost/*/*.md", "reason: price", "date: '2026-", "date: '2018-"),
        "deal lost before the customer's since",
    ),
    "an order before the contract": (
        _plant("customers/*.md", "contract: '", "last_order: '", "last_order: '2018"),
        "last order before since",
    ),
}


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_each_contradiction_planted_in_a_copy_is_found(tmp_path, plant):
    records = tmp_path / "records"
    shutil.copytree(SHIPPED, records)
    change, expected = PLANTS[plant]
    change(records)
    found = contradictions(records)
    assert any(expected in line for line in found), found
