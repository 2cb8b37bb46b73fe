"""The strings the search index holds for a page's text (generator/site/search_words.py),
against the rule the search box asks by: every part of the text, typed as a query, is found.

`search_terms` is the search box's rule (huifang.js `searchTerms`, kept equal to it by
tests/e2e/test_search_terms.py): a typed word becomes the pairs of its units (a
Chinese character, or a run of other characters); a page is found when each term is the
beginning of a string indexed on it. The fragment content is built the way Pagefind 1.4
writes it: words with a zero-width space between them, a space ending a stretch.
"""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.present.mask import numbers_in
from generator.site.own_pages import bucket, query_key
from generator.site.search_words import WINDOW, _page_strings, search_terms

ZWSP = "\u200b"


def found(strings: dict[str, list[int]], query: str) -> bool:
    return all(any(s.startswith(term) for s in strings) for term in search_terms(query))


def content(stretches: list[list[str]]) -> str:
    """Pagefind's fragment content: words apart by zero-width spaces, stretches by spaces."""
    return f" {ZWSP}".join(ZWSP.join(words) for words in stretches)


def strings_of(stretches: list[list[str]], weighted=None) -> dict[str, list[int]]:
    """string → its places (Pagefind's location list without its weight markers)."""
    found = _page_strings(content(stretches), weighted or {})
    return {text: [place for place in places if place >= 0] for text, places in found.items()}


# hand-computed cases: what jieba keeps whole or splits, ids and dates
def test_a_part_inside_a_word_is_found():
    strings = strings_of([["业主", "反映", "停车位", "不够"]])
    for query in ("车位", "停车", "位不", "主反映停"):
        assert found(strings, query), query
    assert not found(strings, "车库")


def test_a_word_jieba_split_is_found_whole_and_in_parts():
    strings = strings_of([["客户", "满意", "度", "调查"]])
    assert found(strings, "满意度") and found(strings, "意度调") and found(strings, "户满")


def test_ids_and_dates_are_found_as_people_type_them():
    strings = strings_of([["K2026", "-", "0029"], ["截至", "2026", "-", "11", "-", "20"]])
    for query in ("K2026-0029", "k20260029", "0029", "2026-11-20", "20261120", "11月20日",
                  "2026年11月20日", "2026/11/20"):  # fmt: skip
        assert found(strings, query), query
    assert not found(strings, "11月21日")


def test_a_space_ends_a_stretch():
    strings = strings_of([["客户"], ["满意"]])
    assert found(strings, "客户") and not found(strings, "户满")


def test_strings_point_at_the_place_of_the_word_they_start_in():
    strings = strings_of([["停车位", "不够"]])  # places 0 and 1
    assert strings["停车"] == [0] and strings["车位"] == [0] and strings["位不"] == [0]
    assert strings["不够"] == [1] and strings["够"] == [1]


def test_in_a_heading_no_two_strings_at_one_place_share_a_first_character():
    # Pagefind adds the weights a term matched at one place in one byte (168 + 168 wraps)
    strings = strings_of([["谢谢", "谢谢"]], weighted={0: 168, 1: 168})
    at_first = [s for s, places in strings.items() if 0 in places]
    assert len({s[0] for s in at_first}) == len(at_first)


def test_the_own_lookup_key_is_the_query_as_pagefind_normalises_it():
    assert query_key(" C0001 ") == "c0001"
    assert query_key("K2026-0029") == "k20260029"
    assert query_key("太极科技（北京）有限公司") == "太极科技北京有限公司"
    assert bucket("c0001") == bucket(query_key("C0001"))


HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E0F)  # few: repeats happen
WORD = st.one_of(
    st.text(HAN, min_size=1, max_size=4),
    st.text(st.sampled_from("abc0129"), min_size=1, max_size=5),
    st.sampled_from(["-", "，", "（", "）"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=6), min_size=1, max_size=4), st.data())
def test_every_part_of_a_stretch_is_found(stretches, data):
    strings = strings_of(stretches)
    stretch = data.draw(st.sampled_from(stretches))
    typed = [query_key(word).replace(" ", "") for word in stretch]
    text = "".join(typed)
    if not text:
        return
    starts = {sum(map(len, typed[:n])) for n in range(len(typed))}
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    query = text[start:end]
    inside_a_run = not re.match(r"[\u3400-\u9fff]", text[start]) and start not in starts
    if inside_a_run and start > 0 and not re.match(r"[\u3400-\u9fff]", text[start - 1]):
        return  # a query starting inside a word of letters or digits: not promised
    if any(len(run) > WINDOW for run in re.findall(r"[^\u3400-\u9fff]+", query)):
        return  # runs of letters and digits are indexed up to WINDOW characters
    if next(numbers_in(query), None):
        return  # digits joined across words that read as a phone or ID number: left out
    assert found(strings, query), (query, stretches)


def test_digits_joined_across_punctuation_never_make_a_phone_number():
    strings = strings_of([["138", "-", "1234", "-", "5678"]])  # e.g. three cells' figures
    assert not [text for text in strings if "13812345678" in text]
    assert found(strings, "1234") and found(strings, "5678")


def test_full_width_text_and_queries_meet():
    strings = strings_of([["Ｃ０００１"], ["K2026", "-", "0029"]])
    assert found(strings, "C0001") and found(strings, "Ｃ０００１")
    assert found(strings, "Ｋ２０２６－００２９")


def test_an_own_name_with_spaces_is_one_key(tmp_path):
    from generator.site.own_pages import write_lookup

    write_lookup(tmp_path, [("Acme Trading 有限公司", "/customers/C0065.html", "C0065 Acme")])
    key = query_key("acme  trading 有限公司")
    table = json.loads((tmp_path / "own" / f"{bucket(key):02x}.json").read_text("utf-8"))
    assert table == {key: [["/customers/C0065.html", "C0065 Acme"]]}


def test_no_indexed_string_holds_a_markup_character():
    strings = strings_of([["＜", "img", "＞", "王芳"], ["a<b>", "`x`"]])  # NFKC makes ＜ a <
    assert not [text for text in strings if set(text) & set("<>`")]
    assert found(strings, "＜img＞王芳")
