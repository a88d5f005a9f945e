"""A named region's projects, when the question asks what the region does and names nothing
narrower: 「日高はどんなことをしているの」「後志は交付金で何をした」.

The passage answerer quotes the project nearest the question — for such a question, whichever
project's page happens to share a word with it (or the grant table's header, 「交付額(千円)」).
Here every project of the region is the answer: its name, the years it was carried out, and
its 事業概要 lines in the booklet's order, each cited. A region with one project shows every
year's lines; with several, each project's first lines (the rest is one question away).

A word of the question narrows it when some of the region's projects say it and others do
not (「日高の公共交通では何を」: one project). When the names of some projects say every noun
of the question, those projects are the answer; otherwise the passages answer. A word the
region's pages never say is left to the passages too, which decline what the casebook does
not hold. Asked for the projects' names (「根室の取組の名前は」), the answer is the names and
years alone, each cited from its 「事業名 …」 line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection

from assistant.answer import Answer, CitationList
from assistant.answerers.citing import cite_span
from assistant.field_quotes import SAME_AS, Cite, FieldQuotes, index_text
from assistant.project_fields import FieldSpan
from assistant.sentences import BULLETS, UNWRAP
from assistant.understand.answer_type import NAME_NOUNS
from assistant.understand.numbers import japanese_fiscal_year, without_dates
from index.facts_store import FactsStore
from index.store import SearchHit
from index.synonyms import held
from index.tokenize import content_verbs, lemmas, noun_lemmas
from ingest.records import Project, Region, Span

CARRIED_OUT = "実施"  # an Activity's status when its year's cell lists what was done
FIRST_LINES = 3  # of each project, when a region has several
# what starts an item of a cell; a line in parentheses glosses the item above (「(講師:…)」)
_ITEM_MARKS = tuple(mark for mark in BULLETS if mark not in "(-")


class RegionProjects:
    def __init__(self, facts: FactsStore, quotes: FieldQuotes, cite: Cite, terms: Callable[[str], Collection[str]]):
        self.facts = facts
        self.quotes = quotes
        self.cite = cite
        self.terms = terms  # what a question says besides the region's name and how it asks

    def answer(
        self,
        question: str,
        regions: Collection[str],
        names_only: bool = False,
        years: Collection[str] = (),
        ignored: frozenset[str] = frozenset(),
    ) -> Answer | None:
        """Every project of each region named — or only their names, cited from their 事業名
        lines, when that is what is asked (「日高の事業名は」) — or None when the question names
        something narrower than the region (or something its pages never say). With fiscal
        `years` named (「日高は令和4年度に何を」), the projects carried out in them and those
        years' lines."""
        chosen = self._chosen(question, regions, ignored=(NAME_NOUNS if names_only else frozenset()) | ignored, years=years)
        if chosen is None or (years and all(len(projects) == 1 for _region, projects in chosen)):
            return None  # (one project's year is the passages' answer: 「…」の令和4年度の事業概要)
        what = "事業名" if names_only else "事業名と事業概要"
        when = "・".join(japanese_fiscal_year(year) for year in sorted(years, key=lambda y: int(y[1:])))
        citations = CitationList()
        lines: list[str] = []
        for region, projects in chosen:
            if years:
                lines.append(f"{region.name}が{when}に実施した連携事業は{len(projects)}件です（事例集の{what}）。")
            elif len(projects) == len(region.projects):
                lines.append(f"{region.name}の連携事業は{len(projects)}件です（事例集の{what}）。")
            else:
                lines.append(f"{region.name}の連携事業のうち、お尋ねの内容に当たるのは次の{len(projects)}件です（事例集の{what}）。")
            for number, project in enumerate(projects, start=1):
                if names_only:
                    line = Span(project.span.doc_id, project.span.start, project.span.start + 1) if project.span else None
                    lines.append(self._heading(region, project, number, years) + cite_span(self.facts, citations, line, region.name))
                else:
                    lines += self._project_lines(region, project, number, citations, whole=len(projects) == 1, years=years)
        if not citations.items:
            return None
        names = [region.name for region, _projects in chosen]
        return Answer(question=question, kind="fact", answer="\n".join(lines), regions=names, citations=citations.items)

    def _chosen(
        self, question: str, regions: Collection[str], ignored: Collection[str], years: Collection[str] = ()
    ) -> list[tuple[Region, list[Project]]] | None:
        """Each region named with its projects the question asks of (all, or those its words
        name; of those, the ones carried out in the `years` named); None when a region has no
        projects or the question is narrower than them."""
        named = [r for r in (self.facts.region(name) for name in regions) if r is not None and r.projects]
        if not named or len(named) != len(regions):
            return None
        undated = without_dates(question)  # the years choose projects by their cells, not by words
        terms = set(self.terms(undated)) - set(ignored)
        nouns = set(noun_lemmas(undated)) - set(ignored)
        verbs = set(content_verbs(undated))
        chosen: list[tuple[Region, list[Project]]] = []
        for region in named:
            narrows = self._narrows(region, terms, nouns, verbs)
            projects = self._named_by(region, terms & nouns) if narrows else list(region.projects)
            if years:
                projects = [project for project in projects if self._done(project) & set(years)]
            if not projects:
                return None
            chosen.append((region, projects))
        return chosen

    def _narrows(self, region: Region, terms: Collection[str], nouns: Collection[str], verbs: Collection[str]) -> bool:
        """Whether a word of the question singles out some of the region's projects, or is
        a noun, or a verb of what happened (困る, not やる: how one asks), its pages never say
        (「…で困ったのはどんなこと」 asks what was hard, not what was done). Of a region with one
        project, a noun its name does not say is narrower than the project as a whole
        (「遠軽で病院の医師は増えたの」 asks one outcome of it)."""
        said_by = [self._words(region, project) for project in region.projects]
        pages = set().union(*said_by) | self._region_words(region.name)
        if any(term in verbs and not held(term, pages) for term in terms):
            return True
        if len(region.projects) == 1:
            named = set(lemmas(region.projects[0].name))
            return any(term in nouns and not held(term, named) for term in terms)
        for term in terms:
            holding = sum(held(term, words) for words in said_by)
            if 0 < holding < len(said_by) or (term in nouns and not held(term, pages)):
                return True
        return False

    @staticmethod
    def _named_by(region: Region, nouns: Collection[str]) -> list[Project]:
        """The region's projects whose names say every noun of the question (「南空知の防災の
        取組」: 地域防災体制の充実), when that is some of them — the question names those projects
        (its verbs, 進める or やる, are how it asks)."""
        named = [p for p in region.projects if nouns and all(held(noun, set(lemmas(p.name))) for noun in nouns)]
        return named if len(named) < len(region.projects) else []

    @staticmethod
    def _done(project: Project) -> set[str]:
        """The years the project was carried out (a cell that reads 「R5に同じ」 included)."""
        return {a.year for a in project.activities if a.status == CARRIED_OUT or _same_as(a.status or "")}

    def _blocks(self, region: Region, project: Project, years: Collection[str] = ()) -> list[FieldSpan]:
        """The project's 事業概要 cells of the years it was carried out (of those named), in order."""
        done = self._done(project) & set(years) if years else self._done(project)
        cells = [s for s in self.quotes.fields if s.field == "activities" and (s.region, s.project) == (region.name, project.name)]
        return sorted((s for s in cells if s.year in done), key=lambda s: s.start)

    def _words(self, region: Region, project: Project) -> set[str]:
        spans = [s for s in self.quotes.fields if s.region == region.name and s.project == project.name]
        return set(lemmas(project.name)).union(*(self.quotes.words_in(span) for span in spans))

    def _region_words(self, name: str) -> set[str]:
        chunk_words = self.facts.chunk_lemmas()
        return set().union(*(chunk_words[c.chunk_id] for c in self.facts.chunks if c.region == name))

    def _heading(self, region: Region, project: Project, number: int, years: Collection[str] = ()) -> str:
        """「1．地域医療対策事業（令和2年度～令和5年度、令和6年度は検討中）」; of the years
        named, those it was carried out in (「（令和4年度）」)."""
        if years:
            done = sorted(self._done(project) & set(years), key=lambda y: int(y[1:]))
            return f"{number}．{project.name}（{'・'.join(japanese_fiscal_year(year) for year in done)}）"
        blocks = self._blocks(region, project)
        if not blocks:
            return f"{number}．{project.name}（事業概要の記載なし）"
        first, last = japanese_fiscal_year(blocks[0].year or ""), japanese_fiscal_year(blocks[-1].year or "")
        years = f"{first}～{last}" if first != last else first
        # a later year's cell that is not yet done (検討中, 未定) is said as the booklet says it
        later = [a for a in project.activities if (a.year or "") > (blocks[-1].year or "") and a.status not in (None, "-", "－")]
        years += "".join(f"、{japanese_fiscal_year(a.year)}は{a.status}" for a in later)
        return f"{number}．{project.name}（{years}）"

    def _project_lines(
        self, region: Region, project: Project, number: int, citations: CitationList, whole: bool, years: Collection[str] = ()
    ) -> list[str]:
        blocks = self._blocks(region, project, years)
        lines = [self._heading(region, project, number, years)]
        if not blocks:
            return lines
        printed = [piece[:3] for block in blocks for piece in self.quotes.field_sentences(block)]
        if whole:
            return lines + self.quotes.every_year_lines(citations, printed, self.cite)
        if years and printed and all(_same_as(_said(*line)) for line in printed):
            # the year asked reads 「R5に同じ」: what that year did (not where to look)
            hit, start, end = printed[0]
            return lines + self.quotes.same_as(citations, hit.chunk.doc_id, start, _said(hit, start, end), self.cite)[: FIRST_LINES + 1]
        # each item once, in the booklet's order (a year that repeats one adds nothing)
        printed = [line for line in printed if _said(*line).startswith(_ITEM_MARKS) and not _same_as(_said(*line))]
        seen: dict[str, int] = {}
        for hit, start, end in printed:
            seen.setdefault(_said(hit, start, end), len(seen))
        shown = 0
        for hit, start, end in printed:
            text = _said(hit, start, end)
            if seen.get(text) is None:
                continue
            del seen[text]
            if shown == FIRST_LINES:
                lines.append(f"（ほか{len(seen) + 1}件）")
                break
            lines.append(f"{'' if text.startswith(BULLETS) else '・'}{text}{self.cite(citations, hit, start, end)}")
            shown += 1
        return lines


def _same_as(text: str) -> bool:
    """「R5に同じ」: a cell that points to another year's."""
    return SAME_AS.match(unicodedata.normalize("NFKC", text)) is not None


def _said(hit: SearchHit, start: int, end: int) -> str:
    return UNWRAP.sub("", index_text(hit, start, end))
