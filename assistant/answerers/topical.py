"""「Which regions did X?」 from evidence: every region is scored by the one sentence of its
pages that best says X, and the regions near the best are listed, each with that sentence
quoted and cited.

A unit's score mixes BM25 over units and cosine with the question, each scaled within the
question (lexical by its maximum, dense from the mean to the maximum), so neither
dominates by its units. A region keeps its best unit; regions scoring at least KEEP of the
best region are listed, those from NEAR to KEEP follow as 「関連する可能性がある地域」,
outside `regions`. WEIGHT, KEEP and COVERAGE were chosen on one split of questions
(`eval/calibrate_lists.py`) and are reported on the other; NEAR only adds the possibly
related, never a listed region. The units read are the regions' own statements, not the
template's lines (`EvidenceIndex.statements`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import numpy as np

from assistant.answer import Answer, CitationList
from assistant.passages import NOT_IN_CASEBOOK
from assistant.understand.answer_type import DATE_COUNTERS
from assistant.understand.numbers import japanese_fiscal_year, states_numbers, with_digits, without_dates
from assistant.understand.parse import Question, acts_on_regions, relates_regions
from index.evidence import EvidenceIndex, EvidenceUnit
from index.facts_store import FactsStore
from index.synonyms import held, held_terms, with_loanwords
from index.tokenize import adverbial_nouns, lemmas, lemmas_without_counters, morphemes, names_and_numbers, noun_lemmas, noun_phrase_chains
from ingest.attribute_words import ATTRIBUTES

# Chosen on the calibration split (eval/calibrate_lists.py): see the README's figures.
WEIGHT = 0.6  # share of the lexical score in a unit's score
KEEP = 0.6  # a region is listed at this share of the best region's score
NEAR = 0.45  # … and mentioned as possibly related from this share
COVERAGE = 0.25  # share of the weight of the question's distinctive nouns a sentence must hold


@dataclass(frozen=True)
class RegionEvidence:
    region: str
    score: float  # share of the best region's score (1.0 for the best)
    unit: EvidenceUnit
    says_all: bool = False  # its sentence says every word of the topic (see `listed`)


def listed(supported: list[RegionEvidence], keep: float = KEEP) -> list[RegionEvidence]:
    """The supported regions to list: those near the best (KEEP of its score), and any whose
    sentence says every word of the topic — a short line (「地域 ICT 利活用」) outscores a long one
    that says the same (「・ICT 利活用研修、…の実施」) by its length alone."""
    return [item for item in supported if item.score >= keep or item.says_all]


def region_evidence(
    evidence: EvidenceIndex,
    question_vector: np.ndarray,
    question: str,
    weight: float = WEIGHT,
    exclude_regions: tuple[str, ...] = (),
    ignored: frozenset[str] = frozenset(),
    years: Mapping[tuple[str, int], str] | None = None,
) -> list[RegionEvidence]:
    """Every region with its best unit for the question, best first. A unit that does not
    write the dates and numbers the question writes cannot be a region's best: 「令和3年3月に
    策定した」 is said by the one sentence with that month, not by a closer-worded one without.
    A line of a project's 事業概要 is dated by the year printed above it (`years`, by the
    unit's document and start: 「（R4年度）」 over 「・防災テントの購入」)."""
    years = years or {}
    # 「役割に「経費負担」とある地域」: a phrase the officer quotes is the booklet's wording,
    # so when some sentence prints it, only sentences that print it can say it
    quoted = _quoted(question)
    if quoted and not any(all(phrase in _plain(unit.text) for phrase in quoted) for unit in evidence.units):
        quoted = []
    # the words of a date (令和, 年度) are checked as a date below, not matched as words
    combined = evidence.mixed(question_vector, [term for term in lemmas(without_dates(question)) if term not in ignored], weight)
    asks_numbers = any(character.isdigit() for character in with_digits(question))
    best: dict[str, tuple[float, int]] = {}
    for index, unit in enumerate(evidence.units):
        if unit.region in exclude_regions:
            continue
        if quoted and not all(phrase in _plain(unit.text) for phrase in quoted):
            continue
        if asks_numbers and not states_numbers(question, years.get((unit.doc_id, unit.start), "") + unit.text):
            continue
        if unit.region not in best or combined[index] > best[unit.region][0]:
            best[unit.region] = (float(combined[index]), index)
    if not best:
        return []
    top = max(score for score, _ in best.values())
    if top <= 0:
        return []
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    return [RegionEvidence(region, score / top, evidence.units[index]) for region, (score, index) in ranked]


@dataclass(frozen=True)
class _Topic:
    """The question's distinctive noun phrases, split by whether the casebook uses every part."""

    known: list[tuple[str, ...]]
    unknown: list[tuple[str, ...]]
    seen_weight: float
    unknown_weight: float
    relating: frozenset[str]  # how the regions stand to it (「学校給食を運営している」): no thing named
    unmentioned: list[tuple[str, ...]]  # the things named that the casebook never mentions, as one

    @property
    def seen(self) -> set[str]:
        """The known phrases' words."""
        return {term for phrase in self.known for term in phrase}

    @property
    def absent(self) -> bool:
        """Every thing the question names is one the casebook never mentions (空き家対策):
        it says nothing of it (a known word beside an unknown one, 「ごみ」 of 「ごみを一緒に」,
        leaves it to the passages)."""
        return bool(self.unknown) and not any(set(phrase) - self.relating for phrase in self.known)


def _topic(evidence: EvidenceIndex, question: str, ignored: frozenset[str], asked_as: str = "") -> _Topic:
    terms = _distinctive_nouns(evidence, question) - ignored - acts_on_regions(question)  # 「地域を一覧化して」
    text = without_dates(question)

    known: list[tuple[str, ...]] = []
    unknown: list[tuple[str, ...]] = []
    unmentioned: list[tuple[str, ...]] = []  # each run of unknown phrases in a chain, as one thing
    for chain in noun_phrase_chains(text):
        # a compound with a part the casebook never uses names a thing it never mentions
        # (除雪作業), and so does what such a thing's の modifies (「高校の魅力化」: the
        # casebook's 魅力 is not the high school's); a head it never uses (「…の欄」) is its own
        after_unknown = False
        for phrase in (words for phrase in chain if (words := tuple(t for t in phrase if t in terms))):
            if not after_unknown and all(held(term, evidence.vocabulary) for term in phrase):
                known.append(phrase)
                continue
            unknown.append(phrase)
            if after_unknown:
                unmentioned[-1] += phrase
            else:
                unmentioned.append(phrase)
            after_unknown = True
    return _Topic(
        known,
        unknown,
        sum(evidence.idf(term) for term in {term for phrase in known for term in phrase}),
        sum(evidence.idf(term) for phrase in unknown for term in phrase),
        # 「…に取り組んだ事例は」: the casebook's 事例 are its regions, the noun they are asked as
        relates_regions(question) | ({asked_as} - {""}),
        unmentioned,
    )


def supported_evidence(
    evidence: EvidenceIndex,
    question: str,
    ranked: list[RegionEvidence],
    coverage: float = COVERAGE,
    ignored: frozenset[str] = frozenset(),
    asked_as: str = "",
) -> list[RegionEvidence]:
    """The regions whose sentence really says what was asked: it shares the question's
    distinctive nouns (those in at most a tenth of the units; 地域 and 連携 say nothing on
    their own) with at least a COVERAGE share of their weight, each compound counting only
    when a part that narrows it is said (ヒグマ対策: ヒグマ, not 対策 alone). A compound with a part the
    casebook never uses (除雪作業) is unknown as a whole, and so is what its の modifies; when
    unknown compounds outweigh the known nouns (IDF), the topic is not in the casebook: nothing
    is supported. `asked_as`, the noun the regions are asked as (事例), names no topic."""
    topic = _topic(evidence, question, ignored, asked_as)
    known, seen = topic.known, topic.seen
    # 「バス会社と協力している地域」: 協力 ties the topic to the regions; a sentence saying only it says nothing of the topic
    relating = topic.relating
    # 「事務局を町村会に置いている地域」: a record's label (事務局) beside another thing names
    # where to look, and every region's table prints it: a sentence saying only it says nothing
    labels = {term for phrase in known if set(phrase) <= _ATTRIBUTE_WORDS for term in phrase}
    if seen - relating - labels:
        relating = relating | labels
    if not seen or topic.unknown_weight > topic.seen_weight:
        return []
    kept = []
    for item in ranked:
        said = held_terms(seen, set(lemmas_without_counters(item.unit.text)))
        # the project a line belongs to says what the line is about: 「・共同備蓄資機材設置訓練」
        # of 「地域防災体制の充実」 is a 防災訓練
        context = held_terms(seen, set(lemmas(item.unit.project or "")))
        # a compound counts only when a part that narrows it is said (ヒグマ of ヒグマ対策, ごみ
        # of ごみ処理), in the line or its project, beside a part said in the line: its head
        # alone, however rare, says no more than any such thing (「被害」 of 「鳥獣被害」)
        said = {
            term
            for phrase in known
            if _narrowing(phrase) & (said | context) and said & set(phrase)
            for term in phrase
            if term in said | (context & _narrowing(phrase))
        }
        shared = sum(evidence.idf(term) for term in said)
        if said - relating and shared >= coverage * topic.seen_weight:
            kept.append(replace(item, says_all=seen - relating <= said))
    return kept


def _narrowing(phrase: tuple[str, ...]) -> set[str]:
    """The parts of a compound that say which thing it is: those before the head (Japanese
    compounds end in their head: 処理, 対策, 研修); a single word is its own."""
    return set(phrase[:-1]) if len(phrase) > 1 else set(phrase)


def _spelled(question: str, phrase: tuple[str, ...]) -> str:
    """A phrase of lemmas as the question writes it (「漁港の活性化」), from its first word to
    its last and the suffixes after it (化, 性)."""
    words = morphemes(question)
    starts = [index for index, word in enumerate(words) if word[3] == phrase[0]]
    for first in starts:
        last = next((index for index in range(first, len(words)) if words[index][3] == phrase[-1]), None)
        if last is not None:
            while last + 1 < len(words) and words[last + 1][1] == "接尾辞":
                last += 1
            return question[words[first][4] : words[last][4] + len(words[last][0])]
    return "".join(phrase)


def _plain(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _quoted(question: str) -> list[str]:
    """The phrases the question quotes in 「」 or 『』 (two characters or more)."""
    return [_plain(phrase) for phrase in re.findall(r"[「『]([^」』]{2,})[」』]", question) if _plain(phrase)]


def _unit_years(facts: FactsStore, evidence: EvidenceIndex | None) -> dict[tuple[str, int], str]:
    """The fiscal year (「令和4年度」) of each unit printed within a year's lines of a
    project's 事業概要, by the unit's document and start."""
    if evidence is None:
        return {}
    blocks = [
        (a.span, japanese_fiscal_year(a.year))
        for region in facts.regions
        for project in region.projects
        for a in project.activities
        if a.span
    ]
    years = {}
    for unit in evidence.units:
        year = next((year for span, year in blocks if span.doc_id == unit.doc_id and span.start <= unit.start < span.end), None)
        if year is not None:
            years[(unit.doc_id, unit.start)] = year
    return years


def _distinctive_nouns(evidence: EvidenceIndex, question: str) -> set[str]:
    """The question's nouns in at most a tenth of the units — a date's words (令和, 年度)
    aside, written with its number or asked without one (「一番多かった年度は」): a date says
    when, not what (a table's 「令和5年度 令和6年度」 says nothing)."""
    return {term for term in noun_lemmas(without_dates(question)) if evidence.idf(term) > evidence.common_idf} - DATE_COUNTERS


def attribute_words(attributes: tuple[str, ...]) -> frozenset[str]:
    """The lemmas of the attributes' labels and nouns (人口, 交付額): a value asked or computed,
    never what the regions did."""
    return frozenset(word for name in attributes for noun in (ATTRIBUTES[name].label, *ATTRIBUTES[name].nouns) for word in lemmas(noun))


_ATTRIBUTE_WORDS = attribute_words(tuple(ATTRIBUTES))


class TopicalListAnswerer:
    def __init__(self, facts: FactsStore, evidence: EvidenceIndex | None, embed_query: Callable[[str], np.ndarray]):
        self.facts = facts
        self.evidence = evidence
        self.embed_query = embed_query
        # the words of the kinds' labels (地域づくり総合交付金活用地域): they choose the pool, not the topic
        self.kind_words = frozenset(word for region in facts.regions for word in lemmas(region.kind_label))
        self.unit_years = _unit_years(facts, evidence)

    def names_topic_beyond_kind(self, question: str, ignored: frozenset[str] = frozenset()) -> bool:
        """Whether the question asks about something the casebook says besides the kind of
        region (「防災の勉強会を開いた交付金活用地域」, not 「交付金を使っている地域」) and the
        `ignored` words (a computation's: 「人口の合計」)."""
        if self.evidence is None:
            return False
        evidence = self.evidence
        topic = _distinctive_nouns(evidence, question) - self.kind_words - adverbial_nouns(question) - ignored  # 「全部で」
        return any(held(term, evidence.vocabulary) for term in topic)

    def answer(self, q: Question, computing: frozenset[str] = frozenset()) -> Answer | None:
        """The regions whose text says the question's topic; `computing` are the words of a
        computation over them (「人口の合計」「地域の数」), no part of the topic."""
        if self.evidence is None or not self.evidence.units or q.regions:
            return None
        if not self._names_known(q.text):
            return None  # 「十勝」「函館」: a place the casebook never mentions
        # nouns of how much, when or other than (全部, 毎年, 以外: UniDic's 副詞可能) say nothing of the topic
        ignored: frozenset[str] = adverbial_nouns(q.text) | computing
        ignored |= attribute_words(q.asked_of_regions)  # 「…した地域の人口は」: the value asked of each, not the topic
        outside_kind: tuple[str, ...] = ()
        if q.region_kind:  # the list is of that kind's regions (or of the others, when negated)
            ignored |= self.kind_words
            outside_kind = tuple(r.name for r in self.facts.regions if not r.is_of_kind(q.region_kind, q.negates_kind))
        ranked = region_evidence(
            self.evidence, self.embed_query(q.text), q.text, exclude_regions=outside_kind, ignored=ignored, years=self.unit_years
        )
        supported = supported_evidence(self.evidence, q.text, ranked, ignored=ignored, asked_as=q.regions_asked_as)
        kept = listed(supported)
        near = [item for item in supported if NEAR <= item.score and item not in kept]
        if not kept:
            topic = _topic(self.evidence, q.text, ignored | attribute_words(q.attributes), q.regions_asked_as)  # 「見込額が…」: a value
            if topic.absent and (q.asks_which or q.operation == "count"):
                # 「空き家対策をしている地域はいくつ」: none said, not every region counted
                named = "」「".join(_spelled(q.text, thing) for thing in topic.unmentioned)
                text = f"{NOT_IN_CASEBOOK}（「{named}」に当たる記述のある地域は見当たりません）"
                return Answer(question=q.text, kind="unanswerable", answer=text, regions=[], citations=[])
            return None
        citations = CitationList()
        negated_list = q.negates_regions and not q.negates_kind
        lines = []
        for item in kept:
            lines.append(f"・{item.region}：{item.unit.text}{self._cite(citations, item.unit)}")
        if negated_list:
            others = [r.name for r in self.facts.regions if r.name not in {i.region for i in kept} and r.name not in outside_kind]
            if others:
                rest = f"{len(others)}地域（{'、'.join(others)}）"
                head = f"次の{len(kept)}地域には記述がありますが、それ以外の{rest}には記述が見当たりません。"
            else:
                head = f"事例集の{len(kept)}地域すべてに記述があります。当てはまらない地域は見当たりません。"
            return Answer(question=q.text, kind="list", answer=head + "\n" + "\n".join(lines), regions=others, citations=citations.items)
        text = f"事例集でお尋ねの内容に当たる記述がある地域は{len(kept)}地域です。\n" + "\n".join(lines)
        if near:
            text += "\n関連する可能性がある地域：" + "、".join(f"{item.region}{self._cite(citations, item.unit)}" for item in near)
        kind = "aggregate" if q.operation == "count" else "list"
        return Answer(question=q.text, kind=kind, answer=text, regions=[item.region for item in kept], citations=citations.items)

    def _names_known(self, question: str) -> bool:
        """Every proper noun of the question appears somewhere in the units."""
        if self.evidence is None:
            return False
        vocabulary = self.evidence.vocabulary
        # a loanword UniDic cut into pieces may read as a name (インス of インスタグラム): taken whole
        names = with_loanwords({name for name in names_and_numbers(question) if not name.isdigit()}, question, vocabulary.__contains__)
        return all(held(name, vocabulary) for name in names)

    def _cite(self, citations: CitationList, unit: EvidenceUnit) -> str:
        number = citations.add(
            doc=unit.doc_id,
            region=unit.region,
            project=unit.project,
            section=unit.section,
            page=unit.page,
            quote=unit.text,
            chunk_id=unit.chunk_id,
            start=unit.start,
            end=unit.end,
        )
        return f"[{number}]"
