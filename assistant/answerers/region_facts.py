"""A named region's record value: 「後志は何町村？」「日高の協定はいつ結んだ？」
「宗谷の面積は？」 — the attributes the parse read (by the table's label or by the counter
of its value), answered from the record with the value first and its source line cited.

A change is answered when the record holds it, over the grant's years (「交付額の推移」
「令和5年度は前の年からどれくらい増えた」: from the first figure to the last asked).

Left to passages: a question about another change (「人口はどのくらい減った」, a difference the
table does not hold); an attribute whose kind of value is not the kind asked for (「ビジョン
策定委員会は何回開いた」 holds ビジョン but asks a count); and a question about something more
specific than the region (「PRパンフレットは何町村合同」: パンフレット is in few passages).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answer import Answer, CitationList
from assistant.answerers.aggregates import Operand, first_paid, format_value, of_type, paid_grants, record_operands
from assistant.answerers.citing import cite_span
from assistant.understand.answer_type import NAME_NOUNS, asks_how_or_why, expected
from assistant.understand.numbers import japanese_fiscal_year, label_year
from assistant.understand.parse import BEGINNING_WORDS, Question
from index.facts_store import FactsStore
from index.synonyms import CHANGE_WORDS
from index.tokenize import adverbial_nouns, noun_lemmas, question_words
from ingest.attribute_words import ATTRIBUTES
from ingest.records import Region, Sourced

# what a value answers: a municipality's name answers 「どこ」 as well as 「何という」
_ANSWERS = {"name": {"name", "place"}}


def answers(attribute: str, wanted: str) -> bool:
    """Whether the attribute's value is the kind of answer asked for ("" asks anything)."""
    kind = ATTRIBUTES[attribute].answer_kind
    return not wanted or wanted in _ANSWERS.get(kind, {kind})


def _attribute_of_the_value_asked(question: str) -> str | None:
    """The one attribute whose values are of the kind asked (「日高の交付金、令和五年度はいくら」:
    a region's only sum of money is its grant); None when several are (a date may be the
    agreement's or the vision's)."""
    kind = expected(question).kind
    matching = [name for name, spec in ATTRIBUTES.items() if kind and spec.answer_kind == kind]
    return matching[0] if len(matching) == 1 else None


# 「それぞれ」「町ごと」「各町」「市町村別」: a value of each member, not of the region
_DISTRIBUTIVE = frozenset({"其々", "毎"})
_TOWN_NOUNS = frozenset({"市", "町", "村", "市町", "町村", "市町村"})


def _of_each_member(lemmas: tuple[str, ...], regions_named: int = 1) -> bool:
    """(「後志と日高の人口はそれぞれ」: with two regions or more named, それぞれ is each region's.)"""
    by_town = any(lemma == "別" and before in _TOWN_NOUNS for before, lemma in zip(lemmas, lemmas[1:]))
    distributive = _DISTRIBUTIVE & set(lemmas) - ({"其々"} if regions_named > 1 else set())
    return bool(distributive) or by_town or any(lemma.startswith("各") and len(lemma) > 1 for lemma in lemmas)


def _printed_figures(region: Region, attribute: str) -> dict[str, Sourced]:
    """Each member's own figure of `attribute` where the booklet prints one (北見's report
    gives each town's population), by the member's name, in the members' order."""
    return {m.name: value for m in region.members if (value := getattr(m, attribute, None)) is not None and value.value is not None}


def _members_values(region: Region, attribute: str, citations: CitationList, facts) -> list[str]:
    """Each member's value where the booklet prints one, else a line saying it gives the
    region's only."""
    printed = _printed_figures(region, attribute)
    label = ATTRIBUTES[attribute].label
    if not printed:
        return [f"構成市町村ごとの{label}は事例集に記載がありません。"]
    return [
        f"・{town}：{format_value(attribute, v.value)}{cite_span(facts, citations, v.span, region.name)}" for town, v in printed.items()
    ]


_TOWN_FIGURES = ("population", "area")
# 「中心市の人口」「事務局の町の面積」「中心市って人口は」: a figure of the town another value names
_OF_THE_TOWN = re.compile(
    "(?:{})(?:を務める|を担う|の)?(?:市町村|市町|町村|市|町|村)?(?:の|って|は)、?(?:{})".format(
        "|".join(ATTRIBUTES["secretariat"].nouns), "|".join(noun for a in _TOWN_FIGURES for noun in ATTRIBUTES[a].nouns)
    )
)


def _figure_of_the_town(question: str, attributes: list[str]) -> str | None:
    """The figure asked of the secretariat's (or the central city's) own town, when the
    question writes it as that town's (「中心市の人口」), not the region's beside it."""
    if "secretariat" not in attributes:
        return None
    figures = [a for a in attributes if a in _TOWN_FIGURES]
    return figures[0] if len(figures) == 1 and _OF_THE_TOWN.search(question) else None


def _asks_for_regions(q: Question) -> bool:
    """Whether どこ asks for regions — not when a region is named and a value of it that is
    a place is asked (「後志は何町村で、事務局はどこ」: the secretariat's town)."""
    compares = q.asks_same or q.than_region or q.quantities or q.operation  # 「日高と同じ事務局の地域はどこ」
    asks_a_place_of_it = bool(q.regions) and not compares and any(ATTRIBUTES[a].answer_kind == "name" for a in q.attributes)
    return q.asks_which and not asks_a_place_of_it


# a noun in at most this share of the passages names something more specific than a region
_SPECIFIC = 0.05


def _stated_member_count(q: Question) -> int | None:
    """The one count of municipalities the question states (「3町で」「三つの市町村で」)."""
    counters = ATTRIBUTES["member_count"].counters
    stated = [quantity.value for quantity in q.quantities if quantity.comparator == "==" and quantity.counter in counters]
    return int(stated[0]) if len(stated) == 1 else None


def _confirmed(q: Question, attribute: str, operands: list[Operand]) -> bool | None:
    """Whether the record agrees with a yes / no question that states the value (「事務局は
    岩見沢市ですか」「遠軽は3町で構成されていますか」); None when it asks what the value is."""
    if q.asks_content or len(operands) != 1:
        return None
    value = operands[0].value
    if attribute in ("members", "member_count"):
        stated = _stated_member_count(q)
        count = len(value) if attribute == "members" else value
        return None if stated is None else stated == count
    if attribute == "secretariat" and q.municipalities:
        return all(town in value for town in q.municipalities)
    return None


class RegionFactsAnswerer:
    def __init__(self, facts: FactsStore):
        self.facts = facts

    def _more_specific(self, q: Question) -> bool:
        """Whether the question names something rarer than the region and the attribute."""
        words = set()
        for name in q.regions:
            words |= set(noun_lemmas(name))
        for attribute in q.attributes:
            for noun in ATTRIBUTES[attribute].nouns + ATTRIBUTES[attribute].counters:
                words |= set(noun_lemmas(noun))
        # 「いくら」 asks, 「全部」 counts, 「名前」 asks the kind of value: none names a thing
        words |= question_words(q.text) | adverbial_nouns(q.text) | NAME_NOUNS
        if self._yearly(q):  # 「交付額の推移」: the change over the years the record gives
            words |= CHANGE_WORDS
        if q.begins:  # 「いつスタートした」: when it began, the date the record gives
            words |= BEGINNING_WORDS
        if "secretariat" in q.attributes:  # 「中心市は稚内市ですか」: the town named is the value asked of
            words |= {lemma for town in q.municipalities for lemma in noun_lemmas(town)}
        if _of_each_member(q.lemmas):  # 「市町別の」: of each member, nothing narrower
            words |= _DISTRIBUTIVE | {"別"} | {lemma for lemma in q.lemmas if lemma.startswith("各")}
        limit = _SPECIFIC * len(self.facts.chunks)
        return any(self.facts.document_frequency(term) <= limit for term in noun_lemmas(q.text) if term not in words and not term.isdigit())

    def _yearly(self, q: Question) -> bool:
        """Whether every attribute asked has a figure for two years or more in each region
        named (the grant's table): a change over them is in the record."""
        regions = [region for name in q.regions if (region := self.facts.region(name)) is not None]
        return bool(regions and q.attributes) and all(
            sum(1 for o in record_operands(region, attribute) if o.year) >= 2 for region in regions for attribute in q.attributes
        )

    def answer(self, q: Question, by_meaning: bool = False, check_kind: bool = True) -> Answer | None:
        """The record values of the question's attributes; `by_meaning` when the attribute
        came from the nearest attribute card rather than from a word of the table; not
        `check_kind` when the attributes are values asked beside a list (「…地域の名前と人口」:
        名前 asks for the regions, 人口 for a value of each)."""
        asked = expected(q.text)
        if q.regions and q.begins and not q.fiscal_years and "grant" in (q.region_kind, *q.attributes) and asked.kind == "date":
            return self._first_grant_year(q)
        if q.regions and "grant" in (q.region_kind, *q.attributes) and asked.kind == "count" and asked.counter in ("年", "年間", "年度分"):
            return self._grant_years(q)  # 「南空知は交付金を何年もらっている」: the years it received it
        if not q.attributes and (inferred := _attribute_of_the_value_asked(q.text)) is not None:
            q = replace(q, attributes=(inferred,))  # 「日高の交付金はいくら」 asks the grant
        elif not q.attributes and q.regions and q.begins and asked.kind == "date":
            q = replace(q, attributes=("agreement_date",))  # 「釧路の連携はいつから」: it begins with its agreement
        elif not q.attributes and q.regions and q.region_kind == "grant" and set(q.lemmas) & CHANGE_WORDS:
            q = replace(q, attributes=("grant",))  # 「日高の交付金は増えてる？」: the grant's figures changed
        elif not q.attributes and q.regions and not q.asks_content and _stated_member_count(q) is not None:
            q = replace(q, attributes=("member_count",))  # 「留萌南部って3つの市町村でやっているの？」
        if not q.regions or not q.attributes or q.operation in ("sum", "max", "min", "compare") or q.amended:
            return None  # (「協定はいつ変更された」: the record's line with its amendment, lists.py)
        # 「交付額の推移」「交付額は増えた？」: a change the record shows over its years is
        # answered from them; another change (「人口はどのくらい減った」) the table does not hold
        changing = bool(set(q.lemmas) & CHANGE_WORDS)
        if changing and not self._yearly(q):
            return None
        # (「幹事はどうやって決めている」 asks the way, not the secretariat; 「どう変わった」 asks the change)
        if not by_meaning and (_asks_for_regions(q) or self._more_specific(q) or (asks_how_or_why(q.text) and not changing)):
            return None
        # the kind of value asked rules out an attribute read by mistake (「ビジョン懇談会の委員は
        # 何人」: not the vision's date); two attributes named are two things asked
        # (「協定はいつ結ばれ、構成町村はいくつ」), each in its own kind
        # one question word asks one thing (「協定を結んだ市町村はいくつ」: the count, 協定 only
        # says which municipalities), when it is the kind of one attribute read
        wanted = expected(q.text).kind if check_kind and (len(q.attributes) == 1 or len(question_words(q.text)) == 1) else ""
        attributes = [attribute for attribute in q.attributes if answers(attribute, wanted)]
        if not attributes and len(q.attributes) > 1:
            attributes = list(q.attributes)
        if not attributes:
            return None

        town_figure = _figure_of_the_town(q.text, list(q.attributes))  # (the town named, though a figure is asked)

        def values(region: Region, citations: CitationList) -> list[str]:
            lines = []
            name = region.name
            if town_figure is not None:
                return self._town_figure(region, town_figure, citations)

            def value_text(attribute: str, operand: Operand) -> str:
                """「令和5年度 7,000千円（見込）[1]」: a value with its year, note and citation."""
                year = f"{japanese_fiscal_year(operand.year)} " if operand.year else ""
                note = "（見込）" if attribute == "grant" and operand.year in region.estimated_years else ""
                if attribute == "secretariat" and region.secretariat_year:  # 「共和町(R5)」
                    note = f"（{japanese_fiscal_year(region.secretariat_year)}）"
                return f"{year}{format_value(attribute, operand.value)}{note}{cite_span(self.facts, citations, operand.span, name)}"

            for attribute in attributes:
                operands = record_operands(region, attribute, q.fiscal_years)
                label = region.secretariat_label if attribute == "secretariat" and region.secretariat_label else ATTRIBUTES[attribute].label
                if not operands and q.fiscal_years and (printed := record_operands(region, attribute)):
                    # 「令和4年度の交付額」 of a region whose table starts in 令和5年度: the years it has
                    asked_years = "・".join(japanese_fiscal_year(year) for year in q.fiscal_years)
                    had = "、".join(value_text(attribute, operand) for operand in printed)
                    lines.append(f"{name}の{asked_years}の{label}は事例集に記載がありません。記載があるのは{had}です。")
                    continue
                if not operands:
                    lines.append(f"{name}の{label}は事例集に記載がありません（{region.kind_label}）。")
                    continue
                if attribute in ("member_count", "members") and (of_kind := _members_of_kind(region, q.municipality_types)):
                    # 「村はいくつ」: the kind asked first (cited first), then the whole count
                    lines.append(f"{name}の構成市町村のうち{of_kind}です{cite_span(self.facts, citations, region.members[0].span, name)}。")
                parts = [value_text(attribute, operand) for operand in operands]
                if changing:
                    estimated = region.estimated_years if attribute == "grant" else frozenset()
                    change = _change_over_years(record_operands(region, attribute), q.fiscal_years, estimated)
                    cited = cite_span(self.facts, citations, operands[0].span, name)
                    unknown = f"の増減は事例集からは分かりません（未定の年度があります）{cited}。"
                    lines.append(f"{name}の{label}は{change}{cited}。" if change else f"{name}の{label}{unknown}")
                agrees = _confirmed(q, attribute, operands) if len(q.regions) == 1 else None
                line = ("" if agrees is None else "はい。" if agrees else "いいえ。") + f"{name}の{label}は" + "、".join(parts) + "です。"
                if attribute == "member_count" and (by_kind := members_by_kind(region)):
                    line += f"内訳は{by_kind}です{cite_span(self.facts, citations, region.members[0].span, name)}。"
                if attribute == "secretariat" and region.secretariat_year:
                    line += _unrecorded_years(region.secretariat_year, label, q.fiscal_years)
                lines.append(line)
                if attribute in _TOWN_FIGURES and _of_each_member(q.lemmas, len(q.regions)):  # (a town has no member count)
                    lines += _members_values(region, attribute, citations, self.facts)
            return lines

        return self._per_region(q, values)

    def _town_figure(self, region: Region, attribute: str, citations: CitationList) -> list[str]:
        """「中心市の人口」: the secretariat's towns, then each one's own figure where the booklet
        prints it (北見's report), else that it does not — with the region's figure beside,
        never in its place."""
        towns = region.secretariat
        if towns is None:
            return [f"{region.name}の{region.secretariat_label or ATTRIBUTES['secretariat'].label}は事例集に記載がありません。"]
        label, figure = region.secretariat_label or ATTRIBUTES["secretariat"].label, ATTRIBUTES[attribute].label
        lines = [f"{region.name}の{label}は{'、'.join(towns.value)}{cite_span(self.facts, citations, towns.span, region.name)}です。"]
        printed = _printed_figures(region, attribute)
        for town in towns.value:
            if town in printed:
                value = printed[town]
                marks = cite_span(self.facts, citations, value.span, region.name)
                lines.append(f"{town}の{figure}は{format_value(attribute, value.value)}{marks}です。")
                continue
            line = f"{town}の{figure}は事例集に記載がありません。"
            if whole := record_operands(region, attribute):
                marks = cite_span(self.facts, citations, whole[0].span, region.name)
                line += f"（{region.name}全体の{figure}は{format_value(attribute, whole[0].value)}{marks}です。）"
            lines.append(line)
        return lines

    def _per_region(self, q: Question, say: Callable[[Region, CitationList], list[str]]) -> Answer | None:
        """The lines `say` gives of each region the question names, with their citations."""
        citations = CitationList()
        lines: list[str] = []
        for name in q.regions:
            region = self.facts.region(name)
            if region is not None:
                lines += say(region, citations)
        if not lines:
            return None
        return Answer(question=q.text, kind="fact", answer="\n".join(lines), regions=list(q.regions), citations=citations.items)

    def _grant_years(self, q: Question) -> Answer | None:
        """「日高は何年交付金を受けている」: how many of the table's years have an amount (a year
        未定 or 0 is none), which they are, and those whose amount is an estimate (見込)."""

        def years(region: Region, citations: CitationList) -> list[str]:
            paid = paid_grants(region)
            if not paid:
                return [f"{region.name}の交付額は事例集に記載がありません（{region.kind_label}）。"]
            cited = cite_span(self.facts, citations, paid[0].span, region.name)
            span = "〜".join(dict.fromkeys(japanese_fiscal_year(o.year or "") for o in (paid[0], paid[-1])))
            estimated = [japanese_fiscal_year(o.year or "") for o in paid if o.year in region.estimated_years]
            note = f"、うち{'・'.join(estimated)}は見込額" if estimated else ""
            return [f"{region.name}が交付金を受けた年度は{len(paid)}年度です{cited}（{span}{note}）。"]

        return self._per_region(q, years)

    def _first_grant_year(self, q: Question) -> Answer | None:
        """「日高はいつから交付金を受けている」: the first year of the region's grant table with an
        amount, cited from that row."""

        def first_year(region: Region, citations: CitationList) -> list[str]:
            first = first_paid(region)
            if first is None:
                return [f"{region.name}の交付額は事例集に記載がありません（{region.kind_label}）。"]
            cited = cite_span(self.facts, citations, first.span, region.name)
            year = japanese_fiscal_year(first.year or "")
            return [f"{region.name}が交付金を受け始めたのは{year}です{cited}（{year}の交付額 {format_value('grant', first.value)}）。"]

        return self._per_region(q, first_year)


def _change_over_years(operands: list[Operand], asked: tuple[str, ...], estimated: frozenset[str]) -> str:
    """「令和2年度の8,000千円（800万円）から令和6年度の10,000千円（1,000万円）（見込）へ、
    2,000千円（200万円）増えています」: from the first figure to the last of the years asked
    (one year asked: from the year before it; none: every year printed); `estimated`, the
    years whose figure is an estimate (見込). 未定 is no figure."""
    figures = sorted((o for o in operands if o.year and o.value is not None), key=lambda o: label_year(o.year or "") or 0)
    if len(asked) == 1:
        at = next((i for i, o in enumerate(figures) if o.year == asked[0]), 0)
        figures = figures[at - 1 : at + 1] if at else []
    elif asked:
        figures = [o for o in figures if o.year in asked]
    if len(figures) < 2:
        return ""
    first, last = figures[0], figures[-1]
    attribute = first.attribute

    def year(operand: Operand) -> str:
        return japanese_fiscal_year(operand.year or "")

    def said(operand: Operand) -> str:
        return f"{year(operand)}の{format_value(attribute, operand.value)}{'（見込）' if operand.year in estimated else ''}"

    def turns(fell: bool) -> str:
        """「令和3年度（10,000千円（1,000万円）→600千円（60万円））」: the years that moved the other way."""
        pairs = [(a, b) for a, b in zip(figures, figures[1:]) if (b.value < a.value if fell else b.value > a.value)]
        shown = "、".join(f"{year(b)}（{format_value(attribute, a.value)}→{format_value(attribute, b.value)}）" for a, b in pairs)
        return f"前年度より{'減った' if fell else '増えた'}年度：{shown}" if pairs else ""

    difference = last.value - first.value
    if all(o.value == first.value for o in figures):
        return f"{year(first)}から{year(last)}まで{format_value(attribute, first.value)}で変わっていません"
    if not difference:  # 10,000 → 600 → … → 10,000
        both = "／".join(part for part in (turns(True), turns(False)) if part)
        return f"{said(first)}と{said(last)}が同じ額で、間の年度に増減があります（{both}）"
    moved = "増えています" if difference > 0 else "減っています"
    against = turns(difference > 0)  # 「増えています」, though it fell in some year
    return f"{said(first)}から{said(last)}へ、{format_value(attribute, abs(difference))}{moved}" + (f"（{against}）" if against else "")


def _members_of_kind(region: Region, kinds: tuple[str, ...]) -> str:
    """「村は6村（島牧村、…）」: the members of the one kind asked (村, 町村), when the booklet's
    list is the whole count."""
    if len(kinds) != 1 or not members_by_kind(region):
        return ""
    kind = kinds[0]
    names = [member.name for member in region.members if of_type(member.name, kind)]
    return f"{kind}は{len(names)}{kind if len(kind) == 1 else '市町村'}（{'、'.join(names)}）" if names else f"{kind}はありません"


def members_by_kind(region: Region) -> str:
    """「1市4町（北見市、美幌町、…）」: the members counted as 市, 町 and 村 (「何市何町」), when the
    list the booklet prints is the whole count."""
    names = [member.name for member in region.members]
    if not names or (region.member_count and region.member_count.value != len(names)):
        return ""
    counts = [f"{sum(name.endswith(kind) for name in names)}{kind}" for kind in ("市", "町", "村") if any(n.endswith(kind) for n in names)]
    return f"{''.join(counts)}（{'、'.join(names)}）"


def _unrecorded_years(recorded: str, label: str, asked: tuple[str, ...]) -> str:
    """The years asked other than the one the booklet names a rotating secretariat for."""
    others = [japanese_fiscal_year(year) for year in asked if year != recorded]
    return f"（{'・'.join(others)}の{label}は事例集に記載がありません。）" if others else ""
