"""Choose CARD_SUPPORT (assistant/answerers/attribute_cards.py) from a curve on one split of
labelled questions and report it on the other.

    python -m eval.calibrate_cards [eval/attribute_questions.jsonl] [--out DIR]

Each question names one region; `attribute` is the record value it asks for in words the
table does not use, or null when it asks about something else (a project, a difficulty).
At a threshold, a question is right when its nearest card is its attribute and reaches the
threshold, or, for null, when the nearest card stays below it. Odd ids choose (the middle of
the best plateau), even ids report. Writes DIR/cards_calibration.json and DIR/cards_curve.png.
The questions were written by the project (not by officers): a small, disclosed set.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from assistant.service import Assistant
from assistant.understand.parse import parse
from core.config import load_settings
from eval.curves import plot_splits, split_curve, split_of
from eval.jsonl import read_jsonl

GRID = [round(0.80 + 0.005 * step, 3) for step in range(21)]  # 0.800 … 0.900


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", type=Path, nargs="?", default=Path("eval/attribute_questions.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("eval/calibration"))
    args = parser.parse_args()
    rows = [row for _, row in read_jsonl(args.questions)]
    with Assistant(load_settings()) as assistant:
        nearest = {row["id"]: assistant._cards.nearest(parse(row["question"], assistant._vocabulary)) for row in rows}

    def right(row: dict, threshold: float) -> bool:
        found = nearest[row["id"]]
        return (found[0] if found and found[1] >= threshold else None) == row["attribute"]

    curve = split_curve(rows, GRID, right)
    top = max(curve["choose"].values())
    plateau = [threshold for threshold in GRID if curve["choose"][str(threshold)] >= top - 1e-9]
    chosen = plateau[len(plateau) // 2]
    result = {
        "card_support": chosen,
        "choose_score": curve["choose"][str(chosen)],
        "report_score": curve["report"][str(chosen)],
        "plateau": [plateau[0], plateau[-1]],
        "questions": {split: sum(1 for r in rows if split_of(r["id"]) == split) for split in curve},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "cards_calibration.json").write_text(json.dumps({"chosen": result, "curve": curve}, ensure_ascii=False, indent=1))
    plot_splits(args.out / "cards_curve.png", GRID, curve, "CARD_SUPPORT (cosine)", chosen)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
