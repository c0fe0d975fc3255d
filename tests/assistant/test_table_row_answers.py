"""A table row answers only the question that names it, and then follows the opening with
the figure the summary leaves out."""

from __future__ import annotations

from assistant.generation import Context, Passage
from assistant.pool import asks_row, pool
from assistant.selection import select
from knowledge_base.chunking import Chunk
from knowledge_base.segmenting import RowKey

SUMMARY = (
    "Your annual income limit depends on how many months of aid you get: for example, "
    "20,127 euros with 9 months of aid. Cancel aid for the coming months if you are about "
    "to exceed it."
)
TABLE = """\
The limits in euros a year:

| Months of aid | Income limit | Months of aid | Income limit |
|---|---|---|---|
| 7 | 24,601 | 12 | 13,416 |

It does not matter when in the year you earn the income.
"""
MONTHS = RowKey("Months of aid", "7", "income limit")


def _context(question: str) -> Context:
    article = Chunk(
        "w-en-s", "w", "article", "en", "Working while studying", "How much can I earn?",
        TABLE, "", summary=SUMMARY,
    )  # fmt: skip
    return Context(question, "en", [Passage(1, article, 1.0, related=())], [], 1)


def test_a_question_names_a_row_by_its_first_cell_and_column() -> None:
    assert asks_row("how much can I earn in a year if I take student aid for 7 months?", MONTHS)
    assert asks_row("I get aid for 7 months, what is my income limit?", MONTHS)
    fi = RowKey("Tukikuukausia", "5", "tuloraja")
    assert asks_row("jos nostan opintotukea 5 kuukautta, paljonko saan tienata?", fi)
    # Another number, another unit, or no amount nor income limit asked: not that row.
    assert not asks_row("how much can I earn with 17 months of aid?", MONTHS)
    assert not asks_row("I'm 7 years from retirement, how much can I earn?", MONTHS)
    assert not asks_row("I worked 7 months abroad, can I get student aid?", MONTHS)


def test_only_the_named_row_is_in_the_pool() -> None:
    texts = [c.text for c in pool(_context("how much can I earn with 12 months of aid?"))]
    assert "Months of aid 12: income limit 13,416." in texts
    assert "Months of aid 7: income limit 24,601." not in texts
    assert all(c.row is None for c in pool(_context("Can I work while studying?")))


def test_the_named_row_follows_the_opening_though_the_summary_shares_its_words() -> None:
    answer = [c.text for c in select(_context("how much can I earn with 12 months of aid?"), 80)]
    assert answer[:2] == [
        "Your annual income limit depends on how many months of aid you get: for example, "
        "20,127 euros with 9 months of aid.",
        "Months of aid 12: income limit 13,416.",
    ]
