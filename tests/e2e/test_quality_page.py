"""The 数据质量 page: problems under their catalogue titles, each linked to its record where
the site shows it; a record the gate rejected has no page, so its row names only the file."""

from __future__ import annotations

import re

from conftest import BASE_FILES, build_site, write_tree


def test_problems_are_titled_and_linked_to_the_records_the_site_shows(tmp_path):
    visit = BASE_FILES["visits/2026/2026-11-20-C0001-phone.md"]
    records = write_tree(
        tmp_path,
        {
            # an accepted visit with a warning: its file name says another day
            "visits/2026/2026-11-20-C0001-phone.md": None,
            "visits/2026/2026-11-18-C0001-phone.md": visit,
            # rejected by the gate: an unknown method
            "visits/2026/2026-11-19-C0001-phone.md": visit.replace(
                "2026-11-20", "2026-11-19"
            ).replace("method: phone", "method: pigeon"),
        },
    )
    result, _ = build_site(records, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "quality.html").read_text(encoding="utf-8")
    assert "回访文件名与内容不符 <code>visit.filename_mismatch</code>" in page
    assert "值不在允许范围内 <code>schema.enum</code>" in page
    rows = re.findall(r"<li>.*?</li>", page, re.S)
    linked = [r for r in rows if "2026-11-18-C0001-phone.md" in r]
    rejected = [r for r in rows if "2026-11-19-C0001-phone.md" in r]
    assert linked and rejected
    assert all(
        '<a href="customers/C0001.html#v-2026-11-18-C0001-phone">2026-11-18-C0001-phone</a>' in r
        for r in linked
    )
    assert all("<a " not in r for r in rejected)  # no page to link: the file as the message says
    assert "警告" in page and "错误" in page
