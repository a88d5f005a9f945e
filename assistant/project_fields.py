"""Which field of a project page a question asks for, and where each field is printed.

The booklet's project template labels its fields (事業の目的, 事業概要, 構成団体の役割分担,
連携により得られた成果又は見込まれる成果; ingest.project_facts.PROJECT_LABELS), and its
look-back labels what was hard and what helped (…困難と感じた点, …工夫した点;
ingest.lookback.LOOKBACK_LABELS). A question that uses the one noun a label has to itself
(成果, 目的, 概要, 役割, 困難, 工夫) asks for that field, and the records know where each
project's field is printed — so the passage answerer can prefer the sentences under it
(「バス利用促進の成果は」: the 成果 paragraph, not a bullet that mentions 成果品).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from index.facts_store import FactsStore
from index.tokenize import lemmas, noun_lemmas
from ingest.lookback import LOOKBACK_LABELS
from ingest.project_facts import PROJECT_LABELS
from ingest.records import Activity, Sourced

_ANSWERED_BY_RECORDS = {"bodies"}  # 実施団体名: a list the records answer


def _label_nouns() -> dict[str, frozenset[str]]:
    """Each field's nouns that no other label uses (事業 and 取組 are in two labels)."""
    nouns = {key: set(noun_lemmas(re.sub(r"[()?:|]", " ", label))) for key, label in PROJECT_LABELS + LOOKBACK_LABELS}
    shared = Counter(noun for words in nouns.values() for noun in words)
    return {key: frozenset(n for n in words if shared[n] == 1) for key, words in nouns.items() if key not in _ANSWERED_BY_RECORDS}


LABEL_NOUNS = _label_nouns()


def asked_fields(question: str, generic: frozenset[str]) -> frozenset[str]:
    """The project fields whose label noun the question uses (a `generic` word such as 連携,
    in 連携により得られた成果, says nothing of the field)."""
    words = set(lemmas(question)) - generic
    return frozenset(key for key, nouns in LABEL_NOUNS.items() if nouns & words)


@dataclass(frozen=True)
class FieldSpan:
    doc_id: str
    start: int
    end: int
    field: str
    region: str | None = None
    project: str | None = None  # None: the region's own note (forming the region)


def field_spans(facts: FactsStore) -> list[FieldSpan]:
    """Where every project's purpose, activities, roles and outcomes are printed, and every
    look-back note (what was hard, what helped)."""
    spans = []
    for region in facts.regions:
        spans += [
            FieldSpan(n.span.doc_id, n.span.start, n.span.end, n.kind, region.name, n.project)
            for n in region.lookback
            if n.span is not None
        ]
        for project in region.projects:
            printed: list[tuple[str, Sourced | Activity | None]] = [
                ("purpose", project.purpose),
                ("roles", project.roles),
                ("outcomes", project.outcomes),
            ]
            printed += [("activities", activity) for activity in project.activities]
            for key, value in printed:
                if value is not None and value.span is not None:
                    spans.append(FieldSpan(value.span.doc_id, value.span.start, value.span.end, key, region.name, project.name))
    return spans


def field_of(spans: list[FieldSpan], fields: frozenset[str], doc_id: str, start: int, end: int) -> FieldSpan | None:
    """The field among `fields` of some project that the text at start–end is printed in (a
    sentence may begin with the label itself: 「事業の目的 発災時の…」)."""
    return next((s for s in spans if s.field in fields and s.doc_id == doc_id and s.start < end and start < s.end), None)
