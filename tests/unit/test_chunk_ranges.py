"""site/search_chunks.py: the string that closes a chunk's range just below the next one's."""

from __future__ import annotations

from generator.site.search_chunks import ABOVE_ALL, just_below


def test_just_below_sorts_between_a_word_and_everything_before_it():
    # (a word, words that sort before it: each must be at or below just_below(word))
    cases = {
        "使用": ["作者", "作者们", "使", "佾" + "\U0010fffe" * 3],
        "them": ["the", "thel", "thelzzz"],
        "c0003": ["c0002", "c00029999"],
        "回访": ["回答", "回", "回讷字"],
        "\ue000": ["\ud7ff字", "\ud7ff"],  # no surrogate is a character: below them
    }
    for word, earlier in cases.items():
        below = just_below(word)
        assert below < word
        assert all(before <= below for before in earlier), word
    assert just_below("\x00") == ""
    assert ABOVE_ALL > "\U0010fffe" * 8


def test_a_range_end_never_holds_a_markup_character():
    # = and ? lie just above < and >: make bench's masked build stopped at such an end
    for word in ("a=", "x?", "2026=", "=", "?"):
        below = just_below(word)
        assert not set(below) & set("<>") and below < word, word
