"""Lexical BM25 (bm25s) with Snowball stemming per language, plus prefixes for compounds."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

import bm25s
import numpy as np
import Stemmer

# bm25s sets its own logger to DEBUG on import, which prints "Building index from tokens" to
# every CLI user's terminal and server log: only its warnings are worth showing.
logging.getLogger("bm25s").setLevel(logging.WARNING)

STEMMERS = {"fi": "finnish", "sv": "swedish", "en": "english"}
WORD = re.compile(r"[0-9a-zåäöéü]+", re.IGNORECASE)
# Finnish and Swedish glue words into compounds ("oppisopimuskoulutus"); a short prefix token
# lets "oppisopimus" meet "oppisopimuskoulutuksessa" without a full compound splitter.
PREFIX_LANGS = {"fi", "sv"}
PREFIX_LEN = 6
STOPWORDS = {
    "fi": set(
        [
            "ja",
            "tai",
            "on",
            "ole",
            "olen",
            "oli",
            "se",
            "ne",
            "että",
            "kun",
            "jos",
            "mutta",
            "mitä",
            "mikä",
            "miten",
            "voi",
            "voiko",
            "voinko",
            "minä",
            "mä",
            "mun",
            "minun",
            "sinä",
            "sä",
            "hän",
            "me",
            "te",
            "he",
            "ei",
            "en",
            "et",
            "en",
            "kuin",
            "myös",
            "vain",
            "niin",
            "nyt",
            "tämä",
            "tuo",
            "siitä",
            "sen",
            "sitä",
            "ovat",
            "olla",
            "onko",
            "kanssa",
            "mulla",
            "minulla",
        ]
    ),
    "sv": set(
        [
            "och",
            "eller",
            "är",
            "var",
            "jag",
            "du",
            "han",
            "hon",
            "vi",
            "ni",
            "de",
            "det",
            "den",
            "att",
            "som",
            "om",
            "men",
            "vad",
            "hur",
            "kan",
            "jag",
            "mig",
            "min",
            "mitt",
            "har",
            "hade",
            "inte",
            "en",
            "ett",
            "på",
            "i",
            "för",
            "med",
            "till",
            "av",
            "från",
            "så",
        ]
    ),
    "en": set(
        [
            "a",
            "an",
            "and",
            "or",
            "is",
            "are",
            "was",
            "be",
            "been",
            "i",
            "me",
            "my",
            "you",
            "your",
            "he",
            "she",
            "we",
            "they",
            "it",
            "this",
            "that",
            "what",
            "how",
            "can",
            "could",
            "do",
            "does",
            "did",
            "of",
            "to",
            "in",
            "on",
            "for",
            "with",
            "at",
            "by",
            "from",
            "as",
            "if",
            "not",
            "the",
            "there",
            "have",
            "has",
            "am",
        ]
    ),
}


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMERS.get(language, "english"))


def _analyse(text: str, language: str) -> list[str]:
    words = [w for w in WORD.findall(text.lower()) if w not in STOPWORDS.get(language, ())]
    tokens = list(_stemmer(language).stemWords(words))
    if language in PREFIX_LANGS:
        tokens.extend("~" + w[:PREFIX_LEN] for w in words if len(w) > PREFIX_LEN + 2)
    return tokens


# A reply analyses the same corpus sentences, titles and names again and again (the extractive
# composer's candidates, coverage, occupation names): py-spy put analysing at ~1.5 ms of ~15 ms
# of non-embedding CPU a reply (docs/performance.md). 8,192 short texts take a few MiB.
@lru_cache(maxsize=8192)
def _analysed(text: str, language: str) -> tuple[str, ...]:
    return tuple(_analyse(text, language))


def analyse(text: str, language: str) -> list[str]:
    """Lower-case, drop stop words, stem, and add compound prefixes (fi, sv)."""
    if len(text) > 600:  # whole chunks (index builds) would only push sentences out
        return _analyse(text, language)
    return list(_analysed(text, language))


_NO_POSITIONS = np.zeros(0, dtype=np.int64)
_NO_SCORES = np.zeros(0, dtype=np.float32)


class LexicalIndex:
    """One BM25 index per language over the same chunk positions as the dense index."""

    def __init__(self, texts: Sequence[str], languages: Sequence[str]) -> None:
        self._positions: dict[str, np.ndarray] = {}
        self._indexes: dict[str, bm25s.BM25] = {}
        for language in sorted(set(languages)):
            positions = np.array([i for i, lang in enumerate(languages) if lang == language])
            index = bm25s.BM25()
            index.index([_analyse(texts[i], language) for i in positions], show_progress=False)
            self._positions[language] = positions
            self._indexes[language] = index

    @property
    def languages(self) -> list[str]:
        """Languages that have documents."""
        return list(self._indexes)

    def search(self, query: str, language: str, k: int) -> list[tuple[int, float]]:
        """Top-k (chunk position, BM25 score) among chunks in `language`."""
        positions, scores = self.top(query, language, k)
        return [(int(i), float(s)) for i, s in zip(positions, scores, strict=True)]

    def top(self, query: str, language: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """`search` as arrays: chunk positions and their BM25 scores, best first (only
        positive scores)."""
        index = self._indexes.get(language)
        tokens = analyse(query, language)
        if index is None or not tokens:
            return _NO_POSITIONS, _NO_SCORES
        scores = index.get_scores(tokens)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        top = top[scores[top] > 0]
        return self._positions[language][top], scores[top]
