"""Runs a query plan over the facts store: the computed value first, every operand cited.

Regions of the booklet's template are the default pool (the 北見 report joins when it is
named); a region kind, policy fields and conditions narrow it; the operation then lists,
counts, sums, ranks or compares. Values are formatted as officers write them
(令和3年1月7日, 10,000千円（1,000万円）).
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from assistant.answer import Answer, CitationList, appended
from assistant.answerers.citing import cite_span
from assistant.answerers.topical import TopicalListAnswerer, attribute_words
from assistant.passages import NOT_IN_CASEBOOK
from assistant.understand.numbers import japanese_fiscal_year, label_year, thousand_yen_text
from assistant.understand.parse import OPERATION_WORDS, Question
from assistant.understand.plan import Condition, Plan, build_plan
from index.facts_store import FactsStore
from ingest.attribute_words import ATTRIBUTES
from ingest.japanese import japanese_date
from ingest.records import Region, Span

_COMPARE = {">=": operator.ge, "<=": operator.le, "<": operator.lt, ">": operator.gt, "==": operator.eq, "!=": operator.ne}
_COMPARE_WORDS = {">=": "以上", "<=": "以下", "<": "未満", ">": "超", "==": "", "!=": "以外"}
_KIND_WORDS = {"grant": "交付金活用地域", "national": "国の広域連携制度活用地域"}


@dataclass(frozen=True)
class Operand:
    """One value an answer uses, where it is printed, and whose it is."""

    owner: str  # region (or member) name
    region: str
    value: Any
    span: Span | None
    year: str | None = None
    attribute: str = ""


def _by_value_and_region(items, attribute: str, cite: Callable[[Operand], str]) -> str:
    """「10,000千円（1,000万円）の南空知圏域（令和2年度、令和6年度（見込））[1]、…」: years
    ranked together, grouped by their value and then by their region."""
    groups: dict[Any, dict[str, list[tuple[str, Operand]]]] = {}
    for year, value, operands in items:
        groups.setdefault(value, {}).setdefault(operands[0].region, []).append((year, operands[0]))
    return "、".join(
        f"{format_value(attribute, value)}の"
        + "、".join(f"{region}（{'、'.join(year for year, _ in years)}）{cite(years[0][1])}" for region, years in regions.items())
        for value, regions in groups.items()
    )


def _year_said(region: Region, operand: Operand) -> str:
    """「令和6年度（見込）」: a year of the grant table, an estimate said so."""
    return japanese_fiscal_year(operand.year or "") + ("（見込）" if operand.year in region.estimated_years else "")


def format_value(attribute: str, value) -> str:
    if value is None:
        return "未定"
    if attribute == "grant":
        return thousand_yen_text(int(value))
    if attribute == "population":
        return f"{int(value):,}人"
    if attribute == "area":
        return f"{value:,.2f}km²"
    if attribute == "member_count":
        return f"{int(value)}市町村"
    if attribute == "members":
        return f"{'、'.join(value)}の{len(value)}市町村"
    if ATTRIBUTES[attribute].is_date:
        return japanese_date(value)
    if isinstance(value, (tuple, list)):
        return "、".join(value)
    return str(value)


def _mean_text(attribute: str, value: float) -> str:
    """An average as an officer reads it: whole people and thousand yen, a tenth of a town."""
    if attribute == "member_count":
        return f"約{value:.1f}市町村"
    if attribute in ("grant", "population"):  # (thousand yen are whole in the tables; people are)
        return ("約" if attribute == "population" else "") + format_value(attribute, round(value))
    return format_value(attribute, value)


def _number(value):
    return date.fromisoformat(value).toordinal() if isinstance(value, str) and len(value) == 10 and value[4] == "-" else value


def record_operands(region: Region, attribute: str, years: tuple[str, ...] = ()) -> list[Operand]:
    """The values of `attribute` for `region`: one per fiscal year for the grant."""
    if attribute == "grant":
        grants = [g for g in region.grants if not years or g.year in years]
        return [Operand(region.name, region.name, g.thousand_yen, g.span, g.year, "grant") for g in grants]
    if attribute == "members":
        names = tuple(m.name for m in region.members)
        return [Operand(region.name, region.name, names, region.members[0].span, None, "members")] if names else []
    sourced = {
        "member_count": region.member_count,
        "population": region.population,
        "area": region.area_km2,
        "agreement_date": region.agreement_date,
        "vision_date": region.vision_date,
        "secretariat": region.secretariat,
    }[attribute]
    return [Operand(region.name, region.name, sourced.value, sourced.span, None, attribute)] if sourced else []


def recorded_grant_years(facts: FactsStore) -> list[str]:
    """The fiscal years the overview tables give a grant for, in order (R2 … R6)."""
    return sorted({g.year for r in facts.regions for g in r.grants}, key=lambda y: label_year(y) or 0)


def grant_years_unrecorded(facts: FactsStore, years: tuple[str, ...]) -> str | None:
    """「令和7年度の交付額は事例集に記載がありません（記載があるのは令和2年度〜令和6年度です）」:
    said when no year asked is a year of the overview tables (a later edition's table reaches
    further: the span is read from the records); None when one of them is."""
    recorded = recorded_grant_years(facts)
    if not years or not recorded or set(years) & set(recorded):
        return None
    asked = "・".join(japanese_fiscal_year(y) for y in years)
    span = "〜".join(dict.fromkeys(japanese_fiscal_year(y) for y in (recorded[0], recorded[-1])))
    return f"{asked}の交付額は事例集に記載がありません（記載があるのは{span}です）。"


def paid_grants(region: Region) -> list[Operand]:
    """The region's years with a grant, in year order (a year 未定 or 0 is not one it received it)."""
    return sorted((o for o in record_operands(region, "grant") if o.value), key=lambda o: label_year(o.year or "") or 0)


def first_paid(region: Region) -> Operand | None:
    """The region's first year with a grant."""
    paid = paid_grants(region)
    return paid[0] if paid else None


def of_type(municipality: str, kind: str) -> bool:
    """Whether a municipality is of the kind asked: 町村 takes a 町 or a 村."""
    return municipality[-1:] in kind


class AggregateAnswerer:
    def __init__(self, facts: FactsStore, topical: TopicalListAnswerer | None = None):
        self.facts = facts
        self.topical = topical  # counts the regions whose text says a topic

    def answer(self, q: Question, lists: bool = True, plan: Plan | None = None) -> Answer | None:
        """The plan's answer (`plan`: the question's, when the caller built it already); a
        filtered list only when the question asks for regions (`lists`), so a case's
        「事業費900万円」 is not read as a filter. A count with nothing to count by but a topic
        (「合同研修をした地域はいくつ」) counts the regions whose text says it, not every region."""
        plan = plan or build_plan(q)
        if plan is not None:
            plan = self._thresholds_read(plan)
        if plan is None or (plan.operation == "list" and not lists):
            return None
        if once := next((c.attribute for c in plan.conditions if c.kind == "change" and c.attribute != "grant"), None):
            # 「人口が減っている地域」: the booklet prints one value of it per region, no earlier one
            label = ATTRIBUTES[once].label
            text = f"{NOT_IN_CASEBOOK}（事例集の{label}は各地域1つの値だけで、増えたか減ったかを比べられる前の値は載っていません）"
            return Answer(question=q.text, kind="unanswerable", answer=text, regions=[], citations=[])
        of_the_grant = plan.attribute == "grant" or any(c.attribute == "grant" for c in plan.conditions)
        if of_the_grant and (missing := grant_years_unrecorded(self.facts, plan.years)) is not None:
            # 「令和7年度に交付金を受けた地域」: not "none", a year the tables do not reach
            return Answer(question=q.text, kind="unanswerable", answer=missing, regions=[], citations=[])
        topical = self.topical
        plain = not plan.conditions and not plan.fields and not plan.regions
        if plain and plan.operation == "count" and q.municipalities:
            return None  # 「留萌市が入っている地域はいくつ」: the regions it belongs to (the records' members)
        computing = OPERATION_WORDS | attribute_words(q.attributes)  # 「人口の合計」 is no topic
        about_a_topic = plain and topical is not None and topical.names_topic_beyond_kind(q.text, computing)
        if plan.operation == "count" and about_a_topic and topical is not None:
            counted = topical.answer(q, computing)
            return counted  # none when no region's text says it: not a count of every region
        pool = self._pool(plan)
        listed = None
        if plan.operation in ("sum", "max", "min") and about_a_topic and topical is not None:
            # 「ヒグマ対策をした地域で面積が最も広いのは」: over the regions whose text says it
            listed = topical.answer(q, computing)
            if listed is not None and listed.kind == "list" and listed.regions:
                pool = [r for r in self._pool(plan, named_by_text=True) if r.name in listed.regions]
            else:
                listed = None
        if not pool:
            return None
        handler = {
            "list": self._list,
            "count": self._count,
            "sum": self._sum,
            "max": self._extreme,
            "min": self._extreme,
            "compare": self._compare,
        }[plan.operation]
        answer = handler(q, plan, pool)
        if answer is None or listed is None:
            return answer
        return appended(answer, listed)  # the regions computed over, each with the sentence that says the topic

    def _thresholds_read(self, plan: Plan) -> Plan | None:
        """A condition against a named region (「後志より人口の多い」) takes that region's own
        value as its threshold; None when the region records no one value of it."""
        conditions = []
        for condition in plan.conditions:
            if condition.kind == "value" and condition.value is None and condition.other:
                region = self.facts.region(condition.other)
                value = self._scalar(region, condition.attribute, plan.years)[0] if region is not None else None
                if value is None or (condition.attribute == "grant" and len(plan.years) != 1):
                    return None  # which year's grant? (a figure per year, none named)
                condition = replace(condition, value=value)
            conditions.append(condition)
        return replace(plan, conditions=tuple(conditions))

    # ---- data -------------------------------------------------------------------------
    def _pool(self, plan: Plan, named_by_text: bool = False) -> list[Region]:
        """The regions a plan computes over: the booklet's, or every document's region when
        the kind is negated or the text names them (a topical list holds 北見 when it says it)."""
        if plan.regions:
            return [region for name in plan.regions if (region := self.facts.region(name)) is not None]
        pool = [r for r in self.facts.regions if r.kind != "other" or plan.region_kind_negated or named_by_text]
        if plan.region_kind:
            pool = [r for r in pool if r.is_of_kind(plan.region_kind, plan.region_kind_negated)]
        if plan.fields:
            pool = [r for r in pool if all(f in r.field_names for f in plan.fields)]
        return pool

    def _scalar(self, region: Region, attribute: str, years: tuple[str, ...]) -> tuple[Any, list[Operand]]:
        """One value per region: the grant summed over the years asked (or all years)."""
        operands = record_operands(region, attribute, years)
        if attribute == "grant":
            known = [o for o in operands if o.value is not None]
            return (sum(o.value for o in known) if known else None), operands
        return (operands[0].value if operands else None), operands

    def _holds(self, region: Region, condition: Condition, years: tuple[str, ...]) -> tuple[bool, list[Operand]]:
        if condition.kind == "value":
            operands = [o for o in record_operands(region, condition.attribute, years) if o.value is not None]
            compare = _COMPARE[condition.comparator]
            passing = [o for o in operands if compare(_number(o.value), condition.value)]
            if condition.quantifier == "every":
                # each year named has a figure that passes (a year of the grant with none has not)
                given = condition.attribute != "grant" or len({o.year for o in operands}) >= len(years)
                return bool(operands) and given and len(passing) == len(operands), operands
            if condition.quantifier == "total":  # the region's years added up
                total = sum(_number(o.value) for o in operands)
                return bool(operands) and compare(total, condition.value), operands
            if condition.quantifier == "none":  # 「令和3年度に受けていない」: no figure passes (or none is given)
                shown = operands or [o for o in record_operands(region, condition.attribute) if o.value is not None]
                return not passing, shown  # (with no figure that year, the years it has show the gap)
            return bool(passing), passing
        if condition.kind == "in_period":
            since, until = condition.value
            operands = [o for o in record_operands(region, condition.attribute) if o.value]
            return any(since <= str(o.value) < until for o in operands), operands
        if condition.kind in ("same", "differ") and condition.other is None:
            # one value in every year the record gives a figure for (a year 未定 says nothing)
            known = [o for o in record_operands(region, condition.attribute, years) if o.value is not None]
            if len(known) < 2:
                return False, []
            steady = len({_number(o.value) for o in known}) == 1
            return steady == (condition.kind == "same"), known
        if condition.kind in ("same", "differ"):
            first = record_operands(region, condition.attribute)
            second = record_operands(region, condition.second)
            if not first or not second:
                return False, []
            same = first[0].value == second[0].value
            return same == (condition.kind == "same"), first + second
        if condition.kind == "change" and condition.value is None:
            paid = sorted((o for o in record_operands(region, "grant") if o.value is not None), key=lambda o: label_year(o.year or "") or 0)
            pairs = [(a, b) for a, b in zip(paid, paid[1:]) if label_year(b.year or "") == (label_year(a.year or "") or 0) + 1]
            changed = [(a, b) for a, b in pairs if _COMPARE[condition.comparator](b.value, a.value)]
            return bool(changed), [o for pair in changed for o in pair]
        if condition.kind == "change":
            later = record_operands(region, "grant", (condition.value,))
            earlier = record_operands(region, "grant", (condition.second,))
            if not later or not earlier or later[0].value is None or earlier[0].value is None:
                return False, []
            return _COMPARE[condition.comparator](later[0].value, earlier[0].value), earlier + later
        if condition.kind == "paid_years":
            paid = paid_grants(region)
            return bool(paid) and _COMPARE[condition.comparator](len(paid), condition.value), paid
        if condition.kind == "began":
            earliest = first_paid(region)
            return (earliest is not None and earliest.year == condition.value), [earliest] if earliest else []
        if condition.kind == "amended":
            amended = region.vision_amended if condition.attribute == "vision_date" else region.agreement_amended
            return bool(amended), [Operand(region.name, region.name, a.value, a.span, None, condition.attribute) for a in amended]
        if condition.kind == "activity":
            hits = [
                Operand(region.name, region.name, f"{project.name}：{activity.status}", activity.span, activity.year, "activity")
                for project in region.projects
                for activity in project.activities
                if activity.status == condition.value and (condition.other is None or activity.year == condition.other)
            ]
            return bool(hits), hits
        if condition.kind == "municipality_type":
            if condition.attribute == "secretariat":
                names = list(region.secretariat.value) if region.secretariat else []
                span = region.secretariat.span if region.secretariat else None
            else:
                names = [m.name for m in region.members]
                span = region.members[0].span if region.members else None
            hits = [n for n in names if of_type(n, str(condition.value))]
            if condition.quantifier in ("every", "not_every"):
                holds = (len(hits) == len(names)) == (condition.quantifier == "every")
            elif condition.quantifier == "count":
                holds = condition.count is not None and _COMPARE[condition.comparator](len(hits), condition.count)
            else:
                holds = not hits if condition.quantifier == "none" else bool(hits)
            return holds and bool(names), [Operand(region.name, region.name, tuple(names), span, None, condition.attribute)]
        return False, []

    def _filtered(self, plan: Plan, pool: list[Region]) -> list[tuple[Region, list[Operand]]]:
        """The regions that hold every condition; bounds of a yearly figure (「交付額が500万円
        から1,000万円未満の年度」) must hold in one and the same year."""
        kept = []
        # 「構成市町村数が同じ地域」: how many regions of the pool have each value
        shared = {
            c.attribute: Counter(value for r in pool if (value := self._scalar(r, c.attribute, ())[0]) is not None)
            for c in plan.conditions
            if c.kind == "shared"
        }
        for region in pool:
            evidence: list[Operand] = []
            same_year: set[str | None] | None = None  # the years every bound of the grant holds in
            for condition in plan.conditions:
                if condition.kind == "shared":
                    value, operands = self._scalar(region, condition.attribute, ())
                    holds = value is not None and shared[condition.attribute][value] > 1
                else:
                    holds, operands = self._holds(region, condition, plan.years)
                if holds and condition.kind == "value" and condition.attribute == "grant" and condition.quantifier == "any":
                    years = {o.year for o in operands}
                    same_year = years if same_year is None else same_year & years
                    holds = bool(same_year)
                if not holds:
                    break
                evidence += operands
            else:
                if same_year is not None:
                    evidence = [o for o in evidence if o.attribute != "grant" or o.year in same_year]
                kept.append((region, list(dict.fromkeys(evidence))))
        return kept

    # ---- wording ----------------------------------------------------------------------
    def _cite(self, citations: CitationList, operand: Operand) -> str:
        return cite_span(self.facts, citations, operand.span, operand.region)

    def _operand_text(self, attribute: str | None, operand: Operand, citations: CitationList) -> str:
        year = f"{japanese_fiscal_year(operand.year)} " if operand.year else ""
        value: Any = operand.value
        named = operand.attribute or attribute
        if named in ATTRIBUTES:
            shown = format_value(named, value)
        else:
            shown = value if isinstance(value, str) else "、".join(value)
        return f"{year}{shown}{self._cite(citations, operand)}"

    def _evidence_text(self, plan: Plan, evidence: list[Operand], citations: CitationList) -> str:
        """What a region was kept by, each value once and cited (「152,486人[1]」)."""
        return "、".join(dict.fromkeys(self._operand_text(plan.attribute, o, citations) for o in evidence))

    def _scope(self, plan: Plan) -> str:
        parts = []
        if plan.region_kind:
            parts.append(_KIND_WORDS[plan.region_kind] + ("以外" if plan.region_kind_negated else ""))
        if plan.fields:
            parts.append("「" + "・".join(plan.fields) + "」で連携する地域")
        return "（" + "、".join(parts) + "）" if parts else ""

    def _conditions_in_words(self, plan: Plan) -> str:
        """The plan's conditions said one after another; a range's second bound follows its
        first (「人口が30,000人以上100,000人以下」)."""
        words: list[str] = []
        previous: Condition | None = None
        for condition in plan.conditions:
            if (
                previous is not None
                and condition.kind == previous.kind == "value"
                and (condition.attribute, condition.quantifier) == (previous.attribute, previous.quantifier)
                and condition.other is None is previous.other
                and condition.value is not None
            ):
                words[-1] += f"{format_value(condition.attribute, condition.value)}{_COMPARE_WORDS[condition.comparator]}"
            else:
                words.append(self._describe(condition, plan.years))
            previous = condition
        return "、".join(words)

    def _describe(self, condition: Condition, years: tuple[str, ...]) -> str:
        label = ATTRIBUTES[condition.attribute].label if condition.attribute in ATTRIBUTES else condition.attribute
        if condition.kind == "value":
            joiner = "か" if condition.quantifier == "any" else "・"
            when = (
                joiner.join(japanese_fiscal_year(y) for y in years)
                if years
                else ("記載のあるすべての年度" if condition.quantifier == "every" else "いずれかの年度")
            )
            if len(years) > 1 and condition.quantifier == "every":
                when += "のすべて"
            if condition.quantifier == "total":
                return (
                    f"{label}（全年度の合計）が{format_value(condition.attribute, condition.value)}{_COMPARE_WORDS[condition.comparator]}"
                )
            scope = f"{when}の" if condition.attribute == "grant" else ""
            if condition.attribute == "grant" and condition.comparator == ">" and condition.value == 0:
                if condition.quantifier == "none":
                    return f"{when}に交付金を受けていない（交付額が0円か、記載がない）"
                return f"{when}に交付金を受けている（交付額が0円でない）"
            value = format_value(condition.attribute, condition.value)
            if condition.other:  # the threshold is a named region's own value
                beyond = "を上回る" if condition.comparator in (">", ">=") else "を下回る"
                return f"{scope}{label}が{condition.other}（{value}）{beyond}"
            return f"{scope}{label}が{value}{_COMPARE_WORDS[condition.comparator]}"
        if condition.kind == "in_period":
            return f"{label}が{condition.other}"
        if condition.kind in ("same", "differ") and condition.other is None:
            return f"{label}が{'どの年度も同じ' if condition.kind == 'same' else '年度によって異なる'}"
        if condition.kind == "shared":
            return f"{label}がほかの地域と同じ"
        if condition.kind in ("same", "differ"):
            other = ATTRIBUTES[condition.second].label
            return f"{label}と{other}が{'同じ日' if condition.kind == 'same' else '別の日'}"
        if condition.kind == "change":
            direction = "増えている" if condition.comparator == ">" else "減っている"
            if condition.value is None:
                return f"いずれかの年度の{label}が前年度より{direction}"
            return f"{japanese_fiscal_year(condition.value)}の{label}が{japanese_fiscal_year(condition.second)}より{direction}"
        if condition.kind == "paid_years":
            return f"交付金を受けた年度の数が{int(condition.value)}年度{_COMPARE_WORDS[condition.comparator]}（見込額の年度を含む）"
        if condition.kind == "began":
            return f"交付金を受け始めた年度が{japanese_fiscal_year(condition.value)}"
        if condition.kind == "amended":
            return f"{label.replace('の策定日', '').replace('の締結日', '')}を改定・変更したことがある"
        if condition.kind == "activity":
            when = japanese_fiscal_year(condition.other) if condition.other else "いずれかの年度"
            return f"{when}の事業内容が「{condition.value}」"
        if condition.kind == "municipality_type":
            if condition.attribute == "secretariat":
                return f"事務局担当が{condition.value}{'ではない' if condition.quantifier == 'none' else ''}"
            if condition.quantifier == "count":
                return f"構成市町村のうち{condition.value}が{int(condition.count or 0)}つ{_COMPARE_WORDS[condition.comparator]}"
            if condition.quantifier == "every":
                return f"構成市町村が{condition.value}だけ"
            if condition.quantifier == "not_every":
                return f"構成市町村が{condition.value}だけではない"
            return f"構成市町村に{condition.value}が{'含まれない' if condition.quantifier == 'none' else '含まれる'}"
        return ""

    def _done(self, q: Question, kind: str, text: str, regions, citations: CitationList) -> Answer:
        return Answer(question=q.text, kind=kind, answer=text, regions=list(dict.fromkeys(regions)), citations=citations.items)

    # ---- operations -------------------------------------------------------------------
    def _list(self, q: Question, plan: Plan, pool: list[Region]) -> Answer:
        kept = self._filtered(plan, pool)
        if any(c.kind == "shared" for c in plan.conditions):  # the regions of one value together
            attribute = next(c.attribute for c in plan.conditions if c.kind == "shared")
            kept.sort(key=lambda item: _number(self._scalar(item[0], attribute, ())[0]))
        citations = CitationList()
        condition = self._conditions_in_words(plan)
        if not kept:
            text = f"「{condition}」に当てはまる地域は、事例集にはありません{self._scope(plan)}。"
            return self._done(q, "list", text, [], citations)
        lines = []
        for region, evidence in kept:
            shown = self._evidence_text(plan, evidence, citations)
            lines.append(f"・{region.name}（{shown}）" if shown else f"・{region.name}")
        text = f"「{condition}」に当てはまる地域は{len(kept)}地域です{self._scope(plan)}。\n" + "\n".join(lines)
        return self._done(q, "list", text, [r.name for r, _ in kept], citations)

    def _count(self, q: Question, plan: Plan, pool: list[Region]) -> Answer:
        kept = self._filtered(plan, pool)
        citations = CitationList()
        items = []
        for region, evidence in kept:
            # each region counted shows what it was counted by: the values its conditions hold
            # (人口 152,486人), the ○ of the fields asked, else its place among its kind
            shown = self._evidence_text(plan, evidence, citations)
            if shown:
                items.append(f"・{region.name}（{shown}）")
                continue
            marks = [mark.span for mark in region.fields if mark.field in plan.fields]
            where = "".join(cite_span(self.facts, citations, span, region.name) for span in marks)
            items.append(
                f"・{region.name}（{region.kind_label}）{where or cite_span(self.facts, citations, region.listed_at, region.name)}"
            )
        condition = self._conditions_in_words(plan)
        head = f"{'「' + condition + '」に当てはまる' if condition else '事例集の'}地域は{len(kept)}地域です{self._scope(plan)}。"
        return self._done(q, "aggregate", "\n".join([head, *items]), [r.name for r, _ in kept], citations)

    def _sum(self, q: Question, plan: Plan, pool: list[Region]) -> Answer | None:
        kept = self._filtered(plan, pool)
        citations = CitationList()
        total, parts, unknown, named, counted = 0, [], [], [], 0
        for region, _ in kept:
            value, operands = self._scalar(region, plan.measured, plan.years)
            if not operands:
                continue
            named.append(region.name)
            unknown += [o for o in operands if o.value is None]
            counted += sum(o.value is not None for o in operands)  # the values added
            total += value or 0
            shown = "、".join(self._operand_text(plan.measured, o, citations) for o in operands if o.value is not None)
            parts.append(f"・{region.name}：{shown or '未定'}")
        if not named:
            return None
        label = ATTRIBUTES[plan.measured].label
        years = (
            "（" + "〜".join(dict.fromkeys([japanese_fiscal_year(plan.years[0]), japanese_fiscal_year(plan.years[-1])])) + "）"
            if plan.years
            else ""
        )
        if plan.averaged:
            mean = _mean_text(plan.measured, total / counted)
            per = "1年度あたり" if plan.measured == "grant" else "1地域あたり"
            added = f"{counted}件の合計{format_value(plan.measured, total)}÷{counted}"
            head = f"{label}{years}の平均は{per}{mean}です（{added}、{len(named)}地域{self._scope(plan)}）。"
        else:
            head = f"{label}{years}の合計は{format_value(plan.measured, total)}です（{len(named)}地域{self._scope(plan)}）。"
        text = "\n".join([head, *parts])
        if unknown:
            text += "\n未定の年度は合計に含めていません：" + "、".join(
                f"{o.region} {japanese_fiscal_year(o.year or '')}{self._cite(citations, o)}" for o in unknown
            )
        if plan.measured == "grant" and any(g.estimate for r, _ in kept for g in r.grants if not plan.years or g.year in plan.years):
            text += "\n（最終年度は交付金活用見込額を含みます）"
        return self._done(q, "aggregate", text, named, citations)

    def _ranked(self, plan: Plan, pool: list[Region]) -> list[tuple[str, object, list[Operand]]]:
        if plan.pool == "years":  # 「根室の交付額が一番多いのは何年度」: the region's own years
            region = pool[0]
            operands = [o for o in record_operands(region, plan.measured, plan.years) if o.value is not None and o.year]
            return [(_year_said(region, o), o.value, [o]) for o in operands]
        if plan.pool == "region_years":  # 「交付額が一番多かった年度と地域」: every region's every year
            regions = [region for region, _ in self._filtered(plan, pool)]
            years: list[tuple[str, Any, list[Operand]]] = []
            for region in regions:
                # (a year 未定 or 0 is no grant received)
                years += [(_year_said(region, o), o.value, [o]) for o in record_operands(region, plan.measured) if o.value and o.year]
            return years
        if plan.pool == "members":
            region = pool[0]
            members = [m for m in region.members if not plan.municipality_type or of_type(m.name, plan.municipality_type)]
            values = []
            for member in members:
                sourced = getattr(member, plan.measured, None)
                if sourced is not None and sourced.value is not None:
                    values.append((member.name, sourced.value, [Operand(member.name, region.name, sourced.value, sourced.span)]))
            return values
        kept = self._filtered(plan, pool)
        values = []
        for region, _ in kept:
            if plan.measured == "grant" and len(plan.years) != 1 and not plan.summed:
                continue  # which year's grant? (「合計が一番」 adds them up)
            value, operands = self._scalar(region, plan.measured, plan.years)
            if value is not None:
                values.append((region.name, value, operands))
        return values

    def _extreme(self, q: Question, plan: Plan, pool: list[Region]) -> Answer | None:
        # 「交付金の額が一番多い地域」 with no one year: the years added up, said so
        by_total = plan.measured == "grant" and len(plan.years) != 1 and not plan.summed and plan.pool not in ("years", "region_years")
        plan = replace(plan, summed=True) if by_total else plan
        values = self._ranked(plan, pool)
        if not values and plan.pool == "members":
            return self._members_unrecorded(q, plan, pool[0])
        if not values:
            return None
        pick = max if plan.operation == "max" else min
        best = pick(_number(v) for _, v, _ in values)
        winners = [item for item in values if _number(item[1]) == best]
        ranked = sorted(values, key=lambda item: _number(item[1]), reverse=plan.operation == "max")
        rest = [item for item in ranked if _number(item[1]) != best]
        # the next three, and any tied with the third (「8,000千円」 of three years, not of one)
        others = rest[:3] + [item for item in rest[3:] if _number(item[1]) == _number(rest[2][1])] if len(rest) > 3 else rest
        citations = CitationList()
        label = ATTRIBUTES[plan.measured].label
        if plan.measured == "grant" and plan.summed:
            span = "〜".join(dict.fromkeys(japanese_fiscal_year(y) for y in (plan.years[0], plan.years[-1]))) if plan.years else "全年度"
            label += f"（{span}の合計）"
        elif plan.measured == "grant" and plan.years:
            label += f"（{japanese_fiscal_year(plan.years[0])}）"
        more, less = degree_words(plan.measured)
        words = {"max": f"最も{more}", "min": f"最も{less}"}
        word, other = words[plan.operation], words["min" if plan.operation == "max" else "max"]

        def ranked_names(items) -> str:
            """「遠軽地区連携地域（50,000千円）[1]」: one mark per source line, however many years it gives."""
            if plan.pool == "region_years":
                return _by_value_and_region(items, plan.measured, lambda o: self._cite(citations, o))
            return "、".join(
                f"{name}（{format_value(plan.measured, v)}）{''.join(dict.fromkeys(self._cite(citations, o) for o in ops))}"
                for name, v, ops in items
            )

        among = {
            "members": f"{pool[0].name}の構成市町村のうち数値の記載がある{len(values)}市町村",
            "years": f"{pool[0].name}の交付額の記載がある{len(values)}年度",
            "region_years": f"{len({ops[0].region for *_, ops in values})}地域の交付額の記載がある{len(values)}年度分（0千円・未定を除く）",
        }.get(plan.pool, f"{'お尋ねの' if plan.regions else '事例集の'}{len(values)}地域{self._scope(plan)}")
        last = [item for item in ranked if _number(item[1]) == _number(ranked[-1][1])]
        named = (
            [pool[0].name]
            if plan.pool in ("members", "years")
            else list(dict.fromkeys(o.region for _, _, ops in winners + last for o in ops))
        )
        if plan.both_ends and not plan.spread:
            # 「一番多い地域と一番少ない地域は」: both ends of the ranking
            text = f"{label}が{word}のは{ranked_names(winners)}、{other}のは{ranked_names(last)}です。\n（比較対象：{among}）"
            return self._done(q, "aggregate", text, named, citations)
        if plan.spread:
            # 「一番多い地域と一番少ない地域の差」: both ends of the ranking and the gap between them
            gap = abs(best - _number(ranked[-1][1]))
            shown = f"{gap:,}日" if ATTRIBUTES[plan.measured].is_date else format_value(plan.measured, gap)
            text = f"{label}が{word}{ranked_names(winners)}と{other}{ranked_names(last)}の差は{shown}です。\n（比較対象：{among}）"
            return self._done(q, "aggregate", text, named, citations)
        if plan.places > len(winners) and plan.pool in ("regions", "region_years"):
            # 「上位3地域」: the places asked, and any tied with the last of them
            last_place = _number(ranked[min(plan.places, len(ranked)) - 1][1])
            within = operator.ge if plan.operation == "max" else operator.le
            placed = [item for item in ranked if within(_number(item[1]), last_place)]
            unit = "件" if plan.pool == "region_years" else "地域"
            tied = f"（同じ値を含めて{len(placed)}{unit}）" if len(placed) > plan.places else ""
            order = word.removeprefix("最も")
            text = f"{label}の{order}順に{plan.places}{unit}{tied}は、{ranked_names(placed)}です。\n（比較対象：{among}）"
            return self._done(q, "aggregate", text, list(dict.fromkeys(o.region for *_, ops in placed for o in ops)), citations)
        text = f"{label}が{word}のは{ranked_names(winners)}です。"
        if others:
            text += "\n次いで " + ranked_names(others) + "。"
        text += f"\n（比較対象：{among}）"
        if by_total:
            text += "\n（年度ごとの比較は「令和5年度の交付額が一番多い地域」のように年度を付けてお尋ねください）"
        regions = (
            [pool[0].name] if plan.pool in ("members", "years") else list(dict.fromkeys(o.region for _, _, ops in winners for o in ops))
        )
        return self._done(q, "aggregate", text, regions, citations)

    def _members_unrecorded(self, q: Question, plan: Plan, region: Region) -> Answer:
        """「南空知の構成市町で一番人口が多いのは」 when the booklet gives the region's figure
        only: said so, with the region's own figure — never a ranking of other regions."""
        citations = CitationList()
        label = ATTRIBUTES[plan.measured].label
        text = f"事例集には{region.name}の構成市町村ごとの{label}の記載がありません。"
        value, operands = self._scalar(region, plan.measured, plan.years)
        if value is not None:
            marks = "".join(dict.fromkeys(self._cite(citations, o) for o in operands))
            text += f"（{region.name}全体の{label}は{format_value(plan.measured, value)}です{marks}。）"
        return self._done(q, "unanswerable", text, [], citations)

    def _compare(self, q: Question, plan: Plan, pool: list[Region]) -> Answer | None:
        values = []
        for region in pool:
            value, operands = self._scalar(region, plan.measured, plan.years)
            if value is None:
                return None
            values.append((region.name, value, operands))
        citations = CitationList()
        ordered = sorted(values, key=lambda item: _number(item[1]), reverse=True)
        (first, high, _), (second, low, _) = ordered[0], ordered[-1]
        label = ATTRIBUTES[plan.measured].label
        years = ""
        if plan.measured == "grant" and plan.years:
            span = "〜".join(dict.fromkeys([japanese_fiscal_year(plan.years[0]), japanese_fiscal_year(plan.years[-1])]))
            years = f"（{span}の合計）" if len(plan.years) > 1 else f"（{span}）"
        elif plan.measured == "grant" and any(len(ops) > 1 for _name, _value, ops in values):
            years = "（記載のある年度の合計）"  # each region's years added up
        details = "\n".join(
            f"・{name}："
            + (
                f"{format_value(plan.measured, v)}（" + "、".join(self._operand_text(plan.measured, o, citations) for o in ops) + "）"
                if len(ops) > 1
                else self._operand_text(plan.measured, ops[0], citations)
            )
            for name, v, ops in values
        )
        if len(values) > 2:  # 「後志と南空知と日高の人口を比べて」: an order, and the two ends' gap
            if ATTRIBUTES[plan.measured].is_date:
                order = "、".join(name for name, _, _ in reversed(ordered))
                head = f"{label}{years}は早い順に{order}です。"
            else:
                order = "、".join(name for name, _, _ in ordered)
                difference = round(high - low, 2) if isinstance(high, float) else high - low
                more, less = degree_words(plan.measured)
                gap = f"最も{more}{first}と最も{less}{second}の差は{format_value(plan.measured, difference)}"
                head = f"{label}{years}は{more}順に{order}です（{gap}）。"
        elif ATTRIBUTES[plan.measured].is_date:
            head = f"{label}は{second}のほうが早く、{first}のほうが遅いです。"
        elif q.asks_ratio and _number(values[1][1]):
            # 「宗谷の面積は根室の何倍」: the first named against the second
            (named, value, _), (other, against, _) = values
            head = f"{label}{years}は{named}が{other}の約{_number(value) / _number(against):,.2f}倍です。"
        elif _number(high) == _number(low):
            head = f"{label}{years}は{first}と{second}で同じ（{format_value(plan.measured, high)}）です。"
        else:
            difference = round(high - low, 2) if isinstance(high, float) else high - low
            more = degree_words(plan.measured)[0]
            head = f"{label}{years}は{first}のほうが{more[:-1]}く、差は{format_value(plan.measured, difference)}です。"
        return self._done(q, "aggregate", head + "\n" + details, [name for name, _, _ in values], citations)


# how an answer says more and less of each value (「人口が最も多い」「面積が最も狭い」)
_DEGREE_WORDS = {
    "population": ("多い", "少ない"),
    "member_count": ("多い", "少ない"),
    "grant": ("多い", "少ない"),
    "area": ("広い", "狭い"),
}


def degree_words(attribute: str) -> tuple[str, str]:
    """The adjectives for a larger and a smaller value of `attribute` (a date: later, earlier)."""
    if ATTRIBUTES[attribute].is_date:
        return "遅い", "早い"
    return _DEGREE_WORDS.get(attribute, ("大きい", "小さい"))
