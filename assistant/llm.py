"""The LLM generator: a LangChain chat model (any OpenAI-compatible server) kept to its sources.

The model sees only the numbered passages and must cite them as [n]. A reply that cites nothing,
cites a passage that was not retrieved, times out or fails raises `GenerationFailed`, and the
assistant answers extractively instead. LangChain types do not leave this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.generation import MAX_WORDS, Context, GenerationFailed, Passage
from assistant.messages import LANGUAGE_NAMES

PROMPTS = Path(__file__).resolve().parent / "prompts"
DEFAULT_TIMEOUT = 20.0
MAX_TOKENS = 700
MAX_PASSAGE_CHARS = 6000
# A marker such as [1], [1, 3] or [1-2]; only digits count, so Markdown links are not citations.
CITATION = re.compile(r"\[\s*(\d{1,3}(?:\s*(?:,|;|-|–)\s*\d{1,3})*)\s*\]")
MAX_RANGE = 10


@cache
def prompt(name: str) -> str:
    """A prompt template from `assistant/prompts/`."""
    return (PROMPTS / f"{name}.txt").read_text(encoding="utf-8")


def _language_name(language: str) -> str:
    return LANGUAGE_NAMES["en"].get(language, language)


def _passage_block(passage: Passage) -> str:
    chunk = passage.chunk
    text = chunk.text.strip()
    # The other sections of the article come too (the answer may sit in one retrieval missed),
    # within a budget that keeps the prompt within reach of small local models.
    for section in passage.related:
        addition = f"\n\n{section.heading}:\n{section.text.strip()}"
        if len(text) + len(addition) > MAX_PASSAGE_CHARS:
            break
        text += addition
    return prompt("passage").format(
        number=passage.number,
        title=chunk.title,
        heading=chunk.heading,
        language_name=_language_name(chunk.language),
        url=chunk.url,
        text=text,
    )


def build_messages(context: Context, *, max_words: int = MAX_WORDS) -> list[BaseMessage]:
    """The system prompt and one user message holding the numbered passages and the question."""
    language_name = _language_name(context.language)
    steps = ""
    if context.next_steps:
        steps = prompt("next_steps").format(
            number=context.next_steps_source,
            steps="\n".join(f"- {step}" for step in context.next_steps),
        )
    user = prompt("question").format(
        passages="\n\n".join(_passage_block(p) for p in context.passages),
        next_steps=steps,
        language_name=language_name,
        question=context.question.strip(),
    )
    system = prompt("system").format(language_name=language_name, max_words=max_words)
    return [SystemMessage(system), HumanMessage(user)]


def cited_numbers(marker: str) -> list[int]:
    """The passage numbers a citation marker's inside refers to ("1, 3" or "1-2")."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", marker.strip()):
        first, _, last = part.replace("–", "-").partition("-")
        low = int(first)
        high = int(last) if last else low
        if high < low or high - low >= MAX_RANGE:
            raise GenerationFailed(f"unreadable citation [{marker}]")
        numbers.extend(range(low, high + 1))
    return numbers


def check_citations(text: str, allowed: Iterable[int]) -> str:
    """`text` with every marker as [n][m]; raises GenerationFailed on an unknown number."""
    allowed_set = set(allowed)

    def normalise(match: re.Match[str]) -> str:
        numbers = cited_numbers(match.group(1))
        unknown = sorted(set(numbers) - allowed_set)
        if unknown:
            raise GenerationFailed(f"cites passage {unknown[0]}, which was not retrieved")
        return "".join(f"[{n}]" for n in numbers)

    return CITATION.sub(normalise, text)


def grounded(text: str, allowed: Iterable[int]) -> str:
    """The checked, normalised reply; raises GenerationFailed if it cites nothing or wrongly."""
    checked = check_citations(text, allowed).strip()
    if not CITATION.search(checked):
        raise GenerationFailed("the reply cites no passage")
    return checked


class CitationGate:
    """Lets streamed text through only up to the end of its last checked citation.

    Nothing reaches the reader before the first valid citation, so a reply that cites nothing is
    replaced before any of it is shown; a wrong number is caught before the text holding it.
    """

    def __init__(self, allowed: Iterable[int]) -> None:
        self.allowed = set(allowed)
        self._buffer = ""
        self._cited = False

    def feed(self, piece: str) -> str:
        """The text that may be shown now (possibly empty)."""
        self._buffer += piece
        last_end = 0
        for match in CITATION.finditer(self._buffer):
            last_end = match.end()
        if not last_end:
            return ""
        # Punctuation right after the marker belongs to the sentence it closes.
        while last_end < len(self._buffer) and self._buffer[last_end] in ".,;:!?)":
            last_end += 1
        released = check_citations(self._buffer[:last_end], self.allowed)
        self._buffer = self._buffer[last_end:]
        if not self._cited:
            released = released.lstrip()
        self._cited = True
        return released

    def close(self) -> str:
        """The rest of the text; raises GenerationFailed if nothing valid was ever cited."""
        if not self._cited:
            raise GenerationFailed("the reply cites no passage")
        return check_citations(self._buffer, self.allowed).rstrip()


class LLMGenerator:
    """Writes the answer with a chat model; checks that it cites only the retrieved passages."""

    name = "openai"

    def __init__(self, chat: BaseChatModel, *, max_words: int = MAX_WORDS) -> None:
        self.chat = chat
        self.max_words = max_words

    def generate(self, context: Context) -> str:
        """The whole answer, checked."""
        messages = build_messages(context, max_words=self.max_words)
        try:
            text = self.chat.invoke(messages).text
        except Exception as exc:
            # Timeouts, refused connections, 5xx, malformed responses: the learner still gets
            # the extractive answer. Only the class is logged (the message may quote the prompt).
            raise GenerationFailed(f"chat model failed: {type(exc).__name__}") from exc
        return grounded(text, (p.number for p in context.passages))

    def stream(self, context: Context) -> Iterator[str]:
        """The answer in pieces as the model produces them, each ending at a checked citation."""
        messages = build_messages(context, max_words=self.max_words)
        gate = CitationGate(p.number for p in context.passages)
        try:
            for chunk in self.chat.stream(messages):
                released = gate.feed(chunk.text)
                if released:
                    yield released
        except GenerationFailed:
            raise
        except Exception as exc:
            raise GenerationFailed(f"chat model failed: {type(exc).__name__}") from exc
        tail = gate.close()
        if tail:
            yield tail


def openai_generator(
    *,
    base_url: str,
    model: str,
    api_key: str = "not-needed",
    timeout: float = DEFAULT_TIMEOUT,
    max_words: int = MAX_WORDS,
) -> LLMGenerator:
    """An LLM generator on any OpenAI-compatible server (vLLM, llama.cpp server, Ollama)."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    chat = ChatOpenAI(
        base_url=base_url,
        model=model,
        api_key=SecretStr(api_key),
        timeout=timeout,
        # A retry would double the wait; the extractive answer is the better second try.
        max_retries=0,
        temperature=0.2,
        # `max_tokens` in the body: LangChain would send `max_completion_tokens`, which older
        # llama.cpp and Ollama servers ignore.
        extra_body={"max_tokens": MAX_TOKENS},
    )
    return LLMGenerator(chat, max_words=max_words)
