"""In-process conversation memory: bounded in sessions, turns and time; holds redacted text only."""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

# Openings of a message that continues the previous question (fi, sv, en).
FOLLOW_UP_CUES = (
    "entä",
    "entäs",
    "entäpä",
    "mites",
    "mitäs",
    "mutta jos",
    "mut jos",
    "mitä jos",
    "mitä sitten jos",
    "ja jos",
    "jos taas",
    "kuinka se",
    "miten se",
    "sitten",
    "what if",
    "what about",
    "and if",
    "and what",
    "and how",
    "how about",
    "but what if",
    "but if",
    "and for",
    "och om",
    "men om",
    "vad händer om",
    "vad gäller",
    "hur är det",
    "och vad",
    "och hur",
    "och för",
    "än om",
)
# Words that point back to something said before ("does it cost?", "kostar det?").
_POINTERS = frozenset(
    re.findall(
        r"\S+",
        "it that this there those they them se sen sitä siihen siitä siellä sinne niitä ne "
        "det den dit där dem",
    )
)
MAX_REMEMBERED_WORDS = 40
"""An earlier question is cut to this many words, so chains of follow-ups stay short."""


@dataclass(frozen=True)
class Turn:
    """One earlier question (redacted) and the topics its answer was about."""

    question: str
    doc_ids: tuple[str, ...]
    at: float
    language: str = ""
    """The language the question was asked in ("" when unknown)."""


class Memory(Protocol):
    """Where the last few turns of each session are kept (this process, the store or Redis)."""

    def history(self, session_id: str) -> list[Turn]:
        """Turns still remembered for a session, oldest first."""
        ...

    def remember(
        self, session_id: str, question: str, doc_ids: tuple[str, ...], *, language: str = ""
    ) -> None:
        """Keep a redacted copy of the question for follow-ups."""
        ...

    def forget(self, session_id: str) -> None:
        """Drop a session (the learner deleted their conversation)."""
        ...


class ConversationMemory:
    """The last few turns per session, forgotten after `ttl_seconds` or when space runs out."""

    def __init__(
        self,
        redact: Callable[[str], str],
        *,
        max_sessions: int = 10_000,
        max_turns: int = 6,
        ttl_seconds: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._redact = redact
        self._sessions: OrderedDict[str, deque[Turn]] = OrderedDict()
        self._max_sessions = max_sessions
        self._max_turns = max_turns
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()

    def history(self, session_id: str) -> list[Turn]:
        """Turns still remembered for a session, oldest first."""
        now = self._clock()
        with self._lock:
            turns = self._sessions.get(session_id)
            if not turns:
                return []
            if now - turns[-1].at > self._ttl:
                del self._sessions[session_id]
                return []
            return list(turns)

    def remember(
        self, session_id: str, question: str, doc_ids: tuple[str, ...], *, language: str = ""
    ) -> None:
        """Keep a redacted copy of the question for follow-ups."""
        now = self._clock()
        words = self._redact(question).split()[-MAX_REMEMBERED_WORDS:]
        turn = Turn(" ".join(words), doc_ids, now, language)
        with self._lock:
            turns = self._sessions.pop(session_id, None) or deque(maxlen=self._max_turns)
            turns.append(turn)
            self._sessions[session_id] = turns
            # Least recently used first: drop the expired ones and any beyond the limit.
            while self._sessions:
                oldest = next(iter(self._sessions.values()))
                if len(self._sessions) <= self._max_sessions and now - oldest[-1].at <= self._ttl:
                    break
                self._sessions.popitem(last=False)

    def forget(self, session_id: str) -> None:
        """Drop a session (the learner deleted their conversation)."""
        with self._lock:
            self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._sessions)


def is_follow_up(message: str) -> bool:
    """Cue-led messages, and short ones that point back, lean on the previous question."""
    lowered = " ".join(message.lower().split())
    words = [w.strip("?!.,;:") for w in lowered.split()]
    if lowered.startswith(FOLLOW_UP_CUES):
        return True
    return len(words) <= 5 and any(w in _POINTERS for w in words)


def condense(message: str, history: list[Turn], *, force: bool = False) -> str:
    """The question to retrieve with: a follow-up is joined to the question it follows."""
    if not history or not (force or is_follow_up(message)):
        return message
    earlier = " ".join(history[-1].question.split()[-MAX_REMEMBERED_WORDS:])
    return f"{earlier} {message}"
