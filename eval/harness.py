"""`casebook eval`: run every question through the assistant, write predictions, score.

Dataset: JSONL with `id` and `question`; gold fields are optional and scored when present:
`kind`, `regions` (the set a list/aggregate answer must name), `answer_contains` (strings
the answer text must hold). Writes DIR/predictions.jsonl (one `ask --json` object plus
`id` per line), DIR/metrics.json and DIR/report.md. Every run records its configuration.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.jsonout import answer as answer_json
from core.errors import CasebookError
from eval.jsonl import read_jsonl

GATES = {
    "list_f1": 0.9,
    "aggregate_f1": 0.9,
    "fact_accuracy": 0.9,
    "unanswerable_declined": 0.9,
    "eligibility_accuracy": 0.9,
    "citations_resolvable": 1.0,
    "regions_cited": 1.0,
}


@dataclass
class Scored:
    id: str
    gold_kind: str | None
    kind: str
    precision: float | None = None
    recall: float | None = None
    contains_ok: bool | None = None
    citations_ok: bool = True
    regions_cited: bool = True
    verdict_ok: bool | None = None
    guessed: bool = False  # decided although the gold says facts are missing
    retrieved: bool | None = None  # the gold region is among the citations
    paraphrase: bool = False


def load_dataset(path: Path) -> list[dict]:
    rows = []
    for number, row in read_jsonl(path):
        if "id" not in row or "question" not in row:
            raise CasebookError(f"{path}:{number}: each line needs at least 'id' and 'question'")
        rows.append(row)
    if not rows:
        raise CasebookError(f"{path}: no questions")
    return rows


def score(row: dict, prediction: dict) -> Scored:
    result = Scored(row["id"], row.get("kind"), prediction["kind"])
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", prediction["answer"])}
    numbers = {c["n"] for c in prediction["citations"]}
    result.citations_ok = markers <= numbers
    cited_regions = {c["region"] for c in prediction["citations"]}
    result.regions_cited = (
        all(region in cited_regions for region in prediction["regions"]) if prediction["kind"] in ("list", "aggregate") else True
    )
    if "regions" in row and row.get("kind") in ("list", "aggregate"):
        gold, predicted = set(row["regions"]), set(prediction["regions"])
        if prediction["kind"] == "unanswerable":
            predicted = set()
        result.precision = len(gold & predicted) / len(predicted) if predicted else (1.0 if not gold else 0.0)
        result.recall = len(gold & predicted) / len(gold) if gold else (1.0 if not predicted else 0.0)
    if "answer_contains" in row:
        result.contains_ok = all(text in prediction["answer"] for text in row["answer_contains"])
    if "regions" in row and row.get("kind") not in ("list", "aggregate") and row["regions"]:
        result.retrieved = set(row["regions"]) <= {c["region"] for c in prediction["citations"]}
    result.paraphrase = bool(row.get("paraphrase"))
    if "verdict" in row:
        eligibility = prediction.get("eligibility") or {}
        clauses = {finding["clause"] for finding in eligibility.get("findings", [])}
        result.verdict_ok = (
            eligibility.get("verdict") == row["verdict"]
            and ("grant_yen" not in row or eligibility.get("grant_yen") == row["grant_yen"])
            and ("clause" not in row or row["clause"] in clauses)
        )
        result.guessed = row["verdict"] == "needs_info" and eligibility.get("verdict") in ("eligible", "not_eligible")
    return result


# fact and open are both passage answers (a value vs. an explanation): either counts for the other.
_PASSAGE_KINDS = {"fact", "open"}


def _same_kind(predicted: str, gold: str | None) -> bool:
    return predicted == gold or (predicted in _PASSAGE_KINDS and gold in _PASSAGE_KINDS)


def _f1(items: list[Scored]) -> float | None:
    pairs = [(s.precision, s.recall) for s in items if s.precision is not None and s.recall is not None]
    if not pairs:
        return None
    values = [0.0 if p + r == 0 else 2 * p * r / (p + r) for p, r in pairs]
    return sum(values) / len(values)


def metrics(scored: list[Scored], latencies: list[int]) -> dict:
    by_kind: dict[str, list[Scored]] = {}
    for s in scored:
        by_kind.setdefault(s.gold_kind or "unlabelled", []).append(s)
    out: dict = {"questions": len(scored), "per_kind": {}}
    for kind, items in sorted(by_kind.items()):
        entry: dict[str, Any] = {"n": len(items), "kind_accuracy": sum(_same_kind(s.kind, kind) for s in items) / len(items)}
        if any(s.precision is not None for s in items):
            entry["precision"] = statistics.mean(s.precision for s in items if s.precision is not None)
            entry["recall"] = statistics.mean(s.recall for s in items if s.recall is not None)
            entry["f1"] = _f1(items)
        contains = [s.contains_ok for s in items if s.contains_ok is not None]
        if contains:
            entry["answer_contains"] = sum(contains) / len(contains)
        out["per_kind"][kind] = entry
    per = out["per_kind"]
    fact_items = by_kind.get("fact", [])
    out["list_f1"] = per.get("list", {}).get("f1")
    out["aggregate_f1"] = per.get("aggregate", {}).get("f1")
    out["fact_accuracy"] = (sum(bool(s.contains_ok) for s in fact_items) / len(fact_items)) if fact_items else None
    open_items = by_kind.get("open", [])
    out["open_accuracy"] = (sum(bool(s.contains_ok) for s in open_items) / len(open_items)) if open_items else None
    paraphrases = [s.contains_ok for s in scored if s.paraphrase and s.contains_ok is not None]
    out["paraphrase_accuracy"] = (sum(paraphrases) / len(paraphrases)) if paraphrases else None
    retrieved = [s.retrieved for s in scored if s.retrieved is not None]
    out["retrieval_region_recall"] = (sum(retrieved) / len(retrieved)) if retrieved else None
    unanswerable = by_kind.get("unanswerable", [])
    out["unanswerable_declined"] = (sum(s.kind == "unanswerable" for s in unanswerable) / len(unanswerable)) if unanswerable else None
    answerable = [s for s in scored if s.gold_kind and s.gold_kind != "unanswerable"]
    out["answerable_wrongly_declined"] = (sum(s.kind == "unanswerable" for s in answerable) / len(answerable)) if answerable else None
    verdicts = [s for s in scored if s.verdict_ok is not None]
    out["eligibility_accuracy"] = (sum(bool(s.verdict_ok) for s in verdicts) / len(verdicts)) if verdicts else None
    out["eligibility_guessed_missing"] = sum(s.guessed for s in verdicts)
    out["citations_resolvable"] = sum(s.citations_ok for s in scored) / len(scored)
    out["regions_cited"] = sum(s.regions_cited for s in scored) / len(scored)
    ordered = sorted(latencies)
    out["latency_ms_p50"] = statistics.median(ordered)
    out["latency_ms_p95"] = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return out


def failed_gates(values: dict) -> list[str]:
    return [
        f"{name} {values.get(name)} < {limit}" for name, limit in GATES.items() if values.get(name) is not None and values[name] < limit
    ]


def run(assistant, dataset: Path, out: Path, config: dict) -> dict:
    rows = load_dataset(dataset)
    out.mkdir(parents=True, exist_ok=True)
    scored, latencies = [], []
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            prediction = answer_json(assistant.ask(row["question"]))
            handle.write(json.dumps({"id": row["id"], **prediction}, ensure_ascii=False) + "\n")
            scored.append(score(row, prediction))
            latencies.append(prediction["latency_ms"])
    values = {"dataset": str(dataset), "config": config, **metrics(scored, latencies)}
    values["misses"] = [
        {"id": s.id, "gold_kind": s.gold_kind, "kind": s.kind, "precision": s.precision, "recall": s.recall, "contains_ok": s.contains_ok}
        for s in scored
        if s.gold_kind
        and not _same_kind(s.kind, s.gold_kind)
        or (s.precision is not None and s.recall is not None and (s.precision < 1 or s.recall < 1))
        or s.contains_ok is False
        or s.verdict_ok is False
    ]
    values["calibration"] = copy_calibration(out)
    (out / "metrics.json").write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")
    chart(values, out / "scores.png")
    (out / "report.md").write_text(report(values), encoding="utf-8")
    return values


CALIBRATION = Path(__file__).with_name("calibration")
_CALIBRATIONS = {
    "lists": ("lists_calibration.json", "lists_curve.png", "topical lists: WEIGHT / KEEP / COVERAGE"),
    "decline": ("decline_calibration.json", "decline_curve.png", "decline: DENSE_SUPPORT / COVERAGE"),
    "cards": ("cards_calibration.json", "cards_curve.png", "attribute cards: CARD_SUPPORT"),
    "fields": ("fields_calibration.json", "fields_curve.png", "project fields by meaning: FIELD_MARGIN"),
    "fusion": ("fusion_calibration.json", "fusion_curve.png", "hybrid fusion: dense weight / RRF k"),
    "sentences": (
        "fusion_calibration.json",
        "sentence_curve.png",
        "hybrid fusion, second stage: weight of the passages' best-sentence ranking",
    ),
}


def copy_calibration(out: Path) -> dict[str, dict]:
    """The chosen points of the calibrations in the repository, their curves copied beside the
    report. A second stage keeps its point under its own name in its first stage's file."""
    found: dict[str, dict] = {}
    files: dict[str, dict] = {}
    for name, (data, curve, _title) in _CALIBRATIONS.items():
        if not (CALIBRATION / data).is_file():
            continue
        if data not in files:
            files[data] = json.loads((CALIBRATION / data).read_text(encoding="utf-8"))["chosen"]
        chosen = files[data]
        found[name] = chosen[name] if name in chosen else {key: value for key, value in chosen.items() if key not in _CALIBRATIONS}
        if (CALIBRATION / curve).is_file():
            shutil.copyfile(CALIBRATION / curve, out / curve)
    return found


def chart(values: dict, path: Path) -> None:
    """Scores per measure as a bar chart (PNG, drawn offline with matplotlib's Agg)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [
        n
        for n in (
            "list_f1",
            "aggregate_f1",
            "fact_accuracy",
            "open_accuracy",
            "paraphrase_accuracy",
            "eligibility_accuracy",
            "unanswerable_declined",
            "retrieval_region_recall",
            "citations_resolvable",
            "regions_cited",
        )
        if values.get(n) is not None
    ]
    scores = [values[n] for n in names]
    figure, axis = plt.subplots(figsize=(8, 4))
    bars = axis.barh(
        names[::-1], scores[::-1], color=["#c0392b" if s < GATES.get(n, 0) else "#2e86c1" for n, s in zip(names[::-1], scores[::-1])]
    )
    axis.bar_label(bars, fmt="%.2f", padding=2)
    axis.set_xlim(0, 1.1)
    axis.set_title(f"casebook eval: {values['questions']} questions, p50 {values['latency_ms_p50']} ms / p95 {values['latency_ms_p95']} ms")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def _fmt(value) -> str:
    return "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def report(values: dict) -> str:
    lines = [
        f"# casebook eval — {values['dataset']}",
        "",
        "config: " + ", ".join(f"{k}={v}" for k, v in values["config"].items()),
        "",
        "| kind | n | kind accuracy | precision | recall | F1 | answer holds gold text |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for kind, entry in values["per_kind"].items():
        lines.append(
            f"| {kind} | {entry['n']} | {_fmt(entry['kind_accuracy'])} | {_fmt(entry.get('precision'))} | "
            f"{_fmt(entry.get('recall'))} | {_fmt(entry.get('f1'))} | {_fmt(entry.get('answer_contains'))} |"
        )
    lines += ["", "| measure | value |", "| --- | --- |"]
    for name in (
        "list_f1",
        "aggregate_f1",
        "fact_accuracy",
        "open_accuracy",
        "paraphrase_accuracy",
        "retrieval_region_recall",
        "eligibility_accuracy",
        "eligibility_guessed_missing",
        "unanswerable_declined",
        "answerable_wrongly_declined",
        "citations_resolvable",
        "regions_cited",
        "latency_ms_p50",
        "latency_ms_p95",
    ):
        lines.append(f"| {name} | {_fmt(values.get(name))} |")
    lines += ["", "![scores](scores.png)"]
    for name, chosen in values.get("calibration", {}).items():
        data, curve, title = _CALIBRATIONS[name]
        points = ", ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in chosen.items() if k != "plateau")
        lines += ["", f"Calibration, {title} (odd ids choose, even ids report; eval/calibration/{data}): {points}", f"![{name}]({curve})"]
    if values.get("misses"):
        lines += ["", "Misses: " + ", ".join(m["id"] for m in values["misses"])]
    return "\n".join(lines) + "\n"
