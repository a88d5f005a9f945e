"""An open index that answers searches: dense, lexical or hybrid, with filters.

index = CasebookIndex(load_settings()).open()
hits = index.search("共同で採用活動をした地域は？", k=5)
for hit in hits:
    print(hit.score, hit.chunk.region, hit.chunk.text[:40])
index.close()
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

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
from index.evidence import EvidenceIndex
from index.lexical import terms_vector
from index.location import LocalLocation, ServerLocation, location_for
from index.manifest import Manifest
from index.store import Fusion, QdrantStore, SearchFilter, SearchHit
from ingest.models import Chunk

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
        self.store: QdrantStore | None = None
        self._manifest: Manifest | None = None
        self.location: LocalLocation | ServerLocation | None = None
        self.folder: Path | None = None  # the generation folder in service (facts live there)
        self.generation: str | None = None
        self._vectors: dict = {}
        self.evidence: EvidenceIndex | None = None  # the generation's sentence units

    def open(self) -> CasebookIndex:
        """Open the index in service, check it matches the configured embedder, warm up."""
        self.location = location = location_for(self.settings)
        name = location.current_name()  # read once: vectors and facts of one generation
        if name is None:
            raise IndexMissingError(location.describe())
        store = location.open_named(name)
        self.generation = name
        self.folder = location.generation_folder(name)
        try:
            try:
                metadata = store.metadata()
                count = store.count()
            except CasebookError:
                raise
            except Exception as error:
                raise IndexCorruptError(location.describe(), f"{error.__class__.__name__}: {str(error)[:120]}") from None
            self._manifest = manifest = Manifest.from_metadata(metadata, location.describe())
            if count != manifest.chunk_count:
                raise IndexCorruptError(location.describe(), f"it holds {count} passages, its manifest says {manifest.chunk_count}")
            embedder = self._embedder or make_embedder(self.settings.embedder)
            if embedder.name != manifest.embedder:
                raise EmbedderMismatchError(manifest.embedder, embedder.name)
            embedder.warm_up()
            tokenize.warm_up()
        except BaseException:
            store.close()
            raise
        self._embedder, self.store = embedder, store
        self.evidence = EvidenceIndex.load(self.folder)  # None for an index built before sentence units
        return self

    def _opened(self) -> tuple[QdrantStore, Manifest, Embedder]:
        """Store, manifest and embedder of the index in service, opening it on first use."""
        if self.store is None:
            self.open()
        assert self.store is not None and self._manifest is not None and self._embedder is not None
        return self.store, self._manifest, self._embedder

    @property
    def manifest(self) -> Manifest:
        """What the index in service was built from (opened on first use)."""
        return self._opened()[1]

    @property
    def generation_folder(self) -> Path:
        """The folder of the generation in service (facts and sentence units live there)."""
        self._opened()
        assert self.folder is not None
        return self.folder

    def all_chunks(self) -> list[Chunk]:
        return self._opened()[0].all_chunks()

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
        store, _, _ = self._opened()
        dense = self._query_vector(query) if mode in ("hybrid", "dense") else None
        # (the casebook's spelling of the query's words: its longer loanwords, 「コンサル」 → コンサルタント)
        terms = (self.evidence.query_terms(query) if self.evidence is not None else list(tokenize.lemmas(query))) if mode != "dense" else []
        lexical = terms_vector(terms) if mode in ("hybrid", "lexical") else None
        if dense is None or lexical is None or self.evidence is None or self.fusion.sentence_weight <= 0:
            return store.search(dense, lexical, limit=k, search_filter=search_filter, fusion=self.fusion)
        pool = store.search(dense, lexical, limit=max(k, self.fusion.prefetch), search_filter=search_filter, fusion=self.fusion)
        return self._by_sentences(pool, dense, terms, k)

    def _by_sentences(self, pool: list[SearchHit], dense: np.ndarray, terms: list[str], k: int) -> list[SearchHit]:
        """The hybrid's passages fused once more with the same passages ranked by their best
        sentence: a passage's vector blurs its several topics, a sentence says one thing
        (「・インスタグラムフォトコンテストの実施」). Passages without sentence units (the
        grant rules) keep their hybrid rank alone."""
        assert self.evidence is not None
        fusion = self.fusion
        mixed = self.evidence.mixed(dense, terms, fusion.sentence_lexical)
        best = self.evidence.best_by_chunk(mixed, [hit.chunk.chunk_id for hit in pool])
        by_sentence = {chunk_id: rank for rank, chunk_id in enumerate(sorted(best, key=lambda c: -best[c]), start=1)}
        scored = []
        for hit in pool:
            score = 1 / (fusion.k + hit.rank)
            if hit.chunk.chunk_id in by_sentence:
                score += fusion.sentence_weight / (fusion.k + by_sentence[hit.chunk.chunk_id])
            scored.append((score, hit.rank, hit))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [replace(hit, score=score, rank=rank) for rank, (score, _, hit) in enumerate(scored[:k], start=1)]

    def search_by_region(
        self, query: str, regions: int = 5, depth: int = 60, mode: str = "hybrid", search_filter: SearchFilter | None = None
    ) -> list[SearchHit]:
        """The best passage of each of the `regions` best regions: for "which regions …"
        questions, where five passages of one region would hide the others."""
        best: dict[str, SearchHit] = {}
        for hit in self.search(query, k=min(depth, MAX_K), mode=mode, search_filter=search_filter):
            if hit.chunk.region and hit.chunk.region not in best:
                best[hit.chunk.region] = hit
                if len(best) == regions:
                    break
        return [replace(hit, rank=rank) for rank, hit in enumerate(best.values(), start=1)]

    @property
    def embedder(self) -> Embedder:
        """The embedder this index was built with (opened on first use)."""
        return self._opened()[2]

    def switched(self) -> bool:
        """Whether a newer index has been published since this one was opened."""
        try:
            return self.location is not None and self.location.current_name() not in (None, self.generation)
        except CasebookError:
            return False

    def query_vector(self, query: str):
        """The question's embedding (computed once per distinct text)."""
        self._opened()
        return self._query_vector(query)

    def embed_queries(self, texts: list[str]):
        """Embeddings of several query-side texts, cached on disk by text (the intent bank)."""
        embedder = self._opened()[2]
        cache = EmbeddingCache(self.settings.index_dir / "cache", f"query:{embedder.name}")
        missing = [text for text in dict.fromkeys(texts) if cache.get(text) is None]
        for text in missing:
            cache.put(text, embedder.embed_query(text))
        if missing:
            try:
                cache.save(texts)
            except OSError:
                pass  # a read-only index folder: compute again next start
        vectors = [cache.get(text) for text in texts]
        return np.stack([vector for vector in vectors if vector is not None])

    def _query_vector(self, query: str):
        """The query's embedding, computed once per distinct text (hybrid and dense share it)."""
        cached = self._vectors.get(query)
        if cached is None:
            cached = self._opened()[2].embed_query(query)
            if len(self._vectors) > 256:
                self._vectors.clear()
            self._vectors[query] = cached
        return cached

    def info(self) -> IndexInfo:
        _, manifest, _ = self._opened()
        assert self.location is not None
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
