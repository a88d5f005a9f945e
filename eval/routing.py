"""How often the assistant answers in the shape a labelled set expects, with the confusion table.

    python -m eval.routing GOLD.jsonl PREDICTIONS.jsonl

GOLD has `kind` (list | aggregate | eligibility | fact, with `sub` = unanswerable | open);
PREDICTIONS are `ask --json` objects by id (the predictions file of `casebook eval`). The
assistant's kinds are finer than the set's: a fact may be answered as `fact` or `open`
(both passages), an aggregate whose gold is a set of regions as a `list`, and a question
the booklet cannot answer must come back `unanswerable`.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from eval.jsonl import read_jsonl

# the set's kind -> the assistant kinds that answer in that shape
AGREEING = {
    "list": {"list"},
    "aggregate": {"aggregate"},
    "aggregate of regions": {"aggregate", "list"},
    "eligibility": {"eligibility"},
    "fact": {"fact", "open"},
    "unanswerable": {"unanswerable"},
}


def gold_shape(row: dict) -> str:
    if row.get("sub") == "unanswerable":
        return "unanswerable"
    if row["kind"] == "aggregate" and row.get("must_regions"):
        return "aggregate of regions"
    return row["kind"]


def confusion(gold: list[dict], predictions: dict[str, dict]) -> tuple[Counter, list[tuple[str, str, str]]]:
    table: Counter = Counter()
    misses = []
    for row in gold:
        expected, got = gold_shape(row), predictions[row["id"]]["kind"]
        table[(expected, got)] += 1
        if got not in AGREEING[expected]:
            misses.append((row["id"], expected, got))
    return table, misses


def format_confusion(table: Counter, misses: list[tuple[str, str, str]]) -> str:
    total = sum(table.values())
    kinds = sorted({got for _, got in table})
    lines = [
        f"routing agreement: {total - len(misses)}/{total} = {(total - len(misses)) / total:.3f}",
        "",
        "| set's kind \\ answered as | " + " | ".join(kinds) + " |",
        "| --- | " + " | ".join("---" for _ in kinds) + " |",
    ]
    for expected in AGREEING:
        if any(key[0] == expected for key in table):
            lines.append(f"| {expected} | " + " | ".join(str(table[(expected, got)] or "") for got in kinds) + " |")
    lines += ["", "misrouted: " + (", ".join(f"{qid} ({expected} → {got})" for qid, expected, got in misses) or "-")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("predictions", type=Path)
    args = parser.parse_args(argv)
    gold = [row for _, row in read_jsonl(args.gold)]
    predictions = {row["id"]: row for _, row in read_jsonl(args.predictions)}
    print(format_confusion(*confusion(gold, predictions)))


if __name__ == "__main__":
    main()
