"""The typed records that leave `ingest/`: documents, sections and chunks."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


@dataclass(frozen=True)
class SourcePage:
    """Text of one page as the loader read it; `number` is None for plain text."""

    number: int | None
    text: str


@dataclass(frozen=True)
class LoadedDocument:
    doc_id: str
    path: Path
    sha256: str
    pages: tuple[SourcePage, ...]


@dataclass(frozen=True)
class NormalizedDocument:
    """Normalised text of a whole document; every span in the system points into `text`."""

    doc_id: str
    path: Path
    sha256: str
    text: str
    # (offset where the page starts in `text`, page number) in ascending order
    page_starts: tuple[tuple[int, int | None], ...] = ((0, None),)

    def page_at(self, offset: int) -> int | None:
        """The page holding `offset` (None for sources without pages)."""
        offsets = [start for start, _ in self.page_starts]
        index = max(bisect.bisect_right(offsets, offset) - 1, 0)
        return self.page_starts[index][1]


class SectionKind(str, Enum):
    INTRO = "intro"  # chapters before the regions (事業について, 概要 …)
    OVERVIEW = "overview"  # 連携地域の概要: formation, members, figures, fields
    PROJECT = "project"  # one 事業/取組 with its purpose, activities by year, outcomes
    LOOKBACK = "lookback"  # 振り返り: difficulties and what helped
    CLAUSE = "clause"  # one 第N clause of a 要綱
    FACT = "fact"  # a fact card: one record value as a statement (ingest/fact_cards.py)

    @property
    def label(self) -> str:
        """The Japanese name shown to officers (the `section` field of citations)."""
        return _SECTION_LABELS[self]


_SECTION_LABELS = {
    SectionKind.INTRO: "概要",
    SectionKind.OVERVIEW: "連携地域の概要",
    SectionKind.PROJECT: "事業の詳細",
    SectionKind.LOOKBACK: "振り返り",
    SectionKind.CLAUSE: "要綱",
    SectionKind.FACT: "記録（表の値）",
}


@dataclass(frozen=True)
class SubItem:
    """A numbered item inside a clause (`1 …` → `の1`, `(1) …` → `(1)`), by its start offset."""

    start: int
    suffix: str


@dataclass(frozen=True)
class Section:
    """A span of the document that a chunk must never cross."""

    doc_id: str
    kind: SectionKind
    start: int
    end: int
    title: str
    region: str | None = None
    project: str | None = None
    clause: str | None = None  # e.g. "実施要綱 第6"
    sub_items: tuple[SubItem, ...] = ()


@dataclass(frozen=True)
class ParsedDocument:
    doc: NormalizedDocument
    regions: tuple[str, ...]
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: verbatim `text` = doc.text[start:end], with where it sits."""

    chunk_id: str
    doc_id: str
    text: str
    start: int
    end: int
    kind: SectionKind
    section: str
    heading: str
    region: str | None = None
    project: str | None = None
    clause: str | None = None
    page: int | None = None
    fiscal_years: tuple[str, ...] = field(default_factory=tuple)
    attribute: str | None = None  # the record field of a fact card; None for a passage

    @property
    def embed_text(self) -> str:
        """What the embedder sees: the heading path gives the passage its context."""
        return f"{self.heading}\n{self.text}"
