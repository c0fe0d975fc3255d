"""The unsure reply: "I don't know" that still says who knows, for one place's own details and
for one person's own case."""

from __future__ import annotations

import numpy as np

from assistant.confidence import Evidence
from assistant.messages import text
from assistant.replies import unsure
from assistant.retrieval import Retrieval
from assistant.situation import Situation
from assistant.types import Reply


def _base(language: str = "en") -> Reply:
    return Reply("s", "m", "", language, "answer", 1.0)


def _found(question: str, **evidence: bool) -> Retrieval:
    return Retrieval(question, [], Evidence(cosine=0.7, **evidence), np.zeros(4, np.float32))


def test_one_places_own_details_get_the_only_that_place_knows_text() -> None:
    reply = unsure(_base(), _found("Who teaches at Tredu?", local_detail=True), 0.1, "learner")
    assert (reply.kind, reply.reason) == ("no_answer", "low_confidence")
    assert reply.answer.startswith(text("local", "en"))
    assert "**Where to ask:**" in reply.answer


def test_ones_own_case_names_only_the_service_handling_it() -> None:
    found = _found("Why hasn't Kela paid my student aid yet?")
    reply = unsure(_base(), found, 0.1, "learner", Situation(age=45))
    assert reply.answer.startswith(text("own_case", "en"))
    assert "Ohjaamo" not in reply.answer


def test_other_unsure_questions_keep_the_general_text() -> None:
    reply = unsure(_base("fi"), _found("mikä on paras tapa oppia"), 0.1, "learner")
    assert reply.answer == text("no_answer", "fi")
    off = unsure(_base(), _found("what is a good pasta recipe", in_domain=False), 0.1, "learner")
    assert (off.kind, off.reason) == ("out_of_scope", "out_of_scope")
