"""Calibrated confidence: low retrieval evidence gives an honest "I don't know"."""

from __future__ import annotations

from dataclasses import replace

from assistant.assistant import Assistant
from assistant.confidence import CALIBRATIONS, Calibration, Evidence, calibration_for
from knowledge_base.embedding import MINILM, MULTILINGUAL_E5


def test_each_model_has_its_own_calibration() -> None:
    assert set(CALIBRATIONS) >= {MINILM, MULTILINGUAL_E5}
    assert calibration_for(MINILM) != calibration_for(MULTILINGUAL_E5)
    assert calibration_for("some/unknown-model") is not None


def test_confidence_rises_with_similarity_and_coverage() -> None:
    for calibration in CALIBRATIONS.values():
        low, high = calibration.midpoint - 0.1, calibration.midpoint + 0.1
        assert calibration.confidence(Evidence(low)) < calibration.confidence(Evidence(high))
        partly = calibration.confidence(Evidence(calibration.midpoint, coverage=0.2))
        fully = calibration.confidence(Evidence(calibration.midpoint, coverage=1.0))
        assert partly <= fully
        assert 0.0 < calibration.confidence(Evidence(0.0, coverage=0.0)) < 0.5


def test_below_the_threshold_the_reply_says_it_does_not_know(assistant: Assistant) -> None:
    question = "What is the hourly wage of a summer trainee at the Kesko warehouse in Vantaa?"
    strict = replace(assistant.calibration, threshold=0.999999)
    assistant.calibration = strict
    reply = assistant.reply(question)
    assert reply.kind == "no_answer"
    assert reply.confidence < strict.threshold
    assert reply.sources == []
    assert "don't want to guess" in reply.answer
    assert "Ohjaamo" in reply.answer  # points to a human service
    assert "other words" in reply.answer  # and says how to rephrase


def test_above_the_threshold_the_reply_answers(assistant: Assistant) -> None:
    assistant.calibration = Calibration(midpoint=0.0, scale=0.1, threshold=0.01)
    reply = assistant.reply("How does apprenticeship training work?")
    assert reply.kind == "answer" and reply.confidence >= 0.01
