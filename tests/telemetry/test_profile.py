"""The reach vocabulary: what the API accepts is what the reports group by, in three languages."""

from __future__ import annotations

from evaluation.reports import vocabulary
from telemetry import profile


def test_codes_match_the_reports_vocabulary() -> None:
    assert tuple(profile.REGIONS) == vocabulary.REGIONS
    assert tuple(profile.AGE_BANDS) == vocabulary.AGE_BANDS
    assert tuple(profile.LIFE_SITUATIONS) == vocabulary.LIFE_SITUATIONS
    assert profile.CLARITY == vocabulary.CLARITY
    assert len(profile.REGIONS) == 19 and "ahvenanmaa" in profile.REGIONS


def test_every_label_is_in_three_languages() -> None:
    tables = [profile.QUESTIONS, profile.AGE_BANDS, profile.REGIONS, profile.LIFE_SITUATIONS]
    for table in tables:
        for code, labels in table.items():
            assert set(labels) == {"fi", "sv", "en"}, code
            assert all(label.strip() for label in labels.values()), code
    for language in ("fi", "sv", "en"):
        options = profile.options(language)
        assert options["language"] == language
        assert len(options["region"]) == 19  # type: ignore[arg-type]
