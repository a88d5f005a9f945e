"""The rule texts clause by clause: 「実施要綱 第6」, 「実施要綱 第2の2」, 「推進要綱 第3(1)」,
each with its verbatim text and span, for the rule checker to cite."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.models import ParsedDocument, SectionKind


@dataclass(frozen=True)
class ClauseText:
    clause_id: str
    title: str
    text: str
    doc_id: str
    start: int
    end: int


def extract_clauses(parsed: ParsedDocument) -> list[ClauseText]:
    text = parsed.doc.text
    found: list[ClauseText] = []
    for section in parsed.sections:
        if section.kind is not SectionKind.CLAUSE or not section.clause:
            continue
        title = section.title
        found.append(ClauseText(section.clause, title, text[section.start : section.end], section.doc_id, section.start, section.end))
        items = list(section.sub_items)
        for position, item in enumerate(items):
            nested = "(" in item.suffix
            end = section.end
            for later in items[position + 1 :]:
                # a numbered item runs over the (n) items nested under it
                if nested or "(" not in later.suffix or not later.suffix.startswith(item.suffix):
                    end = later.start
                    break
            clause_id = section.clause + item.suffix
            found.append(ClauseText(clause_id, title, text[item.start : end].rstrip(), section.doc_id, item.start, end))
    return found
