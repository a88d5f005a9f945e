"""Retrieval evaluation: Recall@5 and MRR@10 for lexical, dense and hybrid, side by side.

A question's gold is a passage of the booklet (`answer`, compared without whitespace) and,
when it has one, its region; any chunk holding both is relevant, so the gold survives
changes to the chunking. Each run records the configuration that produced it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from core.errors import CasebookError
from eval.jsonl import read_jsonl
from index.searcher import CasebookIndex
from index.store import Fusion
from ingest.models import Chunk

MODES = ("lexical", "dense", "hybrid")
RECALL_AT = 5
MRR_AT = 10


@dataclass(frozen=True)
class RetrievalQuestion:
    id: str
    question: str
    answer: str
    region: str | None = None
    paraphrase: bool = False


@dataclass
class ModeScores:
    mode: str
    recall_at_5: float
    mrr_at_10: float
    recall_at_5_paraphrase: float
    mrr_at_10_paraphrase: float
    ranks: dict[str, int | None] = field(default_factory=dict)


@dataclass
class RetrievalReport:
    dataset: str
    questions: int
    paraphrases: int
    config: dict
    scores: list[ModeScores]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def load_questions(path: Path) -> list[RetrievalQuestion]:
    questions = []
    for number, raw in read_jsonl(path):
        try:
            questions.append(RetrievalQuestion(**raw))
        except TypeError as error:
            raise CasebookError(f"{path}:{number}: not a retrieval question ({error})") from None
    return questions


def is_relevant(chunk: Chunk, question: RetrievalQuestion) -> bool:
    if question.region and chunk.region != question.region:
        return False
    return _compact(question.answer) in _compact(chunk.text)


def first_relevant_rank(chunks: list[Chunk], question: RetrievalQuestion) -> int | None:
    return next((rank for rank, chunk in enumerate(chunks, start=1) if is_relevant(chunk, question)), None)


def _score(mode: str, questions: list[RetrievalQuestion], ranks: dict[str, int | None]) -> ModeScores:
    def recall(subset):
        return sum(1 for q in subset if ranks[q.id] and ranks[q.id] <= RECALL_AT) / len(subset) if subset else 0.0

    def mrr(subset):
        return sum(1 / ranks[q.id] for q in subset if ranks[q.id] and ranks[q.id] <= MRR_AT) / len(subset) if subset else 0.0

    paraphrases = [q for q in questions if q.paraphrase]
    return ModeScores(mode, recall(questions), mrr(questions), recall(paraphrases), mrr(paraphrases), ranks)


def evaluate(index: CasebookIndex, questions: list[RetrievalQuestion], dataset: str = "", modes=MODES) -> RetrievalReport:
    """Run every question in every mode against one open index."""
    scores = []
    for mode in modes:
        ranks = {q.id: first_relevant_rank([hit.chunk for hit in index.search(q.question, k=MRR_AT, mode=mode)], q) for q in questions}
        scores.append(_score(mode, questions, ranks))
    config = {"embedder": index.manifest.embedder, "chunks": index.manifest.chunk_count, **asdict(index.fusion)}
    return RetrievalReport(dataset, len(questions), sum(q.paraphrase for q in questions), config, scores)


def sweep_fusion(index: CasebookIndex, questions: list[RetrievalQuestion], grid: list[Fusion]) -> list[tuple[Fusion, ModeScores]]:
    """Hybrid scores for each fusion setting (to choose the default on the dataset)."""
    original, results = index.fusion, []
    try:
        for fusion in grid:
            index.fusion = fusion
            results.append((fusion, evaluate(index, questions, modes=("hybrid",)).scores[0]))
    finally:
        index.fusion = original
    return results


def unmet_gold(chunks: list[Chunk], questions: list[RetrievalQuestion]) -> list[str]:
    """Questions whose gold passage no chunk holds (a broken dataset, not a bad retriever)."""
    return [q.id for q in questions if not any(is_relevant(chunk, q) for chunk in chunks)]


def format_report(report: RetrievalReport) -> str:
    lines = [
        f"Retrieval on {report.dataset}: {report.questions} questions ({report.paraphrases} paraphrases)",
        "config: " + ", ".join(f"{key}={value}" for key, value in report.config.items()),
        "",
        f"| mode | Recall@{RECALL_AT} | MRR@{MRR_AT} | Recall@{RECALL_AT} paraphrase | MRR@{MRR_AT} paraphrase |",
        "| --- | --- | --- | --- | --- |",
    ]
    for score in report.scores:
        lines.append(
            f"| {score.mode} | {score.recall_at_5:.3f} | {score.mrr_at_10:.3f} | "
            f"{score.recall_at_5_paraphrase:.3f} | {score.mrr_at_10_paraphrase:.3f} |"
        )
    missed = {s.mode: [qid for qid, rank in s.ranks.items() if not rank or rank > RECALL_AT] for s in report.scores}
    lines.append("")
    lines += [f"missed@{RECALL_AT} {mode}: {', '.join(ids) or '-'}" for mode, ids in missed.items()]
    return "\n".join(lines)
