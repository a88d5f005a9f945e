"""The records answerer's view of a question, taken from the one reading in
`assistant.understand.parse` (no phrase matching of its own).

`QuestionFacts` keeps the few fields the older list handlers (`assistant.lists`) work on:
regions and towns named, policy fields, fiscal years, an amount with its comparison, the
superlative or total asked for, one record attribute, and whether regions are asked for.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from assistant.understand.parse import Question, parse
from assistant.understand.vocabulary import MEMBERSHIP_LEMMAS, Vocabulary, region_aliases
from index.facts_store import FactsStore
from index.tokenize import morphemes
from ingest.attribute_words import ATTRIBUTES

__all__ = ["QuestionFacts", "facts_view", "read_question", "region_aliases"]

# the attributes the list handlers answer (the plans of `answerers.aggregates` take the rest)
_LIST_ATTRIBUTES = ("member_count", "population", "area", "grant", "agreement_date")
# words that say the question is about a region's policy fields (the ○ table), not a topic
_FIELD_LEMMAS = frozenset({"分野", "事項"})


@dataclass(frozen=True)
class QuestionFacts:
    text: str
    regions: tuple[str, ...]
    municipalities: tuple[str, ...]
    fields: tuple[str, ...]
    field_context: bool
    years: tuple[str, ...]
    amount_thousand_yen: int | None
    comparator: str | None
    superlative: str | None  # "max" | "min"
    attribute: str | None  # member_count | population | area | grant | agreement_date
    wants_count: bool
    wants_total: bool
    wants_difference: bool  # 「令和4年度と5年度の交付額の差は」
    asks_regions: bool
    negates_regions: bool  # 「…していない地域」: the regions without it
    asks_content: bool  # 何・どんな・どう…: asks what, not whether
    asks_membership: bool
    region_kind: str | None  # grant | national
    region_kind_negated: bool  # 「交付金を使っていない地域」: every region but that kind
    # a named town's role, not its membership: the regions it is the secretariat of (「遠軽町が
    # 事務局の地域」), or whether it is a named region's (「宗谷の中心市は稚内市ですか」)
    town_is_secretariat: bool = False
    # 「交付金を2件受けた地域」: a number of something no record counts (2件), so the kind
    # of region alone does not answer
    counts_the_unrecorded: bool = False


def facts_view(q: Question) -> QuestionFacts:
    money = next((quantity for quantity in q.quantities if quantity.counter == "円"), None)
    lemmas = set(q.lemmas)
    # 「構成市町村が一番多い」: the members, counted (as the query plans read it)
    attributes = ["member_count" if a == "members" and q.operation else a for a in q.attributes]
    return QuestionFacts(
        text=unicodedata.normalize("NFKC", q.text),  # what the list handlers and passages compare
        regions=q.regions,
        municipalities=q.municipalities,
        fields=q.fields,
        field_context=bool(lemmas & _FIELD_LEMMAS) or "○" in q.text or _cooperates_in(q.text),
        years=q.fiscal_years,
        amount_thousand_yen=int(round(money.value / 1000)) if money else None,
        comparator=money.comparator if money else None,
        superlative=q.operation if q.operation in ("max", "min") else None,
        attribute=next((a for a in attributes if a in _LIST_ATTRIBUTES), None)
        or (q.extreme_attribute if q.extreme_attribute in _LIST_ATTRIBUTES else None),
        wants_count=q.operation == "count",
        wants_total=q.operation == "sum",
        wants_difference=q.asks_difference,
        asks_regions=q.asks_which,
        negates_regions=q.negates_regions and not q.negates_kind,
        asks_content=q.asks_content,
        asks_membership=q.asks_which
        or bool(lemmas & MEMBERSHIP_LEMMAS)
        or (("どこ" in q.text or "どの" in q.text) and not q.asks_where_of_a_thing),
        region_kind=q.region_kind,
        region_kind_negated=q.negates_kind,
        town_is_secretariat=bool(q.municipalities) and "secretariat" in q.attributes,
        counts_the_unrecorded=any(_unrecorded_counter(quantity.counter) for quantity in q.quantities),
    )


def _unrecorded_counter(counter: str) -> bool:
    """A counter (回, 件, つ) no record value is counted in (人, 円, 町, km2 are; 「8地域」
    restates the regions)."""
    return bool(counter) and counter != "地域" and not any(counter in spec.counters for spec in ATTRIBUTES.values())


def _cooperates_in(text: str) -> bool:
    """「防災で連携している」「医療を連携する」「防災の連携をしている」: 連携 as the verb (or the
    object of one), with what is shared before it — not the noun of 連携地域."""
    words = morphemes(text)
    for index, (_surface, _pos1, _pos2, lemma, _start) in enumerate(words):
        if lemma != "連携":
            continue
        after = words[index + 1][3] if index + 1 < len(words) else ""
        before = words[index - 1][0] if index else ""
        if after in ("為る", "する") or before in ("で", "を") or (before == "の" and after == "を"):
            return True
    return False


def read_question(question: str, facts: FactsStore) -> QuestionFacts:
    """Parse and view in one call (tests and tools; the assistant parses once and views)."""
    return facts_view(parse(question, Vocabulary(facts)))
