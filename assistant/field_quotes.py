"""Where a project's fields are printed, and how a field is quoted whole: the sentences
printed under a label of the project a question is about (its 成果, its 工夫した点), a year's
cell of 事業概要 or every year's, a year that reads 「R5に同じ」 followed to R5's lines, and a
line dated by the year's block the records place it in (ingest.records, project_fields).

The passage answerer (assistant.passages) finds the sentences that answer; this module knows
the template around them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from assistant.answer import CitationList
from assistant.project_fields import LABEL_NOUNS, FieldSpan, field_of
from assistant.sentences import BULLETS, UNWRAP, sentences
from assistant.understand.numbers import japanese_fiscal_year
from index.store import SearchHit
from index.synonyms import held, held_terms
from index.tokenize import lemmas
from ingest.chunker import fiscal_years
from ingest.models import Chunk

LISTED_LINES = 8  # a field of lines (a year's activities, the members' roles), quoted whole
SAME_AS = re.compile(r"^[・\s]*R\s*(\d{1,2})\s*(?:年度)?\s*に同じ$")

Cite = Callable[[CitationList, SearchHit, int, int], str]  # adds a quote, returns its mark 「[3]」


def index_text(hit: SearchHit, start: int, end: int) -> str:
    """The passage's text from `start` to `end` (offsets in its document), stripped."""
    return hit.chunk.text[start - hit.chunk.start : end - hit.chunk.start].strip()


class FieldQuotes:
    """The fields of every project page (`fields`) and the sentences printed in each."""

    def __init__(self, fields: list[FieldSpan], all_chunks: Callable[[], list[Chunk]], weight: Callable[[set[str]], float]):
        self.fields = fields
        self.all_chunks = all_chunks
        self.weight = weight  # the IDF weight of a set of terms
        self._chunks: list[Chunk] | None = None  # every passage, read once when a field is quoted

    def in_field(
        self, candidates: list[tuple], asked: frozenset[str], about: set[str], every_year: bool = False
    ) -> tuple[list[tuple], FieldSpan | None]:
        """「…の成果は」: the field is the answer — the sentences printed under that label of
        the project in question, the one saying most of the rest of the question first, then in
        the booklet's order; all candidates when there is no such field. The project in
        question is the best candidate's (its passage's project, or the project of the field
        it is printed in); the records say where that project's field is
        printed, so its sentences are quoted even when none shares a word with the question
        (「進めるうえで工夫したことは」: every sentence of the project's 工夫した点)."""
        if not candidates:
            return candidates, None
        top = max(candidates, key=lambda c: c[0])
        span = field_of(self.fields, asked, top[1].chunk.doc_id, top[2], top[3])
        if span is None:
            placed = [(c, field_of(self.fields, asked, c[1].chunk.doc_id, c[2], c[3])) for c in candidates]
            under = [(c, found) for c, found in placed if found is not None]
            project = top[1].chunk.project or self._project_at(top)
            of_project = [f for f in self.fields if f.field in asked and f.region == top[1].chunk.region and f.project == project]
            if of_project:
                # no candidate printed in the field: the project's field (of several years' blocks,
                # the one saying most of the question)
                fallback = max(of_project, key=lambda f: self.weight(held_terms(about, self.words_in(f))))
                under = [(c, found) for c, found in under if found in of_project] or [(top, fallback)]
            if not under:
                return candidates, None
            span = max(under, key=lambda item: item[0][0])[1]
        # the sentence that says most of what was asked besides the field's own label noun
        # first (「ヒグマの罠の監視の成果」: the field's second sentence), the rest in the booklet's order
        wanted = about - frozenset().union(*(LABEL_NOUNS.get(key, frozenset()) for key in asked))
        if every_year and span.year:
            span = self._every_year(span, wanted)
        pieces = self.field_sentences(span)
        said = [self.weight(held_terms(wanted, set(lemmas(index_text(*piece[:3]))))) for piece in pieces]
        ranked = sorted(range(len(pieces)), key=lambda i: (-said[i], i))
        if not pieces:
            return candidates, None
        return [(top[0] - 0.001 * rank, *pieces[i]) for rank, i in enumerate(ranked)], span

    def _every_year(self, block: FieldSpan, wanted: set[str]) -> FieldSpan:
        """「防災の取組の内容は」: the project's 事業概要 of every year, from its first year's block
        to its last — unless the question names what sets some years apart (「センサーカメラで
        何をした」: a word of some year's block that another year's lacks)."""
        blocks = [s for s in self.fields if s.year and (s.doc_id, s.region, s.project) == (block.doc_id, block.region, block.project)]
        # (a year with nothing done, 「－」, holds no word and sets no year apart)
        words = [found for found in map(self.words_in, blocks) if found]
        detail = wanted - set(lemmas(block.project or ""))  # the project's own name says nothing of a year
        if len(blocks) < 2 or any(any(held(term, w) for w in words) and not all(held(term, w) for w in words) for term in detail):
            return block
        return FieldSpan(block.doc_id, min(s.start for s in blocks), max(s.end for s in blocks), "activities", block.region, block.project)

    def every_year_lines(self, citations: CitationList, chosen: list[tuple], cite: Cite) -> list[str]:
        """A project's 事業概要 year by year, under each year's heading; years that print the
        same lines are one heading (「（令和3年度～令和6年度）」), each line citing every year."""
        years: list[tuple[str, list[tuple]]] = []  # (year, its lines), in the booklet's order
        for hit, start, end in chosen:
            block = self.year_block_at(hit.chunk.doc_id, start)
            year = block.year if block is not None and block.year else ""
            if not years or years[-1][0] != year:
                years.append((year, []))
            years[-1][1].append((hit, start, end))

        def said(lines: list[tuple]) -> list[str]:
            return [UNWRAP.sub("", index_text(*line)) for line in lines]

        groups: list[tuple[list[str], list[list[tuple]]]] = []  # (the years, the same lines of each)
        for year, printed in years:
            if groups and said(groups[-1][1][-1]) == said(printed):
                groups[-1][0].append(year)
                groups[-1][1].append(printed)
            else:
                groups.append(([year], [printed]))
        lines = []
        for group_years, printed_by_year in groups:
            first, last = japanese_fiscal_year(group_years[0]), japanese_fiscal_year(group_years[-1])
            lines.append(f"（{first}）" if first == last else f"（{first}～{last}）")
            for at, text in enumerate(said(printed_by_year[0])):
                marks = "".join(cite(citations, *printed[at]) for printed in printed_by_year)
                lines.append(f"{'' if text.startswith(BULLETS) else '・'}{text}{marks}")
        return lines

    def words_in(self, span: FieldSpan) -> set[str]:
        return {word for piece in self.field_sentences(span) for word in lemmas(index_text(*piece[:3]))}

    def block_of(self, candidate: tuple) -> FieldSpan | None:
        """The year's block of 事業概要 a candidate sentence is printed in, if any."""
        _score, hit, start, end, _context = candidate
        return field_of(self.fields, frozenset({"activities"}), hit.chunk.doc_id, start, end)

    def same_as(self, citations: CitationList, doc_id: str, start: int, text: str, cite: Cite) -> list[str]:
        """A year's block that reads only 「R5に同じ」: the lines of the year it points to,
        cited, so the answer says what was done rather than where to look."""
        pointed = SAME_AS.match(unicodedata.normalize("NFKC", text))
        block = self.year_block_at(doc_id, start)
        if pointed is None or block is None:
            return []
        year = f"R{int(pointed.group(1))}"
        source = next((s for s in self.fields if s.year == year and (s.region, s.project) == (block.region, block.project)), None)
        if source is None:
            return []
        lines = [f"（{japanese_fiscal_year(year)}の内容）"]
        for hit, begin, stop, _context in self.field_sentences(source)[:LISTED_LINES]:
            lines.append(f"・{UNWRAP.sub('', index_text(hit, begin, stop)).lstrip('・')}{cite(citations, hit, begin, stop)}")
        return lines

    def year_block_at(self, doc_id: str, start: int) -> FieldSpan | None:
        """The year's block of 事業概要 the character at `start` is printed in, if any."""
        return next((s for s in self.fields if s.year and s.doc_id == doc_id and s.start <= start < s.end), None)

    def dated(self, label: str, doc_id: str, start: int) -> str:
        """The context of a line, with the fiscal year of the 事業概要 block the records
        place it in when the passage began below the block's 「(R4年度)」 mark (the chunker
        cut the block): 「・川柳コンテストの実施」 is R4's wherever the passage starts."""
        if fiscal_years(label):
            return label
        block = self.year_block_at(doc_id, start)
        return f"({block.year}年度){label}" if block else label

    def _project_at(self, candidate: tuple) -> str | None:
        """The project of the field a sentence is printed in (a look-back note's project)."""
        _score, hit, start, end, _context = candidate
        return next((s.project for s in self.fields if s.doc_id == hit.chunk.doc_id and s.start < end and start < s.end), None)

    def field_sentences(self, span: FieldSpan) -> list[tuple]:
        """Every sentence printed within a field, in order, from the passages that hold it."""
        if self._chunks is None:
            self._chunks = sorted(self.all_chunks(), key=lambda c: (c.doc_id, c.start))
        pieces = []
        for chunk in self._chunks:
            if chunk.doc_id != span.doc_id or chunk.end <= span.start or span.end <= chunk.start:
                continue
            hit = SearchHit(chunk, 0.0)
            for start, end, label in sentences(hit):
                if start < span.end and span.start < end:  # a first sentence may begin with the label
                    pieces.append((hit, start, end, label + index_text(hit, start, end)))
        return pieces
