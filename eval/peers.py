"""The casebook against two common peers, in one run, on the same corpus and questions.

    python -m eval.peers [--dataset QUESTIONS.jsonl] [--out DIR]     (make bench-peers)

Systems, each giving its top 5 passages for a question:
- `casebook search`: the project's hybrid search over its own chunks;
- `casebook ask`: the full answer; its context is the passages it cites;
- `llama-index default RAG`: `SentenceSplitter` (defaults: 1024 tokens, 200 overlap) +
  `VectorStoreIndex` (in memory), embedded with the casebook's own embedder;
- `fugashi BM25`: BM25Okapi (rank-bm25) over fugashi surface tokens of the same chunks.

All peers read the casebook's normalised text, so every passage has offsets; a peer passage
counts for the regions whose sections it overlaps (scoring only, never seen by the peer).
The dataset has the external set's shape: `must_regions`/`may_regions` for lists, `evidence`
(verbatim corpus text) for facts; unanswerable questions are left out of answer-in-context.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from core.config import Settings, load_settings
from eval.jsonl import read_jsonl

TOP_K = 5
DEFAULT_DATASET = Path(__file__).resolve().parents[2] / "shared" / "eval-dev" / "questions.jsonl"


def compact(text: str) -> str:
    """NFKC without spaces or commas: how the external scorer compares text."""
    return re.sub(r"[\s,、]", "", unicodedata.normalize("NFKC", text or ""))


@dataclass(frozen=True)
class Passage:
    text: str
    regions: frozenset[str]


@dataclass(frozen=True)
class BenchQuestion:
    id: str
    kind: str
    question: str
    must_regions: tuple[str, ...] = ()
    may_regions: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    answerable: bool = True

    @classmethod
    def from_row(cls, row: dict) -> BenchQuestion:
        evidence = row.get("evidence") or ()
        return cls(
            id=row["id"],
            kind=row.get("kind", ""),
            question=row["question"],
            must_regions=tuple(row.get("must_regions") or ()),
            may_regions=tuple(row.get("may_regions") or ()),
            evidence=(evidence,) if isinstance(evidence, str) else tuple(evidence),
            answerable=row.get("sub") != "unanswerable",
        )

    @property
    def is_list(self) -> bool:
        return self.kind == "list" and bool(self.must_regions)

    @property
    def is_fact(self) -> bool:
        return self.kind == "fact" and self.answerable and bool(self.evidence)


def region_match(gold: str, region: str) -> bool:
    """Gold names are short (南空知); records carry the full name (南空知圏域)."""
    return compact(gold) in compact(region) or compact(region) in compact(gold)


def region_scores(question: BenchQuestion, found: set[str]) -> tuple[float, float]:
    """(recall of must_regions, precision against must + may) of the regions found."""
    must = question.must_regions
    allowed = must + question.may_regions
    recall = sum(any(region_match(g, r) for r in found) for g in must) / len(must)
    precision = sum(any(region_match(g, r) for g in allowed) for r in found) / len(found) if found else 0.0
    return recall, precision


def evidence_in(question: BenchQuestion, passages: Sequence[Passage]) -> float:
    """Share of the question's evidence strings that some passage holds."""
    context = [compact(passage.text) for passage in passages]
    found = sum(any(compact(piece) in text for text in context) for piece in question.evidence)
    return found / len(question.evidence)


@dataclass
class SystemScores:
    system: str
    region_recall: float
    region_precision: float
    answer_in_context: float
    list_evidence: float
    latency_p50_ms: float
    latency_p95_ms: float
    build_s: float | None
    misses: list[str] = field(default_factory=list)


def score_system(
    name: str, retrieve: Callable[[str], list[Passage]], questions: list[BenchQuestion], build_s: float | None
) -> SystemScores:
    recalls, precisions, facts, list_evidence, latencies, misses = [], [], [], [], [], []
    for question in questions:
        if not (question.is_list or question.is_fact):
            continue
        started = time.perf_counter()
        passages = retrieve(question.question)
        latencies.append((time.perf_counter() - started) * 1000)
        if question.is_list:
            recall, precision = region_scores(question, set().union(*(p.regions for p in passages)) if passages else set())
            recalls.append(recall)
            precisions.append(precision)
            list_evidence.append(evidence_in(question, passages))
        else:
            held = evidence_in(question, passages)
            facts.append(held)
            if held < 1:
                misses.append(question.id)
    ordered = sorted(latencies)
    return SystemScores(
        system=name,
        region_recall=statistics.fmean(recalls) if recalls else 0.0,
        region_precision=statistics.fmean(precisions) if precisions else 0.0,
        answer_in_context=statistics.fmean(facts) if facts else 0.0,
        list_evidence=statistics.fmean(list_evidence) if list_evidence else 0.0,
        latency_p50_ms=statistics.median(ordered) if ordered else 0.0,
        latency_p95_ms=ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else 0.0,
        build_s=build_s,
        misses=misses,
    )


@dataclass(frozen=True)
class SourceText:
    """One normalised document and the region of each of its sections (for attribution)."""

    doc_id: str
    text: str
    sections: tuple[tuple[int, int, str], ...]  # (start, end, region)

    def regions_between(self, start: int, end: int) -> frozenset[str]:
        return frozenset(region for s, e, region in self.sections if s < end and start < e)


def read_sources(paths: list[Path]) -> list[SourceText]:
    from ingest.pipeline import ingest_file

    sources = []
    for path in paths:
        parsed = ingest_file(path).parsed
        sections = tuple((s.start, s.end, s.region) for s in parsed.sections if s.region)
        sources.append(SourceText(parsed.doc.doc_id, parsed.doc.text, sections))
    return sources


class LlamaIndexDefaultRag:
    """llama-index's default RAG retrieval, with the casebook's embedder for the vectors."""

    def __init__(self, sources: list[SourceText], embedder) -> None:
        from llama_index.core import Document, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.core.schema import TextNode

        from index.llama_adapter import CasebookEmbedding

        documents = [Document(text=source.text, id_=source.doc_id) for source in sources]
        self.nodes = [node for node in SentenceSplitter().get_nodes_from_documents(documents) if isinstance(node, TextNode)]
        by_id = {source.doc_id: source for source in sources}
        self.regions = {
            node.node_id: by_id[node.ref_doc_id or ""].regions_between(node.start_char_idx or 0, node.end_char_idx or 0)
            for node in self.nodes
        }
        index = VectorStoreIndex(self.nodes, embed_model=CasebookEmbedding(embedder))
        self.retriever = index.as_retriever(similarity_top_k=TOP_K)

    def __call__(self, question: str) -> list[Passage]:
        return [Passage(hit.node.get_content(), self.regions[hit.node.node_id]) for hit in self.retriever.retrieve(question)]


class FugashiBm25:
    """BM25Okapi over fugashi surface tokens of the same chunks as the llama-index peer."""

    def __init__(self, texts: list[str], regions: list[frozenset[str]]) -> None:
        import fugashi
        from rank_bm25 import BM25Okapi

        self._tagger = fugashi.Tagger()
        self.texts, self.regions = texts, regions
        self._bm25 = BM25Okapi([self._tokens(text) for text in texts])

    def _tokens(self, text: str) -> list[str]:
        return [word.surface for word in self._tagger(text) if word.surface.strip()]

    def __call__(self, question: str) -> list[Passage]:
        scores = self._bm25.get_scores(self._tokens(question))
        best = sorted(range(len(scores)), key=lambda i: -scores[i])[:TOP_K]
        return [Passage(self.texts[i], self.regions[i]) for i in best]


def run(dataset: Path, data_dir: Path, settings: Settings, log: Callable[[str], None] = print) -> list[SystemScores]:
    from assistant.service import Assistant
    from index.builder import build_index
    from index.searcher import CasebookIndex

    questions = [BenchQuestion.from_row(row) for _, row in read_jsonl(dataset)]
    paths = sorted(data_dir.glob("*.txt")) + sorted(data_dir.glob("*.pdf"))
    sources = read_sources(paths)
    results = []
    with tempfile.TemporaryDirectory(prefix="casebook-peers-") as folder:
        log("building the casebook index (cold: no embedding cache) …")
        ours = Settings(**{**asdict(settings), "index_dir": Path(folder) / "index", "data_dir": data_dir, "qdrant_url": None})
        started = time.perf_counter()
        build_index(ours, paths)
        casebook_build = time.perf_counter() - started
        with CasebookIndex(ours) as index:
            chunks_by_id = {chunk.chunk_id: chunk for chunk in index.all_chunks()}

            def search(question: str) -> list[Passage]:
                return [
                    Passage(hit.chunk.text, frozenset([hit.chunk.region] if hit.chunk.region else []))
                    for hit in index.search(question, k=TOP_K)
                ]

            def search_by_region(question: str) -> list[Passage]:
                hits = index.search_by_region(question, regions=TOP_K)
                return [Passage(hit.chunk.text, frozenset([hit.chunk.region] if hit.chunk.region else [])) for hit in hits]

            log("scoring casebook search …")
            results.append(score_system("casebook search (hybrid)", search, questions, casebook_build))
            results.append(score_system("casebook search --by-region", search_by_region, questions, casebook_build))

            log("building llama-index's default RAG with the same embedder …")
            started = time.perf_counter()
            rag = LlamaIndexDefaultRag(sources, index.embedder)
            rag_build = time.perf_counter() - started
            log("scoring llama-index …")
            results.append(score_system(f"llama-index default RAG ({len(rag.nodes)} nodes)", rag, questions, rag_build))

            started = time.perf_counter()
            bm25 = FugashiBm25([node.get_content() for node in rag.nodes], [rag.regions[node.node_id] for node in rag.nodes])
            bm25_build = time.perf_counter() - started
            log("scoring fugashi BM25 …")
            results.append(score_system("fugashi BM25 (same nodes)", bm25, questions, bm25_build))

        with Assistant(ours) as assistant:

            def ask(question: str) -> list[Passage]:
                answer = assistant.ask(question)
                cited = [chunks_by_id[c.chunk_id].text for c in answer.citations if c.chunk_id in chunks_by_id]
                regions = frozenset(answer.regions)
                return [Passage(text, regions) for text in [answer.answer, *(c.quote for c in answer.citations), *cited]]

            log("scoring casebook ask …")
            results.append(score_system("casebook ask (answer + cited passages)", ask, questions, None))
    return results


def format_table(results: list[SystemScores], dataset: Path, questions: int) -> str:
    lines = [
        f"Peers on {dataset} ({questions} questions: lists for regions, answerable facts for answer-in-context), top {TOP_K}",
        "",
        "| system | region recall@5 | region precision@5 | answer-in-context@5 | list evidence@5 | p50 ms | p95 ms | build s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        build = f"{r.build_s:.1f}" if r.build_s is not None else "(uses the casebook index)"
        lines.append(
            f"| {r.system} | {r.region_recall:.3f} | {r.region_precision:.3f} | {r.answer_in_context:.3f} | {r.list_evidence:.3f} "
            f"| {r.latency_p50_ms:.1f} | {r.latency_p95_ms:.1f} | {build} |"
        )
    lines.append("")
    lines += [f"facts without their evidence in context, {r.system}: {', '.join(r.misses) or '-'}" for r in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--out", type=Path, default=Path("artifacts/peers"))
    args = parser.parse_args(argv)
    if not args.dataset.is_file():
        raise SystemExit(f"no question set at {args.dataset}: pass --dataset QUESTIONS.jsonl (the external set's format)")
    settings = load_settings()
    results = run(args.dataset, settings.data_dir, settings, log=lambda message: print(message, flush=True))
    count = sum(1 for _ in read_jsonl(args.dataset))
    table = format_table(results, args.dataset, count)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "peers.md").write_text(table + "\n", encoding="utf-8")
    (args.out / "peers.json").write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")
    print(table)


if __name__ == "__main__":
    main()
