"""The knowledge base's limits: curated kinds of question the sources never answer."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from knowledge_base.limits import (
    LANGUAGES,
    LimitError,
    check_limit,
    limit_chunks,
    limits_in,
    load_limits,
    parse_limit,
    pattern,
)
from knowledge_base.validation import validate_corpus

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "knowledge_base" / "limits"

GOOD = """\
id: forecast
reviewed: 2026-12-06
says: {fi: Ei ennusteita., sv: Inga prognoser., en: No forecasts.}
where: {fi: Kysy A., sv: Fråga A., en: Ask A.}
cue: 'tulevaisuu|framtid|future'
questions:
  fi: [onko alalla tulevaisuutta, tulevaisuus alalla, mikä on alan tulevaisuus]
  sv: [har branschen en framtid, framtiden i branschen, hur ser framtiden ut]
  en: [does the field have a future, the future of the field, what is the future like]
"""


def _write(tmp_path: Path, text: str, name: str = "forecast.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_limits_are_complete_and_let_through_by_their_own_cues() -> None:
    limits = load_limits(SHIPPED)
    assert len(limits) >= 8
    for limit in limits:
        assert set(limit.questions) == set(LANGUAGES)
        assert all(len(q) >= 3 for q in limit.questions.values())
        assert set(limit.says) == set(LANGUAGES)
        assert check_limit(limit) == [], limit.id
        assert limit.reviewed is not None and dt.date(2026, 1, 1) <= limit.reviewed


def test_a_limit_chunk_carries_what_suunta_cannot_say_where_to_ask_and_the_cues(
    tmp_path: Path,
) -> None:
    limit = parse_limit(_write(tmp_path, GOOD))
    chunks = limit_chunks([limit])
    assert len(chunks) == 9
    first = chunks[0]
    assert (first.kind, first.doc_id, first.language) == ("limit", "limit:forecast", "fi")
    assert first.title == "Ei ennusteita." and first.summary == "Kysy A."
    assert json.loads(first.keywords) == ["tulevaisuu|framtid|future"]
    # Matched question to question, like an answer card: the question alone is embedded.
    assert first.embed_text == first.text == "onko alalla tulevaisuutta"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.replace("  sv: [har branschen", "  xx: [har branschen"), "questions"),
        (lambda t: t.replace(", mikä on alan tulevaisuus]", "]"), "at least 3"),
        (lambda t: t.replace("'tulevaisuu|framtid|future'", "'(unclosed'"), "compile"),
        (lambda t: t.replace("reviewed: 2026-12-06\n", ""), "reviewed"),
        (lambda t: t.replace(", en: No forecasts.}", "}"), "says"),
        (lambda t: t + "  : [\n", "YAML"),
    ],
)
def test_a_broken_limit_is_refused_with_its_reason(
    tmp_path: Path, change: Callable[[str], str], message: str
) -> None:
    path = _write(tmp_path, change(GOOD))
    with pytest.raises(LimitError, match=re.escape(message)):
        parse_limit(path)


def test_kb_validate_reports_a_limit_question_its_cue_would_not_let_through(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    (content / "fi").mkdir(parents=True)
    limits = tmp_path / "limits"
    limits.mkdir()
    _write(limits, GOOD.replace("mikä on alan tulevaisuus", "onko alalla töitä"))
    findings = validate_corpus(content, set(), dt.date(2026, 12, 6))
    messages = [f.message for f in findings if "limits" in f.path]
    assert messages == ["question 'onko alalla töitä' (fi) does not match the limit's cue"]


def test_an_index_gives_back_the_limits_it_was_built_from() -> None:
    shipped = load_limits(SHIPPED)
    read_back = {limit.id: limit for limit in limits_in(limit_chunks(shipped))}
    assert set(read_back) == {limit.id for limit in shipped}
    for limit in shipped:
        again = read_back[limit.id]
        assert (again.questions, again.cues, again.says, again.where) == (
            limit.questions,
            limit.cues,
            limit.says,
            limit.where,
        )
        flags = (limit.countries, limit.own_case, limit.specific, limit.youth_services)
        assert (again.countries, again.own_case, again.specific, again.youth_services) == flags


def _cued(limit_id: str, question: str) -> bool:
    limit = next(limit for limit in load_limits(SHIPPED) if limit.id == limit_id)
    return all(re.search(pattern(cue), question, re.IGNORECASE) for cue in limit.cues)


def test_a_count_of_meetings_or_stages_is_not_an_admission_figure() -> None:
    assert _cued("admission-statistics", "hur många kom in på polisskolan i fjol")
    assert not _cued("admission-statistics", "hur många träffar får man i NUOTTI-coachningen")
    assert not _cued("admission-statistics", "how many stages does the entrance exam have")


def test_paying_back_a_student_loan_is_not_a_question_of_employment_law() -> None:
    assert _cued("employment-law", "måste jag betala tillbaka kursen om jag säger upp mig")
    assert not _cued("employment-law", "när börjar man betala tillbaka studielånet")
    assert not _cued("employment-law", "milloin opintolaina pitää maksaa takaisin")
    assert not _cued("employment-law", "when do I pay back my student loan")


def test_saved_details_that_vanished_are_a_technical_fault_and_paying_back_is_any_form() -> None:
    assert _cued("tech-support", "osaamispolkuun tallentamani koulutukset katos yhtäkkiä")
    assert _cued("employment-law", "min chef säger att jag betalar tillbaka kursen om jag slutar")


def test_kb_validate_refuses_a_review_date_in_the_future(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "fi").mkdir(parents=True)
    limits = tmp_path / "limits"
    limits.mkdir()
    _write(limits, GOOD)
    reviewed = parse_limit(next(limits.glob("*.yaml"))).reviewed
    assert reviewed is not None
    findings = validate_corpus(content, set(), reviewed - dt.timedelta(days=1))
    messages = [f.message for f in findings if "limits" in f.path]
    assert messages == [f"reviewed {reviewed} is in the future"]
    assert not [f for f in validate_corpus(content, set(), reviewed) if "limits" in f.path]
