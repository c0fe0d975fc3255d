"""Which sentences may open an extractive answer (`sentences.can_open`) and which lean on the
one before them (shown only after it)."""

from __future__ import annotations

import pytest

from assistant.opening import aside, can_open, leans_back
from assistant.sentences import question_parts


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("In spring 2026 it was still a proposal, so check the situation on Studyinfo.", "en"),
        ("Keväällä 2026 se oli vasta ehdotus, joten tarkista tilanne Opintopolusta.", "fi"),
        ("Våren 2026 var det ännu bara ett förslag, så kontrollera läget på Studieinfo.", "sv"),
        ("This means you can apply twice a year.", "en"),
        ("Se korvasi kymppiluokan, LUVAn ja VALMAn elokuussa 2022.", "fi"),
        ("Den omfattar också personer under 30 år.", "sv"),
    ],
)
def test_a_sentence_pointing_back_leans_and_never_opens(sentence: str, language: str) -> None:
    assert leans_back(sentence, language)
    assert not can_open(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("There is no upper age limit for apprenticeship training.", "en"),
        ("Den som byter bransch som vuxen kan välja mellan flera vägar.", "sv"),
        ("Den utvidgade läroplikten gäller inte vuxna.", "sv"),
        ("Det allmänna stödet är behovsprövat.", "sv"),
        ("Också vuxna kan få studiestöd från FPA.", "sv"),
        ("Myös lähihoitajan tutkinto antaa kelpoisuuden hakea sairaanhoitajakoulutukseen.", "fi"),
        ("In 2026 the general support is 37.21 euros a day; check the figure on kela.fi.", "en"),
        ("Study materials are also free if your compulsory education extends.", "en"),
    ],
)
def test_a_sentence_that_stands_alone_may_open(sentence: str, language: str) -> None:
    assert can_open(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("För erfarna lantbrukare finns dessutom yrkesexamen inom lantbruksbranschen.", "sv"),
        ("Tarkista oman korkeakoulusi verkkosivuilta, miten urapalveluihin pääsee.", "fi"),
        ("The rules changed, so check the situation on Studyinfo.", "en"),
        ("Arkikielessä aineenopettajaa sanotaan myös yläkoulun opettajaksi.", "fi"),
        ("I vardagligt tal kallas en elmontör elektriker.", "sv"),
        ("The job is also called CNC machinist.", "en"),
    ],
)
def test_an_aside_does_not_open(sentence: str, language: str) -> None:
    assert aside(sentence, language)
    assert not can_open(sentence, language)


def test_a_combined_question_is_read_in_parts() -> None:
    assert question_parts(
        "Do I need a residence permit, and how much money do I have to show?", "en"
    ) == ["Do I need a residence permit", "how much money do I have to show"]
    # What the learner says of themselves is no part; a part needs two words of its own.
    assert question_parts(
        "im 24, no upper secondary school. can i do TUVA and how good does my finnish need to be?",
        "en",
    ) == ["how good does my finnish need to be"]
    assert question_parts("Mitä HOKS tarkoittaa ammatillisessa koulutuksessa?", "fi") == []
    assert question_parts("hur länge gäller väktarkortet och får man jobba hela året?", "sv") == [
        "hur länge gäller väktarkortet",
        "får man jobba hela året",
    ]


def test_a_sentence_about_the_figure_before_it_leans_back() -> None:
    assert leans_back("Luku on vanha, sillä vuodesta 2023 useimmat työskentelevät muualla.", "fi")
    assert leans_back("The figure is old: since 2023 most nurses work elsewhere.", "en")
    assert not leans_back("Lukiossa voi suorittaa ylioppilastutkinnon.", "fi")
