"""Questions about an occupation: in English from its ESCO description, curated articles next;
in Finnish and Swedish from the curated occupation guide, or honestly not at all.

The index holds the fixture articles, the real "exploring occupations" article and the practical
nurse's guide in fi/sv/en and a slice of the real ESCO file (the occupations asked about among
150 others).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.confidence import calibration_for
from assistant.generators import MAX_WORDS
from assistant.messages import text
from assistant.occupations import GuideNames, asks_what_work
from knowledge_base.embedding import MULTILINGUAL_E5, Embedder, load_embedder
from knowledge_base.index import build_index, collect_chunks
from knowledge_base.retriever import Retriever
from tests.conftest import FIXTURE_CONTENT, sample_occupations

CONTENT = Path(__file__).resolve().parents[2] / "knowledge_base" / "content"
ESCO_URI = "http://data.europa.eu/esco/occupation/"
# The file's description column opens with the labels, preferred label first.
NAMED = ("welder ", "bookkeeper ", "accountant ", "carpenter ", "nurse responsible for general")


def _index(root: Path, embedder: Embedder) -> Retriever:
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for language in ("fi", "sv", "en"):
        for name in ("exploring-occupations.md", "occupation-practical-nurse.md"):
            shutil.copy(CONTENT / language / name, content / language)
    chunks = collect_chunks(content, include_occupations=False)
    chunks += sample_occupations(root, 150, NAMED)
    build_index(root / "index", chunks, embedder)
    return Retriever.from_index_dir(root / "index", embedder)


@pytest.fixture(scope="module")
def minilm_retriever(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Retriever:
    """The fast English model over articles and occupations."""
    return _index(tmp_path_factory.mktemp("occupations-minilm"), minilm)


@pytest.fixture(scope="module")
def e5_retriever(tmp_path_factory: pytest.TempPathFactory, e5_models_dir: Path) -> Retriever:
    """The product's default model over articles and occupations."""
    root = tmp_path_factory.mktemp("occupations-e5")
    e5 = load_embedder(MULTILINGUAL_E5, models_dir=e5_models_dir, threads=2)
    return _index(root, e5)


def _assistant(retriever: Retriever) -> Assistant:
    return Assistant(retriever, calibration=calibration_for(retriever.embedder.name))


def test_cues_say_what_work_is_asked_about() -> None:
    for question in [
        "What does a welder do?",
        "what do data analysts do",
        "mitä kirjanpitäjä tekee?",
        "Millaista on sähköasentajan työ?",
        "vad gör en sjuksköterska?",
        "vad jobbar en snickare med",
    ]:
        assert asks_what_work(question), question
    for question in [
        "How do I become a welder?",
        "Where can I find out what a welder does and earns?",
        "Mistä löydän tietoa siitä, mitä kirjanpitäjä tekee?",
        "Miten kirjanpitäjäksi voi opiskella?",
        "Får man lön under läroavtalet?",
    ]:
        assert not asks_what_work(question), question


def test_a_guide_is_found_by_its_occupation_name_in_any_inflection(
    minilm_retriever: Retriever,
) -> None:
    names = GuideNames(minilm_retriever.chunks)
    guide = "occupation-practical-nurse"
    assert names.named("mitä lähihoitaja tekee?", "fi") == guide
    assert names.named("miten lähihoitajaksi pääsee aikuisena", "fi") == guide
    assert names.named("Paljonko lähihoitajan palkka on?", "fi") == guide
    assert names.named("hur blir man närvårdare?", "sv") == guide
    assert names.named("How do I become a practical nurse?", "en") == guide
    assert names.named("mitä kirjanpitäjä tekee?", "fi") is None
    assert names.named("hur blir man närvårdare?", "fi") is None  # names are per language
    # The learner's own job is their situation, not the subject; becoming one still is.
    assert names.named("Olen 42-vuotias lähihoitaja ja haluan vaihtaa alaa", "fi") is None
    assert (
        names.named("I've worked as a practical nurse for years, can I study more?", "en") is None
    )
    assert names.named("Jag har jobbat flera år som närvårdare, vad nu?", "sv") is None
    assert names.named("Oon 30 ja haluun lähihoitajaksi", "fi") == guide


def test_a_finnish_occupation_question_is_answered_from_the_finnish_guide(
    minilm_retriever: Retriever,
) -> None:
    reply = _assistant(minilm_retriever).reply("mitä lähihoitaja tekee?")
    assert reply.kind == "answer" and reply.language == "fi"
    assert reply.sources[0].id == "occupation-practical-nurse"
    assert reply.sources[0].language == "fi"
    assert all(s.kind == "article" for s in reply.sources)  # no English ESCO text
    assert "lähihoita" in reply.answer.lower()


def test_an_occupation_without_a_guide_is_not_answered_in_finnish(
    minilm_retriever: Retriever,
) -> None:
    reply = _assistant(minilm_retriever).reply("miten minusta tulee kirjanpitäjä?")
    assert reply.kind == "no_answer" and reply.reason == "not_covered"
    assert "kirjanpitäjä" in reply.answer
    assert "tyomarkkinatori.fi" in reply.answer or "opintopolku.fi" in reply.answer


def test_an_occupation_question_is_answered_from_esco_and_cited_by_uri(
    minilm_retriever: Retriever,
) -> None:
    reply = _assistant(minilm_retriever).reply("What does a welder do?")
    assert reply.kind == "answer" and reply.language == "en"
    esco = reply.sources[0]
    assert esco.kind == "occupation" and esco.title == "Welder"
    assert esco.url.startswith(ESCO_URI) and esco.id == esco.url
    description = next(c for c in minilm_retriever.chunks if c.url == esco.url).text
    assert reply.answer.startswith(description.split(". ")[0])
    assert text("esco_attribution", "en") + " [1]" in reply.answer
    # English learners read the English description without a note about its language.
    assert "only available in" not in reply.answer
    # The curated guide follows, with its next steps.
    assert reply.sources[1].id == "exploring-occupations" and reply.sources[1].kind == "article"
    assert f"**{text('next_steps', 'en')}:**" in reply.answer
    assert "[2]" in reply.answer.split(text("next_steps", "en"))[1]
    assert len(reply.answer.replace("**", "").split()) <= MAX_WORDS
    assert reply.topics == ["occupations"]


def test_a_stream_of_an_occupation_answer_joins_to_the_whole(
    minilm_retriever: Retriever,
) -> None:
    assistant = _assistant(minilm_retriever)
    question = "what does a carpenter do?"
    draft = assistant.prepare(question)
    assert draft.reply.sources[0].title == "Carpenter"
    assert "".join(assistant.stream(draft)).strip() == assistant.reply(question).answer


def test_questions_that_are_not_about_what_an_occupation_is_stay_with_the_articles(
    minilm_retriever: Retriever,
) -> None:
    assistant = _assistant(minilm_retriever)
    for question in [
        "Where can I find out what a welder does and earns?",
        "Do apprentices get a wage?",
        "Kela student financial aid income limits",
    ]:
        reply = assistant.reply(question)
        assert all(s.kind == "article" for s in reply.sources), (question, reply.sources)


def test_an_index_without_occupations_answers_from_articles(assistant: Assistant) -> None:
    assert not assistant.has_occupations
    reply = assistant.reply("What does a welder do?")
    assert all(s.kind == "article" for s in reply.sources)


@pytest.mark.slow
def test_occupation_questions_in_three_languages_with_the_default_model(
    e5_retriever: Retriever,
) -> None:
    assistant = _assistant(e5_retriever)
    reply = assistant.reply("what does a welder do?")
    assert reply.kind == "answer" and reply.sources[0].title == "Welder"
    assert reply.sources[0].url.startswith(ESCO_URI)
    assert text("esco_attribution", "en") + " [1]" in reply.answer
    assert reply.sources[1].id == "exploring-occupations"
    for question, language in [
        ("mitä lähihoitaja tekee?", "fi"),
        ("vad gör en närvårdare?", "sv"),
    ]:
        reply = assistant.reply(question)
        assert reply.kind == "answer" and reply.language == language, (question, reply)
        assert reply.sources[0].id == "occupation-practical-nurse"
        assert reply.sources[0].language == language
        assert "ESCO" not in reply.answer
