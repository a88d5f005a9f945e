"""Choose when the assistant says 「事例集には記載がありません」 from a curve on one split of
questions, and report the chosen point on the other.

    python -m eval.calibrate_decline QUESTIONS.jsonl [--out DIR]

QUESTIONS.jsonl: fact questions, those the booklet cannot answer marked `"sub": "unanswerable"`
(the external set's format). Every question is asked end to end for each pair of the
passage answerer's thresholds — the cosine at which a passage supports an answer by meaning
(`DENSE_SUPPORT`) and the share of the question's weight a passage must hold by its words
(`COVERAGE`). A point scores (share of unanswerables declined + share of answerables
answered) / 2. Odd ids choose (the middle of the plateau whose neighbourhood scores best),
even ids report.
Writes DIR/decline_calibration.json and DIR/decline_curve.png.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.service import Assistant
from core.config import load_settings
from eval.curves import Line, middle_of_best, plot_curve, split_of
from eval.jsonl import read_jsonl

DENSE_GRID = [0.80, 0.82, 0.83, 0.84, 0.845, 0.85, 0.86, 0.87, 0.88, 0.90]
COVERAGE_GRID = [0.35, 0.5, 0.65]


def balanced(rows: list[dict], declined: dict[str, bool]) -> float:
    unanswerable = [declined[row["id"]] for row in rows if row.get("sub") == "unanswerable"]
    answerable = [not declined[row["id"]] for row in rows if row.get("sub") != "unanswerable"]
    shares = [sum(group) / len(group) for group in (unanswerable, answerable) if group]
    return sum(shares) / len(shares) if shares else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=Path)
    parser.add_argument("--out", type=Path, default=Path("eval/calibration"))
    args = parser.parse_args()
    rows = [row for _, row in read_jsonl(args.questions) if row.get("kind", "fact") == "fact"]
    table: dict[str, dict[str, float]] = {"choose": {}, "report": {}}
    with Assistant(load_settings()) as assistant:
        for dense in DENSE_GRID:
            for coverage in COVERAGE_GRID:
                assistant._passages.dense_support, assistant._passages.coverage = dense, coverage
                declined = {row["id"]: assistant.ask(row["question"]).kind == "unanswerable" for row in rows}
                for split in table:
                    table[split][f"{dense}/{coverage}"] = balanced([r for r in rows if split_of(r["id"]) == split], declined)
    dense, coverage = middle_of_best(table["choose"], smoothing=True)
    best = f"{dense}/{coverage}"
    result = {
        "dense_support": dense,
        "coverage": coverage,
        "choose_score": table["choose"][best],
        "report_score": table["report"][best],
        "questions": {split: sum(1 for r in rows if split_of(r["id"]) == split) for split in table},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "decline_calibration.json").write_text(json.dumps({"chosen": result, "curve": table}, ensure_ascii=False, indent=1))
    _plot(table, dense, coverage, args.out / "decline_curve.png")
    print(json.dumps(result, ensure_ascii=False))


def _plot(table, chosen_dense: float, chosen_coverage: float, path: Path) -> None:
    lines = [
        Line(DENSE_GRID, [table["choose"][f"{d}/{c}"] for d in DENSE_GRID], "-" if c == chosen_coverage else ":", f"choose, COVERAGE={c}")
        for c in COVERAGE_GRID
    ]
    lines.append(Line(DENSE_GRID, [table["report"][f"{d}/{chosen_coverage}"] for d in DENSE_GRID], "k--", "report split"))
    plot_curve(path, lines, "DENSE_SUPPORT (cosine)", "(declined unans. + answered ans.) / 2", chosen_dense)


if __name__ == "__main__":
    main()
