"""The facts store: region and project records saved beside the vector index.

Written by `casebook ingest` into the index generation (so it switches with the vectors),
read whole into memory (a dozen regions). Answers field, membership, term and aggregate
queries; every value keeps its span, and `quote(span)` gives the verbatim source text.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from core.errors import IndexCorruptError
from index.tokenize import is_loanword, lemmas
from ingest.clauses import ClauseText
from ingest.models import Chunk
from ingest.records import Region, Span, region_from_dict

FACTS_FILE = "facts.json"


@dataclass(frozen=True)
class ChunkRef:
    """Where a chunk sits: enough to cite a record's span with its chunk."""

    chunk_id: str
    doc_id: str
    start: int
    end: int
    region: str | None
    project: str | None
    section: str
    kind: str
    page: int | None


class FactsStore:
    def __init__(self, regions: list[Region], documents: dict[str, str], chunks: list[ChunkRef], clauses: list[ClauseText] | None = None):
        self.regions = regions
        self.documents = documents
        self.chunks = chunks
        self.clauses = {clause.clause_id: clause for clause in clauses or []}
        self._by_name = {region.name: region for region in regions}
        self._chunk_lemmas: dict[str, frozenset[str]] | None = None

    # ---- persistence -------------------------------------------------------------------
    @classmethod
    def build(
        cls, regions: list[Region], documents: dict[str, str], chunks: list[Chunk], clauses: list[ClauseText] | None = None
    ) -> FactsStore:
        refs = [ChunkRef(c.chunk_id, c.doc_id, c.start, c.end, c.region, c.project, c.section, c.kind.value, c.page) for c in chunks]
        return cls(regions, documents, refs, clauses)

    def save(self, folder: Path) -> None:
        payload = {
            "regions": [asdict(region) for region in self.regions],
            "documents": self.documents,
            "chunks": [asdict(chunk) for chunk in self.chunks],
            "clauses": [asdict(clause) for clause in self.clauses.values()],
        }
        temporary = Path(folder) / f"{FACTS_FILE}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, Path(folder) / FACTS_FILE)

    @classmethod
    def load(cls, folder: Path) -> FactsStore:
        path = Path(folder) / FACTS_FILE
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                [region_from_dict(item) for item in payload["regions"]],
                dict(payload["documents"]),
                [ChunkRef(**item) for item in payload["chunks"]],
                [ClauseText(**item) for item in payload.get("clauses", [])],
            )
        except FileNotFoundError:
            raise IndexCorruptError(str(folder), f"{FACTS_FILE} is missing") from None
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise IndexCorruptError(str(folder), f"{FACTS_FILE} is unreadable ({error.__class__.__name__})") from None

    # ---- lookups -----------------------------------------------------------------------
    def region(self, name: str) -> Region | None:
        return self._by_name.get(name)

    def known_region(self, name: str) -> Region:
        """A region whose name came from these records (a question's resolved regions)."""
        return self._by_name[name]

    @property
    def region_names(self) -> list[str]:
        return [region.name for region in self.regions]

    @property
    def municipalities(self) -> set[str]:
        return {member.name for region in self.regions for member in region.members}

    def quote(self, span: Span | None) -> str:
        if span is None:
            return ""
        return self.documents.get(span.doc_id, "")[span.start : span.end]

    def line_of(self, span: Span) -> Span:
        """The whole line(s) around a span: a readable, still verbatim, quote."""
        text = self.documents.get(span.doc_id, "")
        start = text.rfind("\n", 0, span.start) + 1
        end = text.find("\n", span.end)
        return Span(span.doc_id, start, len(text) if end < 0 else end)

    def chunk_at(self, span: Span) -> ChunkRef | None:
        for chunk in self.chunks:
            if chunk.doc_id == span.doc_id and chunk.start <= span.start < chunk.end:
                return chunk
        return None

    # ---- queries -----------------------------------------------------------------------
    def regions_with_field(self, field: str) -> list[Region]:
        return [region for region in self.regions if field in region.field_names]

    def regions_containing(self, municipality: str) -> list[Region]:
        return [region for region in self.regions if any(m.name == municipality for m in region.members)]

    def chunk_lemmas(self) -> dict[str, frozenset[str]]:
        if self._chunk_lemmas is None:
            self._chunk_lemmas = {
                chunk.chunk_id: frozenset(lemmas(self.documents[chunk.doc_id][chunk.start : chunk.end])) for chunk in self.chunks
            }
        return self._chunk_lemmas

    def document_frequency(self, term: str) -> int:
        """In how many passages a lemma occurs."""
        if not hasattr(self, "_df"):
            counts: dict[str, int] = {}
            for words in self.chunk_lemmas().values():
                for word in words:
                    counts[word] = counts.get(word, 0) + 1
            self._df = counts
        return self._df.get(term, 0)

    def _containing_frequency(self, term: str) -> int:
        """In how many passages a longer word contains `term` (a loanword: インスタグラム)."""
        if not hasattr(self, "_containing"):
            self._containing: dict[str, int] = {}
        if term not in self._containing:
            self._containing[term] = sum(any(term in word for word in words) for words in self.chunk_lemmas().values())
        return self._containing[term]

    def idf(self, term: str) -> float:
        """How rare a lemma is across the chunks (unseen terms are the rarest); a loanword
        the booklet writes only inside longer ones (インスタグラム) is as rare as they are."""
        import math

        frequency = self.document_frequency(term)
        if not frequency and is_loanword(term):
            frequency = self._containing_frequency(term)
        return math.log((len(self.chunks) + 1) / (frequency + 0.5))
