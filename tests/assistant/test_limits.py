"""The limits check: questions of a kind the sources never answer get "I don't know, ask here"
instead of a near article served as an answer (real MiniLM, FAISS and BM25 over a small corpus)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from assistant.assistant import Assistant
from assistant.confidence import Evidence, calibration_for
from assistant.limits import Limits
from assistant.names import Names
from assistant.retrieval import Retrieval, Searcher
from knowledge_base.chunking import Chunk
from knowledge_base.embedding import Embedder
from knowledge_base.limits import LIMIT_KIND, limit_chunks, load_limits, parse_limit
from knowledge_base.retriever import Hit, Retriever
from suunta.index_setup import build
from tests.conftest import FIXTURE_CONTENT, small_settings

TAX = """\
id: tax
reviewed: 2026-12-06
youth_services: false
says:
  fi: Verovähennyksistä lähteet eivät kerro.
  sv: Om skatteavdrag säger källorna ingenting.
  en: The sources do not cover tax deductions.
where:
  fi: Kysy Verohallinnosta (vero.fi).
  sv: Fråga Skatteförvaltningen (vero.fi/sv).
  en: Ask the Tax Administration (vero.fi/en).
cue: 'vero|skatt|tax|deduct'
questions:
  fi:
    - voinko vähentää työmatkat verotuksessa
    - saako työkalut vähentää verotuksessa
    - miten teen verovähennyksen
  sv:
    - kan jag dra av resorna i beskattningen
    - får man dra av verktyg i skatten
    - hur gör jag skatteavdrag
  en:
    - can I deduct my commuting costs from my taxes
    - can I deduct work tools from tax
    - how do I claim a tax deduction
"""
ABROAD = TAX.replace("id: tax", "id: other-country").replace(
    "cue: 'vero|skatt|tax|deduct'", "countries: true\ncue: 'visa|viisumi|visum'"
)


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory, minilm: Embedder) -> Retriever:
    """The fixture corpus with a `limits/` folder beside it, built into a real index."""
    root = tmp_path_factory.mktemp("limits-kb")
    content = root / "kb" / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (root / "kb" / "limits").mkdir()
    (root / "kb" / "limits" / "tax.yaml").write_text(TAX, encoding="utf-8")
    settings = small_settings(root, content_dir=content)
    build(settings, minilm)
    return Retriever.from_index_dir(settings.index_dir, minilm)


def _assistant(retriever: Retriever, near: tuple[float, float, float] | None) -> Assistant:
    calibration = replace(calibration_for(retriever.embedder.name), limit=near)
    return Assistant(retriever, calibration=calibration)


def test_a_question_at_a_limit_says_what_suunta_cannot_say_and_who_can(
    limited: Retriever,
) -> None:
    reply = _assistant(limited, (0.8, -0.01, -0.01)).reply(
        "Can I deduct my commuting costs from taxes?"
    )
    assert (reply.kind, reply.reason) == ("no_answer", "not_covered")
    assert reply.answer.startswith("The sources do not cover tax deductions.")
    assert "vero.fi/en" in reply.answer
    assert "Ohjaamo" not in reply.answer  # no youth service fixes taxes
    assert reply.sources == []


def test_the_reply_is_in_the_language_asked_for(limited: Retriever) -> None:
    reply = _assistant(limited, (0.8, -0.01, -0.01)).reply(
        "kan jag dra av resorna i beskattningen", language="sv"
    )
    assert reply.kind == "no_answer"
    assert "vero.fi/sv" in reply.answer


def test_a_question_the_articles_answer_is_still_answered(limited: Retriever) -> None:
    reply = _assistant(limited, (0.8, -0.01, -0.01)).reply(
        "What is apprenticeship training and who can do it?"
    )
    assert reply.kind == "answer"


def test_without_a_calibrated_limit_nothing_is_refused_by_the_limits(limited: Retriever) -> None:
    reply = _assistant(limited, None).reply("Can I deduct my commuting costs from taxes?")
    assert "The sources do not cover tax deductions" not in reply.answer


@pytest.fixture
def abroad(tmp_path: Path) -> tuple[Limits, Chunk]:
    """The other-country limit and one of its English questions as a chunk."""
    path = tmp_path / "other-country.yaml"
    path.write_text(ABROAD, encoding="utf-8")
    chunks = limit_chunks([parse_limit(path)])
    return Limits(chunks, Names([])), next(c for c in chunks if c.language == "en")


def _found(chunk: Chunk, score: float, card: float | None, question: str) -> Retrieval:
    evidence = Evidence(cosine=0.8, card_cosine=card)
    vector = np.zeros(4, dtype=np.float32)
    return Retrieval(question, [], evidence, vector, limits=[Hit(chunk, score, 0.5)])


NEAR = (0.85, -0.01, -0.01)


def test_both_keys_must_fit_meaning_and_words(abroad: tuple[Limits, Chunk]) -> None:
    limits, chunk = abroad
    asked = "do I need a visa to work there"
    assert limits.match(asked, _found(chunk, 0.86, 0.80, asked), NEAR) is not None
    assert limits.match(asked, _found(chunk, 0.86, 0.865, asked), NEAR) is not None
    # Not close enough, or an answer card clearly closer: the question is answered as before.
    assert limits.match(asked, _found(chunk, 0.84, 0.80, asked), NEAR) is None
    assert limits.match(asked, _found(chunk, 0.86, 0.875, asked), NEAR) is None
    # Close in meaning but without the cue: never refused by the limit.
    other = "how do I find work there"
    assert limits.match(other, _found(chunk, 0.95, 0.80, other), NEAR) is None
    # A model without calibrated limits never refuses.
    assert limits.match(asked, _found(chunk, 0.95, 0.80, asked), None) is None


def test_naming_another_country_is_a_cue_but_finland_is_not(abroad: tuple[Limits, Chunk]) -> None:
    limits, chunk = abroad
    norway = "how does the unemployment fund work in Norway"
    finland = "how does the unemployment fund work in Finland"
    assert limits.match(norway, _found(chunk, 0.9, 0.8, norway), NEAR) is not None
    assert limits.match(finland, _found(chunk, 0.9, 0.8, finland), NEAR) is None


def test_a_limit_whose_cue_names_its_kind_may_be_a_little_less_close_than_a_card(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other-country.yaml"
    path.write_text(ABROAD.replace("reviewed:", "specific: true\nreviewed:"), encoding="utf-8")
    chunks = limit_chunks([parse_limit(path)])
    limits, chunk = Limits(chunks, Names([])), next(c for c in chunks if c.language == "en")
    asked = "do I need a visa to work there"
    near = (0.85, -0.01, -0.03)
    assert limits.match(asked, _found(chunk, 0.86, 0.885, asked), near) is not None
    assert limits.match(asked, _found(chunk, 0.86, 0.895, asked), near) is None


def test_without_a_calibrated_limit_the_limits_are_not_searched(limited: Retriever) -> None:
    question = "Can I deduct my commuting costs from taxes?"
    calibration = calibration_for(limited.embedder.name)
    searched = Searcher(limited, replace(calibration, limit=(0.8, -0.01, -0.01)))
    assert searched.search(question, "en").limits, "a calibrated limit searches them"
    assert Searcher(limited, replace(calibration, limit=None)).search(question, "en").limits == []


def test_a_nationality_or_language_is_not_another_country(abroad: tuple[Limits, Chunk]) -> None:
    limits, chunk = abroad
    asked = "how does the unemployment fund work for Swedish-speaking members"
    assert limits.match(asked, _found(chunk, 0.9, 0.8, asked), NEAR) is None


@pytest.fixture(scope="module")
def shipped() -> tuple[Limits, dict[str, Chunk]]:
    """The shipped limits (with the places and countries names know), and one chunk per kind."""
    folder = Path(__file__).resolve().parents[2] / "knowledge_base" / "limits"
    chunks = limit_chunks(load_limits(folder))
    first: dict[str, Chunk] = {}
    for chunk in chunks:
        first.setdefault(chunk.doc_id.removeprefix(f"{LIMIT_KIND}:"), chunk)
    return Limits(chunks, Names([])), first


def _at(shipped: tuple[Limits, dict[str, Chunk]], kind: str, question: str) -> bool:
    """Is the question at the limit when one of its questions is near (the words decide)?"""
    limits, chunks = shipped
    found = limits.match(question, _found(chunks[kind], 0.95, 0.8, question), NEAR)
    return found is not None and found.id == kind


def test_a_coming_years_exact_date_is_at_a_limit_but_when_a_round_usually_is_not(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    assert _at(shipped, "next-year-dates", "milloin kevään 2028 yhteishaku tarkalleen alkaa")
    assert _at(shipped, "next-year-dates", "sista anmälningsdag till studentexamen hösten 2027")
    assert _at(shipped, "next-year-dates", "what is the deadline for next year's separate round")
    assert not _at(shipped, "next-year-dates", "milloin korkeakoulujen yhteishaku on")
    assert not _at(
        shipped, "next-year-dates", "what's the YTHS fee for 2026 and when's the deadline"
    )
    assert not _at(shipped, "next-year-dates", "will the general support go up next year")


def test_what_an_app_or_online_course_is_worth_is_at_a_limit_but_yki_and_open_studies_are_not(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    assert _at(shipped, "online-course", "is busuu enough to prepare for the YKI test")
    assert _at(shipped, "online-course", "onko siitä data-analytiikka -kurssista hyötyä työnhaussa")
    assert _at(shipped, "online-course", "värdesätter arbetsgivare certifikat från en nätkurs")
    assert _at(shipped, "online-course", "do employers care about programming certificates")
    assert not _at(shipped, "online-course", "how do I prepare for the YKI test")
    assert not _at(shipped, "online-course", "saako avoimen yliopiston kursseista opintopisteitä")
    assert not _at(shipped, "online-course", "kelpaako vanha yki-todistus kansalaisuuteen")


def test_a_named_towns_own_offer_or_opening_hours_is_at_a_limit_but_the_services_are_not(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    assert _at(shipped, "municipal-service", "onko porvoon työllisyyspalveluilla iltavastaanottoa")
    assert _at(
        shipped, "municipal-service", "does the city of vaasa give jobseekers a free bus pass"
    )
    assert _at(shipped, "municipal-service", "paljonko raahen oma työllistämistuki on")
    assert not _at(shipped, "municipal-service", "mitä kunnan työllisyyspalvelut tekevät")
    assert not _at(
        shipped, "municipal-service", "how much is the Helsinki summer job voucher worth"
    )


def test_a_lowercase_employer_hiring_or_taking_apprentices_is_at_the_employer_limit(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    assert _at(shipped, "employer", "palkkaako hesburger kesäksi 16-vuotiaita")
    assert _at(shipped, "employer", "does wärtsilä take apprentices for welding")
    assert not _at(shipped, "employer", "palkkaako työnantaja 60-vuotiaan")
    assert not _at(shipped, "employer", "does the employer take apprentices over 50")
    # Which interview it is, not whose: preparing for one is what the job-search article answers.
    assert not _at(
        shipped, "employer", "sain kutsun ensimmäiseen työhaastatteluun, miten valmistaudun"
    )


def test_two_schools_compared_by_teachers_is_a_ranking(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    assert _at(shipped, "ranking", "omnia vai stadin ammattiopisto, kummassa on parempi meininki")
    assert _at(shipped, "ranking", "which of the two colleges has better teachers")
    assert not _at(shipped, "ranking", "omnia vai stadin ammattiopisto, kumpaan kannattaa hakea")


def test_a_country_where_something_happens_is_another_country_in_lower_case_too(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    assert _at(shipped, "other-country", "voiko tanskassa käydä ammattikoulun ilmaiseksi")
    assert not _at(shipped, "other-country", "osaan tanskaa, auttaako se työnhaussa")
    # Where the learner comes from is their background, another country named still counts.
    assert not _at(shipped, "other-country", "tuun Kanadasta amk:hon, saanko tehdä töitä")
    assert _at(shipped, "other-country", "jos muutan Kanadasta Tanskaan, saanko siellä tukea")


def test_severance_and_holiday_compensation_are_tax_and_employment_law_holiday_pay_is_not(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    assert _at(shipped, "tax", "miten erorahaa verotetaan")
    assert _at(shipped, "employment-law", "lasketaanko lomakorvaus tuloksi työttömyysetuudessa")
    assert not _at(shipped, "employment-law", "ingår semesterpenningen i lönestatistiken")
    assert not _at(shipped, "tax", "ingår semesterpenningen i lönestatistiken")


def test_what_an_article_answers_is_kept_out_of_its_limit(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    # The initial interview's time limit, labour market training's costs and the abolished
    # training deduction are in the articles.
    assert not _at(shipped, "processing-time", "kauanko alkuhaastattelua joutuu odottamaan")
    assert not _at(
        shipped, "private-price", "maksaako työvoimakoulutus mulle jotain, entä ajokortti?"
    )
    assert not _at(shipped, "tax", "saako firma vielä koulutusvähennyksen verotuksessa")


def test_how_many_parts_or_levels_something_has_is_not_admission_statistics(
    shipped: tuple[Limits, dict[str, Chunk]],
) -> None:
    assert not _at(shipped, "admission-statistics", "hur många delar har Kompetensstigen?")
    assert not _at(shipped, "admission-statistics", "montako tasoa yki-testissä on?")
    assert _at(shipped, "admission-statistics", "hur många sökte till den utbildningen i fjol")
