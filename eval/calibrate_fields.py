"""Choose FIELD_MARGIN and TAIL_WEIGHT (assistant/project_fields.py) from a curve on one
split of labelled questions and report them on the other.

    python -m eval.calibrate_fields [eval/field_questions.jsonl] [--officers QUESTIONS] [--out DIR]

Each question asks for one field of a project page in its own words (`field`: purpose,
activities, roles, outcomes, hardships, devices), or for none (null: a figure, a date, a
name). At a point, a question is right when the field the reader takes is its field (none
taken for null). Odd ids choose (the best weight, then the middle of its best plateau of
margins), even ids report. With --officers (a question set with gold answers and its scorer,
score.py, beside it: ../shared/eval-dev/), the margin must also do no harm there: of the
margins at which the officers' odd-id fact and list questions score no lower than with the
reader off, the best on the field questions is chosen (a tie: the largest); both splits are
reported. Writes
DIR/fields_calibration.json and DIR/fields_curve.png. The questions were written by the
project (not by officers): a small, disclosed set.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

from assistant.jsonout import answer as answer_json
from assistant.service import Assistant
from core.config import load_settings
from eval.curves import plot_splits, split_curve, split_of
from eval.jsonl import read_jsonl

GRID = [round(0.002 * step, 3) for step in range(21)]  # margins 0.000 … 0.040
WEIGHTS = [0.0, 0.15, 0.3, 0.45, 0.6]  # the asked phrase's share of the similarity
OFFICERS_GRID = [0.0, 0.01, 0.02, 0.03, 0.04]  # margins tried on the officers' questions (a run each)
OFF = 1.0  # a margin no lead reaches: the label nouns alone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=Path, nargs="?", default=Path("eval/field_questions.jsonl"))
    parser.add_argument("--officers", type=Path, help="questions with gold answers, score.py beside them")
    parser.add_argument("--out", type=Path, default=Path("eval/calibration"))
    args = parser.parse_args()
    rows = [row for _, row in read_jsonl(args.questions)]
    with Assistant(load_settings()) as assistant:
        reader = assistant._fields
        reader.margin = OFF  # the label nouns alone: what the examples add is swept below
        by_label = {row["id"]: reader.asked(row["question"]) for row in rows}
        nearest = {}
        for weight in WEIGHTS:
            reader.tail_weight = weight
            nearest[weight] = {row["id"]: reader.nearest(row["question"]) for row in rows}
        curves = {weight: _curve(rows, by_label, nearest[weight]) for weight in WEIGHTS}
        weight = max(WEIGHTS, key=lambda w: (max(curves[w]["choose"].values()), -w))  # a tie: the simpler, whole question
        reader.tail_weight = weight
        curve = curves[weight]
        candidates = GRID
        officers: dict[str, dict[str, float]] = {}
        if args.officers:
            officers = {str(m): _officers_score(assistant, args.officers, m) for m in [*OFFICERS_GRID, OFF]}
            candidates = [m for m in OFFICERS_GRID if officers[str(m)]["choose"] >= officers[str(OFF)]["choose"] - 1e-9]
    top = max(curve["choose"][str(m)] for m in candidates)
    plateau = [m for m in candidates if curve["choose"][str(m)] >= top - 1e-9]
    # with the officers' questions, a tie goes to the largest margin: the reader overrides the
    # answer only where it is surest (a wrong field replaces a right quote)
    chosen = plateau[-1] if args.officers else plateau[len(plateau) // 2]
    result = {
        "field_margin": chosen,
        "tail_weight": weight,
        "choose_score": curve["choose"][str(chosen)],
        "report_score": curve["report"][str(chosen)],
        "labels_only_report": _labels_only(rows, by_label, "report"),
        "plateau": [plateau[0], plateau[-1]],
        "best_choose_by_weight": {str(w): max(curves[w]["choose"].values()) for w in WEIGHTS},
        "officers": officers,  # fact and list score by split at each margin tried ("1.0": reader off)
        "questions": {split: sum(1 for r in rows if split_of(r["id"]) == split) for split in curve},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "fields_calibration.json").write_text(json.dumps({"chosen": result, "curve": curve}, ensure_ascii=False, indent=1))
    plot_splits(args.out / "fields_curve.png", GRID, curve, "FIELD_MARGIN (cosine lead)", chosen)
    print(json.dumps(result, ensure_ascii=False))


def _curve(rows, by_label, nearest) -> dict[str, dict[str, float]]:
    """At each margin: the label noun's field, else the nearest field leading by the margin."""

    def right(row: dict, margin: float) -> bool:
        labelled = by_label[row["id"]]
        field, lead = nearest[row["id"]]
        return (next(iter(labelled)) if labelled else field if field != "none" and lead >= margin else None) == row["field"]

    return split_curve(rows, GRID, right)


def _officers_score(assistant: Assistant, questions: Path, margin: float) -> dict[str, float]:
    """The officers' fact and list questions' mean score per split, the reader at `margin`."""
    spec = importlib.util.spec_from_file_location("officers_score", questions.parent / "score.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    assistant._fields.margin = margin
    scores: dict[str, list[float]] = {"choose": [], "report": []}
    for _, row in read_jsonl(questions):
        if row.get("kind") in ("fact", "list"):
            scores[split_of(row["id"])].append(scorer.score_one(row, answer_json(assistant.ask(row["question"])))[0])
    return {split: round(sum(values) / len(values), 4) for split, values in scores.items()}


def _labels_only(rows, by_label, split: str) -> float:
    """The report split's score with the label nouns alone (the reader before the examples)."""
    subset = [row for row in rows if split_of(row["id"]) == split]
    return sum((next(iter(by_label[r["id"]])) if by_label[r["id"]] else None) == r["field"] for r in subset) / len(subset)


if __name__ == "__main__":
    main()
