"""The 变更 section: the team's recent changes, the latest changes per record kind, every
change by the month it was made (changes/2026-11.html, a long month over further pages:
no change is out of reach), and the recent changes as an Atom feed (changes/feed.xml) for
feed readers and mail digests. Each change links to the record it changed (its page or
its entry, `SiteData.href`) and, when the team set `extra.huifang.commit_url`, its commit
to the team's Git host (commit_links.py); fields and values are in the schema's Chinese.

Every value is masked exactly as on the rest of the site (generator.present.history);
authors are staff and shown as git recorded them (a claim: docs/history.md).
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.history import RecordHistory, Version
from generator.history.gitlog import Commit
from generator.present.history import version_dict
from generator.present.mask import numbers_in
from generator.site.commit_links import commit_href
from generator.site.data import Page, SiteData, ready
from generator.validate.signoffs import SIGN_OFFS, UNREGISTERED

RECENT = 100  # rows on the team page and entries in the feed
PER_KIND = 50
PER_MONTH_PAGE = 300  # rows of a month's page (~1 KB each); a longer month goes on
KIND_PAGES = {  # kind → (page title, file)
    "customer": ("客户变更", "customers"),
    "visit": ("回访变更", "visits"),
    "complaint": ("投诉变更", "complaints"),
    "survey": ("满意度调查变更", "surveys"),
    "team": ("团队与规则变更", "settings"),
}
LINKED_KINDS = frozenset({"customer", "visit", "complaint", "survey", "lost"})  # page or entry
# with the team's; 问卷 with surveys; visit plans with the visits
KIND_OF_PAGE = {"policy": "team", "survey_response": "survey", "plan": "visit"}
ATOM = "http://www.w3.org/2005/Atom"
FEED_NAMESPACE = uuid.UUID("6f1c3c3e-5d1a-4a8e-9a38-6e1f0d7c4b21")  # ids stable across builds


class Links:
    """Where a changed record is shown: its page or entry (`SiteData.href`), a deleted
    record's kept history, the team's and the policy's nowhere ("")."""

    def __init__(self, data: SiteData) -> None:
        self.data = data

    def of(self, history: RecordHistory, prefix: str) -> str:
        if history.deleted:
            return f"{prefix}changes/{deleted_page(history)}".removesuffix(".md") + ".html"
        if history.kind not in LINKED_KINDS:
            return ""
        return self.data.href(history.kind, history.id, prefix) or ""


def deleted_page(history: RecordHistory) -> str:
    """The page that keeps a deleted record's history (its id made safe for a file name)."""
    safe = re.sub(r"[^0-9A-Za-z_.\-\u4e00-\u9fff]", "_", history.id).lstrip(".")
    return f"deleted/{history.kind}-{safe}.md"


def change_row(data: SiteData, links: Links, history: RecordHistory, version: Version) -> dict:
    """A record's version as the changes pages and the feed show it. Its id is its file name
    (a visit's may hold a number), so it and the link made of it are shown as present says:
    the feed is XML, not a template, and would otherwise print them as they are."""
    row = version_dict(history.kind, version, data.privacy) | signed(data, history, version)
    link = links.of(history, "../")
    shown = data.privacy.plain
    return row | {
        "record": shown(history.id),
        "kind": history.kind,
        "link": link and shown(link),
        "commit_url": commit_href(data.commit_url, version.commit.sha),
    }


# the record kinds with a sign-off: (the fields that write it, the field naming who signs)
# kind → (the fields that write its sign-off, the field naming the signer, the row's label)
SIGNOFFS = {s.kind: s.row for s in SIGN_OFFS if s.row}


def signed(data: SiteData, history: RecordHistory, version: Version) -> dict:
    """Who made the version's commit, told by team.yaml's Git identities (`identity`: the
    staff member, 未登记的身份, or "" when nobody lists one), and for a version writing a
    sign-off whom it names (`signoff`; `stranger` when check reports it: docs/rules.md)."""
    ids = data.identities
    if not ids.listed:
        return {"identity": "", "signoff": None}
    who = ids.who(version.commit)
    identity = data.staff_label(who) if who else UNREGISTERED[0]
    fields, naming, what = SIGNOFFS.get(history.kind, (frozenset(), "", ""))
    writes = any(f.path[:1] and f.path[0] in fields for f in version.fields)
    claimed = _value_at(history, version, naming) if writes else None
    if not isinstance(claimed, str) or not claimed:
        return {"identity": identity, "signoff": None}
    stranger, _ = ids.stranger(version.commit, (claimed,))
    signoff = {"what": what, "claimed": data.staff_label(claimed), "stranger": stranger}
    return {"identity": identity, "signoff": signoff}


def _value_at(history: RecordHistory, version: Version, name: str) -> object:
    """The top-level field `name` as the record held it after `version`."""
    value: object = None
    for each in history.versions:
        for change in each.fields:
            if change.path == (name,):
                value = change.new if change.change != "removed" else None
        if each is version:
            break
    return value


def change_pages(data: SiteData) -> list[Page]:
    if data.history is None:
        context = {"available": False, "shallow": False, "rows": [], "kinds": [],
                   "months": [], "kind_title": "", "month": "", "pager": None}  # fmt: skip
        return [Page("changes/index.md", "变更", "changes.md.j2", ready(context))]
    every, links = data.changes, Links(data)
    kinds = [
        {"title": title, "link": f"{file}.html", "count": sum(
            KIND_OF_PAGE.get(h.kind, h.kind) == kind for h, _ in every)}
        for kind, (title, file) in KIND_PAGES.items()
    ]  # fmt: skip
    by_month = _by_month(every)
    months = [{"month": m, "link": f"{m}.html", "count": len(rows)} for m, rows in by_month]
    common = {"available": True, "shallow": data.history.shallow, "kinds": kinds,
              "months": months, "kind_title": "", "month": "", "pager": None}  # fmt: skip
    pages = [
        Page(
            "changes/index.md",
            "变更",
            "changes.md.j2",
            ready(common | {"rows": [change_row(data, links, h, v) for h, v in every[:RECENT]]}),
        )
    ]
    for kind, (title, file) in KIND_PAGES.items():
        mine = [(h, v) for h, v in every if KIND_OF_PAGE.get(h.kind, h.kind) == kind]
        rows = [change_row(data, links, h, v) for h, v in mine[:PER_KIND]]
        context = common | {"rows": rows, "kind_title": title, "total": len(mine)}
        pages.append(Page(f"changes/{file}.md", title, "changes.md.j2", ready(context)))
    pages += _month_pages(data, links, common, by_month)
    for history in (h for _, h in sorted(data.history.records.items()) if h.deleted):
        rows = [change_row(data, links, history, v) for v in history.versions[::-1]]
        context = {"record": history.id, "kind": history.kind, "rows": rows, "gone": rows[0]}
        title = f"已删除 {history.id}"
        pages.append(
            Page(f"changes/{deleted_page(history)}", title, "deleted.md.j2", ready(context))
        )
    return pages


Change = tuple[RecordHistory, Version]


def _by_month(every: list[Change]) -> list[tuple[str, list[Change]]]:
    """The changes by the month of their author date ("2026-11"), newest month first."""
    months: dict[str, list[Change]] = {}
    for history, version in every:  # newest first: each month's list is too
        month = version.commit.author_date[:7]
        month = month if MONTH.fullmatch(month) else "0000-00"  # git always writes a date
        months.setdefault(month, []).append((history, version))
    return sorted(months.items(), reverse=True)


MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")


def _month_pages(
    data: SiteData, links: Links, common: dict, by_month: list[tuple[str, list[Change]]]
) -> list[Page]:
    """Every change on its month's page: changes/2026-11.md, then 2026-11-2.md … when the
    month has more than PER_MONTH_PAGE changes."""
    pages = []
    for month, changes in by_month:
        chunks = [changes[i : i + PER_MONTH_PAGE] for i in range(0, len(changes), PER_MONTH_PAGE)]
        names = [month if n == 1 else f"{month}-{n}" for n in range(1, len(chunks) + 1)]
        for number, (name, chunk) in enumerate(zip(names, chunks, strict=True), start=1):
            pager = {
                "count": len(chunks),
                "per_page": PER_MONTH_PAGE,
                "pages": [
                    {"number": n, "link": f"{other}.html", "current": n == number}
                    for n, other in enumerate(names, start=1)
                ],
            }
            context = common | {
                "rows": [change_row(data, links, h, v) for h, v in chunk],
                "kind_title": f"{month} 的变更",
                "month": month,
                "total": len(changes),
                "pager": pager if len(chunks) > 1 else None,
            }
            title = f"{month} 的变更" + (f"（第 {number} 页）" if number > 1 else "")
            pages.append(Page(f"changes/{name}.md", title, "changes.md.j2", ready(context)))
    return pages


def atom_feed(data: SiteData, docs: Path) -> None:
    """changes/feed.xml: one entry per commit among the latest changes, newest first.
    Its dates are the commits' (never the build's), so two builds give the same bytes.
    Without history the feed is written empty, so the link in every page's head works."""
    links = Links(data)
    by_commit: dict[str, tuple[Commit, list[dict]]] = {}  # newest first, like the changes
    for history, version in data.changes[:RECENT]:
        _, rows = by_commit.setdefault(version.commit.sha, (version.commit, []))
        rows.append(change_row(data, links, history, version))
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    company = data.privacy.text(data.records.policy.company or "回访台")
    _text(feed, "title", f"{company} · 最近变更")
    _text(feed, "id", _urn(company))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href="index.html")
    newest = next(iter(by_commit.values()), None)
    _text(feed, "updated", newest[0].committer_date if newest else "1970-01-01T00:00:00Z")
    for sha, (commit, rows) in by_commit.items():
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        subject = rows[0]["message"].split("\n", 1)[0] or commit.short  # masked like the rows
        _text(entry, "title", f"{subject}（{len(rows)} 条记录）")
        _text(entry, "id", _urn(sha))
        _text(entry, "updated", commit.committer_date)
        _text(entry, "published", commit.author_date)
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(author, "name", rows[0]["author"])  # as the rows show it: masked by the profile
        link = next((r["link"] for r in rows if r["link"]), "index.html")
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=link)
        _text(entry, "content", "\n".join(_summary_line(r) for r in rows), type="text")
    target = docs / "changes" / "feed.xml"
    target.parent.mkdir(parents=True, exist_ok=True)
    ET.indent(feed)
    target.write_bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n")


def _urn(seed: str) -> str:
    """A stable id for the feed or an entry: a name-based UUID, the first of a numbered series
    whose hex holds no run of digits the post-build scan takes for a phone or ID number
    ("…-a03962890065" once failed a build as a landline)."""
    for n in range(1000):
        urn = f"urn:uuid:{uuid.uuid5(FEED_NAMESPACE, seed if n == 0 else f'{seed}#{n}')}"
        if not any(numbers_in(urn)):
            return urn
    return urn  # not reached: a UUID's 32 hex digits rarely hold such a run


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes).text = text


def _summary_line(row: dict) -> str:
    """ "C0001 修改：修改 客户等级 C → A1；…" — field changes of one record in one commit,
    named and valued as the 变更 pages show them."""
    if row["change"] in ("added", "deleted"):
        return f"{row['record']} {row['change_label']}"
    fields = "；".join(
        f"{f['label']} {f['title']}"
        + (
            f" {f['old_label']} → {f['new_label']}"
            if f["change"] == "changed"
            else f" {f['old_label'] or f['new_label']}"
        )
        for f in row["fields"]
    )
    return f"{row['record']} {row['change_label']}：{fields or '正文'}"
