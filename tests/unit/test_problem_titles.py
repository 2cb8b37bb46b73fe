"""Every problem code has a short Chinese title of its own (the 数据质量 page's headings)."""

from __future__ import annotations

import re

from generator.problems.codes import CODES


def test_every_code_has_a_distinct_chinese_title():
    titles = {code: kind.title for code, kind in CODES.items()}
    assert all(re.search(r"[\u4e00-\u9fff]", t) and len(t) <= 16 for t in titles.values())
    assert len(set(titles.values())) == len(titles)
    assert titles["visit.unreviewed"] == "回访未经审阅"
