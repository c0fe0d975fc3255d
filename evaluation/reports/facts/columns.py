"""Column-wise tables of report facts: numpy columns, text columns as small integer codes.

Days are counted from 1970-01-01 (UTC). Nothing here holds a question text or a session id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01."""
    return (day - EPOCH).days


def day_date(number: int) -> dt.date:
    """The date of a day number."""
    return EPOCH + dt.timedelta(days=int(number))


@dataclass
class Coded:
    """A text column as int16 codes into `values`; -1 is a missing value."""

    codes: np.ndarray
    values: list[str]

    @classmethod
    def of(cls, items: Sequence[str | None]) -> Coded:
        """Code a sequence of texts."""
        values = sorted(str(v) for v in set(items) if v is not None)
        lookup: dict[str | None, int] = {v: i for i, v in enumerate(values)}
        lookup[None] = -1
        codes = np.fromiter(map(lookup.__getitem__, items), dtype=np.int16, count=len(items))
        return cls(codes, values)

    @classmethod
    def concat(cls, parts: Sequence[Coded]) -> Coded:
        """One column from several, with one shared list of values."""
        values: dict[str, int] = {}
        out = []
        for part in parts:
            remap = np.array([values.setdefault(v, len(values)) for v in part.values] + [-1])
            same = part.values == list(values)[: len(part.values)]
            if same or not len(part.codes):
                out.append(part.codes)  # the common case: nothing to renumber
            else:
                out.append(remap[part.codes].astype(np.int16))
        codes = np.concatenate(out) if len(out) > 1 else out[0] if out else np.empty(0, np.int16)
        return cls(codes.astype(np.int16, copy=False), list(values))

    def take(self, index: np.ndarray) -> Coded:
        """The rows selected by a boolean mask or index array."""
        return Coded(self.codes[index], self.values)

    def labels(self) -> np.ndarray:
        """Values as an object array (None for missing), one per row."""
        table = np.array([*self.values, None], dtype=object)
        return table[self.codes]


@dataclass
class Table:
    """Columns of equal length; subclasses name them."""

    def take(self, index: np.ndarray) -> Any:
        """The rows selected by a boolean mask or index array."""
        return type(self)(**{f.name: _take(getattr(self, f.name), index) for f in fields(self)})

    def __len__(self) -> int:
        return len(getattr(self, fields(self)[0].name))

    @classmethod
    def concat(cls, parts: Sequence[Any]) -> Any:
        """One table from several (an empty list gives an empty table)."""
        out: dict[str, Any] = {}
        for f in fields(cls):
            columns = [getattr(p, f.name) for p in parts]
            if f.type == "Coded":
                out[f.name] = Coded.concat(columns)
                continue
            # Byte strings (ids) keep their own width; numbers their fixed type.
            dtype = _DTYPES.get(f.name)
            if not columns:
                out[f.name] = np.empty(0, dtype or "S1")
                continue
            joined = np.concatenate(columns) if len(columns) > 1 else columns[0]
            out[f.name] = joined if dtype is None else joined.astype(dtype, copy=False)
        return cls(**out)


def _take(column: Any, index: np.ndarray) -> Any:
    return column.take(index) if isinstance(column, Coded) else column[index]


_DTYPES: dict[str, Any] = {
    "day": np.int32,
    "user": np.int64,
    "clarity_start": np.int8,
    "clarity_end": np.int8,
    "confidence": np.float32,
    "latency": np.float32,
    "rating": np.int8,
    "helpful": np.int8,
    "reason": np.int8,
    "new": np.int8,
}


@dataclass
class Sessions(Table):
    """One row per session."""

    day: np.ndarray
    user: np.ndarray
    channel: Coded
    language: Coded
    region: Coded
    age_band: Coded
    life_situation: Coded
    clarity_start: np.ndarray
    clarity_end: np.ndarray
    """0 when not answered."""


@dataclass
class Messages(Table):
    """One row per question."""

    day: np.ndarray
    language: Coded
    channel: Coded
    mode: Coded
    kind: Coded
    confidence: np.ndarray
    latency: np.ndarray
    topics: Coded
    """The comma-separated topic keys, coded as a whole."""


@dataclass
class Ratings(Table):
    """One row per feedback, with the dimensions of the message it rates."""

    day: np.ndarray
    rating: np.ndarray
    """0 when only `helpful` was given."""
    helpful: np.ndarray
    """1 yes, 0 no, -1 not given."""
    language: Coded
    channel: Coded
    mode: Coded
    kind: Coded
    topics: Coded


@dataclass
class Escalations(Table):
    """Crisis replies and handoffs, counted apart from sessions (hour precision)."""

    day: np.ndarray
    kind: Coded
    language: Coded
    channel: Coded


@dataclass
class Gaps(Table):
    """Knowledge-gap candidates: message ids only (texts stay in the store), as bytes."""

    day: np.ndarray
    reason: np.ndarray
    new: np.ndarray
    """1 when the row is a question not already counted (a poor rating of an unanswered
    question adds a reason, not a question)."""
    message_id: np.ndarray
