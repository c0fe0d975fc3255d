"""In-process conversation memory: bounded in sessions, turns and time; holds redacted text only."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

FOLLOW_UP_CUES = (
    "entä",
    "mites",
    "mitäs",
    "mutta jos",
    "mitä jos",
    "jos olen",
    "ja jos",
    "kuinka se",
    "sitten",
    "what if",
    "what about",
    "and if",
    "how about",
    "and what",
    "also",
    "then",
    "och om",
    "men om",
    "vad händer om",
    "hur är det",
    "och vad",
    "och hur",
)


@dataclass(frozen=True)
class Turn:
    """One earlier question (redacted) and the topics its answer was about."""

    question: str
    doc_ids: tuple[str, ...]
    at: float


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

    def remember(self, session_id: str, question: str, doc_ids: tuple[str, ...]) -> None:
        """Keep a redacted copy of the question for follow-ups."""
        turn = Turn(self._redact(question), doc_ids, self._clock())
        with self._lock:
            turns = self._sessions.pop(session_id, None) or deque(maxlen=self._max_turns)
            turns.append(turn)
            self._sessions[session_id] = turns
            while len(self._sessions) > self._max_sessions:
                self._sessions.popitem(last=False)

    def forget(self, session_id: str) -> None:
        """Drop a session (the learner deleted their conversation)."""
        with self._lock:
            self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._sessions)


def is_follow_up(message: str) -> bool:
    """Short or cue-led messages lean on the previous question."""
    lowered = message.lower().strip()
    return lowered.startswith(FOLLOW_UP_CUES) or len(lowered.split()) <= 4


def condense(message: str, history: list[Turn]) -> str:
    """The question to retrieve with: a follow-up is joined to the question it follows."""
    if not history or not is_follow_up(message):
        return message
    return f"{history[-1].question} {message}"
