"""The Qdrant collection: one dense and one sparse (BM25, IDF modifier) vector per chunk,
the chunk as payload, fused by weighted RRF inside Qdrant (one request per query).

The same class runs on embedded Qdrant (a local folder) and on a server or cluster.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index.lexical import SparseVector
from ingest.models import Chunk, SectionKind

DENSE = "dense"
LEXICAL = "lexical"
_UPSERT_BATCH = 128


FACT_KIND = SectionKind.FACT.value


def _is_fact_card():
    """The condition that selects fact cards (a passage search, count or scroll excludes it)."""
    from qdrant_client import models

    return models.FieldCondition(key="kind", match=models.MatchValue(value=FACT_KIND))


@dataclass(frozen=True)
class SearchFilter:
    """Restrict a search; empty tuples mean no restriction, except that fact cards (kind
    "fact") are searched only when `kinds` names them."""

    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    fiscal_years: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()

    def to_qdrant(self):
        from qdrant_client import models

        conditions = [
            models.FieldCondition(key=key, match=models.MatchAny(any=list(values)))
            for key, values in (
                ("region", self.regions),
                ("kind", self.kinds),
                ("fiscal_years", self.fiscal_years),
                ("doc_id", self.doc_ids),
            )
            if values
        ]
        exclude = [] if FACT_KIND in self.kinds else [_is_fact_card()]
        return models.Filter(must=conditions or None, must_not=exclude or None)


@dataclass(frozen=True)
class Fusion:
    """Weighted reciprocal-rank fusion: score = Σ weight / (k + rank). The hybrid's fused
    list is then fused once more with the passages ranked by their best sentence
    (`sentence_weight`; 0 turns it off; index/searcher.py)."""

    k: int = 5
    dense_weight: float = 1.5
    lexical_weight: float = 1.0
    prefetch: int = 40
    sentence_weight: float = 0.125  # chosen by eval.calibrate_fusion (sentence stage)
    sentence_lexical: float = 0.6  # a sentence's score: this share BM25, the rest cosine


@dataclass(frozen=True)
class SearchHit:
    chunk: Chunk
    score: float
    rank: int = field(default=0)


def chunk_to_payload(chunk: Chunk) -> dict:
    payload = asdict(chunk)
    payload["kind"] = chunk.kind.value
    payload["fiscal_years"] = list(chunk.fiscal_years)
    return payload


def chunk_from_payload(payload: dict) -> Chunk:
    fields: dict[str, Any] = {name: payload.get(name) for name in Chunk.__dataclass_fields__}
    fields["kind"] = SectionKind(fields["kind"])
    fields["fiscal_years"] = tuple(fields.get("fiscal_years") or ())
    return Chunk(**fields)


class QdrantStore:
    """One collection in one Qdrant (local folder or server)."""

    def __init__(self, client, collection: str, snapshot: Path | None = None, layout: dict | None = None):
        self.client = client
        self.collection = collection
        self.snapshot = snapshot  # a private read-only copy to delete on close
        self.layout = layout or {}  # shard_number / replication_factor for a new server collection

    def create(self, dim: int, metadata: dict) -> None:
        from qdrant_client import models

        self.client.create_collection(
            self.collection,
            vectors_config={DENSE: models.VectorParams(size=dim, distance=models.Distance.COSINE)},
            sparse_vectors_config={LEXICAL: models.SparseVectorParams(modifier=models.Modifier.IDF)},
            metadata=metadata,
            **self.layout,
        )

    def index_payload_fields(self) -> None:
        """Keyword indexes for the filter fields (a server feature; the local mode has none)."""
        from qdrant_client import models

        for key in ("region", "kind", "fiscal_years", "doc_id"):
            self.client.create_payload_index(self.collection, key, models.PayloadSchemaType.KEYWORD)

    def upsert(self, chunks: list[Chunk], dense: np.ndarray, sparse: list[SparseVector]) -> None:
        from qdrant_client import models

        if not (len(chunks) == len(dense) == len(sparse)):
            raise ValueError("chunks, dense and sparse vectors differ in number")
        for start in range(0, len(chunks), _UPSERT_BATCH):
            points = []
            for chunk, vector, terms in zip(
                chunks[start : start + _UPSERT_BATCH],
                dense[start : start + _UPSERT_BATCH],
                sparse[start : start + _UPSERT_BATCH],
            ):
                vectors: dict = {DENSE: vector.tolist()}
                if terms:
                    vectors[LEXICAL] = models.SparseVector(indices=terms.indices, values=terms.values)
                points.append(models.PointStruct(id=chunk.chunk_id, vector=vectors, payload=chunk_to_payload(chunk)))
            self.client.upsert(self.collection, points=points, wait=True)

    def metadata(self) -> dict:
        return dict(self.client.get_collection(self.collection).config.metadata or {})

    def count(self, facts: bool = False) -> int:
        """The number of passages (or, with `facts`, of fact cards)."""
        from qdrant_client import models

        card = _is_fact_card()
        selection = models.Filter(must=[card]) if facts else models.Filter(must_not=[card])
        return self.client.count(self.collection, count_filter=selection, exact=True).count

    def search(
        self,
        dense_query: np.ndarray | None,
        lexical_query: SparseVector | None,
        limit: int,
        search_filter: SearchFilter | None = None,
        fusion: Fusion = Fusion(),
    ) -> list[SearchHit]:
        """Dense, lexical or (given both) fused hybrid search."""
        from qdrant_client import models

        query_filter = (search_filter or SearchFilter()).to_qdrant()
        dense = (
            None
            if dense_query is None
            else models.Prefetch(query=dense_query.tolist(), using=DENSE, limit=max(fusion.prefetch, limit), filter=query_filter)
        )
        lexical = None
        if lexical_query:
            lexical = models.Prefetch(
                query=models.SparseVector(indices=lexical_query.indices, values=lexical_query.values),
                using=LEXICAL,
                limit=max(fusion.prefetch, limit),
                filter=query_filter,
            )
        if dense is not None and lexical is not None:
            response = self.client.query_points(
                self.collection,
                prefetch=[dense, lexical],
                query=models.RrfQuery(rrf=models.Rrf(k=fusion.k, weights=[fusion.dense_weight, fusion.lexical_weight])),
                limit=limit,
                with_payload=True,
            )
        elif dense is not None or lexical is not None:
            single = dense if dense is not None else lexical
            assert single is not None
            response = self.client.query_points(
                self.collection,
                query=single.query,
                using=single.using,
                query_filter=query_filter,
                limit=limit,
                with_payload=True,
            )
        else:
            return []
        return [
            SearchHit(chunk=chunk_from_payload(point.payload), score=float(point.score), rank=rank)
            for rank, point in enumerate(response.points, start=1)
        ]

    def all_chunks(self) -> list[Chunk]:
        chunks, offset = [], None
        while True:
            points, offset = self.client.scroll(
                self.collection, scroll_filter=SearchFilter().to_qdrant(), limit=256, offset=offset, with_payload=True
            )
            chunks += [chunk_from_payload(point.payload) for point in points]
            if offset is None:
                return sorted(chunks, key=lambda chunk: (chunk.doc_id, chunk.start))

    def close(self) -> None:
        try:
            self.client.close()
        except Exception:  # closing twice or after a failed open is harmless
            pass
        if self.snapshot is not None:
            shutil.rmtree(self.snapshot, ignore_errors=True)
            self.snapshot = None


def connect_local(path):
    """Open embedded Qdrant at `path`; a second process gets IndexBusyError, not a traceback."""
    from qdrant_client import QdrantClient

    from core.errors import IndexBusyError, IndexCorruptError

    try:
        client = QdrantClient(path=str(path))
    except RuntimeError as error:
        if "already accessed" in str(error):
            raise IndexBusyError(str(path), "another casebook process (the app, or an ingest)") from None
        raise IndexCorruptError(str(path), f"{error.__class__.__name__}: {error}") from None
    except Exception as error:  # a damaged file: JSON, SQLite or pickle errors from the storage
        raise IndexCorruptError(str(path), f"{error.__class__.__name__}: {str(error)[:120]}") from None
    return client
