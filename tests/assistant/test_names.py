"""What a question names: one list of the corpus's word beginnings for every stage."""

from __future__ import annotations

from assistant.names import Names

TEXTS = [
    "Ohjaamo helps people under 30. The TE-toimisto is now the employment services.",
    "Oppisopimus: you work and study at the same time, supervised by your employer.",
    "Apprenticeships usually start when you find an employer; pay follows the agreement.",
]


def test_a_name_the_articles_never_use_is_unknown_and_a_place_is_not() -> None:
    names = Names(TEXTS)
    assert names.unknown("Can I study at Omnia or at Ohjaamo in Espoo?") == ["Omnia"]
    assert names.unknown("Is the TE-toimisto the same as Ohjaamon palvelut?") == []
    assert names.unknown("I live in Helsingfors, where do I start?") == []


def test_a_local_detail_needs_somewhere_named() -> None:
    names = Names(TEXTS)
    assert names.asks_local_detail("what time does the course at Omnia start?")
    assert names.asks_local_detail("mihin aikaan kurssi alkaa kpedussa?")
    assert not names.asks_local_detail("what time do apprenticeships usually start?")
    # An employer's own pay: pay asked with a name no article uses.
    assert names.asks_local_detail("How much does Wärtsilä pay a welder?")
    assert not names.asks_local_detail("How much pay does an apprentice get?")


def test_countries_are_named_as_names_or_as_where_something_happens() -> None:
    names = Names(TEXTS)
    assert names.countries_named("Voinko tehdä oppisopimuksen norjassa?") == ["norjassa"]
    assert names.countries_named("Can I use my Irish licence here? I came from Ireland") == [
        "ireland"
    ]
    assert names.countries_named("haluan opiskella espanjaa") == []


def test_what_one_town_offers_this_year_is_local_but_applying_this_year_is_not() -> None:
    names = Names(TEXTS)
    assert names.asks_local_detail("Does Espoo give summer job vouchers this year?")
    assert names.asks_local_detail("onks porvoossa kesäseteliä tänä vuonna?")
    assert not names.asks_local_detail("I live in Espoo, can I still apply this year?")
    assert not names.asks_local_detail("asun Oulussa, voinko vielä hakea tänä vuonna?")
    assert not names.asks_local_detail("Are there apprenticeships this year?")


def test_degrees_nationalities_and_graded_or_swedish_town_names_are_not_unknown() -> None:
    names = Names(TEXTS)
    assert names.unknown("I'm doing a PhD at Ohjaamo, am I covered?") == []
    assert names.countries_named("im estonian and have a Ukrainian degree") == []
    assert names.countries_named("voinko tehdä oppisopimuksen Ruotsissa?") == ["ruotsissa"]
    for place in ("Lahdessa", "Helsingissä", "Turussa", "Seinäjoella", "Vörå"):
        assert names.is_place(place), place


def test_regions_are_places_and_the_perfect_tense_offers_nothing() -> None:
    names = Names(["Oppisopimus ja työ."])
    for region in ("Savo", "Savossa", "Pohjanmaalla", "Österbotten", "Lapland", "Kainuussa"):
        assert names.is_place(region), region
    assert names.unknown("my family has forest in Savo, is there a qualification?") == []
    # "har varit arbetslös ... i Kimitoön": where someone has been, not what a town offers.
    assert not names.asks_local_detail(
        "jag har varit arbetslös sedan januari i Kimitoön, vad händer om jag inte söker i vår?"
    )
    assert names.asks_local_detail("har Kimitoön sommarsedlar i år?")


def test_what_the_articles_call_by_an_acronym_is_named_however_it_is_written() -> None:
    names = Names(["The YKI test and TUVA.", "Log in to OmaKela.", "A typ of EAT."])
    assert names.uses_acronym("how many levels does yki have")
    assert names.uses_acronym("mitä tuva tarkoittaa")
    assert names.uses_acronym("where in omakela do I apply")
    # An acronym that is also an everyday word does not make a message a guidance question.
    assert not names.uses_acronym("typ vad ska vi eat")
    assert not names.uses_acronym("how many levels does it have")
