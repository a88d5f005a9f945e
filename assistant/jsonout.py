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


def answer(result) -> dict:
    """The `ask --json` contract of DESIGN.md."""
    return {
        "question": result.question,
        "kind": result.kind,
        "answer": result.answer,
        "regions": list(result.regions),
        "citations": [
            {
                "n": c.n,
                "doc": c.doc,
                "region": c.region,
                "project": c.project,
                "section": c.section,
                "page": c.page,
                "quote": c.quote,
                "chunk_id": c.chunk_id,
                "score": c.score,
                "span": [c.start, c.end] if c.start is not None else None,
            }
            for c in result.citations
        ],
        "eligibility": result.eligibility,
        "latency_ms": result.latency_ms,
    }


def region_record(region) -> dict:
    """A region as the facts store holds it, values with their source spans."""
    from dataclasses import asdict

    data = asdict(region)
    data["fields"] = [{"field": m.field, "detail": m.detail} for m in region.fields]
    data["grants_thousand_yen"] = {g.year: g.thousand_yen for g in region.grants}
    return data


def region_row(region) -> dict:
    """One line of `casebook regions --json`."""
    return {
        "name": region.name,
        "kind": region.kind,
        "kind_label": region.kind_label,
        "members": [m.name for m in region.members],
        "member_count": region.member_count.value if region.member_count else None,
        "population": region.population.value if region.population else None,
        "area_km2": region.area_km2.value if region.area_km2 else None,
        "secretariat": list(region.secretariat.value) if region.secretariat else [],
        "secretariat_year": region.secretariat_year,  # "R5": the year the booklet names it for
        "agreement_date": region.agreement_date.value if region.agreement_date else None,
        "vision_date": region.vision_date.value if region.vision_date else None,
        "fields": [m.field for m in region.fields],
        "grants_thousand_yen": {g.year: g.thousand_yen for g in region.grants},
        "projects": [p.name for p in region.projects],
    }
