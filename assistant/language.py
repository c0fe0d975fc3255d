"""Language detection for short, informal fi/sv/en messages.

Function words decide short or mixed messages ("what is oppisopimus?" is English even though a
Finnish term dominates its letters); lingua's character statistics decide the rest, with the
function-word votes added as evidence. Letters only Swedish uses (å) and Finnish-only
spellings (double vowels, "ää") tip close calls.
"""

from __future__ import annotations

import re

from lingua import Language, LanguageDetectorBuilder

SUPPORTED = ("fi", "sv", "en")
_CODES = {Language.FINNISH: "fi", Language.SWEDISH: "sv", Language.ENGLISH: "en"}
_WORD = re.compile(r"[a-zåäöéü']+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that are frequent in one of the three languages and rare (or absent) in the other two.
# "i" (English "I", Swedish "in") and "en" (Swedish article, Finnish "not I") are left out.
FUNCTION_WORDS = {
    "en": _words(
        "the is are was what how can do does where when which who should would could want need "
        "about for with and or not to of on an a me my it im i'm i've i'd get you your there "
        "have has will from at by this that be if any still after before without while they "
        "their them our we us am just also anyway please thanks hi hello hey bye lol nice ttyl "
        "cool yeah"
    ),
    "sv": _words(
        "är och jag vad hur kan min mitt mina vill behöver om för med inte till av på ett det "
        "som var när vilken vilka får ska skulle man måste eller har finns blir mig mej dig sig "
        "oss hos vid från också bara nu här där vem varför kommer hon han de den dem nån något "
        "någon efter utan sedan redan ännu fortfarande jobbar gör hej hejsan tjena tack"
    ),
    "fi": _words(
        "on ja mä minä mitä miten voi voiko voinko voiks mun minun haluan tarvitsen kun jos mikä "
        "missä mistä mihin milloin onko olen ei että kanssa pitää pitäis mulla minulla sä sinä "
        "oon ole oli kuin myös vain vaan vielä enää nyt tai mutta saa saako saanko paljonko "
        "kuinka kuka ketkä pitääkö onks jo mut mua mulle minua tää tämä se ne niin siis entä "
        "enkä etten eikä moi moro moikka heippa kiitos kiitti terve"
    ),
}
_PRIOR_WORDS = 3  # messages this short keep the conversation's language unless clearly other
_SHORT = 6  # messages of at most this many words are judged word by word
_DECISIVE = 2  # votes needed (and twice the runner-up's) to decide without lingua


class LanguageDetector:
    """Finnish, Swedish or English, built once (its models ship inside the package)."""

    def __init__(self) -> None:
        self._detector = (
            LanguageDetectorBuilder.from_languages(*_CODES).with_preloaded_language_models().build()
        )

    def votes(self, text: str) -> dict[str, int]:
        """Function words of each language in the text."""
        words = _WORD.findall(text.lower().replace("’", "'"))
        return {lang: sum(w in fw for w in words) for lang, fw in FUNCTION_WORDS.items()}

    def detect(self, text: str, default: str = "fi", *, prior: str | None = None) -> str:
        """The message's language; `default` when there is nothing to go on.

        `prior` (the conversation's language so far) wins for very short messages that no
        function word settles, such as "ok" or "AMK?".
        """
        if not _WORD.search(text.lower()):
            return prior or default
        votes = self.votes(text)
        ranked = sorted(votes.values(), reverse=True)
        best = max(votes, key=lambda lang: votes[lang])
        if ranked[0] >= _DECISIVE and ranked[0] >= 2 * ranked[1]:
            return best
        short = len(_WORD.findall(text.lower())) <= _PRIOR_WORDS
        if prior in SUPPORTED and short and votes[prior] == ranked[0]:
            return prior
        scores = {lang: 0.0 for lang in SUPPORTED}
        words = _WORD.findall(text.lower())
        if len(words) <= _SHORT:
            # A few words: each word votes, so one long borrowed term cannot outweigh the rest.
            for word in words:
                known = [lang for lang, fw in FUNCTION_WORDS.items() if word in fw]
                if len(known) == 1:
                    scores[known[0]] += 1.0 / len(words)
                    continue
                for value in self._detector.compute_language_confidence_values(word):
                    scores[_CODES[value.language]] += value.value / len(words)
        else:
            for value in self._detector.compute_language_confidence_values(text):
                scores[_CODES[value.language]] = value.value
        lowered = text.lower()
        if "å" in lowered:
            scores["sv"] += 0.3
        if re.search(r"(aa|ii|uu|yy|ää|öö)", lowered):
            scores["fi"] += 0.1
        if len(words) > _SHORT:
            for lang, count in votes.items():
                scores[lang] += 0.15 * count
        if max(scores.values()) <= 0.0:
            return default
        return max(scores, key=lambda lang: scores[lang])
