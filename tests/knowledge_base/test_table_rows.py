"""A table's rows are sentences an answer may use: each written from the header and the row's
cells, readable alone, and embedded with the other sentences."""

from __future__ import annotations

from pathlib import Path

from knowledge_base.chunking import Chunk
from knowledge_base.segmenting import RowKey, answer_sentences, prose, table_rows
from knowledge_base.sentence_vectors import article_sentences

CONTENT = Path(__file__).resolve().parents[2] / "knowledge_base" / "content"

SIDE_BY_SIDE = """\
| Months of aid | Income limit | Months of aid | Income limit |
|---|---|---|---|
| 1 | 38,023 | 3 | 33,549 |
| 2 | 35,786 | | |
"""


def _section(text: str) -> Chunk:
    return Chunk("a-en-s", "a", "article", "en", "A", "How much can I earn?", text, "")


def test_a_row_is_its_header_and_cells() -> None:
    table = "| Level | Credits | Fee |\n|:---|---:|---|\n| **Basic** | 180 | free. |\n"
    assert table_rows(table) == ["Level Basic: credits 180, fee free."]


def test_a_header_repeated_side_by_side_holds_two_records_a_row() -> None:
    assert table_rows(SIDE_BY_SIDE) == [
        "Months of aid 1: income limit 38,023.",
        "Months of aid 2: income limit 35,786.",
        "Months of aid 3: income limit 33,549.",  # the empty half-row says nothing
    ]


def test_a_table_without_a_header_row_gives_none() -> None:
    assert table_rows("| 1 | 38,023 |\n| 2 | 35,786 |\n") == []


def test_prose_leaves_tables_out_and_answer_sentences_keep_their_rows() -> None:
    # The table touches the prose around it: no blank line between.
    text = f"The limits in euros a year:\n{SIDE_BY_SIDE}It does not matter when you earn it."
    assert prose(text) == [["It does not matter when you earn it."]]
    sentences = list(answer_sentences("", [_section(text)]))
    assert [s.text for s in sentences] == [*table_rows(SIDE_BY_SIDE), prose(text)[0][0]]
    assert sentences[0].row == RowKey("Months of aid", "1", "income limit")
    assert sentences[-1].row is None
    # Rows come before the prose after them, in reading order.
    assert [s.order for s in sentences] == sorted(s.order for s in sentences)


def test_the_income_limit_tables_are_answer_sentences_in_every_language() -> None:
    expected = {
        "fi": "Tukikuukausia 5: tuloraja 29 075.",
        "sv": "Stödmånader 5: inkomstgräns 29 075.",
        "en": "Months of aid 5: income limit 29,075.",
    }
    for language, row in expected.items():
        text = (CONTENT / language / "working-while-studying.md").read_text(encoding="utf-8")
        sections = [_section(part) for part in text.split("\n## ")[1:]]
        found = [s for s in answer_sentences("", sections) if s.row is not None]
        assert len(found) == 12
        assert row in [s.text for s in found]
        # ... and they are embedded with the index.
        assert row in article_sentences(sections)
