"""An open index that answers searches: dense, lexical or hybrid, with filters.

index = CasebookIndex(load_settings()).open()
hits = index.search("共同で採用活動をした地域は？", k=5)
for hit in hits:
    print(hit.score, hit.chunk.region, hit.chunk.text[:40])
index.close()
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.config import SEARCH_MODES, Settings
from core.errors import (
    CasebookError,
    EmbedderMismatchError,
    EmptyQueryError,
    IndexCorruptError,
    IndexMissingError,
    InvalidSettingError,
)
from index import tokenize
from index.embed import Embedder, make_embedder
from index.embedding_cache import EmbeddingCache
from index.lexical import query_vector
from index.location import location_for
from index.manifest import Manifest
from index.store import Fusion, SearchFilter, SearchHit

MAX_K = 100


@dataclass(frozen=True)
class IndexInfo:
    location: str
    embedder: str
    pipeline_version: str
    chunk_count: int
    documents: list[dict]
    regions: list[str]


class CasebookIndex:
    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self._embedder = embedder
        self.fusion = Fusion(
            k=settings.rrf_k,
            dense_weight=settings.dense_weight,
            lexical_weight=settings.lexical_weight,
            prefetch=settings.prefetch,
        )
        self.store = None
        self.manifest: Manifest | None = None
        self.location = None
        self.folder = None  # the generation folder in service (facts live there)
        self.generation: str | None = None
        self._vectors: dict = {}

    def open(self) -> CasebookIndex:
        """Open the index in service, check it matches the configured embedder, warm up."""
        self.location = location_for(self.settings)
        name = self.location.current_name()  # read once: vectors and facts of one generation
        if name is None:
            raise IndexMissingError(self.location.describe())
        store = self.location.open_named(name)
        self.generation = name
        self.folder = self.location.generation_folder(name)
        try:
            try:
                metadata = store.metadata()
                count = store.count()
            except CasebookError:
                raise
            except Exception as error:
                raise IndexCorruptError(self.location.describe(), f"{error.__class__.__name__}: {str(error)[:120]}") from None
            self.manifest = Manifest.from_metadata(metadata, self.location.describe())
            if count != self.manifest.chunk_count:
                raise IndexCorruptError(
                    self.location.describe(), f"it holds {count} passages, its manifest says {self.manifest.chunk_count}"
                )
            embedder = self._embedder or make_embedder(self.settings.embedder)
            if embedder.name != self.manifest.embedder:
                raise EmbedderMismatchError(self.manifest.embedder, embedder.name)
            embedder.warm_up()
            tokenize.warm_up()
        except BaseException:
            store.close()
            raise
        self._embedder, self.store = embedder, store
        return self

    def __enter__(self) -> CasebookIndex:
        return self.open() if self.store is None else self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def search(self, query: str, k: int = 5, mode: str = "hybrid", search_filter: SearchFilter | None = None) -> list[SearchHit]:
        if not query or not query.strip():
            raise EmptyQueryError()
        if not 1 <= k <= MAX_K:
            raise InvalidSettingError("k", k, f"an integer from 1 to {MAX_K}")
        if mode not in SEARCH_MODES:
            raise InvalidSettingError("mode", mode, " | ".join(SEARCH_MODES))
        if self.store is None:
            self.open()
        dense = self._query_vector(query) if mode in ("hybrid", "dense") else None
        lexical = query_vector(query) if mode in ("hybrid", "lexical") else None
        return self.store.search(dense, lexical, limit=k, search_filter=search_filter, fusion=self.fusion)

    @property
    def embedder(self) -> Embedder:
        """The embedder this index was built with (opened on first use)."""
        if self.store is None:
            self.open()
        return self._embedder

    def switched(self) -> bool:
        """Whether a newer index has been published since this one was opened."""
        try:
            return self.location is not None and self.location.current_name() not in (None, self.generation)
        except CasebookError:
            return False

    def query_vector(self, query: str):
        """The question's embedding (computed once per distinct text)."""
        if self.store is None:
            self.open()
        return self._query_vector(query)

    def embed_queries(self, texts: list[str]):
        """Embeddings of several query-side texts, cached on disk by text (the intent bank)."""
        if self.store is None:
            self.open()
        cache = EmbeddingCache(self.settings.index_dir / "cache", f"query:{self._embedder.name}")
        missing = [text for text in dict.fromkeys(texts) if cache.get(text) is None]
        for text in missing:
            cache.put(text, self._embedder.embed_query(text))
        if missing:
            try:
                cache.save(texts)
            except OSError:
                pass  # a read-only index folder: compute again next start
        return np.stack([cache.get(text) for text in texts])

    def _query_vector(self, query: str):
        """The query's embedding, computed once per distinct text (hybrid and dense share it)."""
        cached = self._vectors.get(query)
        if cached is None:
            cached = self._embedder.embed_query(query)
            if len(self._vectors) > 256:
                self._vectors.clear()
            self._vectors[query] = cached
        return cached

    def info(self) -> IndexInfo:
        if self.store is None:
            self.open()
        manifest = self.manifest
        return IndexInfo(
            location=self.location.describe(),
            embedder=manifest.embedder,
            pipeline_version=manifest.pipeline_version,
            chunk_count=manifest.chunk_count,
            documents=[
                {"doc_id": s.doc_id, "path": s.path, "chunks": s.chunks, "regions": s.regions, "sha256": s.sha256} for s in manifest.sources
            ],
            regions=manifest.regions,
        )
