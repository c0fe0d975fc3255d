"""A question about the learner's own case gets a card's general rule, said as the rule, when a
card answers it as a general question; without one it is refused as before."""

from __future__ import annotations

import shutil

import pytest

from assistant.assistant import Assistant
from assistant.confidence import calibration_for
from knowledge_base.embedding import Embedder
from knowledge_base.retriever import Retriever
from suunta.index_setup import build
from tests.conftest import FIXTURE_CONTENT, small_settings

CARD = """\
- id: kela-student-aid-income
  section: Income limits
  questions:
    - Does working while studying reduce my student aid?
    - will my summer job cut my student aid
    - does kela look at my income for the whole year
    - my payment got smaller after I started working, why
  answer: >-
    Yes, it can: Kela checks your income over the whole calendar year, so working while
    studying can reduce your student aid.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Assistant:
    root = tmp_path_factory.mktemp("own-case")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    (root / "cards" / "en").mkdir(parents=True)
    (root / "cards" / "en" / "kela-student-aid.yaml").write_text(CARD, encoding="utf-8")
    settings = small_settings(root, content_dir=root / "content")
    build(settings, minilm)
    retriever = Retriever.from_index_dir(settings.index_dir, minilm)
    return Assistant(retriever, calibration=calibration_for(minilm.name))


def test_a_card_gives_the_general_rule_of_ones_own_case(assistant: Assistant) -> None:
    # Asked as the card asks it (cards keep learners' own phrasings), but of their own case.
    reply = assistant.reply("My payment got smaller after I started working, why?")
    assert reply.kind == "answer", reply.answer
    assert reply.answer.startswith("I cannot see your own case, but this is the general rule:")
    assert "whole calendar year" in reply.answer


def test_ones_own_case_without_a_card_is_refused(assistant: Assistant) -> None:
    reply = assistant.reply("my apprenticeship decision has not come, why is it so slow?")
    assert reply.kind == "no_answer"
    assert reply.answer.startswith("I cannot see your own case")


def test_a_general_question_answered_by_the_card_has_no_such_words(assistant: Assistant) -> None:
    reply = assistant.reply("Does working while studying reduce my student aid?")
    assert reply.kind == "answer"
    assert "your own case" not in reply.answer
