"""`huifang build`: a real MkDocs + Material build of the demo and of hostile records."""

from __future__ import annotations

import gzip
import json
import re

import yaml
from conftest import ROOT, assert_golden, build_site, customer_file

PAGES = (
    "index.html",
    "customers/index.html",
    "customers/C0001.html",
    "due/index.html",
    "due/S05.html",
    "due/S05.ics",
    "due/S05.csv",
    "complaints/index.html",
    "satisfaction.html",
    "reports.html",
    "changes/index.html",
    "changes/customers.html",
    "changes/feed.xml",
    "quality.html",
    "deals/index.html",
    "deals/lost.html",
    "pagefind/pagefind.js",
    "pagefind/pagefind-ui.js",
)


def test_the_demo_site_has_every_section(demo_site):
    site, _ = demo_site
    for page in PAGES:
        assert (site / page).is_file(), page
    customers = [p for p in (site / "customers").glob("C*.html") if "-timeline-" not in p.name]
    assert len(customers) == 60
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="zh"' in index and "数据截至" in index and "2026-11-23" in index


def test_a_long_timeline_continues_on_further_pages_newest_first(demo_site):
    from generator.site.timelines import TIMELINE_OPEN, TIMELINE_PAGE

    site, _ = demo_site
    # the demo's longest timeline: C0057, an A1 customer all year (56 entries)
    first = (site / "customers" / "C0057.html").read_text(encoding="utf-8")
    second = (site / "customers" / "C0057-timeline-2.html").read_text(encoding="utf-8")
    heading = re.compile(
        r'<section class="hf-entry hf-(?:visit|complaint)" id="[vk]-[^"]+">\s*<h3>([^<]*)'
    )
    newer, older = heading.findall(first), heading.findall(second)
    assert len(newer) == TIMELINE_PAGE and 0 < len(older) <= TIMELINE_PAGE
    dates = [entry.split(" · ")[0] for entry in newer + older]
    assert dates == sorted(dates, reverse=True)  # one timeline across the pages
    assert first.count('<details class="hf-older">') == 1  # all but the newest 20 folded
    assert f"本页更早的 {TIMELINE_PAGE - TIMELINE_OPEN} 条记录" in first
    assert 'href="C0057-timeline-2.html"' in first and 'href="C0057.html"' in second
    assert "C0057 信诚致远科技有限公司 · 时间线第 2 页" in second
    assert not (site / "customers" / "C0002-timeline-2.html").exists()  # short: one page


def test_the_nav_lists_section_pages_only(demo_site):
    _, work = demo_site
    config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(entry)) for entry in config["nav"]] == [
        "首页", "客户", "拜访", "商机", "待访", "投诉", "满意度", "报表", "变更", "数据质量",
        "制度",  # the team's own page (mkdocs.yml, site_pages/), after the generated sections
    ]  # fmt: skip
    assert config["theme"]["font"] is False and config["theme"]["language"] == "zh"


def test_no_request_to_another_host(demo_site):
    site, _ = demo_site
    hosts = set()
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        hosts |= set(re.findall(r'(?:src|href)="(?:https?:)?//([^/"]+)', text))
    assert hosts <= {
        "squidfunk.github.io",
        "www.mkdocs.org",
    }  # the theme's footer credit links only
    assert not any("googleapis" in h or "gstatic" in h or "cdn" in h for h in hosts)


def test_a_masked_site_leaks_no_phone_number(demo_site):
    site, _ = demo_site
    numbers = set()
    for path in (ROOT / "records").rglob("*.md"):
        numbers |= set(re.findall(r"1[3-9]\d{9}", path.read_text(encoding="utf-8")))
    assert numbers
    searched = 0
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".csv", ".ics"):
            text = path.read_text(encoding="utf-8")
            assert not any(n in text for n in numbers), path
        if path.suffix == ".pf_fragment":  # the search index: gzip-compressed page texts
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
            searched += "C0001" in text
            assert not any(n in text for n in numbers), path
    assert searched  # the index was really read


def test_generated_markdown_matches_golden_files(demo_site):
    _, work = demo_site
    for page in ("index.md", "customers/C0001.md", "due/S05.md"):
        text = (work / "docs" / page).read_text(encoding="utf-8")
        # The change history depends on how this checkout was cloned: tested in test_history.
        text = text.split('<h2 id="变更记录">')[0]
        text = re.sub(r"<details class=\"hf-record-changes\">.*?</details>", "", text, flags=re.S)
        assert_golden("site-" + page.replace("/", "-"), text)


def test_two_builds_give_the_same_bytes(demo_site, tmp_path):
    site, _ = demo_site
    again, _ = build_site(ROOT / "records", tmp_path / "site")
    assert again.returncode == 0, again.stderr
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {
        p.relative_to(tmp_path / "site"): p.read_bytes()
        for p in (tmp_path / "site").rglob("*")
        if p.is_file()
    }
    assert first == second


XSS_BODY = """\
<script>alert('body')</script>
<img src=x onerror="alert('img')">
[点我](javascript:alert('link'))
<!-- 隐藏的注释 -->
<a href="https://example.com" onclick="alert('a')">正常链接</a>
"""


def test_hostile_records_build_without_any_payload_surviving(tree, tmp_path):
    customer = customer_file(
        name=json.dumps('"><script>alert("name")</script><svg onload=alert(1)>'),
        address=json.dumps("<img src=x onerror=alert(2)>"),
    ).replace("客户概况。", XSS_BODY)
    visit = (
        "---\ncustomer: C0001\ndate: 2026-11-20\nmethod: phone\nstaff: [S01]\n"
        "outcome: '<b onmouseover=alert(3)>x</b>'\n---\n" + XSS_BODY
    )
    root = tree({"customers/C0001.md": customer, "visits/2026/2026-11-20-C0001-phone.md": visit})
    result, _ = build_site(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "customers" / "C0001.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    for tag in ("<script", "<img", "<!--"):
        assert tag not in article, tag  # escaped text such as &lt;svg … is harmless
    assert not re.search(r"<[^>]+javascript:", article)  # no link runs it (text may say it)
    assert re.findall(r"<svg[^>]*>", article) == re.findall(r'<svg class="hf-chart"[^>]*>', article)
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", article)  # no event handler on a real tag
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "<script" not in title and "<svg" not in title
    assert "正常链接" in article and 'href="https://example.com"' in article


def test_the_post_build_scan_catches_what_slips_through(tmp_path):
    from generator.site.scan import scan_site

    (tmp_path / "p.html").write_text(
        '<article class="md-content__inner md-typeset"><p onclick="x()">13812345678</p></article>',
        encoding="utf-8",
    )
    found = {f.what for f in scan_site(tmp_path, masked=True)}
    assert found == {"event handler", "mobile number"}
    assert {f.what for f in scan_site(tmp_path, masked=False)} == {"event handler"}
    (tmp_path / "p.html").write_text(
        '<article class="md-content__inner md-typeset"><a href=" javascript:x()">链接</a>'
        "<p>文中提到 javascript: 不算</p></article>",
        encoding="utf-8",
    )
    assert [f.what for f in scan_site(tmp_path, masked=True)] == ["javascript: URL"]
    commit = "0b37ded8454a5b17680313148bb84819ffc61899"  # a real hash with 11 digits in a row
    (tmp_path / "p.html").write_text(f'<code title="{commit}">0b37ded8</code>', encoding="utf-8")
    (tmp_path / "S03.ics").write_text("UID:27d8221912298192ee65@huifang\n", encoding="utf-8")
    assert scan_site(tmp_path, masked=True) == []  # hash identifiers hold digit runs
    (tmp_path / "S03.ics").write_text("DESCRIPTION:业主 13912345678\n", encoding="utf-8")
    assert [f.what for f in scan_site(tmp_path, masked=True)] == ["mobile number"]


def test_the_scan_of_many_files_in_two_processes_finds_the_same(tmp_path):
    import gzip

    from generator.site.scan import PARALLEL_FROM, scan_site

    for number in range(PARALLEL_FROM + 10):
        text = f"第 {number} 页 139****{number:04d}"
        if number in (7, PARALLEL_FROM + 3):
            text += " 13912345678"  # one early, one late: both chunks are read
        (tmp_path / f"{number:05d}.pf_fragment").write_bytes(gzip.compress(text.encode()))
    (tmp_path / "w.pf_index").write_bytes(gzip.compress(b"13912345678"))  # words: not read
    expected = [(f"pagefind/{n:05d}.pf_fragment", "mobile number") for n in (7, PARALLEL_FROM + 3)]
    for processes in (1, 2):
        found = scan_site(tmp_path, masked=True, shown_prefix="pagefind/", processes=processes)
        assert [(f.path, f.what) for f in found] == expected


def test_build_never_writes_into_records(tree, tmp_path):
    root = tree()  # a plain folder, not a Git repository
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result, _ = build_site(root, tmp_path / "site", "--quiet")
    assert result.returncode == 0 and result.stderr == "", result.stderr  # quiet: no git note
    assert before == {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_page_templates_read_a_context_dicts_keys_first():
    from generator.site.render import environment

    template = environment().from_string("{{ s.items | join(',') }} {{ s.title }} {{ n.real }}")
    assert (
        template.render(s={"items": ["甲", "乙"], "title": "<标题>"}, n=3) == "甲,乙 &lt;标题&gt; 3"
    )
