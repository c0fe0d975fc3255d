"""A service the learner's age rules out is still offered when the question names it, and only
then: a word another article's title shares does not name it."""

from __future__ import annotations

from assistant.ranking import Library
from knowledge_base.chunking import Chunk


def _chunk(doc_id: str, title: str) -> Chunk:
    return Chunk(f"{doc_id}-en-a", doc_id, "article", "en", title, "a", "text", "")


LIBRARY = Library.of(
    [
        _chunk("youth-rehabilitation", "Kela rehabilitation for young people – NUOTTI coaching"),
        _chunk("vocational-rehabilitation", "Vocational rehabilitation from Kela"),
        _chunk("ohjaamo", "Ohjaamo – free guidance centres for under-30s"),
    ]
)


def test_a_word_two_titles_share_names_neither() -> None:
    question = "I'm 51, shouldn't rehabilitation or retraining be looked at first?"
    assert not LIBRARY.names("youth-rehabilitation", question, "en")


def test_words_only_one_title_has_name_it() -> None:
    question = "can I still get the young person's rehabilitation allowance at 35?"
    assert LIBRARY.names("youth-rehabilitation", question, "en")
    assert LIBRARY.names("ohjaamo", "I'm 45, can I go to Ohjaamo?", "en")
