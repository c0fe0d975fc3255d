"""The second crisis check: a logistic regression over the question's e5 vector."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.crisis_vector import CrisisVector, fit, load_crisis_vector, path_for, save
from assistant.triage import triage

DATA = Path(__file__).resolve().parents[1] / "adversarial" / "data"


def test_a_vector_along_the_weights_is_a_crisis_and_one_against_them_is_not() -> None:
    weights = np.zeros(4, np.float32)
    weights[0] = 10.0
    check = CrisisVector(weights, bias=-5.0, threshold=0.9)
    assert check.says_crisis(np.array([1.0, 0.0, 0.0, 0.0], np.float32))
    assert not check.says_crisis(np.array([0.0, 1.0, 0.0, 0.0], np.float32))
    # The vector's length does not matter, only its direction.
    assert check.probability(np.array([3.0, 0, 0, 0], np.float32)) == pytest.approx(
        check.probability(np.array([1.0, 0, 0, 0], np.float32))
    )


def test_fitted_weights_separate_two_groups_and_survive_a_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    crisis = rng.normal(0, 0.1, (40, 8)) + np.eye(8)[0]
    ordinary = rng.normal(0, 0.1, (400, 8)) + np.eye(8)[1]
    model = fit(crisis, ordinary, threshold=0.9)
    assert all(model.says_crisis(v) for v in crisis)
    assert not any(model.says_crisis(v) for v in ordinary)
    save(model, tmp_path / "m.npz")
    with np.load(tmp_path / "m.npz") as data:
        assert float(data["threshold"]) == 0.9
        assert np.allclose(data["weights"], model.weights)


def test_a_model_without_weights_has_no_vector_check() -> None:
    assert load_crisis_vector("no-such-model") is None
    assert path_for("intfloat/multilingual-e5-small").name.startswith("crisis-vector-")


@pytest.mark.slow
def test_indirect_crisis_messages_are_found_and_look_alikes_are_not() -> None:
    """With the shipped weights and the product's embedder: the warning signs told in words no
    pattern knows (tests/adversarial/data/crisis_indirect.jsonl, written unseen; 71 of 90 were
    found before they were added to the training data) and the ordinary look-alikes."""
    from suunta.index_setup import make_embedder
    from suunta.settings import Settings

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    embedder = make_embedder(settings, threads=2)
    check = load_crisis_vector(embedder.name)
    assert check is not None, "no crisis-vector weights for the default model"
    messages = [
        json.loads(line)["text"]
        for line in (DATA / "crisis_indirect.jsonl").read_text("utf-8").splitlines()
    ]
    vectors = embedder.embed_queries(messages)
    found = [
        triage(m).kind == "crisis" or check.says_crisis_told(m, v, embedder.embed_queries)
        for m, v in zip(messages, vectors, strict=True)
    ]
    assert sum(found) >= 0.9 * len(messages), [
        m for m, f in zip(messages, found, strict=True) if not f
    ]
    ordinary = [
        line
        for line in (DATA / "ordinary.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    flagged = [
        m
        for m, v in zip(ordinary, embedder.embed_queries(ordinary), strict=True)
        if check.says_crisis_told(m, v, embedder.embed_queries)
    ]
    # The look-alikes are written to trip a detector ("I thought I would die" of an exam):
    # at most 3% of them get the crisis reply, which offers to go on with the question. Each
    # statement beside a question is read on its own (CrisisVector.says_crisis_told).
    assert len(flagged) <= 0.03 * len(ordinary), flagged


def test_a_career_idiom_of_dying_leaves_the_decision_to_the_patterns() -> None:
    from assistant.crisis_vector import speaks_in_idioms

    assert speaks_in_idioms("ja dör av skratt när ja läser min gamla ansökan")
    assert speaks_in_idioms("I am dying to start my studies, which course first?")
    assert not speaks_in_idioms("I won't be needing those application dates after all")


def test_a_message_of_several_sentences_is_a_crisis_only_by_a_statement() -> None:
    """The whole vector of a career question may lean towards a crisis; one of its statements
    must be one on its own, and a question beside it is never that statement."""
    check = CrisisVector(np.array([5.0, 0.0, 0.0, 0.0], np.float32), 0.0, threshold=0.9)
    crisis = np.array([1.0, 0.0, 0.0, 0.0], np.float32)  # p = 0.993
    calm = np.array([0.0, 1.0, 0.0, 0.0], np.float32)
    told: list[list[str]] = []

    def embed(texts: list[str]) -> np.ndarray:
        told.append(texts)
        return np.array([crisis if "lease" in t else calm for t in texts])

    # One sentence: the whole vector decides.
    assert check.says_crisis_told("which course starts soonest", crisis, embed)
    assert told == []
    # A sign told in a statement beside the question.
    message = "which course starts soonest? I cancelled my lease since I won't need it."
    assert check.says_crisis_told(message, crisis, embed)
    assert told == [["I cancelled my lease since I won't need it."]]
    # The whole leans, but no statement is a crisis.
    assert not check.says_crisis_told("where do I study? I live in Vantaa.", crisis, embed)
    # The whole does not lean at all: the statements are not read.
    told.clear()
    assert not check.says_crisis_told(message, calm, embed)
    assert told == []
