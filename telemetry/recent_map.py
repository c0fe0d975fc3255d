"""A bounded map for the writer's caches (redacted texts, sessions already stored)."""

from __future__ import annotations

from typing import Any


class RecentMap:
    """A bounded map: two dicts, the older dropped whole when the newer one fills up."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._new: dict[Any, Any] = {}
        self._old: dict[Any, Any] = {}

    def get(self, key: Any) -> Any:
        value = self._new.get(key)
        return self._old.get(key) if value is None else value

    def put(self, key: Any, value: Any) -> None:
        self._new[key] = value
        if len(self._new) >= self._size:
            self._old, self._new = self._new, {}

    def discard(self, key: Any) -> None:
        self._new.pop(key, None)
        self._old.pop(key, None)

    def discard_values(self, value: Any) -> None:
        """Drop every key that maps to `value`."""
        for generation in (self._new, self._old):
            for key in [k for k, v in generation.items() if v == value]:
                del generation[key]
