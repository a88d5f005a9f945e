"""Embeddings keyed by a hash of (embedder, text): re-ingest embeds only what changed.

It is only a cache: a damaged file is ignored and rebuilt, never an error.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np


def text_key(embedder_name: str, text: str) -> str:
    return hashlib.sha256(f"{embedder_name}\n{text}".encode()).hexdigest()


class EmbeddingCache:
    def __init__(self, folder: Path, embedder_name: str):
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", embedder_name)
        self.path = Path(folder) / f"embeddings-{slug}.npz"
        self.embedder_name = embedder_name
        self._vectors: dict[str, np.ndarray] = {}
        self._load()

    def _load(self) -> None:
        try:
            with np.load(self.path, allow_pickle=False) as stored:
                keys, matrix = stored["keys"], stored["vectors"]
            self._vectors = {str(key): matrix[row] for row, key in enumerate(keys)}
        except (OSError, KeyError, ValueError):
            self._vectors = {}

    def get(self, text: str) -> np.ndarray | None:
        return self._vectors.get(text_key(self.embedder_name, text))

    def put(self, text: str, vector: np.ndarray) -> None:
        self._vectors[text_key(self.embedder_name, text)] = np.asarray(vector, dtype=np.float32)

    def save(self, keep_texts: list[str]) -> None:
        """Write only the entries still in use, atomically."""
        keys = [text_key(self.embedder_name, text) for text in keep_texts]
        keys = [key for key in dict.fromkeys(keys) if key in self._vectors]
        if not keys:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(temporary, keys=np.array(keys), vectors=np.stack([self._vectors[key] for key in keys]))
        os.replace(temporary, self.path)
