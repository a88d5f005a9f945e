"""A question over the records as a query plan: pool → filters → attribute → operation.

    「防災で連携している地域のうち人口が一番多いのは」
      → Plan(pool=regions, fields=(防災,), attribute=population, operation=max)

The plan is built from the `Question` alone (no data); `answerers.aggregates` runs it on
the facts store. `build_plan` returns None when the question is not a computation over
the records, so it goes to another answerer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from assistant.understand.numbers import era_span, japanese_fiscal_year, label_year
from assistant.understand.parse import DATE_BOUNDS, YEARS_COUNTED, Question
from ingest.attribute_words import ATTRIBUTES

AGGREGATES = ("count", "sum", "max", "min", "compare")


@dataclass(frozen=True)
class Condition:
    """One filter on a region (or member) record.

    kind: `value` (attribute comparator value; over years: every or any), `in_period` (a
    date attribute falls between two ISO dates, the second excluded: a calendar year, a fiscal
    year or an era; `other` says it in words), `same` / `differ` (two attributes, or with no
    second term one attribute's values over the fiscal years), `change` (the attribute grew (>)
    or shrank (<) from one fiscal year to the next — with no year, from any year to the next;
    of an attribute printed once, a change the booklet cannot tell), `began` (the first fiscal year with a
    grant is `value`),
    `paid_years` (how many years have a grant: `value`),
    `municipality_type` (the secretariat or the members are 市 / 町 / 村: any, none, or a
    `count` of them by the comparator),
    `shared` (another region of the pool has the same value),
    `amended` (the agreement or vision was amended), `activity` (a project's year is in a
    state such as 検討中, in the fiscal year `other` or any)."""

    kind: str
    attribute: str
    comparator: str = "=="
    value: Any = None  # a number (value), ISO bounds (in_period), a fiscal year (change), a state (activity)
    other: str | None = None  # the second attribute, or the earlier fiscal year
    quantifier: str = "any"  # any | every | none (no year holds it) | not_every | total (the years added up) | count
    count: float | None = None  # how many members of the kind (municipality_type, quantifier count)

    @property
    def second(self) -> str:
        """The second attribute (same / differ) or the earlier fiscal year (change)."""
        if self.other is None:
            raise ValueError(f"a {self.kind} condition needs a second term")
        return self.other


@dataclass(frozen=True)
class Plan:
    operation: str  # list | count | sum | max | min | compare | value
    attribute: str | None
    pool: str = "regions"  # regions | members or years (of the one region named) | region_years (every region's years)
    regions: tuple[str, ...] = ()  # the regions named: the pool is restricted to them
    region_kind: str | None = None
    fields: tuple[str, ...] = ()
    years: tuple[str, ...] = ()  # fiscal years of a per-year attribute (grant)
    conditions: tuple[Condition, ...] = ()
    municipality_type: str | None = None  # a member pool restricted to 町 / 市 …
    region_kind_negated: bool = False  # every region but that kind (「交付金を使っていない地域」)
    summed: bool = False  # a ranking of each region's per-year values added up (「交付額の合計が一番」)
    averaged: bool = False  # a sum divided by the number of values added (「構成市町村数の平均」)
    spread: bool = False  # the gap between the first and the last of the ranking (「一番多い地域と一番少ない地域の差」)
    both_ends: bool = False  # the first and the last of the ranking (「一番多い地域と一番少ない地域は」)
    places: int = 0  # how many places of the ranking are asked (「上位3地域」); 0: the first, the next three beside it

    @property
    def measured(self) -> str:
        """The attribute a sum, ranking or comparison works on (such plans always have one)."""
        if self.attribute is None:
            raise ValueError(f"a {self.operation} plan needs an attribute")
        return self.attribute


_BARE_NUMBER_ATTRIBUTES = ("members", "member_count", "population", "area")
# the values one region may share with another (a grant differs by year: 「毎年同じ」 is its own)
_SHARED_VALUES = ("member_count", "population", "area", "agreement_date", "vision_date")


def _asks_the_year(q: Question) -> bool:
    """「一番多かった年度は」「どの地域の何年度」: a fiscal year is asked (年度 with no year
    written), not one year named nor the years added up."""
    return "年度" in q.lemmas and not q.fiscal_years and not q.summed and not q.averaged


# A quantity's counter → the attribute it measures (円 is a grant figure, 人 a population).
def _attribute_of_counter(counter: str, attributes: tuple[str, ...]) -> str | None:
    for name, spec in ATTRIBUTES.items():
        if counter in spec.counters:
            return name
    if counter == "つ" and ("member_count" in attributes or "members" in attributes):
        return "member_count"
    if not counter and len(attributes) == 1 and attributes[0] in _BARE_NUMBER_ATTRIBUTES:
        # 「構成市町村が十以上」: a bare number measures the one attribute named (not a grant,
        # whose unit — 円 or 千円 — a bare number leaves open, nor a date)
        return "member_count" if attributes[0] == "members" else attributes[0]
    return None


_FALLING = frozenset({"減る", "減少", "減額", "下がる", "下回る", "少ない", "小さい", "低い"})


def _previous_year(label: str) -> str | None:
    """「R5」 → 「R4」 (within one era's labels)."""
    era, number = label[:1], label[1:]
    return f"{era}{int(number) - 1}" if number.isdigit() and int(number) > 1 else None


def _over_regions(operation: str, attribute: str | None, q: Question, conditions: list[Condition], regions: tuple[str, ...] = ()) -> Plan:
    """A plan over the regions the question's kind, fields and years leave (every region but
    that kind when the question negates it)."""
    return Plan(
        operation,
        attribute,
        regions=regions,
        region_kind=q.region_kind,
        fields=q.fields,
        years=q.fiscal_years,
        conditions=tuple(conditions),
        region_kind_negated=q.negates_kind,
    )


_EARLIEST, _LATEST = date.min.isoformat(), date.max.isoformat()


def _period(q: Question) -> tuple[str, str, str] | None:
    """The days a date must fall in, as ISO bounds (the end excluded) and in words: a year,
    or the days on one side of it when a word bounds it (「令和3年以降」 from 2021-01-01 on)."""
    period = _year_period(q)
    if period is None or not q.date_bound:
        return period
    since, until, words = period
    written = words.removesuffix("中") + q.date_bound  # 「2021年以降」「令和4年度より前」
    return {
        "from": (since, _LATEST, written),
        "after": (until, _LATEST, written),
        "until": (_EARLIEST, until, written),
        "before": (_EARLIEST, since, written),
    }[DATE_BOUNDS[q.date_bound]]


def _year_period(q: Question) -> tuple[str, str, str] | None:
    """The days of the year named: a calendar year (「2021年中」), one fiscal year
    (「令和4年度中に策定」: April to March) or an era (「平成のうちに締結」)."""
    if q.calendar_years:
        first = last = q.calendar_years[0]
        while last + 1 in q.calendar_years:  # 「令和2年から令和4年」: the years of the range
            last += 1
        words = f"{first}年中" if first == last else f"{first}年から{last}年"
        return date(first, 1, 1).isoformat(), date(last + 1, 1, 1).isoformat(), words
    if len(q.fiscal_years) == 1 and (fiscal := label_year(q.fiscal_years[0])) is not None:
        return date(fiscal, 4, 1).isoformat(), date(fiscal + 1, 4, 1).isoformat(), f"{japanese_fiscal_year(q.fiscal_years[0])}中"
    if not q.fiscal_years and q.era and (span := era_span(q.era)) is not None:
        return span[0].isoformat(), span[1].isoformat(), f"{q.era}の間"
    return None


def build_plan(q: Question) -> Plan | None:
    # the member list counts as its size in any computation (「構成市町村が一番多い」)
    attributes = tuple(dict.fromkeys("member_count" if a == "members" else a for a in q.attributes))
    conditions: list[Condition] = []

    # what the regions are filtered by comes before them; what is asked of them, after
    # (「構成市町村が十以上の地域の協定締結日は」)
    filtering = tuple(a for a in q.attributes if a not in q.asked_of_regions) or q.attributes
    paid = "grant" in attributes or (q.region_kind == "grant" and not q.kind_negated)
    counted_kinds = {quantity for _kind, quantity in q.kind_counts}
    for kind, quantity in q.kind_counts:
        if not q.regions:  # 「市が二つ以上入っている地域」: that many members of the kind
            counted = Condition("municipality_type", "members", quantity.comparator, kind, quantifier="count", count=quantity.value)
            conditions.append(counted)
    for quantity in q.quantities:
        if quantity in counted_kinds:  # (a number of members of one kind, read above)
            continue
        if paid and quantity.counter in (*YEARS_COUNTED, "回") and not q.regions:
            # 「交付金を5年間もらっている地域」: the number of years with a grant
            conditions.append(Condition("paid_years", "grant", quantity.comparator, quantity.value))
            continue
        attribute = _attribute_of_counter(quantity.counter, filtering)
        if attribute is None or (attribute == "member_count" and quantity.comparator == "==" and q.regions):
            continue  # 「後志17町村」 names a region; 「8地域」 restates the pool
        value = quantity.value / 1000 if attribute == "grant" else quantity.value
        quantifier = "every" if q.every_year else "any"
        if attribute == "grant" and q.summed and q.asks_which:
            quantifier = "total"  # 「交付額の合計が3000万円を超える地域」: each region's years added up
        conditions.append(Condition("value", attribute, quantity.comparator, value, quantifier=quantifier))

    if q.than_region and filtering and not q.operation:
        # 「後志より人口の多い地域」: the named region's own value is the threshold (aggregates reads it)
        conditions.append(Condition("value", filtering[0], q.than_comparator, None, other=q.than_region))

    dates = [a for a in attributes if ATTRIBUTES[a].is_date]
    if dates and (period := _period(q)) is not None:
        conditions.append(Condition("in_period", dates[0], value=period[:2], other=period[2]))
    if len(dates) >= 2 and (q.asks_difference or q.asks_same) and q.operation is None:
        conditions.append(Condition("same" if q.asks_same else "differ", dates[0], other=dates[1]))
    over_the_years = not (conditions or q.fiscal_years or q.operation or q.regions)
    if "grant" in attributes and (q.asks_same or q.asks_difference) and over_the_years:
        # 「交付額が毎年同じ地域」: one amount in every year paid (or not)
        conditions.append(Condition("same" if q.asks_same else "differ", "grant"))
    if q.asks_same and len(attributes) == 1 and attributes[0] in _SHARED_VALUES and not (conditions or q.operation or q.regions):
        # 「構成市町村数が同じ地域」「同じ日に協定を結んだ地域」: a value another region has too
        conditions.append(Condition("shared", attributes[0]))
    if paid and q.begins and len(q.fiscal_years) == 1 and not (conditions or q.regions or q.operation in ("max", "min", "sum")):
        # 「令和4年度から交付金を受け始めた地域」: the first year with a grant is that year
        conditions.append(Condition("began", "grant", value=q.fiscal_years[0]))
    years_compared = q.fiscal_years
    if len(q.fiscal_years) == 1 and q.after_previous_year and (previous := _previous_year(q.fiscal_years[0])):
        years_compared = (previous, q.fiscal_years[0])  # 「令和5年度に前年度より増えた」
    grew = not any(lemma in _FALLING for lemma in q.lemmas)
    # 「交付額が減った地域」「増えた年がある」: a change of the grant with no year to compare is
    # a change from some year to the next, as 「前の年より」 says it
    changed = q.after_previous_year or q.says_change
    # 「令和4年度から令和6年度にかけて減った」: a change over a span of years is its last year's
    # amount against its first's
    spans_a_change = len(years_compared) == 2 or (changed and len(years_compared) > 2)
    if "grant" in attributes and spans_a_change and q.operation is None and not q.regions:
        ordered = sorted(years_compared, key=lambda y: int(y[1:]))
        earlier, later = ordered[0], ordered[-1]
        conditions.append(Condition("change", "grant", ">" if grew else "<", later, other=earlier))
    elif "grant" in attributes and changed and not q.fiscal_years and q.operation is None and not q.regions:
        # 「交付額が前の年より減った地域」: in any year against the year before it
        conditions.append(Condition("change", "grant", ">" if grew else "<"))
    elif (once := [a for a in q.changed if a != "grant"]) and not conditions and q.operation is None and not q.regions:
        # 「人口が減っている地域」: a change of a value the booklet prints once (aggregates says so)
        conditions.append(Condition("change", "member_count" if once[0] == "members" else once[0], ">" if grew else "<"))
    if q.region_kind == "grant" and not q.kind_negated and q.fiscal_years and not conditions and not q.regions:
        # 「令和4年度に交付金を受けた地域」: a grant paid in that year, not the kind alone
        # (in each of several years named — 「令和4年度から令和6年度まで」 — unless one will do)
        if "grant" not in attributes or q.operation == "count":
            quantifier = "any" if q.any_year or len(q.fiscal_years) == 1 else "every"
            conditions.append(Condition("value", "grant", ">", 0, quantifier=quantifier))
    if q.paid_every_year and not q.kind_negated and not (q.fiscal_years or conditions or q.regions):
        # 「交付金を毎年度受けている地域」: a grant in every year its table prints, not the kind alone
        conditions.append(Condition("value", "grant", ">", 0, quantifier="every"))
    year_unpaid = q.region_kind == "grant" and q.kind_negated and bool(q.fiscal_years) and not conditions and not q.regions
    if year_unpaid:
        # 「令和3年度に交付金を受けていない地域」: the grant's regions not paid that year (the
        # others are never paid: not what is asked of a year)
        conditions.append(Condition("value", "grant", ">", 0, quantifier="none"))
        q = replace(q, kind_negated=False)
    if q.amended and dates and not q.regions:
        conditions.append(Condition("amended", dates[-1]))
    if q.activity_state and not q.regions:
        conditions.append(Condition("activity", "activities", value=q.activity_state, other=q.fiscal_years[0] if q.fiscal_years else None))
    if q.municipality_types and not q.regions and not q.kind_counts:
        target = "secretariat" if "secretariat" in attributes else "members"
        if q.municipality_only and target == "members":  # 「村と町だけ」: every member one of them
            # 「町村だけで構成されていない」: not every member one of them
            kind, quantifier = "".join(q.municipality_only), "not_every" if q.negates_regions else "every"
        else:
            kind = q.municipality_types[0]
            # 「市が入っていない」「事務局が市ではない」: none of them of that kind
            quantifier = "none" if (q.negated and target == "members") or (q.negates_regions and target == "secretariat") else "any"
        conditions.append(Condition("municipality_type", target, value=kind, quantifier=quantifier))

    operation = q.operation
    if operation == "sum" and any(c.quantifier == "total" for c in conditions):
        operation = None  # the sum is each region's, a filter: the regions are listed
    # what is asked of the regions comes before what filters them (「面積が3000km²を超える地域の人口の合計」)
    asked = {"member_count" if a == "members" else a for a in q.asked_of_regions}
    measured = sorted((a for a in attributes if a != "secretariat"), key=lambda a: a not in asked)
    attribute = (q.extreme_attribute if q.extreme_attribute in measured else None) or (measured[0] if measured else None)
    # (「日高の交付額の合計は後志の何倍」: each one's sum, one against the other)
    compared = q.asks_difference or q.asks_ratio
    if (operation is None or (operation == "sum" and q.asks_ratio)) and len(q.regions) >= 2 and compared and attribute:
        operation = "compare"

    if operation in ("max", "min"):
        if attribute is None:
            return None
        # one region named: its towns ranked, or its years when the grant is ranked (towns have none)
        pool = ("years" if attribute == "grant" else "members") if len(q.regions) == 1 else "regions"
        if pool == "regions" and attribute == "grant" and _asks_the_year(q):
            pool = "region_years"  # 「交付額が一番多かった年度と地域」: each region's each year
        return Plan(
            operation,
            attribute,
            pool,
            q.regions,  # two or more named: the ranking is among them (「南空知と日高と根室で一番」)
            q.region_kind,
            q.fields,
            q.fiscal_years,
            tuple(conditions),
            q.municipality_types[0] if q.municipality_types and pool == "members" else None,
            region_kind_negated=q.negates_kind,  # 「交付金を受けていない地域の中で一番」
            summed=q.summed,
            spread=q.spread,
            both_ends=q.both_ends,
            places=q.places,
        )
    if operation == "sum":
        if attribute is None or (len(q.regions) == 1 and attribute != "grant"):
            return None  # one region's single figure is nothing to add up (「延べ何人が参加」)
        return replace(_over_regions("sum", attribute, q, conditions, regions=q.regions), averaged=q.averaged)
    if operation == "compare":
        if attribute is None or len(q.regions) < 2:
            return None
        return Plan("compare", attribute, regions=q.regions, years=q.fiscal_years)
    if operation == "count":
        if q.regions or not {"地域", "圏域", "連携地域"} & set(q.lemmas):
            return None  # 「日高は何町？」 asks a record value; 「何件」 counts something else
        return _over_regions("count", None, q, conditions)
    if conditions and not q.regions:
        return _over_regions("list", conditions[0].attribute, q, conditions)
    return None
