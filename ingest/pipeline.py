"""One call from a path to its chunks: load → normalise → parse → chunk."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.errors import InputFileError
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


# The booklet holds about 51,000 characters (158 passages); 1,000,000 is room for a much
# larger edition (about 3,000 passages, some 15 minutes of embedding on two cores), and a
# file beyond it is refused before anything is embedded or the index is touched.
MAX_DOCUMENT_CHARS = 1_000_000


def ingest_file(path: Path) -> IngestedDocument:
    """Read one source file into parsed sections and chunks (raises InputFileError)."""
    loaded = load_document(Path(path))
    length = sum(len(page.text) for page in loaded.pages)
    if length > MAX_DOCUMENT_CHARS:
        raise InputFileError(
            path,
            f"{length:,} characters of text; the limit is {MAX_DOCUMENT_CHARS:,} per document (split it into several files)",
            f"文字数が多すぎます（{length:,}字、1文書あたり上限 {MAX_DOCUMENT_CHARS:,}字）。複数のファイルに分けてください",
        )
    parsed = parse_document(normalize_document(loaded))
    return IngestedDocument(parsed=parsed, chunks=tuple(chunk_document(parsed)))
