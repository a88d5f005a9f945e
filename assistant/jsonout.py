"""The JSON shapes other tools read (see DESIGN.md), produced in one place."""

from __future__ import annotations

from index.searcher import IndexInfo
from index.store import SearchHit


def search_hit(hit: SearchHit) -> dict:
    chunk = hit.chunk
    return {
        "text": chunk.text,
        "score": round(hit.score, 6),
        "doc": chunk.doc_id,
        "region": chunk.region,
        "project": chunk.project,
        "section": chunk.section,
        "page": chunk.page,
        "chunk_id": chunk.chunk_id,
        # beyond the contract, for tools that want them
        "kind": chunk.kind.value,
        "clause": chunk.clause,
        "fiscal_years": list(chunk.fiscal_years),
        "span": [chunk.start, chunk.end],
        "rank": hit.rank,
    }


def search_results(query: str, mode: str, hits: list[SearchHit]) -> dict:
    return {"query": query, "mode": mode, "results": [search_hit(hit) for hit in hits]}


def index_info(info: IndexInfo) -> dict:
    return {
        "location": info.location,
        "embedder": info.embedder,
        "pipeline_version": info.pipeline_version,
        "chunks": info.chunk_count,
        "documents": info.documents,
        "regions": info.regions,
    }
