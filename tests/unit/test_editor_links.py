"""Links from the site into the browser editor (generator/site/editor_links.py): every due
item a new visit completes, each customer page and each complaint page open admin/'s
new-visit form pre-filled with ids and enum values only; without the editor, none."""

from __future__ import annotations

import json

import pytest

from generator.model import Commitment, Credit
from generator.site.complaint_pages import complaint_record_pages
from generator.site.due_lists import due_pages
from generator.site.editor_links import ID, NotAnId, new_visit_href, visit_kinds
from generator.site.pages import customers
from generator.site.render import environment
from generator.vocabulary import schema_dir
from tests.unit.builders import at, complaint, customer, day, policy, records, visit
from tests.unit.test_record_addresses import site_data

NEW = "../admin/#/collections/visits/new?"
# As of 2026-11-23: C0001 (grade A, chief S02) owes its monthly onsite visit; C0002's repair
# visit of 11-18 wants its callback; K2026-0007 was resolved on 11-03 and its follow-up visit
# is overdue; C0001's promise of 11-25 is open (done in its visit's `done`, not by a visit);
# C0002's payment falls due 11-24; every repair visit is drawn for a check (share 1).
RULES = policy(
    cadence=[{"name": "a_onsite", "label": "A 类客户每月上门 1 次", "applies": {"grade": ["A"]},
              "methods": "onsite", "period": "month", "min": 1, "by": "chief"}],
    events=[{"name": "repair_callback", "label": "报修后 10 天内回访", "after": "visit.repair",
             "within_days": 10, "methods": "phone"},
            {"name": "repair_check", "label": "抽查报修回访", "after": "visit.repair",
             "sample": {"share": 1.0, "period": "quarter"}, "methods": "phone"}],
    reminders={"payment": {"days_before": 3}},
)  # fmt: skip
RECORDS = records(
    customers=[
        customer("C0001", owner="S01", chief="S02"),
        customer("C0002", owner="S01", grade="B", last_order=day("2026-10-25"),
                 credit=Credit(term_days=30)),
    ],
    visits=[
        visit("2026-11-18", "C0002", kind="repair"),
        visit("2026-11-02", "C0001", commitments=(Commitment(text="送样品", due=day("2026-11-25")),)),
    ],
    complaints=[complaint("K2026-0007", received=at("2026-11-02 09:00"), first_responder="S02",
                          registered=at("2026-11-02 10:00"), answered=at("2026-11-02 12:00"),
                          resolved=at("2026-11-03 09:00"), feedback_sent=at("2026-11-03 10:00"))],
    rules=RULES,
)  # fmt: skip


def rendered(pages, editor: bool) -> dict[str, str]:
    """Each page's article, as the build writes it (masked profile)."""
    env = environment(masked=True)
    return {p.path: env.get_template(p.template).render(**p.context()) for p in pages}


def site_pages(editor: bool) -> dict[str, str]:
    data = site_data(RECORDS)
    data.editor = editor
    pages = [*due_pages(data), *customers(data), *complaint_record_pages(data)]
    return rendered(pages, editor)


def hrefs(html: str) -> list[str]:
    """Every 记录回访 / 登记投诉处理 link's address as the page's HTML holds it."""
    marker = '<a class="hf-record" href="'
    return [part.split('"', 1)[0] for part in html.split(marker)[1:]]


def test_each_open_item_a_visit_completes_links_the_form_with_its_ids():
    data = site_data(RECORDS)
    data.editor = True
    rows = {(i.rule, i.customer): data.due_row(i, "../") for i in data.open_items}
    link = {key: (row["record"] or {}).get("href") for key, row in rows.items()}
    assert (
        link[("a_onsite", "C0001")] == NEW + "customer=C0001&method=onsite&kind=routine&staff=S02"
    )
    # the callback after a repair is 售后回访: as kind repair it would trigger repair_callback again
    assert (
        link[("repair_callback", "C0002")]
        == NEW + "customer=C0002&method=phone&kind=after_sales&staff=S01"
    )
    # the sampled repair visit is checked by a check visit naming it
    assert link[("repair_check", "C0002")] == (
        NEW + "customer=C0002&method=phone&kind=check&staff=S01&checks=2026-11-18-C0002-phone"
    )
    # the complaint's follow-up: kind complaint, naming the complaint (derive/sla.py)
    assert link[("complaint_followup", "C0001")] == (
        NEW + "customer=C0001&method=phone&kind=complaint&staff=S02&complaint=K2026-0007"
    )
    # a payment reminder is met by a contact for a purpose that counts (policy: collection)
    assert link[("payment", "C0002")] == (
        NEW + "customer=C0002&method=phone&kind=routine&purpose=collection&staff=S01"
    )
    assert link[("commitment", "C0001")] is None  # done in the visit's `done`, not by a new one
    assert {row["record"]["label"] for row in rows.values() if row["record"]} == {"记录回访"}


def test_the_pages_link_the_form_with_the_editor_and_not_without_it():
    with_editor, without = site_pages(True), site_pages(False)
    assert sorted(with_editor) == sorted(without)
    amp = "&amp;"
    team = hrefs(with_editor["due/index.md"])
    # the table's row and the phone's card: the same link twice
    onsite = NEW + amp.join(["customer=C0001", "method=onsite", "kind=routine", "staff=S02"])
    assert team.count(onsite) == 2
    # on a person's list the visit is that person's (S01 is C0002's owner, S02 C0001's chief)
    mine = hrefs(with_editor["due/S01.md"])
    repair = NEW + amp.join(["customer=C0002", "method=phone", "kind=after_sales", "staff=S01"])
    assert mine.count(repair) == 2 and onsite not in mine
    assert hrefs(with_editor["due/today-S02.md"]) == [
        NEW + amp.join(["customer=C0001", "method=phone", "kind=complaint", "staff=S02",
                        "complaint=K2026-0007"])
    ] * 2  # fmt: skip
    assert hrefs(with_editor["customers/C0001.md"])[0] == (
        NEW + amp.join(["customer=C0001", "method=phone", "kind=routine", "staff=S01"])
    )  # the page's own link first: a routine visit by the owner; then its open items
    complaint_page = with_editor["complaints/K2026-0007.md"]
    assert hrefs(complaint_page) == [
        NEW + amp.join(["customer=C0001", "method=phone", "kind=complaint", "staff=S02",
                        "complaint=K2026-0007"])
    ]  # fmt: skip
    assert ">登记投诉处理</a>" in complaint_page
    assert ">记录回访</a>" in with_editor["customers/C0001.md"]
    for path, html in without.items():
        assert "admin/" not in html and "记录回访" not in html and "登记投诉处理" not in html, path


def test_without_the_editor_a_page_is_as_it_was():
    """The links are the only difference: removing them from the editor's pages gives the
    pages built without it, byte for byte."""
    with_editor, without = site_pages(True), site_pages(False)
    for path, html in with_editor.items():
        stripped = html
        for href in set(hrefs(html)):
            for label in ("记录回访", "登记投诉处理"):
                for around in (("<br>", ""), ('<p class="hf-record-links">', "</p>\n")):
                    link = f'{around[0]}<a class="hf-record" href="{href}">{label}</a>{around[1]}'
                    stripped = stripped.replace(link, "")
        assert stripped == without[path], path


def test_only_ids_go_into_a_link():
    # the schema's id form is the one the link holds values to (a record's ids pass the gate
    # only in that form: letters, digits, - and _, so nothing in them needs escaping)
    common = json.loads((schema_dir() / "common.json").read_text(encoding="utf-8"))
    assert common["$defs"]["id"]["pattern"] == f"^{ID.pattern}$"
    for hostile in ('C0001"><script>', "C0001&staff=S99", "张三", "C 0001", "-C1"):
        with pytest.raises(NotAnId):
            new_visit_href("", {"customer": hostile})
    assert new_visit_href("../", {"customer": "C0001", "staff": ("S01", "S05"), "checks": ()}) == (
        "../admin/#/collections/visits/new?customer=C0001&staff=S01,S05"
    )
    assert set(visit_kinds()) >= {"routine", "repair", "complaint", "check", "holiday"}
