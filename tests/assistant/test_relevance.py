"""Word matching of the extractive selection: compound tails found as the plain definition
finds them, in the same order (the scores sum over the matched set)."""

from __future__ import annotations

import random

from assistant.sentences import (
    FACET_WEIGHT,
    HEAD_LETTERS,
    Candidate,
    Relevance,
    signature,
    similar,
    terms,
)


def _reference(relevance: Relevance, words: frozenset[str]) -> set[str]:
    """`Relevance.matched` as first written: every word against every question term."""
    found = set(relevance.query & words) | set(relevance.prefixes & words)
    if relevance.compounds:
        for q in relevance.query - found:
            if len(q) >= 4 and any(w.endswith(q) or (q.endswith(w) and len(w) >= 5) for w in words):
                found.add(q)
    elif relevance.language == "en":
        for q in relevance.query - found:
            if len(q) >= HEAD_LETTERS and any(w.startswith(q) for w in words):
                found.add(q)
    return found


def test_compound_tails_match_both_ways() -> None:
    relevance = Relevance("Mikä on oppisopimus?", "fi", [])
    assert relevance.query == {"oppisopimus"}
    # A word ending in the term (a compound), or the term ending in a word of 5+ letters.
    assert relevance.matched(frozenset({"työoppisopimus"})) == {"oppisopimus"}
    assert relevance.matched(frozenset({"sopimus"})) == {"oppisopimus"}
    assert relevance.matched(frozenset({"mus", "oppisopimuskoulutus"})) == set()
    english = Relevance("apprenticeship", "en", [])
    assert english.matched(frozenset({"workapprenticeship"})) == set()  # not in English


def test_an_english_term_finds_the_words_derived_from_it() -> None:
    relevance = Relevance("hired as an apprentice with pay subsidy", "en", [])
    assert relevance.matched(terms("in apprenticeship training", "en")) == {"apprentic"}
    assert relevance.matched(terms("subsidiary", "en")) == {"subsidi"}
    assert not relevance.matched(terms("payment", "en"))  # a short term stays whole


def test_matched_equals_the_reference_in_content_and_order() -> None:
    rng = random.Random(7)
    letters = "aikoste"  # few letters: many words end in one another
    for language in ("fi", "sv", "en"):
        for _ in range(300):
            vocabulary = ["".join(rng.choices(letters, k=rng.randint(2, 9))) for _ in range(12)]
            question = " ".join(rng.sample(vocabulary, 6))
            relevance = Relevance(question, language, [])
            query = sorted(relevance.query | relevance.prefixes)
            pool = vocabulary + [rng.choice(letters) * 3 + w for w in vocabulary] + query
            words = frozenset(rng.sample(pool, rng.randint(0, 10)))
            found = relevance.matched(words)
            expected = _reference(relevance, words)
            assert found == expected
            assert list(found) == list(expected)


def _candidate(text: str, language: str) -> Candidate:
    return Candidate(text, 1, 1, (1, 0, 0), terms(text, language))


def test_a_sentence_stating_what_is_asked_about_ranks_higher() -> None:
    fee = _candidate("Grundexamen är avgiftsfri, men för yrkesexamen kan en avgift tas ut.", "sv")
    plain = _candidate("För erfarna lantbrukare finns yrkesexamen inom lantbruksbranschen.", "sv")
    asked = Relevance("kostar yrkesexamen inom lantbruk något?", "sv", [fee, plain])
    not_asked = Relevance("vad är yrkesexamen inom lantbruk?", "sv", [fee, plain])
    assert asked.score(fee) - not_asked.score(fee) >= FACET_WEIGHT
    assert asked.score(plain) == not_asked.score(plain)


def test_what_has_been_paid_or_a_benefit_name_asks_nothing_about_pay() -> None:
    assert Relevance("how much are apprentices paid?", "en", []).facets
    assert not Relevance("my allowance has been paid for 6 months, does it fall?", "en", []).facets
    assert not Relevance("does the earnings-related allowance get smaller?", "en", []).facets


def test_an_amount_states_pay_and_a_word_of_pay_alone_does_not() -> None:
    amount = _candidate("Kulukorvausta maksetaan 9 euroa päivässä työkokeilusta.", "fi")
    word = _candidate("Työkokeilusta ei makseta palkkaa.", "fi")
    relevance = Relevance("saako työkokeilusta palkkaa vai mitä siitä maksetaan?", "fi", [])
    assert any(f.search(amount.text) for f in relevance.facets)
    assert not any(f.search(word.text) for f in relevance.facets)


def test_a_short_sentence_says_the_same_only_with_all_its_words() -> None:
    opening = signature("Som vuxen kan du avlägga yrkesinriktad grundexamen eller yrkesexamen.")
    assert not similar(signature("Yrkesinriktad grundexamen är avgiftsfri."), opening, 0.6)
    assert similar(signature("Yrkesinriktad grundexamen för vuxen."), opening, 0.6)
    longer = signature("Grundexamen omfattar 180 kompetenspoäng och är avgiftsfri för vuxna.")
    assert similar(signature("Grundexamen omfattar 180 kompetenspoäng för vuxna."), longer, 0.6)


def test_a_question_about_how_well_to_know_a_language_prefers_the_stated_level() -> None:
    level = _candidate(
        "Lärare ska dessutom ha utmärkta kunskaper i undervisningsspråket (nivå C).", "sv"
    )
    plain = _candidate("En ämneslärare undervisar i ett eller flera ämnen.", "sv")
    for question in ("hur bra svenska måste en ämneslärare kunna?", "räcker det med B1?"):
        asked = Relevance(question, "sv", [level, plain])
        assert asked.level
        assert asked.score(level) >= FACET_WEIGHT
    assert not Relevance("vad gör en ämneslärare?", "sv", [level, plain]).level
    finnish = Relevance("how good does my Finnish need to be for TUVA?", "en", [])
    stated = _candidate("You usually need Finnish at level A1.3–A2.1.", "en")
    other = _candidate("TUVA is also for people whose first language is not Finnish.", "en")
    assert finnish.score(stated) > finnish.score(other)


def test_a_question_about_who_pays_or_runs_something_prefers_the_sentence_naming_one() -> None:
    funds = _candidate(
        "The Ministry of Education and Culture (OKM) funds and develops the youth workshops.", "en"
    )
    plain = _candidate("You can contact a youth workshop directly yourself.", "en")
    asked = Relevance("who pays for the youth workshops, the city or the state?", "en", [funds])
    not_asked = Relevance("what do youth workshops do?", "en", [funds])
    assert asked.score(funds) - not_asked.score(funds) >= FACET_WEIGHT
    assert asked.score(plain) < asked.score(funds)
    assert Relevance("kuka sitä osaamispolku-palvelua oikein pyörittää?", "fi", []).facets
    assert Relevance("vem bestämmer om stödet?", "sv", []).facets
    assert not Relevance("who can apply to a youth workshop?", "en", []).facets


def test_a_sentence_stating_a_duration_or_none_ranks_higher_for_how_long() -> None:
    none = _candidate("Det allmänna stödet har ingen maximal utbetalningstid.", "sv")
    who = _candidate("Du kan få allmänt stöd om du är arbetslös.", "sv")
    asked = Relevance("hur länge kan man få allmänt stöd?", "sv", [none, who])
    plain = Relevance("vem kan få allmänt stöd?", "sv", [none, who])
    assert asked.score(none) - asked.score(who) > plain.score(none) - plain.score(who)
