"""Effectiveness: how much clearer the learner's next step became between a session's start and
its end ("How clear is your next step?", 1-5, answered only by those who chose to)."""

from __future__ import annotations

import numpy as np

from evaluation.reports.facts.columns import Sessions
from evaluation.reports.grouping import Groups
from evaluation.reports.schema import ClarityGroup, Effectiveness
from evaluation.reports.suppression import count, suppress


def _mean(values: np.ndarray) -> float:
    return round(float(values.mean()), 2)


def effectiveness(sessions: Sessions, *, minimum: int) -> Effectiveness:
    """The effectiveness section: change in clarity with the number of paired answers."""
    start, end = sessions.clarity_start, sessions.clarity_end  # int8, 0 when not answered
    answered_start, answered_end = start > 0, end > 0
    paired = np.flatnonzero(answered_start & answered_end)
    start, end = start[paired].astype(np.int64), end[paired].astype(np.int64)
    change = end - start
    n = len(paired)
    enough = n >= minimum
    direction = suppress(
        {
            "improved": int((change > 0).sum()),
            "unchanged": int((change == 0).sum()),
            "worse": int((change < 0).sum()),
        },
        minimum,
    )
    groups = Groups.of(sessions.language.take(paired))
    counts = dict(zip(groups.names, groups.counts().tolist(), strict=True))
    shown = suppress(counts, minimum)
    by_language = [
        ClarityGroup(
            group=name,
            pairs=shown[name],
            mean_change=_mean(change[groups.index == i]) if shown[name] else None,
        )
        for i, name in enumerate(groups.names)
    ]
    return Effectiveness(
        answered_start=count(int(np.count_nonzero(answered_start)), minimum),
        answered_end=count(int(np.count_nonzero(answered_end)), minimum),
        pairs=count(n, minimum),
        mean_start=_mean(start) if enough else None,
        mean_end=_mean(end) if enough else None,
        mean_change=_mean(change) if enough else None,
        improved=direction["improved"] if enough else None,
        unchanged=direction["unchanged"] if enough else None,
        worse=direction["worse"] if enough else None,
        by_language=sorted(by_language, key=lambda g: (-(g.pairs or 0), g.group)),
    )
