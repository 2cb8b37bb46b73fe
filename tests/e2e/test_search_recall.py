"""Search recall and own-page ranking, in Chromium through Pagefind's own script (issue 20).

For every query of an everyday list — topics, fragments inside compound words, names and
their parts, ids, staff, dates in both forms — the oracle is the set of pages whose article
(what a reader sees) contains the query; the search must find all of them (recall 100%).
A record's id or full name must show its own page first in the search box. Run on the
shipped demo and on a generated set of 2,000 customers. The queries taken from records are
picked from the built pages, not written down, so the test holds for any demo data.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import build_site, huifang
from test_browser import CHROMIUM_FLAGS, chromium_path

from generator.site.render import NOT_SEARCHED
from generator.site.search_chunks import unpacked
from generator.site.serve import serving

playwright_api = pytest.importorskip("playwright.sync_api")

# Words of the seeds' and records' everyday language, several of them parts of longer words
# jieba keeps whole (车位 in 停车位, 意度 in 满意度, 户满 across 客户满意) or split (客户拜访统计表).
TOPICS = [
    "投诉", "满意度", "售后", "回访", "整改", "绿化", "车位", "停车", "停车位", "漏水", "物业",
    "维修", "报价", "合同", "电梯", "保洁", "噪音", "意度", "户满", "客户拜访统计表", "电话",
    "上门", "逾期", "待访", "业主", "回复", "满意", "有限公司", "科技",
]  # fmt: skip

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")


def article_texts(site: Path) -> dict[str, str]:
    """Page path → its article's text, lower-cased (Pagefind ignores case)."""
    texts = {}
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue  # the page for a missing address: not searchable, nothing of a record
        if NOT_SEARCHED.fullmatch(path.relative_to(site).with_suffix(".md").as_posix()):
            continue  # a list repeating other pages' records: its title alone is indexed
        found = ARTICLE.search(path.read_text("utf-8"))
        if found:
            text = html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))
            texts[path.relative_to(site).as_posix()] = text.lower()
    return texts


def own_queries(site: Path) -> list[tuple[str, str]]:
    """(query, own page) for every customer id and name shown in full, staff id and name."""
    pairs = []
    for path in sorted((site / "customers").glob("C*.html")):
        if "-timeline-" in path.stem:
            continue
        heading = re.search(r"<h1[^>]*>([^<]+)", path.read_text("utf-8")).group(1).strip()
        ident, name = html.unescape(heading).split(" ", 1)
        pairs.append((ident, f"customers/{path.name}"))
        if "*" not in name:  # a masked name (张*) names nobody
            pairs.append((name, f"customers/{path.name}"))
    for path in sorted((site / "due").glob("S*.html")):
        heading = re.search(r"<h1[^>]*>([^<]+)", path.read_text("utf-8")).group(1).strip()
        _, ident, name = html.unescape(heading).split(" ", 2)
        pairs += [(ident, f"due/{path.name}"), (name, f"due/{path.name}")]
    return pairs


def everyday_queries(site: Path, texts: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(query, the texts whose presence makes a page an expected result)."""
    queries: list[tuple[str, list[str]]] = [(topic, [topic]) for topic in TOPICS]
    names = [q for q, own in own_queries(site) if own.startswith("customers/") and q[0] > "~"]
    for name in names[:: max(1, len(names) // 6)][:6]:
        queries.append((name, [name]))
        if len(name) >= 4:  # a part from inside the name: 极科 of 太极科技有限公司
            queries.append((name[1:3], [name[1:3]]))
    staff = [q for q, own in own_queries(site) if own.startswith("due/")]
    queries += [(q, [q]) for q in staff]
    complaint_ids = sorted(set(re.findall(r"K20\d\d-\d{4}", " ".join(texts.values()).upper())))
    queries += [(ident, [ident]) for ident in complaint_ids[:: max(1, len(complaint_ids) // 4)][:4]]
    dates = sorted({m.group() for t in texts.values() for m in ISO_DATE.finditer(t)})
    for day in dates[:: max(1, len(dates) // 4)][:4]:
        year, month, date = day.split("-")
        queries.append((day, [day]))
        queries.append((f"{int(month)}月{int(date)}日", [day]))
        queries.append((f"{year}年{int(month)}月{int(date)}日", [day]))
    return queries


def pagefind_results(site: Path, queries: list[str]) -> dict[str, list[str]]:
    """query → the pages Pagefind's script returns, in its order."""
    url_of = {  # the main bundle's pages and its shards' (pagefind/shards.json)
        path.stem: json.loads(unpacked(path))["url"].lstrip("/")
        for path in (site / "pagefind").rglob("fragment/*.pf_fragment")
    }
    with serving(site) as base, playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(base + "index.html")
        found = page.evaluate(
            """async queries => {
                const pagefind = await import('/pagefind/pagefind.js');
                const listed = await fetch('/pagefind/shards.json');  // as huifang.js merges
                const shards = listed.ok ? (await listed.json()).bundles : [];
                for (const shard of shards) await pagefind.mergeIndex('/pagefind/' + shard);
                const out = {};
                for (const q of queries) {
                    const terms = window.huifangSearchTerms(q);  // as the search box searches
                    out[q] = (await pagefind.search(terms)).results.map(r => r.id);
                }
                return out;
            }""",
            queries,
        )
        browser.close()
    return {q: [url_of[digest] for digest in ids] for q, ids in found.items()}


def first_links(site: Path, queries: list[str]) -> dict[str, str]:
    """query → the first link the search box shows (the 直达 line when there is one)."""
    shown = {}
    with serving(site) as base, playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto(base + "index.html")
        box = page.locator("#hf-search .pagefind-ui__search-input")
        for query in queries:
            box.fill(query)
            page.wait_for_function(
                """q => { const own = document.querySelector('#hf-search .hf-own');
                          const message = document.querySelector('.pagefind-ui__message');
                          return own && !own.hidden && message && message.textContent.includes(q); }""",
                arg=query,
                polling=50,
                timeout=10_000,
            )
            href = page.locator("#hf-search .pagefind-ui__drawer a").first.get_attribute("href")
            shown[query] = href.removeprefix(base)
        browser.close()
    return shown


def check_recall(site: Path) -> None:
    texts = article_texts(site)
    queries = everyday_queries(site, texts)
    assert len(queries) >= 50, len(queries)
    found = pagefind_results(site, [q for q, _ in queries])
    lost = {}
    for query, marks in queries:
        expected = {p for p, text in texts.items() if any(m.lower() in text for m in marks)}
        assert expected, f"{query}: no page holds it; the query list is stale"
        if missing := expected - set(found[query]):
            lost[query] = f"{len(missing)} of {len(expected)}, e.g. {sorted(missing)[:2]}"
    assert not lost, lost


def check_own_first(site: Path, sample: int | None = None) -> None:
    owners: dict[str, set[str]] = {}
    for query, own in own_queries(site):  # two customers may share a name: either first
        owners.setdefault(query, set()).add(own)
    queries = sorted(owners)
    if sample:
        queries = queries[:: max(1, len(queries) // sample)]
    shown = first_links(site, queries)
    wrong = {q: (shown[q], sorted(owners[q])) for q in queries if shown[q] not in owners[q]}
    assert not wrong, wrong


def test_every_page_holding_a_query_is_found_in_the_demo(demo_site):
    chromium_path()
    check_recall(demo_site[0])


def test_an_id_or_full_name_shows_its_own_page_first_in_the_demo(demo_site):
    chromium_path()
    check_own_first(demo_site[0])


def test_lists_repeating_other_pages_are_found_by_their_title_alone(demo_site):
    """A month's 客户拜访登记表, the team's due list and a 今日待办 repeat rows that the
    customers' timelines and each person's due list hold: their search copy is their title."""
    site, work = demo_site
    copies = work / "search" / "main"
    for path, title in (("visits/2026-11.html", "客户拜访登记表 2026-11"), ("due/index.html", "待访"),
                        ("due/today-S05.html", "今日待办 S05")):  # fmt: skip
        body = (copies / path).read_text(encoding="utf-8").split("data-pagefind-body>", 1)[1]
        assert re.sub(r"<span hidden[^>]*>[^<]*</span>\s*", "", body).startswith(f"<h1>{title}")
        assert "C00" not in body, path  # no row of a customer
    assert "C00" in (copies / "due/S05.html").read_text(encoding="utf-8")  # searched whole
    found = pagefind_results(site, ["客户拜访登记表"])["客户拜访登记表"]
    assert "visits/2026-11.html" in found


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """2,000 customers, 20,000 visits, 1,000 complaints: the issue's measuring size."""
    root = tmp_path_factory.mktemp("large")
    made = huifang(
        "demo", "--out", str(root / "records"), "--customers", "2000", "--visits", "20000",
        "--complaints", "1000",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    result, _ = build_site(root / "records", root / "site", "--quiet")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_every_page_holding_a_query_is_found_among_2000_customers(large_site):
    chromium_path()
    check_recall(large_site)


def test_ids_and_names_show_their_own_pages_first_among_2000_customers(large_site):
    chromium_path()
    check_own_first(large_site, sample=40)
