"""Reading the JSONL datasets: one object a line, blank lines allowed, errors with line numbers."""

from __future__ import annotations

import json
from pathlib import Path

from core.errors import CasebookError


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    """(line number, object) for every non-blank line."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise CasebookError(f"{path}:{number}: not JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise CasebookError(f"{path}:{number}: each line must be a JSON object")
        rows.append((number, row))
    return rows
