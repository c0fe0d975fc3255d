"""Calibrated confidence: low retrieval evidence gives an honest "I don't know"."""

from __future__ import annotations

from dataclasses import replace

from assistant.assistant import Assistant
from assistant.confidence import CALIBRATIONS, Calibration, Evidence, calibration_for
from assistant.messages import text
from knowledge_base.embedding import MINILM, MULTILINGUAL_E5


def test_each_model_has_its_own_calibration() -> None:
    assert set(CALIBRATIONS) >= {MINILM, MULTILINGUAL_E5}
    assert calibration_for(MINILM) != calibration_for(MULTILINGUAL_E5)
    assert calibration_for("some/unknown-model") is not None


def test_confidence_rises_with_similarity_and_falls_with_each_warning_sign() -> None:
    for calibration in CALIBRATIONS.values():
        mid = calibration.midpoint
        low, high = mid - 0.1, mid + 0.1
        assert calibration.confidence(Evidence(low)) < calibration.confidence(Evidence(high))
        plain = calibration.confidence(Evidence(high))
        assert calibration.confidence(Evidence(high, in_domain=False)) < plain
        assert calibration.confidence(Evidence(high, unknown_names=2)) < plain
        assert calibration.confidence(Evidence(high, local_detail=True)) < plain
        assert calibration.confidence(Evidence(mid)) == 0.5


def test_a_passage_in_another_language_counts_its_lower_cosine_back() -> None:
    e5 = calibration_for(MULTILINGUAL_E5)
    below = e5.midpoint - 0.03
    assert e5.cross_language > 0.03
    # The same cosine: too low for a passage in the question's language, enough for one in
    # another language (which the model scores lower even when it answers the question).
    assert e5.confidence(Evidence(below)) < 0.5
    crossed = e5.confidence(Evidence(below, other_language=True))
    assert crossed > 0.5
    assert crossed == e5.confidence(Evidence(below + e5.cross_language))


def test_a_named_schools_timetable_is_not_answered(assistant: Assistant) -> None:
    # The articles are general guidance: one school's timetable is never in them.
    reply = assistant.reply("What time does the apprenticeship course at Omnia start on Mondays?")
    assert reply.kind == "no_answer"
    searcher = assistant.searcher
    assert searcher.names.unknown("Courses at Omnia and Wärtsilä") == ["Omnia", "Wärtsilä"]
    assert searcher.names.asks_local_detail("Who teaches the welding course at Omnia?")
    assert not searcher.names.asks_local_detail("How much are apprentices paid?")


def test_off_topic_questions_without_a_pattern_are_out_of_scope(assistant: Assistant) -> None:
    reply = assistant.reply("How tall is the Eiffel tower?")
    assert reply.kind == "out_of_scope"


def test_below_the_threshold_the_reply_says_it_does_not_know(assistant: Assistant) -> None:
    question = "What is the hourly wage of a summer trainee at the Kesko warehouse in Vantaa?"
    strict = replace(assistant.calibration, threshold=0.999999)
    assistant.calibration = strict
    reply = assistant.reply(question)
    assert reply.kind == "no_answer"
    assert reply.confidence < strict.threshold
    assert reply.sources == []
    # A named employer's own pay: the reply says only that place knows, and where to ask.
    assert reply.answer.startswith(text("local", "en"))
    assert "**Where to ask:**" in reply.answer
    assert "Ohjaamo" in reply.answer  # points to a human service
    # A question of no one place's details says how to rephrase and who can help.
    general = assistant.reply("What is apprenticeship training?")
    assert general.kind == "no_answer"
    assert "other words" in general.answer and "Ohjaamo" in general.answer


def test_above_the_threshold_the_reply_answers(assistant: Assistant) -> None:
    assistant.calibration = Calibration(midpoint=0.0, scale=0.1, threshold=0.01)
    reply = assistant.reply("How does apprenticeship training work?")
    assert reply.kind == "answer" and reply.confidence >= 0.01


def test_a_question_no_card_and_no_article_is_close_to_is_unanchored() -> None:
    e5 = calibration_for("multilingual-e5-small")
    near = Evidence(cosine=0.865, card_cosine=0.85)
    assert e5.confidence(near) < e5.threshold
    # A close answer card, or a close article, anchors it; an index without cards is
    # judged on the article alone.
    assert e5.confidence(Evidence(cosine=0.865, card_cosine=0.90)) >= e5.threshold
    assert e5.confidence(Evidence(cosine=0.88, card_cosine=0.85)) >= e5.threshold
    assert e5.confidence(Evidence(cosine=0.865, card_cosine=None)) >= e5.threshold


def test_work_words_inside_compounds_make_a_guidance_question() -> None:
    from assistant.retrieval import is_guidance

    for question, language in (
        ("onko Lidlillä avoimia varastotöitä Porissa?", "fi"),
        ("vilka öppettider har kommunens sysselsättningstjänster?", "sv"),
        ("rekrytoiko Valio kuljettajia?", "fi"),
        ("Is Lidl hiring in Oulu?", "en"),
        ("Is the campus in Vantaa open on Sundays?", "en"),
        # Asking how to become something is a career question, whatever the occupation.
        ("miten musta tulee kiinteistönvälittäjä?", "fi"),
        ("hur blir man gränsbevakare?", "sv"),
    ):
        assert is_guidance(question, language), question
    for question, language in (
        ("Will it rain in Oulu tomorrow?", "en"),
        ("Vem vann fotbolls-VM?", "sv"),
        ("hyvä resepti?", "fi"),
    ):
        assert not is_guidance(question, language), question


def test_a_clearly_closer_answer_card_puts_its_article_first() -> None:
    from assistant.retrieval import CARD_VOTE, _voted
    from knowledge_base.chunking import Chunk
    from knowledge_base.retriever import Hit

    def hit(doc: str, score: float, fused: float, kind: str = "article") -> Hit:
        chunk = Chunk(f"{doc}-x", doc, kind, "en", doc, "h", "text", "https://example.org")
        return Hit(chunk, score, fused)

    hits = [hit("cook", 0.87, 0.9), hit("recognition", 0.85, 0.5)]
    voted = _voted(hits, [hit("recognition", CARD_VOTE + 0.02, 0.0, "card")])
    assert voted[0].chunk.doc_id == "recognition"
    assert voted[0].fused > hits[0].fused
    # A card that is not close, or not closer than the passages, changes nothing.
    assert _voted(hits, [hit("recognition", CARD_VOTE - 0.01, 0.0, "card")]) == hits
    assert (
        _voted([hit("cook", 0.95, 0.9), *hits[1:]], [hit("recognition", 0.9, 0.0, "card")])[
            0
        ].chunk.doc_id
        == "cook"
    )


def test_asking_for_a_crisis_line_is_a_wellbeing_question() -> None:
    from assistant.retrieval import asks_wellbeing

    for question in (
        "Finns det en kristelefon på svenska?",
        "is there a crisis helpline I can call?",
        "mistä saa apua masennukseen?",
    ):
        assert asks_wellbeing(question), question
    for question in ("Kristiinankaupungin ammattiopisto?", "en kristen folkhögskola i Vasa"):
        assert not asks_wellbeing(question), question
