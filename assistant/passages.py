"""Answers from passages (the offline default): the sentences of the best passages that
hold the question's terms, each citing its passage; or a plain 「記載がありません」 with
the nearest passages when nothing in the casebook supports an answer.

A passage supports an answer when it names every place and number the question names
(函館, 令和8年度's 8) and either holds terms carrying half the question's weight (IDF),
the rarest among them, or is very close in meaning (a paraphrase) and shares a quarter of
the question's content weight — and then says the noun whose value is asked, when the
casebook uses that word (「会場はどこ」). A word in parentheses glosses the one before it
(「期間（存続年限）」) and is never required; a word is held in the booklet's words too
(医者 by 医師: index/synonyms.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

from assistant.answer import Answer, CitationList
from assistant.field_quotes import LISTED_LINES, FieldQuotes, index_text
from assistant.project_fields import FieldSpan, asked_fields, asked_phrase, field_of
from assistant.question import QuestionFacts
from assistant.sentences import BULLETS, POINTS_ON, UNWRAP, as_quoted, sentences
from assistant.understand.answer_type import (
    REASON_NOUNS,
    asks_why_it_was_done,
    change_in,
    expected,
    holds,
    name_qualifiers,
    states_when_by_an_event,
    topic_asked,
    topic_owners,
    value_in,
)
from assistant.understand.numbers import ERA_NAMES, in_fiscal_year, japanese_fiscal_year, without_dates
from index.searcher import CasebookIndex
from index.store import SearchFilter, SearchHit
from index.synonyms import held, held_terms, said_words, with_loanwords
from index.tokenize import (
    adverbial_nouns,
    grammatical_words,
    lemmas,
    names_and_numbers,
    noun_lemmas,
    noun_phrases,
    proper_nouns,
    question_words,
)
from ingest.chunker import fiscal_years
from ingest.records import Span

NOT_IN_CASEBOOK = "事例集には記載がありません。"
# When a passage supports an answer (below both, the assistant declines): the cosine
# (multilingual-e5) for support by meaning, and the share of the question's IDF weight for
# support by words. Chosen by `python -m eval.calibrate_decline` on the odd ids of the
# external set's fact questions — the middle of a plateau (0.80–0.85 × 0.35–0.65) that
# declines all unanswerables and answers all answerables there; reported on the even ids:
# 0.958 (eval/calibration/decline_calibration.json, decline_curve.png).
DENSE_SUPPORT = 0.84
COVERAGE = 0.5
# fields printed as lines, one item or one member's role each: the answer quotes them all
_LISTED_FIELDS = frozenset({"activities", "roles"})
# every year's lines of a project's 事業概要 (five fiscal years of two or three lines each)
_PROJECT_LINES = 20
_FIELD_TITLES = {"activities": "事業概要", "roles": "構成団体の役割分担"}
_YEAR_IN_ROW = re.compile(r"(?:令和|R)\s*(\d{1,2})\s*年度")
_LOOKBACK_WORDS = frozenset(lemmas("困難 苦労 工夫 課題 難しい 振り返り 反省 注意 留意 円滑"))
_TOWN_SUFFIXES = frozenset({"市", "町", "村"})
# (物 in kanji: 「こと もの よう」 read as one string is こと + も + の + よう; 内容 and 種類 ask
# what the things are, as 「どんな」 does)
GENERIC_WORDS = frozenset(lemmas("地域 連携 取組 取り組む 事業 行う する ある いる なる 教える 知る どのよう ため こと 物 よう 内容 種類"))


def asked_terms(text: str) -> set[str]:
    """The words a passage must hold to answer: not the generic ones, nor the question
    words (「なぜ」 is how the officer asks; no passage says 何故)."""
    # 「…するときに」「毎年」: when or how much, not what; 「について」「お医者さん」: grammar
    asking = question_words(text) | adverbial_nouns(text) | grammatical_words(text) | name_qualifiers(text)  # 「正式な名前」
    return {term for term in lemmas(text) if term not in GENERIC_WORDS and term not in asking}


_GLOSS = re.compile(r"[（(]([^（）()]{1,20})[）)]")


def _field_title(field: FieldSpan) -> str:
    """How the answer names a field quoted whole: 「令和4年度の事業概要」「構成団体の役割分担」."""
    if field.year:
        return f"{japanese_fiscal_year(field.year)}の事業概要"
    return _FIELD_TITLES.get(field.field, "記載")


def _year_cell(row: str, year: str) -> str:
    """The part of a table row that follows the year named (「令和6年度 3人」 of 「令和5年度 4人 →
    令和6年度 3人」); empty when the row does not name that year."""
    found = [match for match in _YEAR_IN_ROW.finditer(unicodedata.normalize("NFKC", row)) if f"R{int(match.group(1))}" == year]
    if not found:
        return ""
    rest = unicodedata.normalize("NFKC", row)[found[0].end() :]
    return re.split(r"→|(?:令和|R)\s*\d", rest)[0]


def _labels(sentence: str, noun: str) -> bool:
    """Whether `sentence` prints `noun` as a label followed by its value (「講師:…」)."""
    return re.search(rf"(?:^|[(（・\s]){re.escape(noun)}\s*[:：]", unicodedata.normalize("NFKC", sentence)) is not None


def _fiscal_year_in_words(value: str) -> str:
    """「R5年度」 as officers say it, 「令和5年度」; any other value as printed."""
    short = re.fullmatch(r"R\s*(\d{1,2})\s*年度", unicodedata.normalize("NFKC", value))
    return japanese_fiscal_year(f"R{short.group(1)}") if short else value


def _main_terms(text: str) -> set[str]:
    """The question's words outside parentheses: 「協定の期間（存続年限）」 glosses 期間 with
    its own word, which a passage may use instead — so a gloss is never a required word."""
    return asked_terms(_GLOSS.sub(" ", text)) or asked_terms(text)


def _project_key(hit: SearchHit) -> tuple:
    """A project's page, split into several passages by the chunker; any other passage alone."""
    chunk = hit.chunk
    return (chunk.doc_id, chunk.region, chunk.project) if chunk.project else (chunk.chunk_id,)


def _words_by_project(hits: list[SearchHit]) -> dict[tuple, set[str]]:
    """The words of each project page among the hits, its found passages together: a
    question naming a project's purpose and asking one of its figures is supported by its
    page, though the chunker cut the purpose and the figures into different passages."""
    words: dict[tuple, set[str]] = {}
    for hit in hits:
        words.setdefault(_project_key(hit), set()).update(lemmas(hit.chunk.heading), said_words(hit.chunk.text))
    return words


class PassageAnswerer:
    """Offline by default; with an LLM answerer, the LLM phrases and code checks it."""

    def __init__(
        self,
        index: CasebookIndex,
        idf: Callable[[str], float],
        k: int = 5,
        llm_answerer=None,
        known_places: frozenset[str] = frozenset(),
        fields: list[FieldSpan] | None = None,
        leave_out: Sequence[Span] = (),
        fields_asked: Callable[[str], frozenset[str]] | None = None,
        seen: Callable[[str], bool] | None = None,
    ):
        self.index = index
        self.fields = fields or []  # where each project's 目的, 概要, 役割分担, 成果 and look-back notes are printed
        self.quotes = FieldQuotes(self.fields, index.all_chunks, self._weight)
        # which of them a question asks for (project_fields.FieldReader; by label noun alone without one)
        self.fields_asked = fields_asked or (lambda text: asked_fields(text, GENERIC_WORDS))
        self.leave_out = leave_out  # what project pages print after their fields (ingest.records.after_the_fields)
        self.known_places = known_places  # regions and members: never the answer to 「どこの都市」
        self.idf = idf
        self.seen = seen or (lambda _term: True)  # whether the casebook uses a word (a loanword's pieces)
        self.k = k
        self.llm_answerer = llm_answerer
        # the decline's two thresholds (eval/calibrate_decline.py sweeps them)
        self.dense_support = DENSE_SUPPORT
        self.coverage = COVERAGE

    def answer(self, q: QuestionFacts) -> Answer:
        search_filter = SearchFilter(regions=q.regions) if q.regions else None
        hits = self.index.search(q.text, k=self.k, search_filter=search_filter)
        if self.llm_answerer is not None:
            generated = self.llm_answerer.answer(q, hits)
            if generated is not None:
                return generated
        return self.offline(q, hits)

    def _says_rarest(self, question: str, names: frozenset[str], candidates: list) -> bool:
        """Whether the best candidate's sentence, or the name of the project whose purpose it
        is, holds the question's rarest own noun (the thing done: 「アプリを入れた」's アプリ)."""
        essential = (with_loanwords(_main_terms(question), question, self.seen) & set(noun_lemmas(question))) - names - REASON_NOUNS
        if not candidates or not essential:
            return bool(candidates)
        rarest = max(sorted(essential), key=self.idf)
        _score, hit, start, end, _context = max(candidates, key=lambda c: c[0])
        # (or its project's name: 「ごみ分別アプリ導入事業」's purpose need not repeat the アプリ)
        field = field_of(self.fields, frozenset({"purpose"}), hit.chunk.doc_id, start, end)
        project = (field.project or "") if field is not None else ""
        return held(rarest, said_words(self.index_text(hit, start, end)) | set(lemmas(project)))

    def _says_whose(self, candidate: tuple, asked_of: frozenset[str]) -> bool:
        """Whether a candidate sentence, with its label, heading, region and project, says the
        topic asked and every owner of it."""
        _score, hit, _start, _end, context = candidate
        chunk = hit.chunk
        words = said_words(context) | set(lemmas(" ".join(filter(None, (chunk.heading, chunk.region, chunk.project)))))
        return all(held(word, words) for word in asked_of)

    def _weight(self, terms) -> float:
        return sum(self.idf(term) for term in terms)

    def offline(self, q: QuestionFacts, hits: list[SearchHit], reason_as_purpose: bool = True) -> Answer:
        wanted = expected(q.text)  # 「何人」「いくら」「誰」: a sentence without such a value cannot answer
        terms = with_loanwords(asked_terms(q.text), q.text, self.seen)  # 「インスタグラム」, not インス + タグ + ラム
        # the places and numbers a passage must name; an era (令和) is written R in the tables
        names = frozenset(n for n in names_and_numbers(q.text) if n not in ERA_NAMES)
        # (a loanword UniDic cut into pieces may read as a name, インス of インスタグラム: taken whole)
        required = frozenset(with_loanwords(names, q.text, self.seen))
        similarity = {hit.chunk.chunk_id: hit.score for hit in self.index.search(q.text, k=20, mode="dense")}
        # what a sentence must say besides the places: every passage searched is of those places,
        # so 「実施団体名 遠軽町・…」 says nothing of 「遠軽の医療の取組で何をした」
        about = {term for term in terms if term not in names or term.isdigit()} or terms
        # 「…の取組で困ったことは」: the field read by meaning (困難と感じた点) is what the asked
        # phrase's words say — a passage need not hold them, and a sentence printed in the field
        # says them (a label noun the question writes, 工夫, is printed in the label itself)
        asked = self.fields_asked(q.text) if self.fields else frozenset()
        # 「なぜ…を始めたの」: a reason asked of something done, no field named or surely nearer,
        # is the project's purpose — not a reason of what happened in a year (「R3年度は単独で
        # 実施したのはなぜ」: an event); checked below to say what was asked
        reason = bool(self.fields) and reason_as_purpose and not asked and not q.years and asks_why_it_was_done(q.text)
        asked = frozenset({"purpose"}) if reason else asked
        by_meaning = asked and not asked_fields(q.text, GENERIC_WORDS)
        field_words = asked_terms(asked_phrase(q.text)) if by_meaning else set()
        main = with_loanwords(_main_terms(q.text), q.text, self.seen) - field_words
        total = self._weight(main) or 1.0
        # the noun whose value is asked (「会場はどこ」「満足度は」), when no kind of value is asked
        # to check a sentence by: a passage close in meaning that never says it answers
        # something else — unless the casebook never uses the word (「背景は」: the officer's
        # own word for what its pages call 目的)
        asked_nouns = {t for t in topic_asked(q.text) & main - names if self.seen(t)} if not (field_words or wanted.kind) else set()
        candidates: list[tuple] = []
        unvalued: list[tuple] = []  # sentences that say it but state no value of the kind asked
        page_words = _words_by_project(hits)
        towns = set(lemmas(" ".join(q.municipalities))) - _TOWN_SUFFIXES
        for rank, hit in enumerate(hits):
            heading = set(lemmas(hit.chunk.heading))
            words = page_words[_project_key(hit)]
            if not terms or not all(held(name, words) for name in required):
                continue  # the question names a place or number this passage lacks
            essential = main - names  # the question's own words, glosses and names aside
            rarest = max(sorted(essential), key=self.idf) if essential else None  # sorted: ties break the same in every process
            # Lexical support: half the question's weight, its rarest word included (道の駅's 駅).
            lexical = min(1.0, self._weight(held_terms(terms, words)) / total) >= self.coverage and (rarest is None or held(rarest, words))
            # Paraphrase support: close in meaning and a quarter of the essential weight shared.
            shared = self._weight(held_terms(essential, words))
            paraphrase = similarity.get(hit.chunk.chunk_id, 0.0) >= self.dense_support and shared >= 0.25 * (self._weight(essential) or 1.0)
            paraphrase = paraphrase and held_terms(asked_nouns, words) == asked_nouns
            if not (lexical or paraphrase):
                continue
            for start, end, label in sentences(hit):
                if any(span.covers(hit.chunk.doc_id, start) for span in self.leave_out):
                    continue  # a photo's caption under a project's last field
                sentence = self.index_text(hit, start, end)
                label = self.quotes.dated(label, hit.chunk.doc_id, start)
                own_words, label_words = said_words(sentence), set(lemmas(label))
                in_field = field_of(self.fields, asked, hit.chunk.doc_id, start, end) if field_words else None
                within = heading
                if in_field is not None:
                    own_words |= field_words
                    # a look-back note is about its project, though its page's heading does not name it
                    within = heading | set(lemmas(in_field.project or ""))
                sentence_words = own_words | label_words
                said = held_terms(about, sentence_words)
                # a line under a year's heading (「（R5年度）」 / 「○アプリ導入」) is dated by it
                in_year = label + sentence if wanted.kind == "date" else sentence
                # (a rule's sentence says when by an event: 「額の確定後において交付する」)
                by_an_event = wanted.kind == "date" and hit.chunk.kind.value == "clause" and states_when_by_an_event(sentence)
                if not said:
                    continue
                # (a sentence that states no value of the kind asked is kept aside: it answers when
                # it alone says whose value is asked — 「協定の期間」: 「定めのないものとする」)
                valued = holds(wanted, in_year, q.text, self.known_places) or by_an_event
                # the sentence, or a table label wrapped above it (「際に困難と感じた点」), must say
                # some of it: the project's name above every line of its page does not
                # (「事業名 …研修」 over 「実施団体名 …」)
                if not held_terms(about, own_words | (label_words - heading)):
                    continue
                if not lexical and held_terms(asked_nouns, sentence_words) != asked_nouns:
                    continue  # 「講師はどこから」 of a page close in meaning: its line that names no lecturer
                # what the sentence answers within its heading (project 「防災関連勉強会」 +
                # sentence 「講師: …」), then a little for what the sentence says itself
                # (the field's words only make a sentence printed in it eligible: every one says them)
                score = self._weight(held_terms(about - field_words, sentence_words | within)) + 0.25 * self._weight(said)
                # a town the question names, in the sentence itself (「津別町の面積は」: its row of
                # the towns' figures, not 美幌町's beside it)
                score += self._weight(towns & own_words)
                # the noun asked printed as a label with its value (「(講師:一般社団法人…)」):
                # the line that gives it, over one that only mentions it (「外部講師を活用し」)
                score += self._weight({noun for noun in asked_nouns if _labels(sentence, noun)})
                if hit.chunk.kind.value == "lookback" and not terms & _LOOKBACK_WORDS:
                    score *= 0.8  # a look-back tells what was hard; other questions want the facts
                if wanted.kind == "date" and value_in(wanted, in_year, q.text) is None:
                    score *= 0.6  # 「いつ」: a line that dates itself (by its year's block) before one that says 「新年度」
                (candidates if valued else unvalued).append((score - 0.05 * rank, hit, start, end, label + sentence))
        owners = topic_owners(q.text) if wanted.kind not in ("", "count") and candidates else frozenset()
        asked_of = owners | topic_asked(q.text) if owners else frozenset()
        if asked_of and not any(self._says_whose(c, asked_of) for c in candidates):
            # every value found is another thing's (「交付金の支援期間」, 「協定は…2040年の…課題」 of
            # 「協定の期間は何年」): the sentences that say the topic asked of its owner, though in no
            # such value (「協定の期間は…定めのないものとする」); a count asked (「テントは何張り」) is a
            # figure or nothing
            candidates = [c for c in unvalued if self._says_whose(c, asked_of)] or candidates
        if q.years:
            # 「令和3年度にやった」: the sentences under that year's heading (「事業概要(R3年度)」),
            # when there are any
            dated = [c for c in candidates if set(q.years) & set(fiscal_years(c[4]))]
            candidates = dated or candidates
        field = None  # the field of a project whose lines answer, when one does
        if asked:
            candidates, field = self.quotes.in_field(candidates, asked, about, every_year=not q.years and not wanted.kind)
        if field is None and len(q.years) == 1 and not wanted.kind and candidates:
            # 「令和5年度にどんな研修を」: the year's block of 事業概要 the best line is printed in
            # is the answer, every line of it (the booklet's cell for that year)
            # (the best line printed in that year's block, though a figure of that year printed
            # elsewhere, in 成果, scored higher)
            in_block = [c for c in candidates if (block := self.quotes.block_of(c)) is not None and block.year in q.years]
            if in_block:
                candidates, field = self.quotes.in_field([max(in_block, key=lambda c: c[0])], frozenset({"activities"}), about)
        if wanted.about and not wanted.kind:
            # 「何を購入して」: prefer the sentences that speak of 購入, when there are any
            # among the sentences that answer well at all (half the best score): a sentence that
            # says 調べる of something else (ごみアプリ) is no answer to 「洋上風力について何を調べた」
            best_score = max((c[0] for c in candidates), default=0.0)
            speaking = [c for c in candidates if c[0] >= 0.5 * best_score and wanted.about in lemmas(self.index_text(c[1], c[2], c[3]))]
            candidates = speaking or candidates
        if reason and not self._says_rarest(q.text, names, candidates):
            # 「テントを購入した理由は」: the purpose says nothing of the tents; the line that does
            return self.offline(q, hits, reason_as_purpose=False)
        citations = CitationList()
        if not candidates:
            for hit in hits[:3]:
                self.cite(citations, hit, *self._nearest_sentence(hit, terms))
            # 「十勝の取組は」: a place the casebook never names is said to be absent, by name
            absent = [surface for surface, kind in proper_nouns(q.text) if kind == "地名" and not any(map(self.seen, lemmas(surface)))]
            named = [
                q.text[at : at + len(place) + 1] if q.text[at + len(place) : at + len(place) + 1] in _TOWN_SUFFIXES else place
                for place in dict.fromkeys(absent)
                if (at := q.text.find(place)) >= 0
            ]  # 「帯広市」 as written
            missing = f"（「{'」「'.join(named)}」は事例集に出てきません）" if named else ""
            text = NOT_IN_CASEBOOK + missing + " 関連しそうな箇所：" + "".join(f"[{c.n}]" for c in citations.items)
            return Answer(question=q.text, kind="unanswerable", answer=text, regions=[], citations=citations.items)
        candidates.sort(key=lambda item: -item[0])
        chosen: list[tuple] = []
        per_chunk: dict[str, int] = {}
        # a field of lines (a year's activities, the members' roles) is quoted whole; prose, its best three
        every_year = field is not None and field.field == "activities" and field.year is None
        quoted = _PROJECT_LINES if every_year else LISTED_LINES if field is not None and field.field in _LISTED_FIELDS else 3
        for score, hit, start, end, _context in candidates:
            # (two lines of a passage and three in all at most, but every line that ties with the
            # best when a value is asked: 「講師は誰」 of four years' 「(講師:…)」 lines, each as good an answer)
            tied_value = bool(wanted.kind) and score >= candidates[0][0]
            if (len(chosen) >= quoted and not tied_value) or score < candidates[0][0] * 0.5:
                break
            crowded = field is None and per_chunk.get(hit.chunk.chunk_id, 0) >= 2 and not tied_value
            if any(s < end and start < e for _, s, e in chosen) or crowded:
                continue
            quote = as_quoted(self.index_text(hit, start, end))
            if not every_year and any(quote == as_quoted(self.index_text(h, s, e)) for h, s, e in chosen):
                # the same line printed again (each year's 「(講師:…)」, a purpose in the overview
                # and under its label): quoted once (every year's cell is its own)
                continue
            per_chunk[hit.chunk.chunk_id] = per_chunk.get(hit.chunk.chunk_id, 0) + 1
            chosen.append((hit, start, end))
        # the value asked for first, when the best sentence prints exactly one (「1,795件です[1]。」)
        first_hit, first_start, first_end = chosen[0]
        value = value_in(wanted, self.index_text(first_hit, first_start, first_end), q.text)
        if value is None and wanted.kind == "date":
            in_context = next(c[4] for c in candidates if c[1] is first_hit and c[2] == first_start)
            value = value_in(wanted, in_context, q.text)
        if wanted.kind == "date" and field is not None and field.year and not (value and in_fiscal_year(value, field.year)):
            # 「何年度にやった」 of a line in a year's block: the block's year, not a year the line
            # names as its subject (「2030年度の…排出量の推計」 done in R5)
            value = japanese_fiscal_year(field.year)
        # else 「保健師は何人」 of a sentence that points to a table (「下記の人数」): the row asked, first
        row = self._row_asked(first_hit, first_start, first_end, q.text) if value is None else None
        lines, regions, marks = [], [], []
        if row is not None:
            row_text = UNWRAP.sub(" ", self.index_text(first_hit, *row))
            mark = self.cite(citations, first_hit, *row)
            # 「令和6年度に何人」: the row's figure for that year (「令和5年度 4人 → 令和6年度 3人」)
            value = value_in(wanted, _year_cell(row_text, q.years[0])) if len(q.years) == 1 else None
            # 「何人増えた」: the row's change (「令和5年度の2人から令和6年度の9人へ、7人増えています」)
            change = None if value else change_in(q.text, row_text)
            lines.append(f"{_fiscal_year_in_words(value)}です{mark}。" if value else f"{change}{mark}。" if change else "")
            lines.append(f"・{first_hit.chunk.region or first_hit.chunk.section}：{row_text}{mark}")
            lines = [line for line in lines if line]
        listed = field is not None and field.field in _LISTED_FIELDS
        if listed:
            assert field is not None
            chosen.sort(key=lambda item: item[1])  # a cell's lines in the booklet's order, under one heading
            lines.append(f"{field.region}「{field.project}」の{_field_title(field)}：")
        if every_year:
            lines += self.quotes.every_year_lines(citations, chosen, self.cite)
            regions = [hit.chunk.region for hit, _s, _e in chosen if hit.chunk.region]
        for hit, start, end in [] if every_year else chosen:
            where = hit.chunk.region or hit.chunk.clause or hit.chunk.section
            marks.append(self.cite(citations, hit, start, end))
            # the PDF's line wraps joined for reading; the citation keeps the verbatim span
            text = UNWRAP.sub("", self.index_text(hit, start, end))
            lines.append(f"{'' if text.startswith(BULLETS) else '・'}{text}{marks[-1]}" if listed else f"・{where}：{text}{marks[-1]}")
            lines += self.quotes.same_as(citations, hit.chunk.doc_id, start, text, self.cite)
            if hit.chunk.region:
                regions.append(hit.chunk.region)
        change = change_in(q.text, self.index_text(first_hit, first_start, first_end)) if row is None else None
        if change is not None:
            lines.insert(0, f"{change}{marks[0]}。")
        elif value is not None and row is None:
            lines.insert(0, f"{_fiscal_year_in_words(value)}です{marks[0]}。")
        kind = "fact" if len(chosen) == 1 or q.regions else "open"
        return Answer(question=q.text, kind=kind, answer="\n".join(lines), regions=list(dict.fromkeys(regions)), citations=citations.items)

    def _row_asked(self, hit: SearchHit, start: int, end: int, question: str) -> tuple[int, int] | None:
        """The one row of the table a quoted sentence points to (「下記の人数」) whose label the
        question names (「保健師は何人」: the row 「保健師 令和5年度 4人 → 令和6年度 3人」);
        None when the question names several rows, or none."""
        text = hit.chunk.text[start - hit.chunk.start : end - hit.chunk.start]
        head, _, rest = text.partition("\n")
        if not rest or not POINTS_ON.search(head):
            return None
        asked = set(noun_phrases(without_dates(question)))
        rows, offset = [], start + len(head) + 1
        for line in rest.split("\n"):
            plain = without_dates(line)
            labels = noun_phrases(plain)
            if any(c.isdigit() for c in plain) and labels and labels[0] in asked:  # a row of figures, by its label
                rows.append((offset, offset + len(line)))
            offset += len(line) + 1
        return rows[0] if len(rows) == 1 else None

    def _nearest_sentence(self, hit: SearchHit, terms: set[str]) -> tuple[int, int]:
        """The passage's sentence that holds most of the question's weight (the first on a
        tie): what a declined answer points to, instead of the whole passage."""
        spans = sentences(hit)
        if not spans:
            return hit.chunk.start, hit.chunk.end
        best = max(spans, key=lambda s: (self._weight(held_terms(terms, set(lemmas(self.index_text(hit, s[0], s[1]))))), -s[0]))
        return best[0], best[1]

    index_text = staticmethod(index_text)

    def cite(self, citations: CitationList, hit: SearchHit, start: int, end: int) -> str:
        chunk = hit.chunk
        number = citations.add(
            doc=chunk.doc_id,
            region=chunk.region,
            project=chunk.project,
            section=chunk.clause or chunk.section,
            page=chunk.page,
            quote=chunk.text[start - chunk.start : end - chunk.start],
            chunk_id=chunk.chunk_id,
            score=round(hit.score, 4),
            start=start,
            end=end,
        )
        return f"[{number}]"
