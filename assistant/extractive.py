"""The extractive generator (the default): an answer copied sentence by sentence from the cited
passages, so it is grounded by construction.

Which sentences: assistant/selection.py. This module counts the words everything else takes
(the note on the source's language, a card's lead, the ESCO credit, the next steps) and writes
the answer out: the lead, the sentences with their markers, the next steps.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant.generation import MAX_WORDS, Context
from assistant.messages import LANGUAGE_NAMES, text
from assistant.selection import is_occupation, select
from assistant.sentences import Candidate
from knowledge_base.lexical import analyse

MAX_STEPS = 3


class ExtractiveGenerator:
    """Grounded by construction: every sentence is copied from a cited passage."""

    name = "extractive"

    def __init__(self, max_words: int = MAX_WORDS) -> None:
        self.max_words = max_words

    def select(self, context: Context) -> list[Candidate]:
        """The sentences of the answer, in reading order (the plan `generate` writes out)."""
        return select(context, self._budget(context))

    def _budget(self, context: Context) -> int:
        """Words left for sentences once the note, the lead, the attribution and the steps are
        counted."""
        budget = self.max_words - len(self._note(context).split()) - len(context.lead.split())
        budget -= len(self._attribution(context).split())
        steps = self._steps(context)
        if steps:
            budget -= len(text("next_steps", context.language).split())
            # Each step line also carries its bullet and its citation marker.
            budget -= sum(len(step.split()) + 2 for step in steps)
        return budget

    def _steps(self, context: Context) -> list[str]:
        steps = list(context.next_steps)
        if len(steps) <= MAX_STEPS:
            return steps
        query = set(analyse(context.question, context.language))
        best = sorted(
            range(len(steps)),
            key=lambda i: (-len(query & set(analyse(steps[i], context.language))), i),
        )[:MAX_STEPS]
        return [steps[i] for i in sorted(best)]

    @staticmethod
    def _note(context: Context) -> str:
        """Says so when the best source is in another language than the answer."""
        best = context.passages[0].chunk if context.passages else None
        if best is None or best.language == context.language:
            return ""
        name = LANGUAGE_NAMES[context.language].get(best.language, best.language)
        key = "occupation_language" if best.kind == "occupation" else "other_language"
        return text(key, context.language, lang_name=name)

    @staticmethod
    def _attribution(context: Context) -> str:
        """The credit ESCO asks for, after a description taken from it."""
        return text("esco_attribution", context.language) if is_occupation(context) else ""

    def parts(self, context: Context, selection: Sequence[Candidate] | None = None) -> list[str]:
        """The answer in pieces (a sentence or a bullet each), from `selection` when the
        sentences were already chosen for exactly this context."""
        if not context.passages:
            return []
        parts: list[str] = []
        note = self._note(context)
        if note:
            parts.append(note + "\n\n")
        if context.lead:
            parts.append(f"{context.lead} [1]\n\n")
        sentences = self.select(context) if selection is None else list(selection)
        for i, sentence in enumerate(sentences):
            last_of_source = i + 1 == len(sentences) or sentences[i + 1].source != sentence.source
            if last_of_source:
                ending = "\n\n" if i + 1 < len(sentences) else ""
                credit = self._attribution(context) if sentence.source == 1 else ""
                if credit:
                    parts.append(f"{sentence.text} {credit} [{sentence.source}]{ending}")
                else:
                    parts.append(f"{sentence.text} [{sentence.source}]{ending}")
            else:
                parts.append(sentence.text + " ")
        steps = self._steps(context)
        if steps:
            parts.append(f"\n\n**{text('next_steps', context.language)}:**\n")
            parts.extend(f"- {step} [{context.next_steps_source}]\n" for step in steps)
        return parts

    def write(self, context: Context, selection: Sequence[Candidate] | None = None) -> str:
        """The whole answer (from `selection`, see `parts`)."""
        return "".join(self.parts(context, selection)).strip()

    def generate(self, context: Context) -> str:
        """The whole answer."""
        return self.write(context)

    def stream(self, context: Context) -> Iterator[str]:
        """The answer in pieces, one sentence or bullet at a time."""
        yield from self.parts(context)


def cited_numbers(context: Context, selection: Sequence[Candidate]) -> list[int]:
    """Citation numbers an extractive answer of these sentences uses (the next steps' source
    included)."""
    used = {c.source for c in selection}
    if context.next_steps:
        used.add(context.next_steps_source)
    return sorted(used) or [p.number for p in context.passages[:1]]


def cited_sources(context: Context, generator: ExtractiveGenerator | None = None) -> list[int]:
    """Citation numbers the extractive answer uses (the next steps' source included)."""
    return cited_numbers(context, (generator or ExtractiveGenerator()).select(context))
