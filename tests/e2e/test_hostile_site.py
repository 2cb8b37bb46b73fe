"""Hostile values in records never reach an output they could break (issue 17, items 1–13).

One payload tree, built once into a masked site in a real Git repository (a commit message
carries numbers too); each test asserts one guarantee on what was really written. The
privacy oracle is independent of the masking code: every file of the site (Pagefind's
fragments decompressed and decoded) is reduced to its digits after NFKC and HTML
decoding, and no planted number's digits may appear in that stream.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import TODAY, build_site, commit_all, huifang, run_git, write_tree

# Each planted number, as typed, with the digits a leak would show.
FILE_NAME_MOBILE = "13812345699"  # in a visit's file name
PLANTED = {
    "138 1234 5601": "13812345601",
    "138-1234-5602": "13812345602",
    "138.1234.5603": "13812345603",
    "+86 13812345604": "13812345604",
    "1 3 8 1 2 3 4 5 6 0 5": "13812345605",
    "138\u00a01234\u00a05606": "13812345606",
    "138\u30001234\u30005607": "13812345607",
    "138－1234－5608": "13812345608",
    "110105-19900307-1239": "110105199003071239",
    "(021) 6234 5679": "02162345679",
    "138&shy;1234&shy;5610": "13812345610",
    "𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟏𝟏": "13812345611",
    "138\u00ad1234\u00ad5612": "13812345612",
    "138<b>1234</b>5613": "13812345613",
    "１３８ １２３４ ５６１５": "13812345615",
    "1381 234 5618": "13812345618",
    "138,1234,5619": "13812345619",
    "138_1234_5620": "13812345620",
    "138～1234～5621": "13812345621",
    "138\u28001234\u28005622": "13812345622",
    "¹³⁸¹²³⁴⁵⁶²³": "13812345623",
    "①③⑧①②③④⑤⑥②④": "13812345624",
    "1\u20e33\u20e38\u20e31\u20e32\u20e33\u20e34\u20e35\u20e36\u20e32\u20e35": "13812345625",
    "1\u03013\u03018\u030112345626": "13812345626",
    "138\t1234\t5627": "13812345627",
}
IN_COMMIT_MESSAGE = ("客户新电话 138 1234 5614 <img src=x onerror=alert(6)>", "13812345614")
COMMIT_AUTHOR = "<script>alert(7)</script>王芳"
CONTACT_MOBILE = "13912345678"

OUTSIDE = "huifang-escape-target"
SCRIPT_COMPANY = "</title><script>alert(1)</script>锦程"
SCRIPT_STAFF = "<img src=x onerror=alert(2)>王芳"
FORMULA_NAME = '=HYPERLINK("http://evil.example/","点我")'
BAD_GRADE = "<img src=x onerror=alert(3)>"


def payload_files(escape_to: Path) -> dict[str, str]:
    numbers = "\n            ".join(f"- 电话 {typed} 请回电" for typed in PLANTED)  # dedented
    return {
        "team.yaml": f"""\
            staff:
              - {{id: S01, name: {json.dumps(SCRIPT_STAFF, ensure_ascii=False)}, role: agent, area: 一区, active: true}}
              - {{id: S02, name: 李强, role: supervisor, active: true}}
            """,
        "policy.yaml": f"""\
            company: {json.dumps(SCRIPT_COMPANY, ensure_ascii=False)}
            grades:
              - {{id: A, label: "<b onmouseover=alert(8)>重要客户</b>"}}
            areas: [一区]
            reminders:
              birthdays: {{days_before: 3}}
            """,
        "customers/C0001.md": f"""\
            ---
            id: C0001
            name: {json.dumps(FORMULA_NAME, ensure_ascii=False)}
            kind: organisation
            grade: A
            owner: S01
            area: 一区
            contacts:
              - name: 张伟
                mobile: "{CONTACT_MOBILE}"
                birthday: "1980-11-25"
                our_contact: S01
            ---
            客户概况。

            {numbers}

            两个号码 13812345616 或 13912345617 之间不应变粗。

            <h2 id="__config">伪装的配置</h2>

            <script>alert(4)</script><img src=x onerror=alert(5)>
            """,
        # rejected by check: its id is a path out of every folder
        "customers/C0002.md": f"""\
            ---
            id: ../../../../../../../..{escape_to}/x
            name: 越界客户
            kind: organisation
            grade: A
            owner: S01
            ---
            """,
        # rejected: a grade the policy does not have, written as markup
        "customers/C0003.md": f"""\
            ---
            id: C0003
            name: 标记客户
            kind: organisation
            grade: {json.dumps(BAD_GRADE)}
            owner: S01
            area: 一区
            ---
            """,
        # rejected: an id that would be two CODEOWNERS lines
        "customers/C0004.md": """\
            ---
            id: "C0004\\n/.github/ @evil-user\\n#"
            name: 换行客户
            kind: organisation
            grade: A
            owner: S01
            area: 一区
            ---
            """,
        "visits/2026/2026-11-20-C0001-phone.md": """\
            ---
            customer: C0001
            date: 2026-11-20
            method: phone
            staff: [S01]
            outcome: "客户说新号码是 138-1234-5602 <svg onload=alert(9)>"
            ---
            电话回访。
            """,
        # a number in a file name: the naming rule lets a suffix through, so the visit's id
        # (its evidence in due lists, its anchor, its file in downloads) carries it
        f"visits/2026/2026-10-15-C0001-phone-{FILE_NAME_MOBILE}.md": """\
            ---
            customer: C0001
            date: 2026-10-15
            method: phone
            staff: [S01]
            outcome: 已回访
            ---
            电话回访。
            """,
        "visits/2026/2026-11-21-C0003-phone.md": """\
            ---
            customer: C0003
            date: 2026-11-21
            method: phone
            staff: [S01]
            outcome: 被拒客户的回访
            ---
            电话回访。
            """,
    }


@pytest.fixture(scope="module")
def payload(tmp_path_factory):
    """(records, site, work, build result, escape target folder) of the payload tree."""
    base = tmp_path_factory.mktemp("hostile")
    escape_to = base / OUTSIDE
    escape_to.mkdir()
    repo = base / "repo"
    records = write_tree(repo, payload_files(escape_to))
    (records / "complaints/2026/K2026-0001.md").unlink()  # not needed; fewer moving parts
    (records / "surveys/2026H1.yaml").unlink()
    run_git(repo, "init", "-q", "-b", "main")
    commit_all(repo, IN_COMMIT_MESSAGE[0], author=COMMIT_AUTHOR)
    site = base / "site"
    result, work = build_site(records, site)
    return records, site, work, result, escape_to


def site_files(site: Path) -> dict[str, str]:
    """Every text file of the site as a reader or program gets it (index decoded)."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        if path.suffix in (".pf_fragment", ".pf_meta", ".pf_filter"):
            raw = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            raw = raw[raw.index("{") :] if "{" in raw else raw
            try:
                texts[path.relative_to(site).as_posix()] = json.dumps(
                    json.loads(raw), ensure_ascii=False
                )
            except ValueError:
                texts[path.relative_to(site).as_posix()] = raw
        elif path.suffix in (".html", ".xml", ".json", ".csv", ".ics", ".txt", ".js"):
            texts[path.relative_to(site).as_posix()] = path.read_text("utf-8", "replace")
    return texts


def digit_stream(text: str) -> str:
    text = unicodedata.normalize("NFKC", html.unescape(text))
    return "".join(c for c in text if c.isascii() and c.isdigit())


def leaks(text: str) -> list[str]:
    stream = digit_stream(text)
    wanted = [*PLANTED.values(), IN_COMMIT_MESSAGE[1], CONTACT_MOBILE, FILE_NAME_MOBILE]
    return [digits for digits in wanted if digits in stream]


# --- the gate (items 1, 2, 3) --------------------------------------------------------
def test_the_site_builds_and_a_rejected_record_reaches_no_path_page_or_index(payload):
    _, site, _, result, escape_to = payload
    assert result.returncode == 0, result.stderr
    assert list(escape_to.iterdir()) == []  # nothing written outside the site
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert "customers/C0001.html" in pages
    assert not any(name.startswith(("customers/C0003", "customers/C0004")) for name in pages)
    texts = site_files(site)
    for name, text in texts.items():
        assert "越界客户" not in text and "标记客户" not in text and "换行客户" not in text, name
        assert "<img src=x onerror=alert(3)>" not in text and "被拒客户的回访" not in text, name


def test_check_rejects_what_the_build_withheld(payload):
    records = payload[0]
    result = huifang("check", "--records", str(records), "--today", TODAY.isoformat())
    assert result.returncode == 1
    for name in ("C0002.md", "C0003.md", "C0004.md"):
        assert f"customers/{name}" in result.stdout


def test_new_refuses_an_id_that_is_a_path(tmp_path, tree):
    records = tree()
    outside = tmp_path / "x.md"
    result = huifang(
        "new", "customer", "--records", str(records), "--set", f"id=../../{outside.stem}",
        "--set", "name=某公司", "--set", "grade=A", "--staff", "S01",
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert "文件名" in result.stderr and "file name" in result.stderr
    assert "Traceback" not in result.stderr
    assert not outside.exists() and not (tmp_path.parent / "x.md").exists()
    visit = huifang("new", "visit", "--records", str(records), "--customer", "../../x")
    assert visit.returncode == 2 and "Traceback" not in visit.stderr
    assert not list(tmp_path.parent.glob("*x*.md"))


def test_codeowners_never_holds_a_line_from_a_record(payload):
    records = payload[0]
    result = huifang("codeowners", "--records", str(records), "--area", "一区=@acme/sup-1")
    assert result.returncode == 0, result.stderr
    assert "@evil-user" not in result.stdout and "/.github/" not in result.stdout
    rules = [line for line in result.stdout.splitlines() if line and not line.startswith("#")]
    assert rules and all(re.fullmatch(r"/records/\S+ @acme/sup-1", line) for line in rules)
    bad_owner = huifang("codeowners", "--records", str(records), "--area", "一区=@a\n/x @b")
    assert bad_owner.returncode == 2 and "Traceback" not in bad_owner.stderr


# --- script injection (items 3, 4) ------------------------------------------------------
def test_company_and_staff_markup_is_text_on_every_page_and_in_the_index(payload):
    site = payload[1]
    texts = site_files(site)
    for name, text in texts.items():
        if not name.endswith(".html"):
            continue
        assert "<script>alert" not in text, name
        assert "<img src=x" not in text, name
        assert text.count('id="__config"') <= 1, name
        head = text.split("</head>", 1)[0]
        assert "＜/title＞＜script＞" in head, name  # the company, as text
    index = {n: t for n, t in texts.items() if n.startswith("pagefind/")}
    assert not any(re.search(r"<img|<script", t) for t in index.values())
    filters = "".join(t for n, t in index.items() if "filter" in n or "fragment" in n)
    assert "＜img src=x onerror=alert(2)＞王芳" in filters  # the staff name, defused


def test_every_page_has_a_content_security_policy_allowing_only_the_theme_scripts(payload):
    from generator.site.mkdocs_hooks import is_theme_script

    site = payload[1]
    for path in site.rglob("*.html"):
        text = path.read_text("utf-8")
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text)
        assert policy, path
        assert "'unsafe-inline'" not in policy.group(1).split("style-src")[0], path
        inline = re.findall(r"<script>(.*?)</script>", text, re.S)
        assert inline and all(is_theme_script(body) for body in inline), path


def test_the_scan_looks_at_whole_pages_and_the_search_index(tmp_path):
    import cbor2

    from generator.site.scan import active_parts, scan_site

    theme = '<script src="assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert active_parts(f"<html><head>{theme}</head></html>") == []
    head = "<html><head><title>x</title><script>alert(1)</script></head><body></body></html>"
    assert active_parts(head) == ["script"]
    assert "event handler" in active_parts('<nav><a onmouseover="x()">n</a></nav>')
    clobber = '<script id="__config" type="application/json">{}</script><h2 id="__config">'
    assert "a second element with the theme's id" in active_parts(clobber)
    index = tmp_path / "pagefind"
    (index / "filter").mkdir(parents=True)
    (index / "fragment").mkdir()
    filters = cbor2.dumps(["负责人", [["S01 <img src=x>", [1]]]])
    (index / "filter" / "a.pf_filter").write_bytes(gzip.compress(b"pagefind_dcd" + filters))
    fragment = json.dumps({"content": "x", "meta": {"title": "＜img＞"}, "filters": {}})
    (index / "fragment" / "b.pf_fragment").write_bytes(
        gzip.compress(b"pagefind_dcd" + fragment.encode())
    )
    found = [str(f) for f in scan_site(index, masked=True)]
    assert found == ["filter/a.pf_filter: markup in the search index"]


# --- downloads, terminals (items 5, 6) ------------------------------------------------
def test_csv_cells_that_start_a_formula_are_neutralised(payload):
    site = payload[1]
    rows = list(csv.reader(io.StringIO((site / "due" / "S01.csv").read_text("utf-8-sig"))))
    names = [row[4] for row in rows[1:]]
    assert names and all(name == "'" + FORMULA_NAME for name in names)
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    due = huifang("due", "--records", str(payload[0]), "--today", "2026-11-23", "--format", "csv")
    assert "'=HYPERLINK" in due.stdout and ",=HYPERLINK" not in due.stdout


def test_escaped_control_bidi_and_zero_width_characters_are_errors_and_never_printed(tree):
    records = tree(
        {
            "team.yaml": """\
                staff:
                  - {id: S01, name: "王芳\\u202E", role: agent, area: 一区, active: true}
                  - {id: S02, name: "李\\e]0;PWNED\\a强", role: supervisor, active: true}
                  - {id: S03, name: "赵\\u200b敏", role: director, active: true}
                """,
            "customers/C0009.md": '---\nid: C0009\nname: "甲\\x1b[31m乙"\nkind: organisation\n'
            "grade: A\nowner: S01\narea: 一区\n---\n",
        }
    )
    for output_format in ("text", "json", "github"):
        result = huifang(
            "check", "--records", str(records), "--today", "2026-11-23", "--format", output_format
        )
        assert result.returncode == 2, result.stdout  # team.yaml is configuration
        out = result.stdout + result.stderr
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e\u200b]", out), output_format
        assert out.count("text.escaped_char") >= 4, out
    text = huifang("check", "--records", str(records), "--today", "2026-11-23").stdout
    assert "records/team.yaml:2:" in text and "records/customers/C0009.md:3:" in text
    assert "U+202E" in text and "U+001B" in text and "U+200B" in text


# --- personal data (items 7, 8, 9, 11, 13) ---------------------------------------------
def test_no_planted_number_is_in_any_file_of_the_masked_site(payload):
    site = payload[1]
    texts = site_files(site)
    assert any(n.startswith("pagefind/fragment/") for n in texts)
    assert any(n.startswith("changes/") for n in texts)  # the commit message is published
    found = {name: leaks(text) for name, text in texts.items()}
    assert {name: hit for name, hit in found.items() if hit} == {}


def test_masked_history_output_leaks_no_number(payload):
    records = payload[0]
    for fmt in ("text", "json"):
        result = huifang(
            "history", "C0001", "--records", str(records), "--format", fmt, "--profile", "masked"
        )
        assert result.returncode == 0, result.stderr
        assert leaks(result.stdout) == [], fmt
        assert "张伟" not in result.stdout


def test_two_masked_numbers_in_a_body_do_not_turn_the_text_between_them_bold(payload):
    page = (payload[1] / "customers" / "C0001.html").read_text("utf-8")
    line = next(part for part in page.split("<p>") if "两个号码" in part)
    assert "<strong>" not in line and "138****5616" in line and "139****5617" in line


def test_a_masked_birthday_reminder_shows_the_ten_days_not_the_day(payload):
    records, site = payload[0], payload[1]
    due = huifang("due", "--records", str(records), "--today", "2026-11-23", "--profile", "masked")
    assert "生日问候" in due.stdout and "2026-11 下旬" in due.stdout
    assert "11-25" not in due.stdout
    for name in ("due/S01.html", "due/S01.csv", "due/S01.ics", "customers/C0001.html"):
        text = (site / name).read_text("utf-8")
        assert "2026-11-25" not in text and "20261125" not in text, name
    full = huifang("due", "--records", str(records), "--today", "2026-11-23", "--profile", "full")
    assert "2026-11-25" in full.stdout  # the full profile shows the day


def test_check_masks_numbers_typed_into_any_field(tree):
    records = tree(
        {
            "customers/C0001.md": """\
                ---
                id: C0001
                name: 某公司
                kind: organisation
                grade: "13812345620"
                owner: "13812345621"
                area: 一区
                13812345622: x
                ---
                """,
            "customers/13812345623.md": "---\nid: C0002\nname: 乙\nkind: organisation\n"
            "grade: A\nowner: S01\n---\n",
            "visits/2026/2026-11-20-C0001-phone.md": """\
                ---
                customer: "13812345624"
                date: 2026-11-20
                method: phone
                staff: [S01]
                ---
                """,
        }
    )
    for fmt in ("text", "json", "github"):
        result = huifang(
            "check", "--records", str(records), "--today", "2026-11-23", "--format", fmt
        )
        assert result.returncode == 1
        stream = digit_stream(result.stdout)
        assert not [n for n in range(20, 25) if f"138123456{n}" in stream], (fmt, result.stdout)


# --- a failed scan keeps the last good site (item 12) ----------------------------------
def test_a_failed_post_build_scan_leaves_the_previous_site_in_place(tree, tmp_path, monkeypatch):
    import generator.site as site_module
    from generator.check import check_records
    from generator.derive import AsOf
    from generator.site.scan import Finding

    records = tree()
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the last good site", encoding="utf-8")
    monkeypatch.setattr(
        site_module, "scan_site", lambda *args, **kwargs: [Finding("index.html", "test")]
    )
    report = check_records(records, TODAY, use_cache=False)
    with pytest.raises(site_module.BuildError):
        site_module.build_site(report, out, AsOf.day(TODAY), work=tmp_path / "work")
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert not [p for p in tmp_path.iterdir() if "building" in p.name]  # staging removed


# --- in a real browser (items 3, 4): nothing runs, nothing is refused by the policy ------
def _watched_page(browser, base: str):
    from urllib.parse import urlparse

    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.seen = {"dialogs": [], "errors": [], "refused": [], "hosts": set()}
    page.on("dialog", lambda d: (page.seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.seen["errors"].append(str(e)))
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and page.seen["refused"].append(m.text),
    )

    def note(request):
        host = urlparse(request.url).hostname
        if urlparse(request.url).scheme in ("http", "https", "ws", "wss") and host != "127.0.0.1":
            page.seen["hosts"].add(host)

    page.on("request", note)
    return context, page


def _search(page, query: str) -> None:
    page.locator("#hf-search .pagefind-ui__search-input").fill(query)
    page.wait_for_function(
        "q => (document.querySelector('.pagefind-ui__message') || {}).textContent?.includes(q)",
        arg=query,
        polling=100,
    )
    page.wait_for_timeout(300)  # results' fragments and filters load
    page.locator(".pagefind-ui__result").first.hover(force=True, timeout=2000)


def test_no_payload_runs_in_chromium_on_any_page_or_in_search(payload):
    pytest.importorskip("playwright.sync_api")
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM_FLAGS, chromium_path

    from generator.site.serve import serving

    site = payload[1]
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    with serving(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        context, page = _watched_page(browser, base)
        for name in pages:
            page.goto(base + name)
            for link in page.locator("article a, article td, nav a").all()[:20]:
                if link.is_visible():
                    link.hover(force=True, timeout=2000)
        page.goto(base + "index.html")
        for query in ("王芳", "锦程", "alert", "点我", "img"):
            _search(page, query)
        filters = page.locator(".pagefind-ui__filter-name")
        for i in range(filters.count()):
            filters.nth(i).click()
        page.wait_for_timeout(300)
        seen = page.seen
        context.close()
        browser.close()
    assert seen["dialogs"] == [] and seen["errors"] == []
    assert seen["refused"] == [] and seen["hosts"] == set()


def test_the_policy_refuses_nothing_the_demo_site_needs(demo_site):
    pytest.importorskip("playwright.sync_api")
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM_FLAGS, chromium_path

    from generator.site.serve import serving

    site, _ = demo_site
    with serving(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        context, page = _watched_page(browser, base)
        for name in ("index.html", "customers/C0001.html", "due/S05.html", "satisfaction.html"):
            page.goto(base + name)
        _search(page, "投诉")
        palette = page.locator("[data-md-component=palette] label").first
        if palette.count():
            palette.click()
        seen = page.seen
        context.close()
        browser.close()
    assert seen["refused"] == [] and seen["errors"] == [] and seen["hosts"] == set()


@pytest.mark.parametrize(
    ("typed", "masked"),
    [
        ("138 1234 5678", "138****5678"),
        ("TEL138-1234-5678", "TEL138****5678"),
        ("+86 138 1234 5678", "+138****5678"),
        ("0086-13812345678", "138****5678"),
        ("1 3 8 1 2 3 4 5 6 7 8", "138****5678"),
        ("138\u200b1234\u00ad5678", "138****5678"),
        ("(021) 6234 5679", "(021)****5679"),
        ("0755 8888 1234", "0755-****1234"),
        ("110105 19900307 123X", "1101**********123X"),
        ("𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "138****5678"),
        ("1381 234 5678", "138****5678"),
        ("138,1234,5678", "138****5678"),
        ("¹³⁸¹²³⁴⁵⁶⁷⁸", "138****5678"),
        ("138\n1234 5678", "138****5678"),
    ],
)
def test_numbers_are_masked_however_they_were_typed(typed, masked):
    from generator.present.mask import mask_text

    assert mask_text(f"电话：{typed}。") == f"电话：{masked}。"


@pytest.mark.parametrize(
    "text",
    [
        "2026-10-01–2026-10-31 12 次",  # a date range and a count
        "1990-05-06 123",
        "S05 陈帅. 0. 0. 18. 16.",  # a table row in the search index
        "urn:uuid:d8cf0345-8000-52b7-a2ee-dfce60714996",
        "订单 20261120，金额 1,000,000",
        "K2026-0029 C0001 2026-11-20 14:30",
        "金额 13,800,000,000 元，1,000,000 件",
        "2026-11-30,S05,C0012,13,5",
    ],
)
def test_dates_figures_and_identifiers_are_not_taken_for_numbers(text):
    from generator.present.mask import mask_text

    assert mask_text(text) == text


def test_a_build_onto_a_full_disk_says_so_and_leaves_nothing_behind(tmp_path, tree):
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(disk)])
    if mounted.returncode != 0:
        pytest.skip("mounting a small tmpfs is not permitted here")
    try:
        result, _ = build_site(tree(), disk / "site", "--quiet")
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "No space left on device" in result.stderr and "cannot write" in result.stderr
        left = sorted(p.name for p in disk.iterdir())
        assert left == ["site-work"], left  # no half-built site, no staging folder
    finally:
        subprocess.run(["umount", str(disk)])


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2106-03-01"])
def test_a_day_no_record_can_have_is_a_usage_error(tree, day):
    for command in ("due", "complaints", "build", "check"):
        result = huifang(command, "--records", str(tree()), "--today", day)
        assert result.returncode == 2, (command, result.stderr)
        assert "1900-01-01" in result.stderr and "Traceback" not in result.stderr
    within = huifang("due", "--records", str(tree()), "--within", "100000000000")
    assert within.returncode == 2 and "Traceback" not in within.stderr


def test_build_never_replaces_the_records_the_repository_or_a_folder_it_did_not_build(
    tree, tmp_path
):
    records = tree()
    before = sorted(p.relative_to(records) for p in records.rglob("*"))
    other = tmp_path / "www"
    other.mkdir()
    (other / "keep.txt").write_text("not a site", encoding="utf-8")
    link = tmp_path / "current"
    link.symlink_to(other)
    for out in ("records", ".", str(tmp_path), "records/site", str(other), str(link)):
        result = huifang(
            "build", "--records", str(records), "--out", out, "--today", "2026-11-23", "--quiet",
            cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 2, (out, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and "--out" in result.stderr + out
    assert sorted(p.relative_to(records) for p in records.rglob("*")) == before
    assert (other / "keep.txt").read_text(encoding="utf-8") == "not a site"
    site = tmp_path / "site"  # a site it built is replaced by the next build
    for _ in range(2):
        result, _ = build_site(records, site, "--quiet")
        assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file() and (site / ".huifang-site").is_file()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")]


def test_a_rejected_version_in_the_history_shows_nothing_personal(tmp_path):
    """A misspelt key (`contact:`) or a number as a key is rejected by check, but Git keeps
    the version: the masked 变更 pages and `history` must not show what it held."""
    repo = tmp_path / "repo"
    records = write_tree(repo, {})
    run_git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "建档")
    customer = records / "customers" / "C0001.md"
    original = customer.read_text(encoding="utf-8")
    careless = original.replace(
        "contacts:",
        "contact:\n  - {name: 欧阳明月, mobile: '13812345690', birthday: 1980-03-07}\n"
        "'13912345691': 老板私人号\ncontacts:",
    )
    customer.write_text(careless, encoding="utf-8")
    commit_all(repo, "补充联系人", author="王芳 13612345692", when="2026-11-10T09:00:00+08:00")
    customer.write_text(original, encoding="utf-8")
    commit_all(repo, "改正", when="2026-11-11T09:00:00+08:00")
    site = tmp_path / "site"
    result, _ = build_site(records, site, "--quiet")
    assert result.returncode == 0, result.stderr
    secrets = ("欧阳明月", "1980-03-07", "13812345690", "13912345691", "13612345692")
    for name, text in site_files(site).items():
        stream = digit_stream(text)
        assert not [s for s in secrets if s in text or (s.isdigit() and s in stream)], name
    for fmt in ("text", "json"):
        shown = huifang(
            "history", "C0001", "--records", str(records), "--format", fmt, "--profile", "masked"
        ).stdout
        assert "修改" in shown or "changed" in shown
        assert not [s for s in secrets if s in shown or s in digit_stream(shown)], (fmt, shown)


def test_numbers_in_names_and_labels_are_masked_not_a_failed_build(tree, tmp_path):
    """Fields that are not personal data (an organisation's name, a rule's label, a staff
    name, the company) still have their numbers masked in the masked profile."""
    policy = (
        "company: 锦程 13812345642\ngrades:\n  - {id: A, label: 重要客户}\nareas: [一区]\n"
        "cadence:\n  - {name: monthly, label: 每月联系 13812345643, applies: {grade: [A]},"
        " methods: any, period: month, min: 1}\n"
    )
    team = "staff:\n  - {id: S01, name: 王芳13812345641, role: agent, area: 一区, active: true}\n"
    customer = (
        "---\nid: C0001\nname: 某公司 13812345640\nkind: organisation\ngrade: A\nowner: S01\n"
        "area: 一区\ncontacts:\n  - {name: 张伟, mobile: '13912345678', our_contact: S01}\n---\n"
    )
    records = tree({"policy.yaml": policy, "team.yaml": team, "customers/C0001.md": customer})
    secrets = [f"138123456{n}" for n in range(40, 44)]
    site = tmp_path / "site"
    result, _ = build_site(records, site, "--quiet")
    assert result.returncode == 0, result.stderr
    for name, text in site_files(site).items():
        assert not [s for s in secrets if s in digit_stream(text)], name
    for fmt in ("text", "csv", "json", "ics"):
        due = huifang(
            "due", "--records", str(records), "--today", "2026-11-23", "--format", fmt,
            "--profile", "masked",
        )  # fmt: skip
        assert due.returncode == 0, due.stderr
        assert not [s for s in secrets if s in digit_stream(due.stdout)], (fmt, due.stdout)


@pytest.mark.parametrize(
    ("markup", "runs"),
    [
        ("<svg/onload=alert(1)>", True),
        ('<a href="&#106;avascript:alert(1)">x</a>', True),
        ('<a href="javascript&colon;alert(1)">x</a>', True),
        ('<a href="java\tscript:alert(1)">x</a>', True),
        ('<A HREF=" JAVASCRIPT:x">x</A>', True),
        ("<script src=https://evil.example/x.js>", True),
        ("<link rel=stylesheet href=https://other.example/x.css>", True),
        ("<form action=https://other.example>", True),
        ('<a href="https://erp.example.com/export?format=data:csv">对账单</a>', False),
        ('<td title="&lt;img src=x onerror=alert(1)&gt;">x</td>', False),
        ("<p>说明里写着 onerror=alert(1)</p>", False),
        ('<a href="tel:138">x</a>', False),
    ],
)
def test_the_scan_reads_tags_as_a_browser_does(markup, runs):
    from generator.site.scan import active_parts

    assert bool(active_parts(f"<html><body>{markup}</body></html>")) is runs
