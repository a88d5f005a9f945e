"""Answers from passages (the offline default): the sentences of the best chunks that
hold the question's terms, each citing its chunk; or a plain 「記載がありません」 with the
nearest passages when nothing in the casebook supports an answer."""

from __future__ import annotations

import re

from assistant.answer import Answer, CitationList
from assistant.question import QuestionFacts
from index.searcher import CasebookIndex
from index.store import SearchFilter, SearchHit
from index.tokenize import lemmas

NOT_IN_CASEBOOK = "事例集には記載がありません。"
_SENTENCE = re.compile(r"[^。\n]+。?")
_GENERIC = frozenset(lemmas("地域 連携 取組 取り組む 事業 行う する ある いる なる どこ 何 どの 教える 知る どう どのよう ため こと もの よう"))


def _terms(text: str) -> set[str]:
    return {term for term in lemmas(text) if term not in _GENERIC}


def _best_sentence(hit: SearchHit, terms: set[str]) -> tuple[int, int, int]:
    """(support, start, end): how many question terms the passage holds (its heading
    included), and the sentence that holds most of the terms its heading does not already
    name — 「講師」, not 「防災関連勉強会」, picks the line of a project that answers."""
    heading = set(lemmas(hit.chunk.heading))
    support = len(terms & (heading | set(lemmas(hit.chunk.text))))
    specific = terms - heading or terms
    best = ((-1, -1), hit.chunk.start, min(hit.chunk.end, hit.chunk.start + 120))
    for match in _SENTENCE.finditer(hit.chunk.text):
        words = set(lemmas(match.group(0)))
        overlap = (len(specific & words), len(terms & words))
        if overlap > best[0]:
            best = (overlap, hit.chunk.start + match.start(), hit.chunk.start + match.end())
    return support, best[1], best[2]


class PassageAnswerer:
    """Offline by default; with an LLM answerer, the LLM phrases and code checks it."""

    def __init__(self, index: CasebookIndex, k: int = 5, llm_answerer=None):
        self.index = index
        self.k = k
        self.llm_answerer = llm_answerer

    def answer(self, q: QuestionFacts) -> Answer:
        search_filter = SearchFilter(regions=q.regions) if q.regions else None
        hits = self.index.search(q.text, k=self.k, search_filter=search_filter)
        if self.llm_answerer is not None:
            generated = self.llm_answerer.answer(q, hits)
            if generated is not None:
                return generated
        return self.offline(q, hits)

    def offline(self, q: QuestionFacts, hits: list[SearchHit]) -> Answer:
        terms = _terms(q.text)
        scored = [(hit, *_best_sentence(hit, terms)) for hit in hits]
        supported = [item for item in scored if terms and item[1] >= max(1, (len(terms) + 1) // 2)]
        citations = CitationList()
        if not supported:
            for hit in hits[:3]:
                self._cite(citations, hit, hit.chunk.start, hit.chunk.end)
            text = NOT_IN_CASEBOOK + " 関連しそうな箇所：" + "".join(f"[{c.n}]" for c in citations.items)
            return Answer(question=q.text, kind="unanswerable", answer=text, regions=[], citations=citations.items)
        lines, regions = [], []
        for hit, _overlap, start, end in supported[:3]:
            sentence = self.index_text(hit, start, end)
            where = hit.chunk.region or hit.chunk.clause or hit.chunk.section
            lines.append(f"・{where}：{sentence}{self._cite(citations, hit, start, end)}")
            if hit.chunk.region:
                regions.append(hit.chunk.region)
        kind = "fact" if len(supported) == 1 or q.regions else "open"
        return Answer(question=q.text, kind=kind, answer="\n".join(lines), regions=list(dict.fromkeys(regions)), citations=citations.items)

    @staticmethod
    def index_text(hit: SearchHit, start: int, end: int) -> str:
        return hit.chunk.text[start - hit.chunk.start : end - hit.chunk.start].strip()

    def _cite(self, citations: CitationList, hit: SearchHit, start: int, end: int) -> str:
        chunk = hit.chunk
        number = citations.add(
            doc=chunk.doc_id, region=chunk.region, project=chunk.project, section=chunk.clause or chunk.section,
            page=chunk.page, quote=chunk.text[start - chunk.start : end - chunk.start], chunk_id=chunk.chunk_id,
            score=round(hit.score, 4), start=start, end=end,
        )
        return f"[{number}]"
