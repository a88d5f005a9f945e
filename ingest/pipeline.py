"""One call from a path to its chunks: load → normalise → parse → chunk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ingest.chunker import chunk_document
from ingest.loaders import load_document
from ingest.models import Chunk, ParsedDocument
from ingest.normalize import normalize_document
from ingest.parser import parse_document


@dataclass(frozen=True)
class IngestedDocument:
    parsed: ParsedDocument
    chunks: tuple[Chunk, ...]

    @property
    def doc_id(self) -> str:
        return self.parsed.doc.doc_id

    @property
    def sha256(self) -> str:
        return self.parsed.doc.sha256


def ingest_file(path: Path) -> IngestedDocument:
    """Read one source file into parsed sections and chunks (raises InputFileError)."""
    parsed = parse_document(normalize_document(load_document(Path(path))))
    return IngestedDocument(parsed=parsed, chunks=tuple(chunk_document(parsed)))
