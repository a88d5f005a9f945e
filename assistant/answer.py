"""What an answer is: text with numbered markers, the citations behind them, and (for
eligibility questions) the rule checker's verdict. JSON comes from `jsonout.answer`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS = ("list", "aggregate", "fact", "eligibility", "open", "unanswerable")


@dataclass(frozen=True)
class Citation:
    n: int
    doc: str
    region: str | None
    project: str | None
    section: str | None
    page: int | None
    quote: str
    chunk_id: str | None
    score: float | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Answer:
    question: str
    kind: str
    answer: str
    regions: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    eligibility: dict | None = None
    latency_ms: int = 0


class CitationList:
    """Numbers sources in the order the answer first uses them; one number per source span."""

    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._numbers: dict[tuple, int] = {}

    def add(self, **fields) -> int:
        key = (fields["doc"], fields.get("start"), fields.get("end"), fields.get("chunk_id"))
        if key not in self._numbers:
            number = len(self.items) + 1
            self._numbers[key] = number
            self.items.append(Citation(n=number, **fields))
        return self._numbers[key]


def appended(first: Answer, then: Answer) -> Answer:
    """`then`'s lines after `first`'s, the citations numbered anew in that order; `first`
    keeps its kind and regions (a list with the values asked of it, a computation with the
    list it was over)."""
    citations = CitationList()
    head, tail = renumbered(first, citations), renumbered(then, citations)
    return Answer(first.question, first.kind, head.answer + "\n" + tail.answer, first.regions, citations.items)


def renumbered(answer: Answer, citations: CitationList) -> Answer:
    """The answer's citations added to `citations` (after those already there), its [n]
    markers moved to their new numbers: how one answer is appended to another."""
    mapping = {}
    for citation in answer.citations:
        fields = {k: v for k, v in citation.__dict__.items() if k != "n"}
        mapping[citation.n] = citations.add(**fields)
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", answer.answer)
    return Answer(question=answer.question, kind=answer.kind, answer=text, regions=answer.regions, citations=citations.items)
