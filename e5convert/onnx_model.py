"""A sentence-transformers BERT directory as one ONNX graph for onnxruntime, float32 or int8.

The graph takes `input_ids` and `attention_mask` and returns the L2-normalised mean of the last
hidden states (`sentence_embedding`), so the runtime needs only a tokenizer and onnxruntime:
neither torch nor sentence-transformers is imported where the model is used.

How it is made, all locally from the directory `e5convert.st_model` materialises:

1. `torch.onnx.export` of transformers' `BertModel` (eager attention, whose pattern onnxruntime's
   optimiser recognises) with mean pooling and normalisation on top;
2. `onnxruntime.transformers.optimizer` fuses attention, bias + GELU and skip + layer norm
   (queries 27 -> 17.5 ms in float32 on one thread);
3. for int8, `onnxruntime.quantization.quantize_dynamic`: weights int8 per output channel,
   activations quantised per call (queries 17.5 -> 4.5 ms; cosine to PyTorch float32 mean
   0.9966, min 0.993 on 200 dev questions; `tests/knowledge_base/test_onnx_fidelity.py`), so a
   call over several texts would make each one's vector depend on the others: the runtime gives
   it one text a call (knowledge_base/onnx_embedder.py).

The int8 file is ~118 MB against ~470 MB: the word-embedding table (a Gather) is int8 as well.
"""

from __future__ import annotations

import contextlib
import json
import logging
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from e5convert.cache import MARKER, materialise_directory, write_json

__all__ = ["CONFIG", "MODEL", "PRECISIONS", "materialise_onnx"]

# Bump whenever the export or the quantisation changes, so caches get rebuilt.
FORMAT = 1
MODEL = "model.onnx"
CONFIG = "embedder.json"
TOKENIZER = "tokenizer.json"
PRECISIONS = ("float32", "int8")
OPSET = 17


def materialise_onnx(st_dir: Path, target: Path, *, precision: str) -> Path:
    """The ONNX form of the sentence-transformers model in `st_dir` at `target`, unless current."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision {precision!r}: expected one of {PRECISIONS}")
    st_dir = Path(st_dir)
    marker = {"format": FORMAT, "precision": precision, "source": _source_marker(st_dir)}

    def build(directory: Path) -> None:
        _build(st_dir, directory, precision)

    return materialise_directory(Path(target), marker, build, (MODEL, CONFIG, TOKENIZER, MARKER))


def _source_marker(st_dir: Path) -> Any:
    """What the source directory was built from (its own marker), or its config when it has none."""
    for name in (MARKER, "config.json"):
        path = st_dir / name
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    raise FileNotFoundError(f"{st_dir} is not a model directory")


def _build(st_dir: Path, directory: Path, precision: str) -> None:
    config = json.loads((st_dir / "config.json").read_text(encoding="utf-8"))
    settings = json.loads((st_dir / "config_sentence_transformers.json").read_text("utf-8"))
    with tempfile.TemporaryDirectory(dir=directory.parent, prefix=".onnx-export-") as tmp:
        exported = Path(tmp) / "exported.onnx"
        _export(st_dir, exported)
        optimised = Path(tmp) / "optimised.onnx"
        _optimise(exported, optimised, config)
        if precision == "int8":
            _quantise(optimised, directory / MODEL)
        else:
            shutil.move(str(optimised), directory / MODEL)
    shutil.copyfile(st_dir / TOKENIZER, directory / TOKENIZER)
    write_json(
        directory / CONFIG,
        {
            "dimension": config["hidden_size"],
            "pad_token_id": config.get("pad_token_id", 0),
            "max_positions": config["max_position_embeddings"],
            "prompts": settings.get("prompts", {}),
            "precision": precision,
        },
    )


def _export(st_dir: Path, path: Path) -> None:
    import torch
    from transformers import AutoModel

    class Pooled(torch.nn.Module):
        """BERT, then the mean over real tokens, L2-normalised (sentence-transformers' modules)."""

        def __init__(self, bert: torch.nn.Module) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    from transformers.utils import logging as hf_logging

    # A first start prints its own progress; transformers' "Loading weights" bar is noise there.
    hf_logging.disable_progress_bar()
    try:
        bert = AutoModel.from_pretrained(
            str(st_dir), attn_implementation="eager", local_files_only=True
        )
    finally:
        hf_logging.enable_progress_bar()
    example = torch.ones((2, 16), dtype=torch.int64)
    axes = {0: "batch", 1: "tokens"}
    # The TorchScript exporter: it needs no onnxscript and its graph is the one onnxruntime's
    # BERT fusions are written for. Its deprecation and tracer warnings are about the exporter,
    # not about this model, and must not reach a server's log (or fail a warnings-as-errors run).
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Pooled(bert.eval()),
            (example, example),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "sentence_embedding": {0: "b"},
            },
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def _optimise(source: Path, target: Path, config: dict[str, Any]) -> None:
    from onnxruntime.transformers.optimizer import optimize_model

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = optimize_model(
            str(source),
            model_type="bert",
            num_heads=config["num_attention_heads"],
            hidden_size=config["hidden_size"],
            opt_level=1,
        )
        model.save_model_to_file(str(target))


def _quantise(source: Path, target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with warnings.catch_warnings(), _quiet_root_logger():
        warnings.simplefilter("ignore")
        quantize_dynamic(
            str(source),
            str(target),
            weight_type=QuantType.QInt8,
            per_channel=True,
            # The fused operators (com.microsoft domain) carry no inferred types; their float
            # outputs are what the quantiser must assume.
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """The quantiser logs advice ("consider pre-processing") through the root logger; it is
    about static quantisation, not this dynamic one, and would land in a server's log."""
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(previous)
