"""Choose the topical list's WEIGHT / KEEP / NEAR from a curve on one split of questions and
report them on the other.

    python -m eval.calibrate_lists QUESTIONS.jsonl [--out DIR]

QUESTIONS.jsonl: list questions with gold `must_regions` (and optional `may_regions`) or
`regions`. Only the questions the assistant hands to the topical answerer count (those the
records answer — 「防災に○のある地域」 — would measure something else). The split is by the
number in each `id`: odd ids choose, even ids report. The score of one question is (recall
of the must regions + precision against must + may) / 2.
Writes DIR/lists_curve.png and DIR/lists_calibration.json.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.answerers.topical import listed, region_evidence, supported_evidence
from assistant.service import Assistant
from core.config import load_settings
from eval.curves import Line, plot_curve, split_of
from eval.jsonl import read_jsonl

KEYS = ("南空知", "後志", "日高", "留萌中北部", "留萌南部", "遠軽", "西紋別", "根室", "石狩", "宗谷", "釧路", "北見")


def _key(name: str) -> str:
    return next((k for k in KEYS if k in name), name)


def _score(got: set[str], must: set[str], may: set[str]) -> float:
    recall = len(got & must) / len(must) if must else 1.0
    precision = len(got & (must | may)) / len(got) if got else 0.0
    return (recall + precision) / 2


def _reaching_the_topical_answerer(assistant: Assistant, questions: list[str]) -> dict[str, str]:
    """The questions the assistant's routing hands to the topical answerer, with the noun each asks the regions as."""
    reached: dict[str, str] = {}  # each question's text → the noun it asks the regions as (地域, 事例)
    topical = assistant._topical
    answer = topical.answer

    def noting(question, computing=frozenset()):
        reached[question.text] = question.regions_asked_as
        return answer(question, computing)

    topical.answer = noting  # type: ignore[method-assign]
    try:
        for question in questions:
            assistant.ask(question)
    finally:
        topical.answer = answer  # type: ignore[method-assign]
    return reached


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path)
    parser.add_argument("--out", type=Path, default=Path("eval/calibration"))
    args = parser.parse_args()
    rows = [row for _, row in read_jsonl(args.questions) if row.get("kind", "list") == "list" and not row.get("sub")]
    with Assistant(load_settings()) as assistant:
        evidence = assistant._topical.evidence  # the statements the topical answerer reads
        years = assistant._topical.unit_years
        if evidence is None:
            raise SystemExit("this index has no sentence units: rebuild it with `casebook ingest --rebuild`")
        reached = _reaching_the_topical_answerer(assistant, [row["question"] for row in rows])
        rows = [row for row in rows if row["question"].strip() in reached]
        vectors = {row["id"]: assistant.index.query_vector(row["question"]) for row in rows}
    weights = [round(w * 0.1, 1) for w in range(11)]
    keeps = [round(0.5 + k * 0.05, 2) for k in range(10)]
    coverages = [0.0, 0.25, 0.35, 0.5, 0.75]
    table: dict[str, dict] = {"choose": {}, "report": {}}
    for weight, coverage in [(w, c) for w in weights for c in coverages]:
        ranked = {
            row["id"]: supported_evidence(
                evidence,
                row["question"],
                region_evidence(evidence, vectors[row["id"]], row["question"], weight, years=years),
                coverage,
                asked_as=reached[row["question"].strip()],
            )
            for row in rows
        }
        for keep in keeps:
            for split in ("choose", "report"):
                scores = []
                for row in rows:
                    if split_of(row["id"]) != split:
                        continue
                    must = {_key(r) for r in row.get("must_regions", row.get("regions", []))}
                    may = {_key(r) for r in row.get("may_regions", [])}
                    got = {_key(item.region) for item in listed(ranked[row["id"]], keep)}
                    scores.append(_score(got, must, may))
                table[split][f"{weight}/{keep}/{coverage}"] = sum(scores) / len(scores) if scores else 0.0

    # the point whose neighbourhood (one step of weight, of KEEP and of COVERAGE) scores best
    # on the choose split: a plateau, not a spike that one question put there
    def smoothed(key: str) -> float:
        w, k, c = key.split("/")
        wi, ki, ci = weights.index(float(w)), keeps.index(float(k)), coverages.index(float(c))
        near = [
            f"{weights[i]}/{keeps[j]}/{coverages[m]}"
            for i in range(max(0, wi - 1), min(len(weights), wi + 2))
            for j in range(max(0, ki - 1), min(len(keeps), ki + 2))
            for m in range(max(0, ci - 1), min(len(coverages), ci + 2))
        ]
        return sum(table["choose"][n] for n in near) / len(near)

    best = max(table["choose"], key=smoothed)
    weight, keep, coverage = map(float, best.split("/"))
    result = {
        "weight": weight,
        "keep": keep,
        "coverage": coverage,
        "choose_score": table["choose"][best],
        "choose_neighbourhood": smoothed(best),
        "report_score": table["report"][best],
        "questions": len(rows),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "lists_calibration.json").write_text(json.dumps({"chosen": result, "curve": table}, ensure_ascii=False, indent=1))
    _plot(table, weights, keeps, weight, coverage, args.out / "lists_curve.png")
    print(json.dumps(result, ensure_ascii=False))


def _plot(table, weights, keeps, chosen_weight, coverage, path: Path) -> None:
    lines = [
        Line(keeps, [table["choose"][f"{w}/{k}/{coverage}"] for k in keeps], "-" if w == chosen_weight else ":", f"w={w}") for w in weights
    ]
    lines.append(
        Line(keeps, [table["report"][f"{chosen_weight}/{k}/{coverage}"] for k in keeps], "k--", f"report split, w={chosen_weight}")
    )
    plot_curve(path, lines, "KEEP (share of the best region's score)", "list score (recall + precision) / 2")


if __name__ == "__main__":
    main()
