"""What the learner's own words put first: a named occupation guide among the hits."""

from __future__ import annotations

from assistant.priority import preferred
from assistant.ranking import Library
from knowledge_base.chunking import Chunk
from knowledge_base.retriever import Hit


def _hit(doc_id: str, fused: float) -> Hit:
    chunk = Chunk(f"{doc_id}-fi-a", doc_id, "article", "fi", doc_id, "a", "text", "")
    return Hit(chunk, 0.9, fused)


def test_a_named_guide_found_lower_stands_level_with_the_best_hit() -> None:
    hits = [_hit("upper-secondary-adults", 1.2), _hit("occupation-bookkeeper", 0.9)]
    library = Library.of([h.chunk for h in hits])
    got = preferred(library, hits, None, "occupation-bookkeeper", "fi")
    assert [h.fused for h in got] == [1.2, 1.2]
    # Without a named guide the hits are as retrieval found them.
    assert preferred(library, hits, None, None, "fi") == hits


def test_a_named_guide_retrieval_missed_joins_below_the_best_hit() -> None:
    hits = [_hit("upper-secondary-adults", 1.0)]
    guide = _hit("occupation-bookkeeper", 0.0)
    library = Library.of([hits[0].chunk, guide.chunk])
    got = preferred(library, hits, None, "occupation-bookkeeper", "fi")
    assert [h.chunk.doc_id for h in got] == ["upper-secondary-adults", "occupation-bookkeeper"]
    assert got[1].fused < got[0].fused
