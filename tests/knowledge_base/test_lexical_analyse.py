"""`analyse` keeps what it has analysed: the same tokens, never a list another caller changed."""

from __future__ import annotations

from knowledge_base.lexical import _analyse, _analysed, analyse


def test_cached_tokens_are_the_analysis() -> None:
    text = "Työttömyysetuus ja omaehtoinen opiskelu aikuisena"
    first = analyse(text, "fi")
    assert first == _analyse(text, "fi")
    assert "~työttö" in first  # the compound prefix of a Finnish long word
    hits = _analysed.cache_info().hits
    assert analyse(text, "fi") == first
    assert _analysed.cache_info().hits == hits + 1


def test_a_caller_changing_its_list_does_not_change_the_next_answer() -> None:
    text = "How do I apply to a university of applied sciences?"
    tokens = analyse(text, "en")
    expected = list(tokens)
    tokens.clear()
    assert analyse(text, "en") == expected


def test_the_language_is_part_of_the_key() -> None:
    # The same letters stem differently (and get prefixes only in fi/sv).
    assert analyse("opiskelijat studerande", "fi") != analyse("opiskelijat studerande", "en")


def test_long_texts_are_analysed_without_the_cache() -> None:
    long = "opiskelu " * 100
    misses = _analysed.cache_info().misses
    assert analyse(long, "fi") == _analyse(long, "fi")
    assert _analysed.cache_info().misses == misses
