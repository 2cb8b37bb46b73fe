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


def _customer(name: str, kind: str | None):
    from generator.model import Customer

    return Customer(
        id="C0001", name=name, kind=kind, grade="A", owner="S01",
        source=Source("records/customers/C0001.md"),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "shown"),
    [("organisation", "示例贸易有限公司"), ("individual", "欧***"), (None, "欧***")],
)
def test_only_an_organisations_name_is_shown_in_the_masked_profile(kind, shown):
    """A customer whose kind is not given may be a household (the checker does not ask for
    contacts then, validate/completeness.py): its name is a person's, masked as the schema's
    `x-pii: name` says and as the history shows it. It used to be shown in full on the
    masked site, in due lists and complaint limits."""
    from generator.present.privacy import Privacy

    name = "示例贸易有限公司" if kind == "organisation" else "欧阳娜娜"
    assert Privacy(masked=True).customer_name(_customer(name, kind)) == shown
    assert Privacy(masked=False).customer_name(_customer(name, kind)) == name
    history = Privacy(masked=True).field_value("customer", ("name",), name)
    assert kind == "organisation" or history == shown


def test_a_masked_body_is_rendered_as_before():
    from generator.site.sanitise import body_html

    assert body_html("电话 13812345678 和 13912345678", True) == (
        "<p>电话 138****5678 和 139****5678</p>"
    )
    assert body_html("138<b>1234</b>5678", True) == "<p>138****5678</p>"
    assert body_html("电话 13812345678", False) == "<p>电话 13812345678</p>"
