"""Reading the booklet's labelled cells: a label (possibly wrapped over lines by the PDF)
and the value after it, with offsets kept so every value can cite its span."""

from __future__ import annotations

import re

from ingest.models import ParsedDocument
from ingest.records import Span


class TemplateText:
    """The normalised text of one document, with helpers that keep offsets."""

    def __init__(self, parsed: ParsedDocument):
        self.doc_id = parsed.doc.doc_id
        self.text = parsed.doc.text

    def span(self, start: int, end: int) -> Span:
        return Span(self.doc_id, start, end)

    def lines(self, start: int, end: int) -> list[tuple[int, int, str]]:
        out, offset = [], start
        for line in self.text[start:end].split("\n"):
            out.append((offset, offset + len(line), line))
            offset += len(line) + 1
        return [item for item in out if item[2].strip()]


def label_at(lines, index: int, label: str, max_lines: int = 1):
    """If a label (regex) starts at line `index`, possibly wrapped over up to `max_lines`
    lines, return (index of the line where its value starts, offset of the value)."""
    pattern = re.compile(rf"(?:{label})")
    compact = ""
    for extra in range(max_lines):
        if index + extra >= len(lines):
            return None
        start, _end, line = lines[index + extra]
        before = len(compact)
        compact += line.replace(" ", "")
        match = pattern.match(compact)
        if not match:
            continue
        wanted = match.end() - before  # label characters on this physical line
        position = consumed = 0
        while consumed < wanted and position < len(line):
            if line[position] != " ":
                consumed += 1
            position += 1
        return index + extra, start + position
    return None


def find_label(lines, label: str, start_index: int = 0):
    for index in range(start_index, len(lines)):
        found = label_at(lines, index, label, max_lines=1)
        if found:
            return index, found
    return None


def value_after(doc: TemplateText, lines, index: int, value_start: int) -> tuple[str, Span]:
    _start, end, _line = lines[index]
    value = doc.text[value_start:end].strip()
    lead = len(doc.text[value_start:end]) - len(doc.text[value_start:end].lstrip())
    return value, doc.span(value_start + lead, end)
