"""The report cache's file format: a day range's facts as one file, mapped when read.

A JSON header (the format, each day's row counts, texts, the arrays' layout) followed by the
arrays' bytes; reading maps the file, so the arrays are views of the page cache. Not `.npz`:
reading 30 small arrays from a zip costs ~15 ms, this ~0.3 ms. (`cache.FactsCache` decides
which files exist and when they are read again.)
"""

from __future__ import annotations

import json
import mmap
import os
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

from evaluation.reports.facts.columns import Coded, Gaps, Sessions
from evaluation.reports.facts.daily_counts import Counts
from evaluation.reports.facts.store_reader import Facts

FORMAT = 7
# 7: wrong-answer reports are knowledge-gap candidates (`GAP_WRONG_ANSWER`).
DayCounts = tuple[int, int, int, int]
"""Sessions, messages, feedback and escalations stored for one day."""
_PARTS: dict[str, Any] = {"sessions": Sessions, "counts": Counts, "gaps": Gaps}
PARTS = tuple(_PARTS)
"""What a day's facts hold: session rows, per-day counts, knowledge-gap candidates."""


def day_counts(facts: Facts, first: int, last: int) -> list[DayCounts]:
    """Rows of each store table on each day first..last (day numbers)."""
    days = last - first + 1
    sessions = np.bincount(facts.sessions.day - first, minlength=days)
    messages, feedback, escalations = facts.counts.between(first, last).per_day()
    return [
        (int(a), int(b), int(c), int(d))
        for a, b, c, d in zip(sessions, messages, feedback, escalations, strict=True)
    ]


MAGIC = b"SUUNTA-FACTS\n"


class OldFormat(ValueError):
    """A cache file from another version of this format."""


def encode(facts: Facts, counts: list[DayCounts]) -> bytes:
    """Facts as bytes: a JSON header (per-day counts, texts, array layout), then the arrays.

    Not `.npz`: reading 30 small arrays from a zip costs ~15 ms, this ~0.3 ms."""
    header: dict[str, Any] = {"format": FORMAT, "counts": counts, "arrays": {}, "values": {}}
    blobs: list[bytes] = []
    offset = 0
    for name in _PARTS:
        part = getattr(facts, name)
        for column in fields(part):
            value = getattr(part, column.name)
            key = f"{name}.{column.name}"
            if isinstance(value, Coded):
                header["values"][key] = value.values
                value = value.codes
            elif not isinstance(value, np.ndarray):
                header["values"][key] = value  # a day number or a list of names
                continue
            raw = np.ascontiguousarray(value).tobytes()
            header["arrays"][key] = [value.dtype.str, list(value.shape), offset, len(raw)]
            blobs.append(raw)
            offset += len(raw)
    head = json.dumps(header, ensure_ascii=False).encode()
    return MAGIC + len(head).to_bytes(8, "little") + head + b"".join(blobs)


def decode(
    data: bytes | mmap.mmap, parts: tuple[str, ...] = PARTS
) -> tuple[Facts, list[DayCounts]]:
    """Facts and the per-day row counts, as given to `encode` (arrays share `data`'s memory);
    parts not asked for are left empty."""
    if data[: len(MAGIC)] != MAGIC:
        raise ValueError("not a facts file")
    start = len(MAGIC) + 8
    end = start + int.from_bytes(data[len(MAGIC) : start], "little")
    header = json.loads(data[start:end])
    if header["format"] != FORMAT:
        raise OldFormat(header["format"])
    body = memoryview(data)[end:]

    def array(key: str) -> np.ndarray:
        dtype, shape, offset, size = header["arrays"][key]
        flat = np.frombuffer(body[offset : offset + size], dtype=np.dtype(dtype))
        return flat.reshape(shape)

    read: dict[str, Any] = {
        "sessions": Sessions.concat([]),
        "counts": Counts.empty(0, 0),
        "gaps": Gaps.concat([]),
    }
    for name, kind in _PARTS.items():
        if name not in parts:
            continue
        columns: dict[str, Any] = {}
        for column in fields(kind):
            key = f"{name}.{column.name}"
            if column.type == "Coded":
                columns[column.name] = Coded(array(key), header["values"][key])
            elif key in header["values"]:
                columns[column.name] = header["values"][key]
            else:
                columns[column.name] = array(key)
        read[name] = kind(**columns)
    return Facts(**read), [(c[0], c[1], c[2], c[3]) for c in header["counts"]]


def map_file(path: Path) -> mmap.mmap | bytes:
    """The file's bytes, mapped rather than copied: the arrays are views of the page cache
    (a file replaced meanwhile stays readable: the mapping keeps the old one)."""
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
