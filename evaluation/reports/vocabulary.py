"""The reach vocabularies (regions, age bands, life situations) and the groups reports use."""

from __future__ import annotations

from telemetry import profile

LANGUAGES = ("fi", "sv", "en")
CHANNELS = ("web", "counsellor", "api")
KINDS = ("answer", "no_answer", "out_of_scope", "crisis", "handoff")

# Stored codes are the profile API's own (telemetry.profile), so the two can never drift.
REGIONS = tuple(profile.REGIONS)
AGE_BANDS = tuple(profile.AGE_BANDS)
LIFE_SITUATIONS = tuple(profile.LIFE_SITUATIONS)
RATINGS = (1, 2, 3, 4, 5)
CLARITY = (1, 2, 3, 4, 5)

# A reply below this confidence counts as a knowledge gap even when it answered.
LOW_CONFIDENCE = 0.45
