"""Small-cell suppression, including the cells hidden so that a hidden one cannot be worked out."""

from __future__ import annotations

import random

from evaluation.reports.suppression import Sum, suppress, suppress_linked


def test_small_groups_are_hidden_and_zeros_shown() -> None:
    shown = suppress({"fi": 40, "sv": 3, "en": 9, "se": 0}, 5)
    assert shown["sv"] is None and shown["se"] == 0


def test_one_hidden_cell_takes_the_next_smallest_with_it() -> None:
    # sv alone hidden would be total - fi - en; hiding en too leaves only their sum (12).
    assert suppress({"fi": 40, "sv": 3, "en": 9}, 5) == {"fi": 40, "sv": None, "en": None}


def test_hidden_cells_that_add_up_to_a_small_group_take_more_with_them() -> None:
    # a + b = 3 would still describe fewer than 5 people.
    shown = suppress({"a": 1, "b": 2, "c": 30, "d": 40}, 5)
    assert shown == {"a": None, "b": None, "c": None, "d": 40}


def test_nothing_is_hidden_when_every_group_is_large_enough() -> None:
    counts = {"a": 5, "b": 6, "c": 70}
    assert suppress(counts, 5) == counts


def test_cells_without_a_published_sum_get_only_primary_suppression() -> None:
    assert suppress({"a": 3, "b": 9}, 5, total=False) == {"a": None, "b": 9}


def test_days_are_protected_inside_their_week_as_well_as_the_total() -> None:
    # Week w1 = d1 + d2 + d3 is published: d1 (2) hidden alone would be w1 - d2 - d3.
    counts = {"d1": 2, "d2": 20, "d3": 30, "d4": 8, "w1": 52, "w2": 8, "total": 60}
    links = [
        Sum("w1", ("d1", "d2", "d3")),
        Sum("w2", ("d4",)),
        Sum("total", ("d1", "d2", "d3", "d4")),
        Sum("total", ("w1", "w2")),
    ]
    shown = suppress_linked(counts, links, 5)
    assert shown["d1"] is None and shown["d2"] is None
    assert shown["d3"] == 30 and shown["w1"] == 52


def test_a_hidden_total_does_not_reveal_its_only_part() -> None:
    counts = {"d1": 3, "d2": 0, "w1": 3, "total": 3}
    links = [Sum("w1", ("d1", "d2")), Sum("total", ("w1",))]
    shown = suppress_linked(counts, links, 5)
    assert shown["d1"] is None and shown["w1"] is None and shown["total"] is None


def _safe(counts: dict[str, int], shown: dict[str, int | None], links: list[Sum[str]]) -> bool:
    for link in links:
        if shown[link.total] is None:
            continue
        hidden = [p for p in link.parts if shown[p] is None]
        if len(hidden) == 1 or (hidden and sum(counts[p] for p in hidden) < 5):
            return False
    return all(v is None or v == 0 or v >= 5 for v in shown.values())


def test_random_hierarchies_never_leave_a_hidden_cell_recoverable() -> None:
    rng = random.Random(6)
    for _ in range(300):
        days = {f"d{i}": rng.choice([0, 1, 2, 3, 4, 6, 9, 15, 40]) for i in range(14)}
        weeks = {"w0": sum(list(days.values())[:7]), "w1": sum(list(days.values())[7:])}
        counts = {**days, **weeks, "total": sum(days.values())}
        links = [
            Sum("w0", tuple(list(days)[:7])),
            Sum("w1", tuple(list(days)[7:])),
            Sum("total", tuple(days)),
            Sum("total", ("w0", "w1")),
        ]
        shown = suppress_linked(counts, links, 5)
        assert _safe(counts, shown, links), counts
        # Suppression never changes a published number.
        assert all(shown[k] in (None, v) for k, v in counts.items())
