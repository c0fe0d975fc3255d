"""Language detection for short, informal fi/sv/en messages."""

from __future__ import annotations

import re

from lingua import Language, LanguageDetectorBuilder

SUPPORTED = ("fi", "sv", "en")
_CODES = {Language.FINNISH: "fi", Language.SWEDISH: "sv", Language.ENGLISH: "en"}
_WORD = re.compile(r"[a-zåäöéü]+")
# Function words settle short or mixed messages ("what is oppisopimus?") that character
# statistics get wrong because a Finnish term dominates.
_FUNCTION_WORDS = {
    "en": set(
        [
            "the",
            "is",
            "are",
            "what",
            "how",
            "can",
            "i",
            "my",
            "do",
            "does",
            "where",
            "when",
            "which",
            "who",
            "should",
            "would",
            "could",
            "want",
            "need",
            "about",
            "for",
            "with",
            "and",
            "or",
            "not",
            "to",
            "of",
            "in",
            "on",
            "an",
            "a",
            "me",
            "it",
            "im",
            "i'm",
            "get",
        ]
    ),
    "sv": set(
        [
            "är",
            "och",
            "jag",
            "vad",
            "hur",
            "kan",
            "min",
            "mitt",
            "vill",
            "behöver",
            "om",
            "för",
            "med",
            "inte",
            "till",
            "av",
            "på",
            "en",
            "ett",
            "det",
            "som",
            "var",
            "när",
            "vilken",
            "får",
            "ska",
            "skulle",
            "jobb",
            "söka",
        ]
    ),
    "fi": set(
        [
            "on",
            "ja",
            "mä",
            "minä",
            "mitä",
            "miten",
            "voi",
            "voiko",
            "voinko",
            "mun",
            "minun",
            "haluan",
            "tarvitsen",
            "kun",
            "jos",
            "mikä",
            "missä",
            "onko",
            "olen",
            "ei",
            "en",
            "että",
            "kanssa",
            "pitää",
            "pitäis",
            "voiks",
            "mulla",
        ]
    ),
}


class LanguageDetector:
    """Finnish, Swedish or English, built once (its models ship inside the package)."""

    def __init__(self) -> None:
        self._detector = (
            LanguageDetectorBuilder.from_languages(*_CODES).with_preloaded_language_models().build()
        )

    def detect(self, text: str, default: str = "fi") -> str:
        """The message's language; `default` when there is nothing to go on."""
        words = _WORD.findall(text.lower())
        if not words:
            return default
        votes = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
        best = max(votes, key=lambda lang: votes[lang])
        ranked = sorted(votes.values(), reverse=True)
        if ranked[0] >= 2 and ranked[0] >= 2 * ranked[1]:
            return best
        confidences = self._detector.compute_language_confidence_values(text)
        if not confidences:
            return default
        scores = {_CODES[c.language]: c.value for c in confidences}
        for lang, count in votes.items():
            scores[lang] = scores.get(lang, 0.0) + 0.15 * count
        return max(scores, key=lambda lang: scores[lang])
