"""Choose how the hybrid search weighs its dense and lexical lists from a curve on one split
of questions, and report the chosen point on the other.

    python -m eval.calibrate_fusion QUESTIONS.jsonl [--paraphrases eval/retrieval.jsonl] [--out DIR]

QUESTIONS.jsonl has the external set's shape: list questions with `must_regions`, fact
questions with verbatim `evidence`. For every (dense weight, RRF k) of the grid the search's
top 5 passages are scored as `make bench-peers` scores them — region recall@5 on the lists,
answer-in-context@5 on the answerable facts — and a point scores the mean of the two. The
choice also weighs `--paraphrases` (the project's retrieval set: questions in words the
booklet does not use, gold passage in the top 5) as a third term, so that a fusion tuned to
questions in the booklet's own words does not lose those asked in other words. Dense
weight 0 is the lexical list alone and "dense only" the dense list alone: both are reported
beside the curve, and the choice is among the fused points (a search that ignores one list
loses what only that list finds: other words for the same thing, or a rare exact name).
Odd ids choose (the best point after averaging each with its neighbouring weights, as the
other calibrations do), even ids report.
A second stage sweeps, at the chosen fusion, the weight of the passages' ranking by their
best sentence (`Fusion.sentence_weight`, 0 = off; index/searcher.py), scored the same way.
Writes DIR/fusion_calibration.json and DIR/fusion_curve.png; the chosen points are the
defaults of `CASEBOOK_DENSE_WEIGHT` / `CASEBOOK_RRF_K` and of `Fusion.sentence_weight` (a
test ties them).
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import replace
from pathlib import Path

from core.config import load_settings
from eval.curves import Line, middle_of_best, plot_curve, split_of
from eval.jsonl import read_jsonl
from eval.peers import TOP_K, BenchQuestion, Passage, evidence_in, region_scores
from eval.retrieval import RetrievalQuestion, first_relevant_rank, load_questions
from index.searcher import CasebookIndex
from index.store import Fusion

DENSE_WEIGHTS = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 8.0]
RRF_KS = [1, 2, 5, 10, 30, 60]
SENTENCE_WEIGHTS = [round(0.125 * step, 3) for step in range(13)]  # 0 to 1.5, evenly
DENSE_ONLY = "dense only"


def score_questions(index: CasebookIndex, questions: list[BenchQuestion], mode: str) -> dict[str, float]:
    """Each list's region recall@5 and each answerable fact's evidence share, by id."""
    scores = {}
    for question in questions:
        hits = index.search(question.question, k=TOP_K, mode=mode)
        if question.is_list:
            scores[question.id] = region_scores(question, {hit.chunk.region for hit in hits if hit.chunk.region})[0]
        else:
            scores[question.id] = evidence_in(question, [Passage(hit.chunk.text, frozenset()) for hit in hits])
    return scores


def paraphrase_recall(index: CasebookIndex, questions: list[RetrievalQuestion], mode: str) -> float:
    """Share of the retrieval set's questions whose gold passage is in the top 5."""
    found = [first_relevant_rank([hit.chunk for hit in index.search(q.question, k=TOP_K, mode=mode)], q) for q in questions]
    return sum(rank is not None for rank in found) / len(questions) if questions else 0.0


def split_score(questions: list[BenchQuestion], scores: dict[str, float], split: str, extra: tuple[float, ...] = ()) -> float:
    """Mean of the lists' region recall and the facts' answer-in-context on one split (and of
    any extra terms: the paraphrase recall on the choosing side)."""
    kinds = list(extra)
    for is_kind in (lambda q: q.is_list, lambda q: q.is_fact):
        values = [scores[q.id] for q in questions if is_kind(q) and split_of(q.id) == split]
        if values:
            kinds.append(statistics.fmean(values))
    return statistics.fmean(kinds) if kinds else 0.0


def _measured(index: CasebookIndex, fusion: Fusion, questions: list[BenchQuestion], paraphrases: list[RetrievalQuestion], mode: str):
    """(scores by id, paraphrase recall) with `fusion` in service for the measurement."""
    original, index.fusion = index.fusion, fusion
    try:
        return score_questions(index, questions, mode), paraphrase_recall(index, paraphrases, mode)
    finally:
        index.fusion = original


def sweep(index: CasebookIndex, questions: list[BenchQuestion], paraphrases: list[RetrievalQuestion]) -> dict[str, dict[str, float]]:
    """{split: {"weight/k": score}} over the grid, plus the dense list alone; "paraphrases"
    holds the retrieval set's recall@5 alone."""
    table: dict[str, dict[str, float]] = {"choose": {}, "report": {}, "paraphrases": {}}
    for weight in DENSE_WEIGHTS:
        for k in RRF_KS:
            fusion = replace(index.fusion, k=k, dense_weight=weight, lexical_weight=1.0)
            mode = "lexical" if weight == 0 else "hybrid"
            _record(table, f"{weight}/{k}", questions, *_measured(index, fusion, questions, paraphrases, mode))
    _record(table, DENSE_ONLY, questions, *_measured(index, index.fusion, questions, paraphrases, "dense"))
    return table


def _record(table: dict[str, dict[str, float]], key: str, questions: list[BenchQuestion], scores: dict[str, float], recall: float) -> None:
    table["choose"][key] = split_score(questions, scores, "choose", (recall,))
    table["report"][key] = split_score(questions, scores, "report")
    table["paraphrases"][key] = recall


def sentence_sweep(
    index: CasebookIndex, fusion: Fusion, questions: list[BenchQuestion], paraphrases: list[RetrievalQuestion]
) -> dict[str, dict[str, float]]:
    """{split: {"sentence weight/0": score}} at `fusion` (the chosen dense weight and k)."""
    table: dict[str, dict[str, float]] = {"choose": {}, "report": {}, "paraphrases": {}}
    for weight in SENTENCE_WEIGHTS:
        measured = _measured(index, replace(fusion, sentence_weight=weight), questions, paraphrases, "hybrid")
        _record(table, f"{weight}/0", questions, *measured)
    return table


def choose_sentence_weight(table: dict[str, dict[str, float]]) -> dict:
    weight, _ = middle_of_best(table["choose"], smoothing=True)
    key = f"{weight}/0"
    return {
        "sentence_weight": weight,
        "choose_score": table["choose"][key],
        "report_score": table["report"][key],
        "paraphrase_recall": table["paraphrases"][key],
        "off_report": table["report"]["0.0/0"],
    }


def choose(table: dict[str, dict[str, float]]) -> dict:
    fused = {key: value for key, value in table["choose"].items() if key != DENSE_ONLY and not key.startswith("0.0/")}
    weight, k = middle_of_best(fused, smoothing=True)
    key = f"{weight}/{int(k)}"
    return {
        "dense_weight": weight,
        "rrf_k": int(k),
        "choose_score": table["choose"][key],
        "report_score": table["report"][key],
        "paraphrase_recall": table["paraphrases"][key],
        "lexical_only_report": table["report"][f"0.0/{int(k)}"],
        "dense_only_report": table["report"][DENSE_ONLY],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--paraphrases", type=Path, default=Path("eval/retrieval.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("eval/calibration"))
    args = parser.parse_args()
    questions = [BenchQuestion.from_row(row) for _, row in read_jsonl(args.questions)]
    questions = [q for q in questions if q.is_list or q.is_fact]
    paraphrases = load_questions(args.paraphrases)
    with CasebookIndex(load_settings()) as index:
        scores, recall = score_questions(index, questions, "hybrid"), paraphrase_recall(index, paraphrases, "hybrid")
        before = {
            "choose_score": split_score(questions, scores, "choose", (recall,)),
            "report_score": split_score(questions, scores, "report"),
        }
        table = sweep(index, questions, paraphrases)
        in_service = asdict_fusion(index.fusion)
        result = choose(table)
        chosen = replace(index.fusion, dense_weight=result["dense_weight"], k=result["rrf_k"])
        sentences = sentence_sweep(index, chosen, questions, paraphrases)
    result["sentences"] = choose_sentence_weight(sentences)
    result["in_service"] = {**in_service, **before, "paraphrase_recall": recall}
    result["questions"] = {split: sum(1 for q in questions if split_of(q.id) == split) for split in ("choose", "report")}
    result["questions"]["paraphrases"] = len(paraphrases)
    args.out.mkdir(parents=True, exist_ok=True)
    curves = {"chosen": result, "curve": table, "sentence_curve": sentences}
    (args.out / "fusion_calibration.json").write_text(json.dumps(curves, ensure_ascii=False, indent=1))
    _plot(table, result, args.out / "fusion_curve.png")
    _plot_sentences(sentences, result["sentences"]["sentence_weight"], args.out / "sentence_curve.png")
    print(json.dumps(result, ensure_ascii=False))


def asdict_fusion(fusion: Fusion) -> dict:
    return {
        "dense_weight": fusion.dense_weight,
        "rrf_k": fusion.k,
        "lexical_weight": fusion.lexical_weight,
        "sentence_weight": fusion.sentence_weight,
    }


def _plot_sentences(table: dict[str, dict[str, float]], chosen: float, path: Path) -> None:
    lines = [
        Line(SENTENCE_WEIGHTS, [table[split][f"{w}/0"] for w in SENTENCE_WEIGHTS], style, label)
        for split, style, label in (
            ("choose", "-", "choose (+ paraphrase recall)"),
            ("report", "k--", "report split"),
            ("paraphrases", "g-.", "paraphrase recall@5"),
        )
    ]
    plot_curve(path, lines, "weight of the ranking by best sentence (0 = off)", "score", chosen)


def _plot(table: dict[str, dict[str, float]], chosen: dict, path: Path) -> None:
    lines = [
        Line(DENSE_WEIGHTS, [table["choose"][f"{w}/{k}"] for w in DENSE_WEIGHTS], "-" if k == chosen["rrf_k"] else ":", f"choose, k={k}")
        for k in RRF_KS
    ]
    lines.append(Line(DENSE_WEIGHTS, [table["report"][f"{w}/{chosen['rrf_k']}"] for w in DENSE_WEIGHTS], "k--", "report split"))
    lines.append(Line(DENSE_WEIGHTS, [table["report"][DENSE_ONLY]] * len(DENSE_WEIGHTS), "r:", "report, dense only"))
    lines.append(Line(DENSE_WEIGHTS, [table["paraphrases"][f"{w}/{chosen['rrf_k']}"] for w in DENSE_WEIGHTS], "g-.", "paraphrase recall@5"))
    plot_curve(
        path, lines, "dense weight (lexical 1; 0 = lexical only)", "score (choose: + paraphrase recall, / 3)", chosen["dense_weight"]
    )


if __name__ == "__main__":
    main()
