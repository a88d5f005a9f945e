"""`casebook ingest`: read sources, embed what changed, write a new index, switch to it.

Every source is read and parsed before anything is written, so a bad file stops the
ingest with the previous index untouched. Unchanged sources (same bytes, same embedder,
same pipeline) make the ingest a no-op.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.config import Settings
from core.errors import CasebookError, InputFileError
from index.embed import Embedder, make_embedder
from index.embedding_cache import EmbeddingCache
from index.evidence import EvidenceIndex, split_units
from index.facts_store import FactsStore
from index.lexical import SparseVector, average_length, document_vector
from index.location import location_for, writer_lock
from index.manifest import PIPELINE_VERSION, Manifest, SourceRecord, read_manifest
from index.tokenize import lemmas
from ingest.clauses import extract_clauses
from ingest.fact_cards import fact_cards, meaning
from ingest.facts import extract_regions
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.models import Chunk
from ingest.pipeline import IngestedDocument, ingest_file
from ingest.records import after_the_fields

Progress = Callable[[str, int, int], None]  # (stage, done, total)
_EMBED_BATCH = 32


@dataclass
class IngestReport:
    changed: bool
    location: str
    sources: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    chunks: int = 0
    fact_cards: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0


def discover_sources(paths: list[Path]) -> list[Path]:
    """Files to ingest: each file given, and the supported files inside each folder given."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            found.append(path)  # the loader reports missing or unsupported files
    return [path.resolve() if path.exists() else path for path in found]


def _target_sources(paths: list[Path], previous: Manifest | None, rebuild: bool) -> list[Path]:
    given = discover_sources(paths)
    if rebuild or previous is None:
        return given
    kept = [Path(record.path) for record in previous.sources if Path(record.path).is_file()]
    return list(dict.fromkeys([*kept, *given]))


def _check_unique_ids(documents: list[IngestedDocument]) -> None:
    seen: dict[str, Path] = {}
    for document in documents:
        path = document.parsed.doc.path
        if document.doc_id in seen and seen[document.doc_id] != path:
            raise InputFileError(path, f"another source already has the name {document.doc_id!r} ({seen[document.doc_id]}); rename one")
        seen[document.doc_id] = path


def _embed(
    embedder: Embedder,
    cache: EmbeddingCache,
    texts: list[str],
    progress: Progress | None,
    stage: str = "embed",
    keep: list[str] | None = None,
) -> tuple[np.ndarray, int]:
    """Vectors for `texts`, computing only those not cached; the cache is written every few
    batches, so a killed ingest resumes where it stopped (`keep`: other texts still in use)."""
    missing = [text for text in dict.fromkeys(texts) if cache.get(text) is None]
    for number, start in enumerate(range(0, len(missing), _EMBED_BATCH), start=1):
        batch = missing[start : start + _EMBED_BATCH]
        for text, vector in zip(batch, embedder.embed_passages(batch)):
            cache.put(text, vector)
        if number % 8 == 0:
            cache.save((keep or []) + texts)
        if progress:
            progress(stage, min(start + _EMBED_BATCH, len(missing)), len(missing))
    vectors = [cache.get(text) for text in texts]
    return np.stack([vector for vector in vectors if vector is not None]), len(missing)


def _card_vectors(embedder: Embedder, cards: list[Chunk]) -> np.ndarray:
    """Each fact card's meaning embedded as a query is (a dozen distinct labels: no cache)."""
    vectors = {text: embedder.embed_query(text) for text in dict.fromkeys(meaning(card.attribute or "") for card in cards)}
    return np.stack([vectors[meaning(card.attribute or "")] for card in cards]) if cards else np.zeros((0, 1))


# All documents of one ingest together (each is also capped, in ingest.pipeline): a corpus
# of several editions fits; a folder of unrelated dumps is refused before any embedding.
MAX_INGEST_CHARS = 3_000_000


def _check_ingest_size(documents: list[IngestedDocument]) -> None:
    total = sum(len(document.parsed.doc.text) for document in documents)
    if total > MAX_INGEST_CHARS:
        raise CasebookError(
            f"{len(documents)} documents with {total:,} characters of text; one ingest takes at most {MAX_INGEST_CHARS:,} "
            "(about 60 times the booklet): ingest fewer files",
            f"文書が多すぎます（{len(documents)}文書・{total:,}字、1回の取り込みの上限 {MAX_INGEST_CHARS:,}字）。"
            "ファイルを減らしてください",
        )


def build_index(
    settings: Settings,
    paths: list[Path],
    rebuild: bool = False,
    progress: Progress | None = None,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Ingest `paths` (files or folders) into the index; see the module docstring."""
    started = time.perf_counter()
    embedder = embedder or make_embedder(settings.embedder)
    location = location_for(settings)
    with writer_lock(settings):
        previous = None if rebuild else read_manifest(location)
        sources = _target_sources(paths, previous, rebuild)
        if not sources:
            raise CasebookError("nothing to ingest: no .txt or .pdf files were given or found")
        documents = []
        for number, path in enumerate(sources, start=1):
            documents.append(ingest_file(path))
            if progress:
                progress("read", number, len(sources))
        _check_unique_ids(documents)
        _check_ingest_size(documents)

        records = [
            SourceRecord(
                doc_id=d.doc_id, path=str(d.parsed.doc.path), sha256=d.sha256, chunks=len(d.chunks), regions=list(d.parsed.regions)
            )
            for d in documents
        ]
        report = IngestReport(changed=True, location=location.describe(), sources=[r.doc_id for r in records])
        old = {record.path: record for record in previous.sources} if previous else {}
        report.added = [r.doc_id for r in records if r.path not in old]
        report.updated = [r.doc_id for r in records if r.path in old and old[r.path].sha256 != r.sha256]
        report.removed = [r.doc_id for path, r in old.items() if path not in {x.path for x in records}]
        if (
            previous is not None
            and not (report.added or report.updated or report.removed)
            and previous.embedder == embedder.name
            and previous.pipeline_version == PIPELINE_VERSION
        ):
            report.changed = False
            report.chunks = previous.chunk_count
            location.remove_stale()  # leftovers of an ingest that was killed
            report.seconds = time.perf_counter() - started
            return report

        chunks = [chunk for document in documents for chunk in document.chunks]
        terms = [lemmas(chunk.embed_text) for chunk in chunks]
        avgdl = average_length(terms)
        sparse = [document_vector(chunk_terms, avgdl) for chunk_terms in terms]
        cache = EmbeddingCache(settings.index_dir / "cache", embedder.name)
        texts = [chunk.embed_text for chunk in chunks]
        dense, embedded = _embed(embedder, cache, texts, progress)
        regions = [region for document in documents for region in extract_regions(document.parsed)]
        units = split_units(chunks, leave_out=after_the_fields(regions))
        unit_texts = [unit.embed_text for unit in units]
        unit_vectors, _ = _embed(embedder, cache, unit_texts, progress, stage="embed-units", keep=texts)
        cards = fact_cards(regions)
        card_vectors = _card_vectors(embedder, cards)
        # no lexical vector: Qdrant's IDF counts every point with one, and the passages' BM25
        # must not shift with the number of cards
        card_sparse = [SparseVector([], []) for _ in cards]
        cache.save(texts + unit_texts)

        manifest = Manifest(
            embedder=embedder.name,
            dim=int(dense.shape[1]),
            pipeline_version=PIPELINE_VERSION,
            average_length=avgdl,
            chunk_count=len(chunks),
            sources=records,
            fact_count=len(cards),
        )
        name, store = location.create_generation()
        try:
            store.create(manifest.dim, manifest.to_metadata())
            if settings.qdrant_url:
                store.index_payload_fields()
            store.upsert(chunks, dense, sparse)
            if cards:
                store.upsert(cards, card_vectors, card_sparse)
            if store.count() != len(chunks) or store.count(facts=True) != len(cards):
                raise CasebookError(
                    f"the new index holds {store.count()} chunks and {store.count(facts=True)} fact cards, "
                    f"expected {len(chunks)} and {len(cards)}"
                )
            folder = location.generation_folder(name)
            manifest.write(folder)
            FactsStore.build(
                regions,
                {document.doc_id: document.parsed.doc.text for document in documents},
                chunks,
                [clause for document in documents for clause in extract_clauses(document.parsed)],
            ).save(folder)
            EvidenceIndex(units, unit_vectors).save(folder)
        except BaseException:
            store.close()
            location.discard(name)
            raise
        store.close()
        location.publish(name)
        location.remove_stale()
        report.chunks, report.embedded, report.reused = len(chunks), embedded, len(chunks) - embedded
        report.fact_cards = len(cards)
        report.seconds = time.perf_counter() - started
        return report
