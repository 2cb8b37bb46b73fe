"""Output formats and masking."""

from __future__ import annotations

import pytest

from generator.present.mask import mask_name, mask_phone, mask_text, mask_value
from generator.problems import Problem, Source
from generator.problems.formats import as_github


def test_github_annotations_escape_percent_newline_colon_and_comma():
    problem = Problem(
        "x.y", "error", Source("records/a,b:c.md", 3, 2), "f", "百分之 50% 的\n第二行", "en"
    )
    line = as_github([problem])
    assert line.startswith("::error file=records/a%2Cb%3Ac.md,line=3,col=2,title=x.y::")
    assert "50%25" in line and "%0A" in line and "\n" not in line


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("13812345678", "138****5678"),
        ("请回电 13812345678 谢谢", "请回电 138****5678 谢谢"),
        ("全角 １３８１２３４５６７８", "全角 138****5678"),
        ("身份证 110101199003071234", "身份证 1101**********1234"),
        ("座机 021-62345678", "座机 021-****5678"),
        ("订单 20261120", "订单 20261120"),
    ],
)
def test_phone_and_id_numbers_in_free_text_are_masked(text, masked):
    assert mask_text(text) == masked


def test_masking_by_class():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_value("上海市静安区某路 1 号", "address") == "***"
    assert mask_value("A1", "none") == "A1"
