"""Convert Sudachi's synonym dictionary into the compact table the assistant reads
(index/resources/sudachi_synonyms.tsv.gz). Run once per dictionary release, not at run time:

    python scripts/synonyms_from_sudachi.py sudachi-synonyms-dictionary.json

Input: the JSON of the npm package `sudachi-synonyms-dictionary` (a parse of SudachiDict's
src/main/text/synonyms.txt, Apache-2.0). Output rows: group id, expansion flag (0 expands
both ways, 1 is ambiguous and never a trigger; 2, never expanded, is dropped), lexeme number
within the group, headword.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "index" / "resources" / "sudachi_synonyms.tsv.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    groups = json.loads(args.json.read_text(encoding="utf-8"))
    rows = [
        f"{group['id']}\t{item['expandControl']}\t{item['vocabularyNumber']}\t{item['midashi']}"
        for group in groups
        for item in group["items"]
        if item["expandControl"] != 2 and "\t" not in item["midashi"]
    ]
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9, newline="\n") as out:
        out.write("\n".join(rows) + "\n")
    print(f"{len(groups)} groups, {len(rows)} headwords -> {args.out}")


if __name__ == "__main__":
    main()
