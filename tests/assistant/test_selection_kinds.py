"""Kinds of sentence the extractive selection used to miss when the right article was cited:
a restatement that gives the figure the picked sentence leaves out."""

from __future__ import annotations

from dataclasses import replace

from assistant.selection_plan import Plan, _restates_with_figures
from assistant.sentences import Candidate, signature


def _candidate(text: str, group: int = 1, order: tuple[int, int, int] = (1, 0, 0)) -> Candidate:
    return Candidate(text, 1, group, order, frozenset(), signature=signature(text))


GENERAL = _candidate(
    "Part-time (contract) firefighters can train through a unit of the Further Vocational "
    "Qualification in Security.",
    group=0,
    order=(0, 0, 2),
)
DETAILED = _candidate(
    "Part-time (contract) firefighters can train through a 50-osp unit of the Further "
    "Vocational Qualification in Security, offered by vocational institutions.",
    order=(1, 0, 3),
)


def test_a_restatement_with_the_figure_takes_the_general_sentences_place() -> None:
    plan = Plan(60)
    assert plan.take(GENERAL)
    assert plan.take(DETAILED)
    assert plan.picked == [DETAILED]
    assert plan.words == len(DETAILED.text.split()) + 1  # its citation marker once
    assert plan.stands_for(DETAILED) is GENERAL  # it reads where the general one did


def test_a_restatement_without_a_new_figure_is_still_left_out() -> None:
    plan = Plan(60)
    assert plan.take(DETAILED)
    assert not plan.take(GENERAL)
    assert plan.picked == [DETAILED]


def test_another_fact_with_other_figures_is_no_restatement() -> None:
    temporary = _candidate("Väliaikaisen vartijan koulutus on 40 oppituntia.")
    full = _candidate(
        "Varsinaiseen vartijan hyväksyntään tarvitaan 40 + 80 oppituntia; vartijan koulutus "
        "on turvallisuusalan ammattitutkinnon 25 osaamispisteen tutkinnon osa."
    )
    assert not _restates_with_figures(full, temporary)
    # Years and statute numbers are no figures the general sentence left out.
    teacher = _candidate(
        "Du blir behörig klasslärare med en pedagogie magisterexamen som omfattar 60 studiepoäng."
    )
    decree = _candidate(
        "Behörighet som klasslärare (förordning 986/1998) kräver pedagogie magisterexamen som "
        "omfattar 60 studiepoäng sedan 2021."
    )
    assert not _restates_with_figures(decree, teacher)


def test_a_sentence_saying_a_picked_one_in_other_words_is_left_out() -> None:
    first = _candidate(
        "Oppivelvollisuus jatkuu peruskoulun jälkeen 18 vuoden ikään asti tai siihen asti, kun "
        "nuori suorittaa ylioppilastutkinnon tai ammatillisen tutkinnon."
    )
    again = _candidate(
        "Oppivelvollisuus päättyy, kun nuori täyttää 18 vuotta, tai jo aiemmin, jos hän "
        "suorittaa ylioppilastutkinnon tai ammatillisen tutkinnon.",
        order=(1, 0, 4),
    )
    other = _candidate(
        "Lukio ja ammatillinen tutkinto ovat maksuttomia sen vuoden loppuun, jona nuori täyttää "
        "20 vuotta.",
        order=(2, 0, 0),
    )
    cosines = {
        frozenset((first.text, again.text)): 0.969,
        frozenset((first.text, other.text)): 0.97,
    }

    def likeness(a: str, b: str) -> float | None:
        return cosines.get(frozenset((a, b)))

    plan = Plan(100, likeness)
    assert plan.take(first)
    assert not plan.take(again)  # the same fact (e5 cosine of the stored vectors 0.969)
    # Close in meaning but with a figure the picked one does not state: something new.
    assert plan.take(other)


def test_a_when_question_is_answered_by_a_sentence_with_a_date_month_or_season() -> None:
    from assistant.sentence_words import ASKS_WHEN, STATES_WHEN

    for question in (
        "milloin kevään yhteishaku alkaa?",
        "När kan man söka till yrkeshögskola?",
        "when does the joint application open?",
        "ok, and when is the next one?",
    ):
        assert ASKS_WHEN.search(question.lower()), question
    # "when" and "när" inside a clause are conjunctions, not the question.
    for question in (
        "can i keep my benefit when i start studying?",
        "får jag studiestöd när jag jobbar?",
    ):
        assert not ASKS_WHEN.search(question), question
    for sentence in (
        "Vuonna 2025 hakuaika oli 11.–25.3.",
        "I januari söker man främst till utbildningar på främmande språk.",
        "The second period, in March, is for programmes in Finnish.",
        "Yhteishaku järjestetään keväällä ja syksyllä.",
    ):
        assert STATES_WHEN.search(sentence), sentence
    assert not STATES_WHEN.search("Hakea voi enintään kuuteen hakukohteeseen.")


def test_a_question_about_which_law_wants_a_statute_number() -> None:
    from assistant.coverage_facets import unanswered_facets
    from assistant.sentence_words import ASKS_LAW, STATES_LAW

    for question in (
        "vilken lag gäller för det fria bildningsarbetet? behöver lagnumret",
        "mikä laki määrää kuka saa tehdä sähköasennuksia?",
        "which act covers integration since 2025?",
    ):
        assert ASKS_LAW.search(question.lower()), question
    assert STATES_LAW.search("Verksamheten regleras av lagen om fritt bildningsarbete (632/1998).")
    # an EU directive too ("which eu directive sets the training requirements for nurses")
    assert ASKS_LAW.search("which eu directive sets the training requirements for nurses?")
    assert STATES_LAW.search("de 180 studiepoäng som EU-direktivet 2005/36/EG kräver")
    assert not STATES_LAW.search("Hakuaika oli 11.–25.3.2025, ja paikkoja oli 55 078.")
    # The lead article must give one, or the question is not answered.
    guide = "barnledare blir man genom grundexamen i pedagogisk verksamhet (180 kp)."
    asked = "vilken lag säger vilken utbildning en lärare på daghem måste ha?"
    assert "law" in unanswered_facets(asked, "", guide)
    assert "law" not in unanswered_facets(asked, "", guide + " lagen (540/2018) säger det.")


def test_a_price_question_gets_the_sentence_with_the_price_when_the_article_has_one() -> None:
    from assistant.generation import Context, Passage
    from assistant.selection import select
    from knowledge_base.chunking import Chunk

    text = (
        "Du anmäler dig till testet på nätet och får en länk. Testet i finska ordnas sex "
        "gånger om året i hela landet. Testet har tre nivåer och fyra delprov. Testet ordnas "
        "av medborgarinstitut och andra anordnare. Sedan 2024 har avgifterna varit 153 € och "
        "176 €."
    )
    summary = "Testet är ett språktest för vuxna. Testet ordnas på nio språk."
    chunk = Chunk("t-sv-a", "t", "article", "sv", "Språktestet", "Anmälan", text, "")
    chunk = replace(chunk, summary=summary)
    context = Context("vad kostar testet?", "sv", [Passage(1, chunk, 0.9)], [], 1)
    picked = [c.text for c in select(context, 60)]
    assert any("153 €" in t for t in picked), picked
