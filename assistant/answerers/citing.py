"""Citing a record value: the whole source line it is printed on, with its chunk and page."""

from __future__ import annotations

from assistant.answer import CitationList
from index.facts_store import FactsStore
from ingest.records import Span


def cite_span(facts: FactsStore, citations: CitationList, span: Span | None, region: str | None) -> str:
    """The `[n]` marker for the line that holds `span` (numbered once per line)."""
    if span is None:
        return ""
    line = facts.line_of(span)
    chunk = facts.chunk_at(span)
    number = citations.add(
        doc=span.doc_id,
        region=region,
        project=chunk.project if chunk else None,
        section=chunk.section if chunk else None,
        page=chunk.page if chunk else None,
        quote=facts.quote(line),
        chunk_id=chunk.chunk_id if chunk else None,
        start=line.start,
        end=line.end,
    )
    return f"[{number}]"
