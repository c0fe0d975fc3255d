"""The indicator catalogue: valid, documented, and one computation for every indicator and one
indicator for every computation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evaluation.monitoring.catalogue import CATALOGUE, load_catalogue, parse
from evaluation.monitoring.computations import COMPUTATIONS

ISSUE_MINIMUM = {
    "sessions",
    "users",
    "users_per_1000",
    "after_hours_share",
    "sessions_by_language",
    "sessions_by_channel",
    "latency_p95_ms",
    "handoffs_offered",
    "handoffs_taken",
    "satisfaction",
    "helpful_rate",
    "no_answer_rate",
    "knowledge_gap_questions",
    "counsellor_plan_rating",
    "clarity_start",
    "clarity_end",
    "next_step_taken",
    "service_contacted",
}


def test_every_indicator_has_a_computation_and_every_computation_an_indicator() -> None:
    ids = {i.id for i in load_catalogue().indicators}
    assert ids == set(COMPUTATIONS)
    assert ids >= ISSUE_MINIMUM


def test_catalogue_is_versioned_and_documented() -> None:
    catalogue = load_catalogue()
    assert catalogue.version >= 1 and catalogue.licence == "CC-BY-4.0"
    docs = (Path(__file__).resolve().parents[2] / "docs" / "indicators.md").read_text()
    for indicator in catalogue.indicators:
        assert f"`{indicator.id}`" in docs, indicator.id
        assert {indicator.category} <= {"availability", "quality", "effectiveness", "results"}


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"category": "fun"}, "category"),
        ({"suppression": "none"}, "suppression"),
        ({"levels": ["planet"]}, "levels"),
        ({"names": {"fi": "x", "en": "y"}}, "fi, sv and en"),
        ({"definitions": {"fi": "", "sv": "x", "en": "y"}}, "fi, sv and en"),
        ({"groups": ["a"]}, "groups"),
    ],
)
def test_bad_entries_are_refused_by_name(change: dict[str, object], words: str) -> None:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    data["indicators"][0].update(change)
    with pytest.raises(ValueError, match=words):
        parse(data)


def test_duplicate_and_missing_fields_are_refused() -> None:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    data["indicators"].append(dict(data["indicators"][0]))
    with pytest.raises(ValueError, match="unique"):
        parse(data)
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    del data["indicators"][2]["formula"]
    with pytest.raises(ValueError, match="users_per_1000"):
        parse(data)
