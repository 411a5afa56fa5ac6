"""Long articles in parts: cut between paragraphs, sentences, then words."""

from __future__ import annotations

from summarizer.chunks import split


def test_short_text_is_one_part() -> None:
    assert split("One paragraph.\n\nAnother.", 1000) == ["One paragraph.\n\nAnother."]


def test_paragraphs_are_packed_up_to_the_budget() -> None:
    text = "\n\n".join(["A" * 40 + "."] * 5)
    parts = split(text, 100)
    assert all(len(p) <= 100 for p in parts)
    assert "\n\n".join(parts).replace("\n\n", "") == text.replace("\n\n", "")


def test_a_long_sentence_is_cut_between_words_so_numbers_stay_whole() -> None:
    sentence = "A" * 480 + " the strike killed 1,234 people and wounded 5,678 others."
    parts = split(sentence, 501)
    assert all(len(p) <= 501 for p in parts)
    assert any("1,234" in p for p in parts) and any("5,678" in p for p in parts)
