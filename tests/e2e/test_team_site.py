"""The team's own mkdocs.yml in real builds (MkDocs, Pagefind, the post-build scan): its
name, palette, logo, styles and pages reach the built site, merged after the generated
sections; its pages are Markdown, converted, searchable and scanned like every page; without
a team file the build is as it always was."""

from __future__ import annotations

import json
from urllib.parse import quote, unquote

import yaml
from conftest import build_site

from generator.site.search_chunks import unpacked

TEAM_FILE = """\
site_name: 测试物业 <b>回访</b>
theme:
  palette: {primary: teal, accent: deep orange}
  features: [navigation.top]
  logo: images/logo.svg
  favicon: images/logo.svg
nav:
  - 团队:
      - 联系人: 联系人.md
  - 制度: 制度.md
extra_css: [team.css]
markdown_extensions: [admonition]
"""
SITE_PAGES = {
    "联系人.md": "# 联系人\n\n## 客服中心\n\n| 岗位 | 时间 |\n|---|---|\n| 值班 | 全天 |\n",
    "制度.md": '# 回访制度\n\n!!! note "周期"\n    每月每户回访一次，楼长会每季度一次。\n',
    "team.css": ".md-header { border-bottom: 2px solid orange; }\n",
    "images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>\n',
}


def team_repository(root, files=SITE_PAGES, text=TEAM_FILE):
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name, content in files.items():
        path = root / "site_pages" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def test_a_team_file_gives_the_site_its_name_palette_logo_styles_and_pages(tree, tmp_path):
    records = tree()
    team_repository(records.parent)
    result, work = build_site(records, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    # the name as the team wrote it, its markup characters in full-width form (MkDocs does
    # not escape site_name in <title>)
    assert "<title>首页 - 测试物业 ＜b＞回访＜/b＞</title>" in index
    assert 'data-md-color-primary="teal"' in index and 'data-md-color-accent="deep-orange"' in index
    assert 'href="images/logo.svg"' in index and 'src="images/logo.svg"' in index
    assert 'href="team.css"' in index and (site / "team.css").is_file()
    assert (site / "images" / "logo.svg").is_file()
    assert 'data-md-component="top"' in index  # the team's feature, beside the generated tabs
    # the team's pages after the generated sections, in its own order
    config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(e)) for e in config["nav"]][-3:] == ["数据质量", "团队", "制度"]
    contacts_link, rules_link = (f'href="{quote(name)}.html"' for name in ("联系人", "制度"))
    assert index.index('href="quality.html"') < index.index(contacts_link)
    assert index.index(contacts_link) < index.index(rules_link)
    # Markdown converted (the generated articles are not: they are ready HTML), with the
    # policy every page has
    page = (site / "制度.html").read_text(encoding="utf-8")
    assert '<div class="admonition note">' in page and "每月每户回访一次" in page
    assert "!!! note" not in page
    assert '<meta http-equiv="Content-Security-Policy"' in page
    contacts = (site / "联系人.html").read_text(encoding="utf-8")
    assert "<table>" in contacts and "<td>值班</td>" in contacts
    # and searchable: Pagefind indexed it with the generated pages
    fragments = [
        json.loads(unpacked(p)) for p in (site / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    assert any(
        unquote(f["url"]) == "/制度.html"
        and "每月每户回访一次" in f["content"].replace("\u200b", "")
        for f in fragments
    )
    # the generated pages are still passed through as they are
    assert "C0001" in (site / "customers" / "C0001.html").read_text(encoding="utf-8")


def test_a_team_page_must_pass_the_post_build_scan(tree, tmp_path):
    records = tree()
    pages = {**SITE_PAGES, "联系人.md": "# 联系人\n\n值班手机 13912345678\n"}
    team_repository(records.parent, pages)
    result, _ = build_site(records, tmp_path / "site")
    assert result.returncode == 1
    assert "构建后检查未通过" in result.stderr and "联系人.html" in result.stderr
    assert "13912345678" not in result.stderr
    assert not (tmp_path / "site").exists()
    full, _ = build_site(records, tmp_path / "full-site", "--profile", "full")
    assert full.returncode == 0, full.stderr  # unmasked, the team's own numbers may show


def test_without_a_team_file_the_build_is_as_before(tree, tmp_path):
    records = tree()
    result, work = build_site(records, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(e)) for e in config["nav"]] == [
        "首页", "客户", "拜访", "商机", "待访", "投诉", "满意度", "报表", "变更", "数据质量",
    ]  # fmt: skip
    assert len(config["hooks"]) == 1 and config["hooks"][0].endswith("mkdocs_hooks.py")
    assert config["extra"] == {"generator": False} and "extra_css" not in config
    assert config["theme"]["features"] == ["navigation.tabs"] and "palette" not in config["theme"]
    assert config["site_name"] == "回访台 · 回访台" or config["site_name"].endswith(" · 回访台")
