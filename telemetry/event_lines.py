"""An event as one line of JSON and back, for the writer's spool (`telemetry.spool`).

Every field of the event's dataclass is written, so a field added to an event is spooled without
a change here; a field the reading version does not know is ignored, one it misses takes its
default. Texts are escaped to ASCII, so any string (even a lone surrogate) survives the trip.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from telemetry.events import (
    ChatEvent,
    Event,
    FeedbackEvent,
    SessionDeleteEvent,
    SessionProfileEvent,
)

_KINDS: dict[str, type[Any]] = {
    "chat": ChatEvent,
    "feedback": FeedbackEvent,
    "profile": SessionProfileEvent,
    "delete": SessionDeleteEvent,
}
_KIND_OF = {cls: kind for kind, cls in _KINDS.items()}


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def to_line(event: Event) -> bytes:
    """The event as one line of JSON, newline included."""
    values = {f.name: _plain(getattr(event, f.name)) for f in dataclasses.fields(event)}
    values["event"] = _KIND_OF[type(event)]
    return json.dumps(values, separators=(",", ":")).encode("ascii") + b"\n"


def from_line(line: bytes) -> Event:
    """The event a line of `to_line` holds; ValueError (or KeyError) if it holds none."""
    values = json.loads(line)
    if not isinstance(values, dict):
        raise ValueError("a spool line is not an object")
    cls = _KINDS[values.pop("event")]
    known = {f.name for f in dataclasses.fields(cls)}
    kept: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            continue
        if name == "at":
            value = dt.datetime.fromisoformat(value)
        elif isinstance(value, list):
            value = tuple(value)
        kept[name] = value
    event: Event = cls(**kept)
    return event
