"""One reading of a question: fugashi on the text gives a typed `Question`.

What it reads: the regions and municipalities it names (names from the facts store), the
record attributes it asks about (the table's labels and the counters of their values),
fiscal years (令和五年度, R5, 2023年度, ranges), calendar years (2021年中), quantities with
their counters and comparators (3万人を下回る, 1億2000万円以上), the operation asked for
(count / sum / max / min / compare), negation, the region kind (交付金活用地域 / 国の制度)
and the content words left over. Nothing here knows any particular question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.understand.answer_type import NAME_NOUNS, WHEN, counted_word
from assistant.understand.negation import negated
from assistant.understand.numbers import era_years, fiscal_label, numerals, western_year, with_digits
from assistant.understand.vocabulary import FIELD_WORDS, LESS, MEMBERSHIP_LEMMAS, MORE, Vocabulary
from index.synonyms import synonyms
from index.tokenize import adverbial_nouns, grammatical_words, is_question_word, morphemes
from index.tokenize import lemmas as lemmas_of
from ingest.attribute_words import ATTRIBUTES

# Comparisons by their stems, so every inflection reads (下回る / 下回ってる / 下回っている).
_COMPARATOR_STEMS = (
    ("以上", ">="),
    ("以下", "<="),
    ("未満", "<"),
    ("上回", ">"),
    ("下回", "<"),
    ("超", ">"),
    ("満た", "<"),
    ("より多", ">"),
    ("より大", ">"),
    ("より広", ">"),
    ("より少な", "<"),
    ("より小さ", "<"),
    ("より狭", "<"),
    ("届", ">="),  # 「1,000万円に届いた」; 「届いていない」 is < (negated below)
    ("達", ">="),
)
# a region (masked 〓) compared against: 「後志より人口の多い」「後志よりも面積が広い」
_MORE_STEMS = ("多", "大き", "広", "高", "上回")
_THAN_A_REGION = re.compile(r"〓+\s*より(?:も)?[^。、?？〓]{0,10}?(多|大き|広|高|上回|少な|小さ|狭|低|下回)")
_NEGATED = {"<": ">=", ">": "<=", ">=": "<", "<=": ">", "==": "!=", "!=": "=="}
# adding up: the words for it and their one-word synonyms in Sudachi's dictionary (トータル,
# 累計, 総和)
_SUM_WORDS = frozenset({"合計", "足す", "総額", "総計", "延べ", "総数", "合算"}) | frozenset(
    synonym[0] for word in ("合計", "総計", "合算") for synonym in synonyms(word) if len(synonym) == 1
)
# an average is a sum divided by how many were added (「人口の平均」「平均すると」)
_MEAN_WORDS = frozenset({"平均"})
# 「人口を合わせると」 adds up, but 「AとBを合わせて何地域」 counts regions: a sum only when no
# count is asked (the dictionary lists 合わせる only beside 足す)
_JOINING = frozenset({"合わせる"})
_COUNT_WORDS = frozenset({"いくつ", "幾つ", "幾"})
_SUPERLATIVE_WORDS = frozenset({"一番", "最も", "最", "いちばん"})
_EXTREME_NOUNS = {"最大": "max", "最多": "max", "最高": "max", "最小": "min", "最少": "min", "最低": "min"}
_WHICH_WORDS = frozenset({"どこ", "どの", "何処"})
_COMPARE_WORDS = frozenset({"何方", "どちら", "どっち", "比べる", "比較"})
_DIFFERENCE_WORDS = frozenset({"差", "違う", "異なる", "ずれる", "ズレる", "別", "変わる", "変化"})
_SAME_WORDS = frozenset({"同じ", "同日", "同一"})
# the nouns that ask how named things differ (「釧路と宗谷の取組の違いは」): how, not what
COMPARISON_NOUNS = frozenset({"違い", "比較", "差", "相違", "差異"})
# a value's change from one year to the next (「交付額が減った」; verbs only: 「増加傾向」 names a trend)
CHANGE_VERBS = frozenset({"増える", "減る", "上がる", "下がる"})
# the words of a ranking asked in order, and the end they imply (「上位3地域」)
_ORDER_WORDS = {"順": None, "順番": None, "ランキング": None, "トップ": "max", "ベスト": "max", "上位": "max", "下位": "min"}
_NEGATION_LEMMAS = frozenset({"ない", "ず", "ぬ", "無い"})
# the words a computation over the records is asked with (合計, 一番, 未満, 比べる): never a topic
OPERATION_WORDS = (
    _SUM_WORDS
    | _COUNT_WORDS
    | _SUPERLATIVE_WORDS
    | frozenset(_EXTREME_NOUNS)
    | _COMPARE_WORDS
    | _DIFFERENCE_WORDS
    | frozenset(_ORDER_WORDS)
    | frozenset({"未満", "以上", "以下", "上回る", "下回る", "超える", "満たす", "次ぐ"})
    | frozenset({"数"})  # 「…地域の数」
)
# every year of the record, not any one: the adverbs of "always" as well as 毎年
_EVERY_YEAR = frozenset({"毎年", "毎年度", "全年度", "各年度", "ずっと", "常"})
_MUNICIPALITY_TYPES = ("市町村", "町村", "市町", "市", "町", "村")
# the counters of a number of municipalities, longest first (「3市町」 before 「3市」)
_MEMBER_COUNTERS = "|".join(sorted(ATTRIBUTES["member_count"].counters, key=len, reverse=True))
_REGION_COUNTERS = ("地域", "か所", "カ所", "ヶ所", "箇所", "圏域")
_FISCAL_RANGE = re.compile(
    r"(令和|平成|R|H)\s*(\d{1,2}|元)\s*(?:年度?)?\s*(?:から|〜|~|-|－|ー|―)\s*(?:(?:令和|平成|R|H)\s*)?(\d{1,2})\s*年度?"
)
_ERA_ALONE = re.compile(r"(令和|平成|昭和)(?!\s*(?:\d|元))")
_SAME_ERA = re.compile(r"\s*(?:と|、|,|・|や|及び|および|又は|または)\s*(\d{1,2}|元)\s*年度")
_FISCAL = re.compile(r"(令和|平成)\s*(\d{1,2}|元)\s*年度|(?<![A-Za-z])(R|H)\s*(\d{1,2})(?![\d.])|(?<!\d)((?:19|20)\d\d)\s*年度")


@dataclass(frozen=True)
class Quantity:
    """A number the question writes, with its counter and the comparison it states."""

    value: float
    counter: str  # 円, 人, km2, 市町村, つ, 年, % …
    comparator: str  # == >= <= < > !=
    start: int
    end: int  # after the numeral (its counter follows)


@dataclass(frozen=True)
class Question:
    text: str  # NFKC
    digits: str  # numerals as digits (八百万円 → 8000000円)
    regions: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    fiscal_years: tuple[str, ...] = ()  # "R5", ranges expanded
    calendar_years: tuple[int, ...] = ()  # 2021年中
    date_bound: str = ""  # how its one year bounds a date, as written (「令和3年以降」: 以降; DATE_BOUNDS)
    era: str | None = None  # an era named without a year (「平成のうちに」「令和に入ってから」)
    quantities: tuple[Quantity, ...] = ()
    attributes: tuple[str, ...] = ()  # record attributes, in order of mention
    # the attributes named after the regions asked for (「…した地域の人口は」): a value asked
    # of each listed region, not words of what the regions did
    asked_of_regions: tuple[str, ...] = ()
    operation: str | None = None  # count | sum | max | min | compare
    extreme_attribute: str | None = None  # the attribute a superlative adjective implies (広い → area)
    asks_which: bool = False  # どこ / どの / …地域は
    regions_asked_as: str = ""  # the noun they are asked as (「…した事例は」: 事例): the answer's head, no topic
    asks_where_of_a_thing: bool = False  # 「…の申請先はどこ」「…センターはどこが運営」: no regions, no towns
    asks_content: bool = False  # a question word (何, どんな, どう, なぜ, いつ, 誰) or a request (教えて): not a yes/no question
    asks_difference: bool = False  # 差 / 違う / ずれる
    asks_ratio: bool = False  # 何倍: one value against another
    summed: bool = False  # 合計 / 総額: a per-year value added up (「交付額の合計が一番大きい地域」)
    averaged: bool = False  # 平均: the sum divided by how many values were added
    asks_same: bool = False
    every_year: bool = False
    paid_every_year: bool = False  # 「毎年度交付金を受けている地域」: nothing asked of them but that
    any_year: bool = False  # 「令和4年度か令和5年度」「いずれかの年度」: one of the years named will do
    negated: bool = False
    negates_regions: bool = False  # 「…していない地域は」: the asked-for regions are the ones that do not
    kind_negated: bool = False  # 「交付金を使わずに…」: the predicate of the kind's word is negated
    region_kind: str | None = None  # grant | national
    fields: tuple[str, ...] = ()  # policy fields of the ○ table
    municipality_types: tuple[str, ...] = ()  # a bare 市 / 町村 the question talks about
    municipality_only: tuple[str, ...] = ()  # 「町村だけ」「村と町だけ」: every member of these kinds
    kind_counts: tuple[tuple[str, Quantity], ...] = ()  # 「市が二つ以上」: how many members of a kind
    activity_state: str | None = None  # a project year's state the booklet prints (検討中, 未定)
    amended: bool = False  # 改定 / 改訂 / 変更 of an agreement or vision
    spread: bool = False  # 「一番多い地域と一番少ない地域の差」: the gap between the two ends of a ranking
    both_ends: bool = False  # 「一番多い地域と一番少ない地域は」: the first and the last of a ranking
    places: int = 0  # 「上位3地域」「多い地域を3つ」「トップ3」: how many places of a ranking are asked (0: the first)
    begins: bool = False  # 「令和4年度から受け始めた」「初めて」: the year something started
    after_previous_year: bool = False  # 「前年度より増えた」: the year named against the one before
    says_change: bool = False  # 「増えた」「下がった」「少なくなった」: a value changed between years
    changed: tuple[str, ...] = ()  # the attributes a change is said of (「人口が減っている」: population)
    lemmas: tuple[str, ...] = field(default_factory=tuple)
    than_region: str | None = None  # 「後志より人口の多い地域」: the region whose value is the threshold
    than_comparator: str = ""  # > or <

    @property
    def negates_kind(self) -> bool:
        """「交付金を使っていない地域」: every region but the kind named."""
        return bool(self.region_kind) and self.kind_negated


def fiscal_years(text: str) -> tuple[str, ...]:
    """Fiscal years as the booklet labels them ("R5"): 令和5年度, R5, 2023年度, and ranges
    (令和元年度から4年度まで, 令和3〜5年度) expanded."""
    years: list[int | None] = []
    taken: list[tuple[int, int]] = []

    for match in _FISCAL_RANGE.finditer(text):
        first = western_year(match.group(1), match.group(2))
        last = western_year(match.group(1), match.group(3))
        if first and last and first <= last <= first + 20:
            years += range(first, last + 1)
            taken.append(match.span())
    for match in _FISCAL.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        if match.group(1):
            years.append(western_year(match.group(1), match.group(2)))
            # 「令和4年度と5年度」「令和4年度、5年度」: the years after it in its era
            position = match.end()
            while listed := _SAME_ERA.match(text, position):
                years.append(western_year(match.group(1), listed.group(1)))
                taken.append(listed.span())
                position = listed.end()
        elif match.group(3):
            years.append(western_year(match.group(3), int(match.group(4))))
        else:
            years.append(int(match.group(5)))
    return tuple(dict.fromkeys(fiscal_label(y) for y in years if y))


def _calendar_years(text: str) -> tuple[int, ...]:
    """Years written as calendar years: 「2021年中」「令和3年の1月から12月」, ranges expanded
    (「令和2年から令和4年」) — not fiscal years (年度) and not the year of a full date (令和3年1月7日)."""
    found: list[int] = []
    previous_end = -1
    for year, start, end in era_years(text):
        after = text[end : end + 8]
        if after.startswith("度") or re.match(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日", after):
            continue
        if found and _RANGE_JOINS.fullmatch(text[previous_end:start]) and found[-1] < year <= found[-1] + 20:
            found += range(found[-1] + 1, year + 1)  # 「令和2年から令和4年」: every year between
        else:
            found.append(year)
        previous_end = end
    return tuple(dict.fromkeys(found))


# A year that bounds a date on one side, by the word after it: from it on, after it, up to
# it, before it. 「令和2年から令和4年」 is a range of two years, not a bound.
DATE_BOUNDS = {"以降": "from", "以後": "from", "から": "from", "より後": "after", "以前": "until", "まで": "until", "より前": "before"}


def _date_bound(digits: str) -> str:
    """The word by which the question's one year bounds a date (「令和3年以降に締結」: 以降),
    empty when the year is named as itself or the question names two."""
    years = era_years(digits)
    if len(years) != 1:
        return ""
    tail = re.sub(r"^\s*度?\s*", "", digits[years[0][2] :])
    return next((word for word in DATE_BOUNDS if tail.startswith(word)), "")


def parse(question: str, vocabulary: Vocabulary) -> Question:
    digits = with_digits(question).strip()
    regions, municipalities, masked = vocabulary.find_regions(digits)
    # 「後志より人口の多い地域」: the region named is the measure, not the subject
    than_region, than_comparator = None, ""
    if len(regions) == 1 and (than := _THAN_A_REGION.search(masked)):
        than_region, than_comparator, regions = regions[0], (">" if than.group(1) in _MORE_STEMS else "<"), ()
    words = morphemes(masked)
    lemmas = tuple(lemma for _, _, _, lemma, _ in words)
    lemma_set = set(lemmas)

    # proper nouns that are not names we know, but close to one (a misspelling)
    if not regions:
        for surface, _pos1, pos2, _lemma, _start in words:
            if pos2 == "固有名詞" and (close := vocabulary.fuzzy_region(surface)):
                regions = (close,)
                break

    attributes: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for noun, name in sorted(
        ((noun, name) for name, spec in ATTRIBUTES.items() for noun in spec.nouns), key=lambda item: -len(item[0])
    ):  # 構成市町村数 before 構成市町村
        position = masked.find(noun)
        if position < 0 or any(s <= position < e for s, e in covered):
            continue
        covered.append((position, position + len(noun)))
        if name not in (a for _, a in attributes):
            attributes.append((position, name))

    quantities = _quantities(digits, words, masked)
    for quantity in quantities:  # 「3万人を下回る」 is about population even unnamed
        for name, spec in ATTRIBUTES.items():
            if name == "member_count" and quantity.comparator == "==" and regions:
                continue  # 「南空知の九市町で」 restates the region's size; it asks nothing of it
            if quantity.counter in spec.counters and name not in (a for _, a in attributes):
                attributes.append((quantity.start, name))

    # 「毎年変わらない」「違わない」: a difference denied is the same (the region's years alike)
    same_by_denial = _difference_denied(words, masked)
    operation, extreme_attribute = _operation(words, lemma_set, regions)
    dates = [name for _, name in sorted(attributes) if ATTRIBUTES[name].is_date]
    if extreme_attribute and ATTRIBUTES[extreme_attribute].is_date and dates and extreme_attribute not in dates:
        extreme_attribute = dates[0]  # 「ビジョンの策定が一番新しい」: the date named, not the agreement's by default
    if operation is None and dates and (at_the_end := _end_in_time(words)):
        operation, extreme_attribute = at_the_end, dates[0]  # 「一番最近協定を結んだ地域」: the latest date
    if extreme_attribute and extreme_attribute not in (a for _, a in attributes):
        attributes.append((len(masked), extreme_attribute))
    # 何人 / 何平方キロ / 何市町村 ask for an attribute's value by its counter
    for index, (surface, _p1, _pos2, lemma, start) in enumerate(words):
        if surface == "何" and index + 1 < len(words):
            # 「何町村」: the counter right after names what is counted
            counted, matches = "".join(w[0] for w in words[index + 1 : index + 4]), str.startswith
        elif lemma == "幾" and index + 2 < len(words) and words[index + 2][0] == "の":
            # 「いくつの町村」
            counted, matches = "".join(w[0] for w in words[index + 3 : index + 6]), str.startswith
        elif lemma == "幾" and index >= 2 and words[index - 1][1] == "助詞":
            # 「町村がいくつ」「地域はいくつ」: the counted noun comes first, then its particle
            counted, matches = _noun_run_before(words, index - 1), str.endswith
        else:
            continue
        if counted:
            following = counted
            for name, spec in ATTRIBUTES.items():
                if any(matches(following, counter) for counter in spec.counters):
                    # 「何人参加」 counts participants, not the region's people
                    about = counted_word(words, index) if surface == "何" else ""
                    if spec.counted and about and about not in spec.counted:
                        break
                    if name not in (a for _, a in attributes):
                        attributes.append((start, name))
                    break
            else:
                if any(matches(following, c) for c in _REGION_COUNTERS) and operation is None:
                    operation = "count"

    if operation in ("max", "min") and not attributes:
        # 「最も多くの市町村で構成」: the counted noun names the attribute
        for index, (_surface, pos1, _pos2, _lemma, start) in enumerate(words):
            joined = "".join(w[0] for w in words[index : index + 3])
            if pos1 == "名詞" and any(joined.startswith(c) for c in ATTRIBUTES["member_count"].counters + ("市町村",)):
                attributes.append((start, "member_count"))
                break

    noun_asked = _region_noun_asked(masked)  # None: no regions asked for
    towns_asked: list[tuple[int, str]] = []
    # the towns asked for by where or which: 「根室の五市町ってどこ」 states the count, asks the names
    if regions and all(name == "member_count" for _, name in attributes):
        towns_asked = _members_asked(words)
        if towns_asked:
            attributes = towns_asked
        elif not attributes:  # a named region's value (「日高を構成している町」), never a filter
            # (ranked over its years, the head of a label will do: 「何年度にいちばん交付金を」)
            attributes += _loosely_named_attributes(words) or (_named_by_head(words) if operation in ("max", "min", "sum") else [])
    elif (
        not attributes
        and (noun_asked is not None or _ranked_by_superlative(words))
        and (operation in ("max", "min", "sum") or lemma_set & (_SAME_WORDS | _DIFFERENCE_WORDS) or _says_change(words))
    ):
        # what a ranking or a comparison of the regions works on (「交付金の額が一番多い地域」「…が毎年同じ地域」,
        # 「交付金がいちばん多く出たのはどこ」); 「1地域が受け取れる交付金の最大額は」 asks the rule's cap
        # (a noun of the extreme, no superlative of the regions), not of the regions
        attributes += _loosely_named_attributes(words) or _named_by_head(words)

    if regions and attributes and not towns_asked:
        # 「南空知の構成市町と事務局」: a label written loosely beside one written whole (the
        # members' count names them already: a count of the towns that make it up asks no list too)
        named = {name for _, name in attributes} | ({"members"} if any(name == "member_count" for _, name in attributes) else set())
        attributes += [
            (at, name) for at, name in _loosely_named_attributes(words) if name not in named and not any(s <= at < e for s, e in covered)
        ]

    municipality_types, municipality_only = _municipality_types(words, masked, lemma_set, of_a_region=len(regions) == 1)
    kind_text = _without_attribute_nouns(masked)  # 「交付金活用見込額」 names a value, not the kind
    grant_kind = bool(_KIND_WORDS["grant"].search(kind_text))
    national_kind = "制度" in lemma_set and "国" in lemma_set
    region_kind = None if grant_kind == national_kind else "grant" if grant_kind else "national"
    if regions and region_kind == "grant" and not attributes and fiscal_years(digits):
        # 「西紋別は令和2年度に交付金を受けましたか」: a named region paid in a year is that year's
        # amount (its table says, or says nothing of the year), not the region's kind
        attributes.append((0, "grant"))

    every_year = bool(lemma_set & _EVERY_YEAR) or bool(re.search(r"毎年|各年度|全ての年度|すべての年度", masked)) or _says_never(digits)
    fields = tuple(name for name, words in FIELD_WORDS.items() if any(word in masked for word in words))
    both_ends = operation in ("max", "min") and _both_ends(words)
    return Question(
        text=question.strip(),
        digits=digits,
        regions=regions,
        municipalities=municipalities,
        fiscal_years=fiscal_years(digits),
        calendar_years=_calendar_years(digits),
        date_bound=_date_bound(digits),
        era=next((m.group(1) for m in _ERA_ALONE.finditer(digits)), None),
        quantities=tuple(quantities),
        kind_counts=_kind_counts(digits, quantities),
        attributes=tuple(name for _, name in sorted(attributes)),
        asked_of_regions=_asked_of_regions(words, attributes),
        operation=operation,
        extreme_attribute=extreme_attribute,
        asks_which=noun_asked is not None and not towns_asked,  # 「遠軽の三町はどこ」 asks for towns
        regions_asked_as="" if towns_asked else (noun_asked or ""),
        asks_where_of_a_thing=_asks_where_of_a_thing(masked),
        # a question word, or a request (「…の名前を教えて」): what the value is, not whether it is one stated
        asks_content=any(_is_question_word(word) for word in words) or _is_request(_last_sentence(masked)),
        # 「宗谷の人口は北見より多い？」: two regions named, one the measure of the other, are compared
        asks_difference=(bool(lemma_set & _DIFFERENCE_WORDS) and not same_by_denial)
        or (len(regions) >= 2 and bool(_THAN_A_REGION.search(masked))),
        asks_ratio=any(word[3] == "何" and following[3] == "倍" for word, following in zip(words, words[1:], strict=False)),
        summed=bool(lemma_set & _SUM_WORDS),
        averaged=bool(lemma_set & _MEAN_WORDS),
        spread=both_ends and bool(lemma_set & _DIFFERENCE_WORDS),
        both_ends=both_ends,
        places=_places_asked(quantities, words) if operation in ("max", "min") else 0,
        asks_same=bool(lemma_set & _SAME_WORDS) or same_by_denial,
        every_year=every_year,
        paid_every_year=every_year and region_kind == "grant" and not _names_more_than_the_grant(words),
        any_year=_any_of(words),
        negated=bool(lemma_set & _NEGATION_LEMMAS),
        negates_regions=_negates_the_regions(words) and not same_by_denial,
        kind_negated=_kind_negated(kind_text, region_kind) and not same_by_denial,
        region_kind=region_kind,
        fields=fields,
        municipality_types=municipality_types,
        municipality_only=municipality_only,
        activity_state=next((state for state in vocabulary.activity_states if state in masked), None)
        or _state_in_words(words, masked, vocabulary.activity_states),
        amended=bool(lemma_set & _AMENDED),
        # (「根室の連携地域はいつできた」: いつ asked of the region itself, its beginning)
        begins=bool(lemma_set & BEGINNING_WORDS)
        or bool(re.search(r"(?:年度|いつ)\s*から(?!.*まで)", masked))
        or (bool(regions) and _asks_when_the_region_began(words)),
        after_previous_year=bool(re.search(r"前(?:の)?年", masked)),  # 前年度, 前年, 前の年(度)
        says_change=_says_change(words),
        changed=_changed_attributes(words, attributes),
        lemmas=lemmas,
        than_region=than_region,
        than_comparator=than_comparator,
    )


_REGION_NOUNS = frozenset({"地域", "所", "ところ", "圏域", "自治体", "事例", "例"})  # each region is one of the casebook's 事例
# what a count of regions is counted in (「何地域」「何市町村」)
REGION_COUNTERS = _REGION_NOUNS | {"連携地域", "市町村", "町村", "市町", "団体"}


# the words of each kind of region: the grant (「交付金」, or 「交付を受ける」 without 金) or a national scheme
_KIND_WORDS = {"grant": re.compile(r"交付金|交付(?=を(?:受|もら|貰))"), "national": re.compile(r"制度")}
# the nouns that name a record attribute (人口, 事務局, 交付額, 協定)
_ATTRIBUTE_NOUNS = tuple(noun for spec in ATTRIBUTES.values() for noun in spec.nouns)
BEGINNING_WORDS = frozenset({"始める", "始まる", "開始", "初めて", "最初", "スタート"})
_AMENDED = frozenset({"改定", "改訂", "変更", "見直し", "見直す", "改正"})
# belonging, or serving as the secretariat (「事務局は市が務める」)
_MEMBERSHIP_LEMMAS = MEMBERSHIP_LEMMAS | {"担う", "勤める"}  # UniDic's lemma of 務める is 勤める
_SECRETARIAT_WORDS = ("事務局", "中心市")  # written whole; UniDic cuts 事務局 into 事務 + 局


def _municipality_types(words, masked: str, lemma_set: set[str], of_a_region: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A bare 市 / 町 / 村 / 町村 the question talks about as the kind of its members or its
    secretariat (「町村だけの」「事務局は市が務める」) — a word of its own, followed by a
    particle or the copula, in a question about membership or the secretariat, or limited by だけ / のみ
    (「町だけでできている」), or counted of a region named (「後志に村はいくつ」); not part of a
    name (岩見沢市), of 市町村, or of 「町をまたぐ」. Also the kinds said to be the only ones
    (「村と町だけ」: every member is one of them)."""
    about_members = bool(lemma_set & _MEMBERSHIP_LEMMAS) or any(word in masked for word in _SECRETARIAT_WORDS)
    about_members = about_members or (of_a_region and bool(lemma_set & _COUNT_WORDS))
    found: list[str] = []
    only: list[str] = []  # the kinds listed up to だけ / のみ
    for index, (surface, pos1, _pos2, _lemma, _start) in enumerate(words):
        if pos1 != "名詞":
            continue
        run = surface
        following = index + 1
        while following < len(words) and run + words[following][0] in _MUNICIPALITY_TYPES:
            run += words[following][0]  # 町 + 村 → 町村
            following += 1
        if run not in _MUNICIPALITY_TYPES or run == "市町村":
            continue
        if index > 0 and (words[index - 1][1] in ("名詞", "接頭辞", "接尾辞") or words[index - 1][0].startswith("〓")):
            continue  # the end of a name (岩見沢市) or of a longer word
        if index > 1 and words[index - 1][0] == "の" and words[index - 2][0] == "つ":
            continue  # 「3つの町」: the unit a number counts, not a kind of member asked for
        after = words[following] if following < len(words) else None
        while after is not None and after[0] in ("」", "』", ")"):
            following += 1
            after = words[following] if following < len(words) else None
        # followed by a particle, or by the copula (「市じゃない」「町です」)
        if after is not None and (after[1] == "助詞" or (after[1] == "助動詞" and after[3] in ("だ", "です"))):
            found.append(run)
            if after[3] in _ONLY:
                only = [kind for kind in found if _listed_up_to(words, kind, following)] or [run]
    if not (about_members or only):
        return (), ()
    return tuple(dict.fromkeys(found)), tuple(dict.fromkeys(only))


_KIND_COUNTED = re.compile(r"(?:^|[^一-龥々〓])(町村|市|町|村)(?:が|を|は|も)$")


def _kind_counts(digits: str, quantities) -> tuple[tuple[str, Quantity], ...]:
    """How many members of one kind the question asks for (「市が二つ以上」「町を3つ含む」): a
    bare 市 / 町 / 村 and its particle right before a number of things (つ, 個) — not a
    longer word that ends in one (「構成市町村が5つ」)."""
    found = []
    for quantity in quantities:
        kind = _KIND_COUNTED.search(digits[: quantity.start].rstrip())
        if kind and quantity.counter in ("つ", "個"):
            found.append((kind.group(1), quantity))
    return tuple(found)


def _listed_up_to(words, kind: str, limit: int) -> bool:
    """Whether `kind` is joined by と / や to the kinds right before the limiting particle
    (「村と町だけ」), not said in another clause (「市が入っておらず、町村だけ」)."""
    text = "".join(w[0] for w in words[:limit])
    return bool(re.search(rf"{kind}(?:と|や|、|・)?(?:市町村|町村|市町|市|町|村)*$", text))


_ONLY = frozenset({"だけ", "のみ", "ばかり"})


def _region_noun_asked(masked: str) -> str | None:
    """The noun the question's last sentence asks for regions as: どこ, どの + a place noun
    (given as ""), or 地域 (ところ, 圏域, 事例) standing as a noun of its own, followed by a
    particle or the end — 「…を見込む地域ってある？」, 「…を定めた地域を全部挙げて」 — not
    inside a compound (地域づくり総合交付金, 地域連携協定) and not どのくらい; None when it
    asks for none."""
    words = _last_sentence(masked)
    for index, (surface, _pos1, _pos2, lemma, _offset) in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if surface == "どこ":
            return None if _asks_where_a_thing_is(words, index) else ""
        if surface == "どの" and following and following[3] in _REGION_NOUNS | {"連携", "市町村"}:
            return ""
        # (the particle may be dropped before a listing verb: 「…の地域ある？」)
        if lemma in _REGION_NOUNS and (
            following is None or following[1] in ("助詞", "補助記号", "助動詞") or following[3] in _LISTING_VERBS
        ):
            if _names_a_region(words, index):
                continue
            rest = words[index + 1 :]
            if not _asks_something_else(rest) or (rest[0][0] == "を" and _is_request(rest)):
                return lemma
    return None


def _state_in_words(words, masked: str, states: tuple[str, ...]) -> str | None:
    """「まだ決まっていない」 for 未定: a state the records print as 未 + a word (未定) asked by
    that word's verb negated — the verb one of the state's synonyms in Sudachi's dictionary
    or theirs (未定 → 確定 → 決まる, 決定)."""
    for state in states:
        if not state.startswith("未"):
            continue
        near = {word for synonym in synonyms(state) for word in synonym}
        related = near | {word for term in near for synonym in synonyms(term) for word in synonym}
        for surface, _pos1, _pos2, lemma, start in words:
            if lemma in related and negated(masked, start + len(surface)):
                return state
    return None


def _last_sentence(masked: str):
    sentences = [part for part in re.split(r"[。?？!！]", masked) if part.strip()]
    return morphemes(sentences[-1]) if sentences else ()


def _asks_where_of_a_thing(masked: str) -> bool:
    """「北見の成年後見センターはどこが運営」「申請先はどこ」: どこ asks of a thing, not of regions or towns."""
    words = _last_sentence(masked)
    return any(word[0] == "どこ" and _asks_where_a_thing_is(words, index) for index, word in enumerate(words))


# the polite request around a verb (…てください, …ていただけますか, …てほしい)
_REQUEST_VERBS = frozenset({"下さる", "頂く", "願う", "呉れる", "貰う", "欲しい"})
# verbs that leave the regions themselves as the thing asked for (「…地域はありますか」「…地域を挙げて」)
_LISTING_VERBS = (
    frozenset({"有る", "居る", "教える", "挙げる", "上げる", "知る", "示す", "出す", "並べる", "載る", "見せる", "答える"}) | _REQUEST_VERBS
)


def _changes_at(words) -> list[int]:
    """Where a change of a value is said: a verb of change (増える, 下がる), or an adjective of
    degree that becomes (「少なくなった」「多くなっている」)."""
    return [
        index
        for index, word in enumerate(words)
        if word[3] in CHANGE_VERBS or (_direction(word[3]) and index + 1 < len(words) and words[index + 1][3] == "成る")
    ]


def _says_change(words) -> bool:
    return bool(_changes_at(words))


def _changed_attributes(words, attributes: list[tuple[int, str]]) -> tuple[str, ...]:
    """The attributes a change is said of: the noun before the が / は / も of the change's
    clause (「人口が前の調査より減っている」: 人口), not a noun elsewhere (「構成市町村の間の移動が
    大変だという声が挙がった」: 挙がる is 上がる to UniDic, said of 声)."""
    found = []
    for at in _changes_at(words):
        back = at - 1
        while back > 0 and not (words[back][1] == "助詞" and words[back][0] in _SUBJECT_PARTICLES):
            if words[back][1] in ("動詞", "形容詞"):
                back = 0  # another predicate: the clause ended
            back -= 1
        end = back - 1
        if end < 0 or words[end][1] != "名詞":
            continue
        begin = end
        while begin > 0 and words[begin - 1][1] in ("名詞", "接頭辞", "接尾辞"):
            begin -= 1
        found += [name for start, name in attributes if words[begin][4] <= start <= words[end][4]]
    return tuple(dict.fromkeys(found))


_SUBJECT_PARTICLES = frozenset({"が", "は", "も"})


def _any_of(words) -> bool:
    """「令和4年度か令和5年度に」「いずれかの年度」「どちらか」: one of several will do (か after a
    year or after an indefinite pronoun); years named otherwise are each asked."""
    return any(word[3] in _ANY_OF_HEADS and following[0] == "か" for word, following in zip(words, words[1:], strict=False))


_ANY_OF_HEADS = frozenset({"年度", "何れ", "何方"})


def _asks_when_the_region_began(words) -> bool:
    """「いつ」 asked of the region itself: no noun in the question but the region's name (masked),
    the words for a region and 連携 — 「根室はいつ勉強会を」 asks of the 勉強会."""
    asks_when = any(lemma in WHEN for _surface, _pos1, _pos2, lemma, _start in words)
    nouns = {lemma for surface, pos1, pos2, lemma, _start in words if pos1 == "名詞" and pos2 != "数詞" and "〓" not in surface}
    return asks_when and not nouns - _REGION_NOUNS - {"連携", "連携地域"}


def _loosely_named_attributes(words) -> list[tuple[int, str]]:
    """Attributes whose label the question writes in its own order and inflection (「交付金
    の額」, 「構成している市町」): a word of each of the label's parts is among its words."""
    found = []
    for name, spec in ATTRIBUTES.items():
        starts = [min((at for word in part if (at := _lemmas_at(words, word)) is not None), default=None) for part in spec.parts]
        if starts and None not in starts:
            found.append((min(s for s in starts if s is not None), name))
    return found


def _named_by_head(words) -> list[tuple[int, str]]:
    """What a ranking measures when the question writes only the head of a label's loose
    form (「交付金が一番多かった地域」: the grant's amount): the one attribute it can be."""
    found = [
        (at, name)
        for name, spec in ATTRIBUTES.items()
        if spec.parts
        for word in spec.parts[0]
        if (at := _lemmas_at(words, word)) is not None
    ]
    return found if len({name for _, name in found}) == 1 else []


_MEMBER_NOUNS = frozenset(ATTRIBUTES["members"].parts[-1])
_WHICH = frozenset({"何処", "何処何処", "どれ", "何れ"})


def _asked_of_regions(words, attributes: list[tuple[int, str]]) -> tuple[str, ...]:
    """The attributes written after the last region noun (地域, ところ) of the question."""
    ends = [start for _surface, _pos1, _pos2, lemma, start in words if lemma in _REGION_NOUNS]
    return tuple(name for position, name in sorted(attributes) if ends and position > ends[-1])


def _members_asked(words) -> list[tuple[int, str]]:
    """A named region's towns asked for by where or which (「遠軽の三町はどこ」「どの市町が
    入っている」「宗谷の町村を教えて」): its members, though no label is written. Not a town
    that something more specific names (「部会長の町はどこ」「部会長を務めるのはどの町」)."""
    for index, (_surface, pos1, _pos2, lemma, start) in enumerate(words):
        if pos1 != "名詞" or lemma not in _MEMBER_NOUNS:
            continue
        end = index
        while end + 1 < len(words) and words[end + 1][3] in _MEMBER_NOUNS:
            end += 1  # 市 + 町, 町 + 村: one noun of towns
        after = [w[3] for w in words[end + 1 : end + 4]]
        where_of = index > 1 and words[index - 1][0] == "の" and words[index - 2][3] == "何処"  # どこの町
        which = index > 0 and (words[index - 1][3] == "何の" or where_of)
        if which:  # 「どの市町が入っている」「…に入っているのはどこの町」: which towns belong
            before = words[:index]
            cleft = next((at for at in range(len(before) - 1, 0, -1) if before[at - 1][0] == "の" and before[at][0] == "は"), None)
            if MEMBERSHIP_LEMMAS & set(after) or (cleft is not None and _belonging_to_a_region(before[: cleft - 1])):
                return [(start, "members")]
            continue
        of_the_region_only = all(w[0].startswith("〓") or w[0] == "の" or w[2] == "数詞" for w in words[:index])
        asked_where = len(after) >= 2 and words[end + 1][1] == "助詞" and after[1] in _WHICH
        # 「…を全部挙げて」: a quantity word may stand between を and the verb
        requested = len(after) >= 2 and after[0] == "を" and bool(_LISTING_VERBS & set(after[1:3]))
        named = len(after) >= 2 and after[0] == "の" and after[1] in NAME_NOUNS  # 「九市町の名前を教えて」
        if (of_the_region_only or _belonging_to_a_region(words[:index])) and (asked_where or requested or named):
            return [(start, "members")]
    return []


# what ends a clause after its verb (「入っている」「構成された」「実施します」)
_CLAUSE_ENDINGS = frozenset({"て", "居る", "いる", "おる", "為る", "た", "られる", "れる", "ます"})


def _belonging_to_a_region(before) -> bool:
    """Whether the words before a town noun are a clause of belonging to a named region
    (「日高に属する」「根室の連携地域に入っている」「宗谷地域を構成する」): a membership verb,
    only auxiliaries after it, and a region named before it."""
    lemmas = [w[3] for w in before]
    verbs = [at for at, lemma in enumerate(lemmas) if lemma in MEMBERSHIP_LEMMAS]
    if not verbs:
        return False
    verb = verbs[-1]
    return all(lemma in _CLAUSE_ENDINGS for lemma in lemmas[verb + 1 :]) and any(w[0].startswith("〓") for w in before[:verb])


def _lemmas_at(words, word: str) -> int | None:
    """Where the question writes `word` (as a run of its lemmas: 自治体 is 自治 + 体), or None."""
    wanted = tuple(_lemma_of(word))
    lemmas = [lemma for _surface, _pos1, _pos2, lemma, _start in words]
    for index in range(len(lemmas) - len(wanted) + 1):
        if tuple(lemmas[index : index + len(wanted)]) == wanted:
            return words[index][4]
    return None


@lru_cache(maxsize=256)
def _lemma_of(word: str) -> tuple[str, ...]:
    return tuple(lemma for _surface, _pos1, _pos2, lemma, _start in morphemes(word))


def _asks_something_else(rest) -> bool:
    """「…入っている地域は交付金を受けられますか」: after the region noun another verb carries
    the question, so it asks about a case, not for a list of regions."""
    return any(
        pos1 == "動詞" and (lemma not in _LISTING_VERBS or (lemma in _REQUEST_VERBS and not _after_te(rest, index)))
        for index, (_surface, pos1, _pos2, lemma, _start) in enumerate(rest)
    )


def _after_te(words, index: int) -> bool:
    """Whether the verb at `index` follows て (「教えてもらえる」: a request), not a verb of its own
    (「地域がもらえる交付金」: receiving)."""
    return index > 0 and words[index - 1][0] in ("て", "で")


def _is_question_word(word) -> bool:
    _surface, pos1, _pos2, lemma, _start = word
    return is_question_word(pos1, lemma)


def acts_on_regions(text: str) -> frozenset[str]:
    """The verbal nouns done to the regions themselves (「地域を列挙して」「地域を一覧化
    する」「…地域をリストアップ」): how the question asks, not what it asks about."""
    words = [word for word in morphemes(text) if word[1] != "補助記号"]
    acts: set[str] = set()
    for index in range(len(words) - 2):
        if words[index][3] not in _REGION_NOUNS or words[index + 1][0] != "を":
            continue
        end = index + 2
        while end < len(words) and words[end][1] == "名詞":
            end += 1
        if end > index + 2 and (end == len(words) or words[end][3] in ("為る", "する", "化")):
            acts |= {word[3].lower() for word in words[index + 2 : end]}
    return frozenset(acts)


def relates_regions(text: str) -> frozenset[str]:
    """The verbal noun by which a clause ties its object to the regions (「バス会社と協力して
    いる地域」「訓練を実施した地域」): how the regions stand to the topic, not the topic — when
    the clause names its object with a particle; alone (「除雪している地域」) it is the topic."""
    words = [word for word in morphemes(text) if word[1] != "補助記号"]
    found: set[str] = set()
    for index, word in enumerate(words):
        if word[3] not in _REGION_NOUNS:
            continue
        at = index - 1
        while at >= 0 and words[at][3] in _CLAUSE_ENDINGS and words[at][3] != "為る":
            at -= 1
        if at < 2 or words[at][3] != "為る":
            continue
        noun, before = words[at - 1], words[at - 2]
        named = at >= 3 and words[at - 3][1] in ("名詞", "接尾辞")  # the object: 「バス事業者と」
        if noun[1] == "名詞" and before[1] == "助詞" and before[3] in ("を", "と", "に", "で") and named:
            found.add(noun[3])
    return frozenset(found)


def _is_request(words) -> bool:
    """The sentence ends as a request to the reader (…して, …してください, …してほしい):
    with the regions as its object (「…地域をリストアップして」), they are what is asked for."""
    content = [word for word in words if word[1] != "補助記号"]
    if not content:
        return False
    surface, pos1, pos2, lemma, _start = content[-1]
    return (pos1 == "助詞" and pos2 == "接続助詞" and lemma == "て") or lemma in _REQUEST_VERBS


def _asks_where_a_thing_is(words, index: int) -> bool:
    """「申請先はどこ」「講師はどこの団体」: どこ asks where a thing goes or which body it is —
    a noun phrase with no predicate before it, no region (〓), town or region noun at its head
    (of a region named, no record value), or どこの before a noun of that kind — not which
    regions (「…したのはどこ」「…した地域はどこ」)."""
    regional = _REGION_NOUNS | REGION_COUNTERS | {"町", "市", "村"}
    following = words[index + 1] if index + 1 < len(words) else None
    if following is not None and following[0] == "の" and index + 2 < len(words):
        noun = words[index + 2]
        return noun[1] == "名詞" and noun[3] not in regional
    if index < 2 or words[index - 1][0] not in ("は", "って", "が"):
        return False
    head = words[index - 2]  # (a noun's suffix heads it: 申請書's 書)
    if head[1] not in ("名詞", "接尾辞") or head[3] in regional or "〓" in head[0]:
        return False
    before = words[: index - 2]
    grammar = grammatical_words("".join(word[0] for word in before))  # 「…についての」: a particle's verb
    if any(word[1] in ("動詞", "形容詞") and word[3] not in grammar for word in before):
        return False
    # a thing of a region named (「北見の成年後見センターはどこが運営」), not its record value at
    # the head (「宗谷の事務局は」; 「共生ビジョン懇談会」 is a 懇談会)
    phrase = "".join(word[0] for word in words[: index - 1])
    return not any("〓" in word[0] for word in before) or not phrase.endswith(_ATTRIBUTE_NOUNS)


def _names_a_region(words, index: int) -> bool:
    """「釧路の連携地域には」: the noun refers back to a region the question named (masked 〓)."""
    before = index - 1
    while before >= 0 and words[before][3] in ("の", "連携"):
        before -= 1
    return before >= 0 and "〓" in words[before][0]


def _noun_run_before(words, end: int) -> str:
    """The compound noun that ends just before words[end] (市|町|村 → 市町村)."""
    start = end
    while start > 0 and words[start - 1][1] == "名詞":
        start -= 1
    return "".join(w[0] for w in words[start:end])


def _operation(words, lemma_set: set[str], regions) -> tuple[str | None, str | None]:
    """The operation asked for, and the attribute a superlative's adjective implies."""
    for index, (surface, _pos1, _pos2, _lemma, _start) in enumerate(words):
        if surface in _EXTREME_NOUNS:
            return _EXTREME_NOUNS[surface], None
        if found := _superlative_at(words, index):
            return found
    if found := _ranked_in_order(words):
        return found
    if lemma_set & _COMPARE_WORDS and len(regions) >= 2:
        return "compare", _first_adjective_attribute(words)
    if lemma_set & (_SUM_WORDS | _MEAN_WORDS):
        return "sum", None
    if lemma_set & _COUNT_WORDS or _number_of_regions(words):
        return "count", None
    if (lemma_set & _JOINING or _in_all(words)) and not _counts_regions(words):
        return "sum", None
    if lemma_set & _COMPARE_WORDS and len(regions) >= 2:
        return "compare", _first_adjective_attribute(words)
    return None, None


def _in_all(words) -> bool:
    """「全部でいくら」「全部で何人」: all of it taken together (not 「全部教えて」, every one)."""
    return any(word[3] == "全部" and index + 1 < len(words) and words[index + 1][0] == "で" for index, word in enumerate(words))


# the nouns of an end in time (最初, 最近): of a date named, the earliest or the latest
_ENDS_IN_TIME = {"最初": "min", "最古": "min", "最後": "max", "最近": "max", "最新": "max"}


def _end_in_time(words) -> str | None:
    """「一番最初に」「最後に」「いちばん最近」: the earliest (min) or latest (max) is asked."""
    return next((_ENDS_IN_TIME[word[3]] for word in words if word[3] in _ENDS_IN_TIME), None)


def _superlative_at(words, index: int) -> tuple[str, str | None] | None:
    """A superlative word at `index` (一番, 最も) with the direction of the adjective after it
    and the attribute that adjective implies (広い → area)."""
    surface, lemma = words[index][0], words[index][3]
    if lemma not in _SUPERLATIVE_WORDS and surface not in _SUPERLATIVE_WORDS:
        return None
    for position, later in enumerate(words[index + 1 : index + 8], start=index + 1):
        if direction := _direction(later[3]):
            return direction, _attribute_of_adjective(later[3])
        if later[1] == "動詞":
            # 「いちばん交付金をもらった」: a superlative of a verb whose object is a record value
            # is the most of it (not 「一番最初に結んだ」: an order, no amount)
            return ("max", None) if _a_value_received(words[max(0, index - 3) : position]) else None
    return None


def _ranked_in_order(words) -> tuple[str, str | None] | None:
    """A ranking asked with no superlative: in order (「人口が多い順に」「上位3地域」「トップ3」),
    or a number of regions after a region noun an adjective of degree modifies (「交付額が多い
    地域を3つ」; not 「5つより多い地域」, a bound)."""
    adjectives = [
        (index, direction, _attribute_of_adjective(word[3])) for index, word in enumerate(words) if (direction := _direction(word[3]))
    ]
    ordered = [word[3] for word in words if word[3] in _ORDER_WORDS]
    if ordered:
        if adjectives:
            return adjectives[0][1], adjectives[0][2]
        implied = _ORDER_WORDS[ordered[0]]
        return (implied, None) if implied else None
    for index, direction, attribute in adjectives:
        modified = _noun_modified_by(words, index)
        if modified is not None and words[modified][3] in _REGION_NOUNS:
            counted = [w for w in words[index + 1 :] if w[2] == "数詞"]
            if counted:
                return direction, attribute
    return None


def _noun_modified_by(words, index: int) -> int | None:
    """Where the noun is that the word at `index` ends a modifier of: next to it (「多い地域」),
    or after the verb it qualifies (「多くもらっている地域」「たくさん出た地域」) — only verbs,
    auxiliaries and て (or a number) between; None when a particle, a negation or another noun comes first."""
    for at in range(index + 1, len(words)):
        surface, pos1, pos2, lemma, _start = words[at]
        if pos1 == "名詞" and pos2 != "数詞":  # (「多い3地域」: the number counts the noun)
            return at
        if not (pos1 in ("動詞", "助動詞") or surface == "て" or pos2 == "数詞") or lemma in ("ない", "ぬ", "ず", "成る"):
            return None  # (「多くない地域」 is no ranking of the most, 「少なくなっている」 a change)
    return None


def _ranked_by_superlative(words) -> bool:
    """Whether a superlative word ranks something (「いちばん多く出た」「最も少なかった」)."""
    return any(_superlative_at(words, index) for index in range(len(words)))


def _a_value_received(words) -> bool:
    """Whether the words name a record value (or the grant) and no time or order (最初, 先)."""
    text = "".join(word[0] for word in words)
    named = bool(_KIND_WORDS["grant"].search(text)) or any(noun in text for noun in _ATTRIBUTE_NOUNS)
    return named and not adverbial_nouns(text)


def _both_ends(words) -> bool:
    """Whether superlatives in both directions are written (「一番多い…と一番少ない…」), or one
    superlative governs two adjectives joined by と (「いちばん広いところと狭いところ」)."""
    found = {superlative[0] for index in range(len(words)) if (superlative := _superlative_at(words, index))}
    if found == {"max", "min"}:
        return True
    first = next((index for index in range(len(words)) if _superlative_at(words, index)), None)
    if first is None:
        return False
    lemmas = [word[3] for word in words[first:]]
    joined = lemmas.index("と") if "と" in lemmas else len(lemmas)
    before = {_direction(lemma) for lemma in lemmas[:joined]} - {None}
    after = {_direction(lemma) for lemma in lemmas[joined:]} - {None}
    return len(before) == 1 and len(after) == 1 and before != after


def _counts_regions(words) -> bool:
    """「何地域」「いくつの市町村」: how many regions (or members) is asked, not a sum of values."""
    return any(word[3] == "何" and index + 1 < len(words) and words[index + 1][3] in REGION_COUNTERS for index, word in enumerate(words))


def _number_of_regions(words) -> bool:
    """「…地域の数」「…地域数」: the number of the regions is asked."""
    for index, word in enumerate(words):
        if word[3] not in ("地域", "圏域"):
            continue
        following = [w[3] for w in words[index + 1 : index + 3]]
        if following[:1] == ["数"] or following == ["の", "数"]:
            return True
    return False


def _as_adjective(lemma: str) -> str:
    """多く, 古く (nouns to UniDic: 「多くの」「古くから」) as the adjectives they come from."""
    return lemma[:-1] + "い" if lemma.endswith("く") else lemma


def _direction(lemma: str) -> str | None:
    lemma = _as_adjective(lemma)
    if lemma in MORE or any(lemma in spec.more for spec in ATTRIBUTES.values()):
        return "max"
    if lemma in LESS or any(lemma in spec.less for spec in ATTRIBUTES.values()):
        return "min"
    return None


def _attribute_of_adjective(lemma: str) -> str | None:
    for name, spec in ATTRIBUTES.items():
        if lemma in spec.more or lemma in spec.less:
            return name
    if _as_adjective(lemma) in ("早い", "遅い", "古い", "新しい"):  # (「古くから」 too)
        return "agreement_date"
    return None


def _first_adjective_attribute(words) -> str | None:
    for word in words:
        found = _attribute_of_adjective(word[3])
        if found:
            return found
    return None


def without_kind(text: str) -> str:
    """`text` without the words that name a kind of region (交付金, 制度): who, not what."""
    for pattern in _KIND_WORDS.values():
        text = pattern.sub(" ", text)
    return text


def _without_attribute_nouns(masked: str) -> str:
    """The question with each record attribute's noun that holds a kind's word blanked
    (「交付金活用見込額が決まっていない」 negates no 交付金)."""
    for noun in sorted(_ATTRIBUTE_NOUNS, key=len, reverse=True):
        if any(pattern.search(noun) for pattern in _KIND_WORDS.values()):
            masked = masked.replace(noun, "＿" * len(noun))
    return masked


def _kind_negated(masked: str, region_kind: str | None) -> bool:
    """「交付金を使っていない地域」「交付金を使わずに…」「国の制度は使っていない」: the predicate
    after the kind's word is negated (not the predicate of the topic, 「…をしていない」)."""
    pattern = _KIND_WORDS.get(region_kind or "")
    found = pattern.search(masked) if pattern else None
    return found is not None and negated(masked, found.end())


def _difference_denied(words, masked: str) -> bool:
    """Whether a word of difference is the negated predicate (「交付額が毎年変わらない」「変化
    していない」): the negation says the values are alike, it denies no region nor the kind."""
    return any(word[3] in _DIFFERENCE_WORDS and negated(masked, word[4]) for word in words)


def _negates_the_regions(words) -> bool:
    """「…していない地域は？」「…ではない連携地域」「…以外の地域」: the predicate that modifies
    the asked-for 地域 (or the compound it ends: 連携地域) is negated, or the regions are
    those other than something."""
    for index in range(len(words) - 1, 0, -1):
        if words[index][3] in ("地域", "所", "圏域"):
            before = index - 1
            while before > 0 and words[before][1] in ("名詞", "接尾辞") and words[before][3] not in ("以外", "外"):
                before -= 1  # 連携 of 連携地域
            surface, pos1, _pos2, lemma, _start = words[before]
            if surface == "の" and before > 0:
                return words[before - 1][3] in ("以外", "外")  # 「…以外の地域」
            return (pos1 == "助動詞" and lemma in ("ない", "ず", "ぬ")) or (pos1 == "形容詞" and lemma == "無い")
    return False


def _negated_predicate(text: str) -> bool:
    """Whether the first predicate in `text` is negated (下回っていない, 超えません)."""
    for surface, pos1, _pos2, lemma, _start in morphemes(text):
        if pos1 == "助動詞" and lemma in _NEGATION_LEMMAS:
            return True
        if surface in ("。", "、", "?", "？"):
            return False
    return False


# how many years something lasted (「5年間」「3か年度」「4年度分」): a count, not a date
YEARS_COUNTED = ("年間", "か年度", "ヵ年度", "カ年度", "ケ年度", "か年", "ヵ年", "カ年", "ケ年", "年度分")
_YEARS_COUNTED = "|".join(YEARS_COUNTED)


_GRANT_NOUNS = frozenset(lemmas_of("交付金 交付 金 活用 受給 年度 毎年 毎年度 各年度 全て 何 何処 連携"))


def _names_more_than_the_grant(words) -> bool:
    """Whether a noun besides the grant's, the years' and the regions' own is said: 「毎年研修を
    している交付金活用地域」 asks of a topic, 「毎年度交付金を受けている地域」 of the grant alone."""
    return any(w[1] == "名詞" and w[2] != "数詞" and w[3] not in _GRANT_NOUNS | _REGION_NOUNS | _EVERY_YEAR for w in words)


def _says_never(digits: str) -> bool:
    """「一度も…届いていない」: not in a single year is what holds in every year, negated."""
    return any(
        numeral.value == 1 and digits[numeral.end : numeral.end + 2].startswith(("度", "回", "年")) and _not_even_one(digits, numeral.end)
        for numeral in numerals(digits)
    )


def _not_even_one(digits: str, end: int) -> bool:
    """Whether the number ending at `end` is followed by a counter and も under a negation
    (「1度も…ない」「1件もない」): Japanese says "never" this way."""
    words = morphemes(digits[end : end + 24])
    if len(words) < 3 or (words[1][0], words[1][1]) != ("も", "助詞"):
        return False
    for surface, pos1, _pos2, lemma, _start in words[2:]:
        if pos1 in ("助動詞", "形容詞") and lemma in _NEGATION_LEMMAS:
            return True
        if surface in ("。", "、", "?", "？"):
            return False
    return False


def _quantities(digits: str, words, masked: str) -> list[Quantity]:
    """Each number with the counter after it and the comparator the words around it state."""
    out = []
    for numeral in numerals(digits):
        if masked[numeral.start : numeral.start + 1] == "〓":
            continue  # a figure inside a name (後志17町村)
        if re.match(r"[A-Za-z]", digits[numeral.start - 1 : numeral.start]):
            continue  # a figure glued to Latin letters is part of a symbol: km2's exponent, CO2, R5's year
        rest = digits[numeral.end : numeral.end + 12]
        # 「5つの町村」 counts 町村 as 「5町村」 does
        counter_match = re.match(rf"\s*つ\s*の\s*({_MEMBER_COUNTERS})", rest) or re.match(
            rf"\s*(km2|km²|平方キロメートル|平方キロ|円|人|{_MEMBER_COUNTERS}|地域|{_YEARS_COUNTED}|年度|年|月|日|つ|%|割|回|か所|件)", rest
        )
        counter = counter_match.group(1) if counter_match else ""
        after_counter = rest[counter_match.end() if counter_match else 0 :]
        if counter in ("年", "年度") and re.match(r"\s*(?:続|連続|にわたって|にわたり)", after_counter):
            counter = "年間"  # 「5年続けて」「3年度連続」: a number of years, no year named
        if counter in ("つ", "") and _PLACES_COUNTED.search(digits[: numeral.start]):
            counter = "地域"  # 「地域を3つ」「トップ3」 count the regions asked for, as 「3地域」 does (no member count)
        if (
            counter in ("年", "月", "日", "年度")
            or digits[max(0, numeral.start - 2) : numeral.start] in ("令和", "平成")
            or digits[max(0, numeral.start - 1) : numeral.start] in ("R", "H")
        ):
            continue  # a date or a year: read by the year readers
        if numeral.value == 1 and _not_even_one(digits, numeral.end):
            continue  # 「一度も受けていない」: the emphasis of none, no figure to filter by
        comparator, stem_read = "==", ""
        tail = rest[counter_match.end() if counter_match else 0 :]
        for stem, symbol in _COMPARATOR_STEMS:
            if re.match(rf"\s*(?:を|が|に)?\s*{stem}", tail):
                comparator, stem_read = symbol, stem
                break
        following = digits[numeral.end : numeral.end + 24]
        if comparator != "==" and stem_read != "満た" and _negated_predicate(following):  # 満たない is already "<"
            comparator = _NEGATED[comparator]
        out.append(Quantity(float(numeral.value), counter, comparator, numeral.start, numeral.end))
    return _ranges(out, digits)


# a region noun with its particle, or a word of order, right before a number: the number counts the regions
_REGION_NOUN_PATTERN = "|".join(sorted(_REGION_NOUNS - {"例"}, key=len, reverse=True))
_PLACE_WORD_PATTERN = "|".join(word for word, end in _ORDER_WORDS.items() if end)  # トップ, 上位 (not 順)
_PLACES_COUNTED = re.compile(rf"(?:(?:{_REGION_NOUN_PATTERN})\s*(?:を|が|は|も)?|{_PLACE_WORD_PATTERN})\s*$")


def _places_asked(quantities: list[Quantity], words) -> int:
    """How many places of a ranking the question asks for: its one count of regions after the
    words of degree (「人口が多い地域を3つ」「上位3地域」); before them it names the pool ranked
    (「8地域の中でいちばん…」)."""
    degree = [w[4] for w in words if _direction(w[3]) or w[3] in _ORDER_WORDS or w[3] in _SUPERLATIVE_WORDS or w[0] in _EXTREME_NOUNS]
    counts = [q.value for q in quantities if q.counter in _REGION_COUNTERS and q.comparator == "==" and degree and q.start > degree[0]]
    return int(counts[0]) if len(counts) == 1 and counts[0] >= 2 else 0


# what joins the two ends of a range: 「3万人から10万人」「3万~10万人」
_RANGE_JOINS = re.compile(r"\s*(?:から|~|〜|～|－|-)\s*")


def _ranges(quantities: list[Quantity], digits: str) -> list[Quantity]:
    """「人口が3万人から10万人までの地域」: of two numbers joined as a range, the first is the
    least and the second the most (a bound either states, 未満, is kept); the first takes the
    second's counter when it has none (「3万から10万人」)."""
    out = list(quantities)
    for at in range(len(out) - 1):
        low, high = out[at], out[at + 1]
        between = digits[low.end : high.start]
        if low.counter and between.lstrip().startswith(low.counter):
            between = between.lstrip()[len(low.counter) :]
        if low.comparator != "==" or (low.counter and low.counter != high.counter) or not _RANGE_JOINS.fullmatch(between):
            continue
        out[at] = replace(low, comparator=">=", counter=high.counter)
        if high.comparator == "==":
            out[at + 1] = replace(high, comparator="<=")
    return out
