"""extra.huifang.commit_url: only an https link with one {commit}; values labelled in Chinese."""

from __future__ import annotations

import pytest

from generator.present.history import labelled_value
from generator.present.privacy import Privacy
from generator.site.commit_links import CommitUrlError, commit_href, huifang_settings

GOOD = "https://git.example.com/org/repo/commit/{commit}"


def test_a_good_address_links_the_full_commit_id():
    assert huifang_settings({"commit_url": GOOD}) == {"commit_url": GOOD}
    assert (
        commit_href(GOOD, "ab12" * 10) == "https://git.example.com/org/repo/commit/" + "ab12" * 10
    )
    assert commit_href("", "ab12" * 10) == ""  # not set: no link
    assert commit_href(GOOD, '"><script>') == ""  # only a commit id goes into the address
    query = "https://git.example.com/view?a=1&commit={commit}"
    assert commit_href(query, "ab12") == "https://git.example.com/view?a=1&amp;commit=ab12"


@pytest.mark.parametrize(
    "url",
    [
        "http://git.example.com/commit/{commit}",  # not https
        "https://git.example.com/commit/",  # no placeholder
        "https://git.example.com/{commit}/{commit}",  # two
        'https://git.example.com/commit/{commit}"onmouseover=x',  # breaks the attribute
        "javascript:alert(1)//{commit}",
        "https://user@git.example.com/{commit}",
        42,
    ],
)
def test_anything_else_is_refused(url):
    with pytest.raises(CommitUrlError):
        huifang_settings({"commit_url": url})


def test_an_unknown_key_is_refused():
    with pytest.raises(CommitUrlError) as error:
        huifang_settings({"repo_url": GOOD})
    assert error.value.key == "repo_url"


def test_values_are_shown_by_their_chinese_labels():
    plain = Privacy(masked=False)
    assert labelled_value("complaint", ("customer_feedback",), "satisfied", plain) == "满意"
    assert labelled_value("complaint", ("special",), True, plain) == "是"
    assert labelled_value("visit", ("achieved",), False, plain) == "否"
    assert labelled_value("customer", ("grade",), "A1", plain) != ""
    assert labelled_value("visit", ("no_such_field",), True, Privacy(masked=True)) == "***"


def test_the_team_file_takes_the_setting_and_refuses_a_bad_one_with_its_line(tmp_path):
    from generator.site.team_settings import TeamConfigError, read_team_settings

    good = tmp_path / "mkdocs.yml"
    good.write_text(f'site_name: 回访\nextra:\n  huifang:\n    commit_url: "{GOOD}"\n', "utf-8")
    assert read_team_settings(good).extra["huifang"] == {"commit_url": GOOD}
    bad = tmp_path / "bad" / "mkdocs.yml"
    bad.parent.mkdir()
    bad.write_text('extra:\n  huifang:\n    commit_url: "http://x.example/{commit}"\n', "utf-8")
    with pytest.raises(
        TeamConfigError, match=r"mkdocs\.yml:3: extra\.huifang\.commit_url: 应是 https"
    ):
        read_team_settings(bad)


def test_the_sites_address_is_kept_with_one_trailing_slash():
    vetted = huifang_settings({"site_address": "https://intranet.example.com/huifang"})
    assert vetted == {"site_address": "https://intranet.example.com/huifang/"}
    assert huifang_settings({"site_address": "https://h.example.com:8443/"}) == {
        "site_address": "https://h.example.com:8443/"
    }


@pytest.mark.parametrize(
    "address",
    [
        "http://intranet.example.com/",  # not https
        "https://intranet.example.com/?x=1",  # a query
        "https://intranet.example.com/#top",  # a fragment
        'https://intranet.example.com/"><script>',  # an attribute break-out
        "https://user:pw@intranet.example.com/",  # credentials
        "javascript:alert(1)",
        42,
    ],
)
def test_a_site_address_other_than_a_plain_https_one_is_refused(address):
    with pytest.raises(CommitUrlError) as refused:
        huifang_settings({"site_address": address})
    assert refused.value.key == "site_address" and "https" in refused.value.zh
