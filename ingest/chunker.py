"""Section-aware chunking: passages of a few hundred characters that never cross a
region, project or clause, each a verbatim slice of the normalised text."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

from ingest.models import Chunk, ParsedDocument, Section, SectionKind

MAX_CHARS = 400
MIN_SECTION_CHARS = 20  # a lone heading carries nothing to retrieve
_SMALL_TAIL = 80
_LABEL_CHARS = 12
_SENTENCE = re.compile(r"[^。]*。|[^。]+$")
_FISCAL_YEAR = re.compile(r"(?<![A-Za-z])R(\d{1,2})(?!\d)|令和(\d{1,2}|元)年")
_NAMESPACE = uuid.UUID("6f1c3a52-6d0e-4f57-9a57-0c1d4c2f7e11")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def fiscal_years(text: str) -> tuple[str, ...]:
    """令和 fiscal years a passage mentions, as R2, R5 … (R6年度, 令和5年, R3 all count)."""
    years = set()
    for short, era in _FISCAL_YEAR.findall(text):
        number = short or era
        years.add(1 if number == "元" else int(number))
    return tuple(f"R{year}" for year in sorted(years))


def _line_spans(text: str, start: int, end: int) -> list[_Span]:
    spans, offset = [], start
    for line in text[start:end].split("\n"):
        if line.strip():
            spans.append(_Span(offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def _split_long(text: str, span: _Span) -> list[_Span]:
    """Cut an over-long line at sentence ends (or hard, if a sentence is itself too long)."""
    pieces: list[_Span] = []
    for match in _SENTENCE.finditer(text[span.start : span.end]):
        piece_start, piece_end = span.start + match.start(), span.start + match.end()
        while piece_end - piece_start > MAX_CHARS:
            pieces.append(_Span(piece_start, piece_start + MAX_CHARS))
            piece_start += MAX_CHARS
        if piece_end > piece_start:
            pieces.append(_Span(piece_start, piece_end))
    return pieces


def _attach_labels(text: str, spans: list[_Span]) -> list[_Span]:
    """Keep a table label that the PDF wrapped over short lines (連携により得 / られた成果又 /
    …) together with the line after it, so no passage starts or ends inside a label."""
    units: list[_Span] = []
    pending: _Span | None = None
    for span in spans:
        if pending is not None:
            span = _Span(pending.start, span.end)
            pending = None
        line = text[span.start : span.end]
        if "\n" not in line and len(line.strip()) <= _LABEL_CHARS and not line.rstrip().endswith("。"):
            pending = span
            continue
        units.append(span)
    if pending is not None:
        units.append(pending)
    return units


def _pack(text: str, spans: list[_Span], page_starts: tuple[int, ...] = ()) -> list[_Span]:
    """Greedy packing up to MAX_CHARS; a passage never runs over a page break, so its page
    is the page of all its text."""
    spans = _attach_labels(text, spans)
    units = [piece for span in spans for piece in (_split_long(text, span) if span.end - span.start > MAX_CHARS else [span])]
    packed: list[_Span] = []
    for unit in units:
        crosses_page = any(packed and packed[-1].start < start <= unit.start for start in page_starts)
        if packed and unit.end - packed[-1].start <= MAX_CHARS and not crosses_page:
            packed[-1] = _Span(packed[-1].start, unit.end)
        else:
            packed.append(unit)
    # A small tail reads better inside the passage before it.
    if len(packed) > 1 and packed[-1].end - packed[-1].start < _SMALL_TAIL:
        same_page = not any(packed[-2].start < start <= packed[-1].start for start in page_starts)
        if packed[-1].end - packed[-2].start <= MAX_CHARS * 1.25 and same_page:
            packed[-2:] = [_Span(packed[-2].start, packed[-1].end)]
    return packed


def _clause_of(section: Section, span: _Span) -> str | None:
    """The most specific clause id that covers the whole passage (第4の2, 第4の2(3) …)."""
    if section.clause is None or not section.sub_items:
        return section.clause
    in_force = [item for item in section.sub_items if item.start <= span.start]
    inside = [item for item in section.sub_items if span.start < item.start < span.end]
    if not in_force:
        return section.clause
    suffixes = [in_force[-1].suffix] + [item.suffix for item in inside]
    if len(suffixes) == 1:
        return section.clause + suffixes[0]
    heads = {suffix.split("(")[0] for suffix in suffixes}
    if len(heads) == 1 and "" not in heads:
        return section.clause + heads.pop()
    return section.clause


def _heading(section: Section) -> str:
    if section.kind is SectionKind.CLAUSE:
        return section.clause or section.title
    parts = [part for part in (section.region, section.project) if part]
    label = (
        section.title
        if section.kind in (SectionKind.INTRO, SectionKind.OVERVIEW)
        and section.title != section.kind.label
        and section.kind is not SectionKind.PROJECT
        else section.kind.label
    )
    return " / ".join([*parts, label])


def chunk_id_for(doc_id: str, start: int, end: int, text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    return str(uuid.uuid5(_NAMESPACE, f"{doc_id}:{start}:{end}:{digest}"))


def chunk_document(parsed: ParsedDocument) -> list[Chunk]:
    """All chunks of a document, in reading order."""
    text = parsed.doc.text
    page_starts = tuple(start for start, number in parsed.doc.page_starts if number is not None and start > 0)
    chunks: list[Chunk] = []
    for section in parsed.sections:
        if section.end - section.start < MIN_SECTION_CHARS:
            continue
        heading = _heading(section)
        for span in _pack(text, _line_spans(text, section.start, section.end), page_starts):
            body = text[span.start : span.end]
            chunks.append(
                Chunk(
                    chunk_id=chunk_id_for(parsed.doc.doc_id, span.start, span.end, body),
                    doc_id=parsed.doc.doc_id,
                    text=body,
                    start=span.start,
                    end=span.end,
                    kind=section.kind,
                    section=section.kind.label if section.kind is not SectionKind.INTRO else section.title,
                    heading=heading,
                    region=section.region,
                    project=section.project,
                    clause=_clause_of(section, span),
                    page=parsed.doc.page_at(span.start),
                    fiscal_years=fiscal_years(body),
                )
            )
    return chunks
