"""List, count, compare and record-fact answers, exactly from the facts store.

Every region named in an answer carries a citation to the record value that puts it
there (its ○ mark, its member list, its grant figure …), quoted verbatim. Topical lists
that no field captures (「採用活動をした地域」) group the passages that mention the topic
by region, and cite the passage.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable

from assistant.answer import Answer, CitationList
from assistant.answerers.aggregates import degree_words, format_value, grant_years_unrecorded, recorded_grant_years
from assistant.answerers.citing import cite_span
from assistant.question import QuestionFacts
from assistant.understand.answer_type import asks_how_or_why, expected
from assistant.understand.numbers import japanese_fiscal_year
from assistant.understand.parse import REGION_COUNTERS
from index.facts_store import FactsStore
from index.synonyms import CHANGE_WORDS
from index.tokenize import lemmas
from ingest.japanese import japanese_date
from ingest.records import Region, Span

_COMPARE = {">=": operator.ge, "<=": operator.le, "<": operator.lt, ">": operator.gt, "==": operator.eq}
_COMPARE_WORDS = {">=": "以上", "<=": "以下", "<": "未満", ">": "超", "==": ""}
_ATTRIBUTE_LABELS = {
    "member_count": "構成市町村数",
    "population": "人口",
    "area": "面積",
    "grant": "交付額",
    "agreement_date": "連携協定の締結日",
}


def _money(thousand_yen: int) -> str:
    return f"{thousand_yen:,}千円"


class FactsAnswerer:
    def __init__(self, facts: FactsStore, names_topic: Callable[[str], bool] = lambda question: False):
        self.facts = facts
        # whether a question asks about something besides the kind of region: then the
        # kind only narrows a topical list (answered elsewhere), it is not the answer
        self.names_topic = names_topic

    # ---- citations --------------------------------------------------------------------
    def _cite(self, citations: CitationList, span: Span | None, region: str | None) -> str:
        return cite_span(self.facts, citations, span, region)

    def _done(self, q: QuestionFacts, kind: str, text: str, regions, citations: CitationList) -> Answer:
        return Answer(question=q.text, kind=kind, answer=text, regions=list(regions), citations=citations.items)

    # ---- entry point ------------------------------------------------------------------
    def answer(self, q: QuestionFacts) -> Answer | None:
        """An answer from the records, or None when the question is not of these shapes."""
        for handler in (
            self._superlative,
            self._total,
            self._membership,
            self._grant_threshold,
            self._field,
            self._kind_list,
            self._kind_of_region,
            self._region_fact,
        ):
            result = handler(q)
            if result is not None:
                return result
        return None

    # ---- shapes -----------------------------------------------------------------------
    def _value(self, region: Region, attribute: str, year: str | None):
        if attribute == "grant":
            grant = region.grant_for(year) if year else None
            return (grant.thousand_yen, grant.span) if grant else (None, None)
        sourced = {
            "member_count": region.member_count,
            "population": region.population,
            "area": region.area_km2,
            "agreement_date": region.agreement_date,
        }[attribute]
        return (sourced.value, sourced.span) if sourced else (None, None)

    def _pool(self, q: QuestionFacts) -> list[Region]:
        pool = self.facts.regions
        if q.region_kind:
            pool = [r for r in pool if r.is_of_kind(q.region_kind, q.region_kind_negated)]
        return pool

    def _superlative(self, q: QuestionFacts) -> Answer | None:
        if not q.superlative or not q.attribute:
            return None
        year = q.years[0] if q.years else None
        if q.attribute == "grant" and year is None:
            return None  # amounts differ by year: ask which year rather than guess
        scored = [(r, *self._value(r, q.attribute, year)) for r in self._pool(q)]
        scored = [item for item in scored if item[1] is not None]
        if not scored:
            return None
        pick = max if q.superlative == "max" else min
        best = pick(value for _, value, _ in scored)
        winners = [(r, v, s) for r, v, s in scored if v == best]
        citations = CitationList()
        label = _ATTRIBUTE_LABELS[q.attribute] + (f"（{year}年度）" if year else "")
        more, less = degree_words(q.attribute)
        word = f"最も{more if q.superlative == 'max' else less}"
        names = "、".join(f"{r.name}（{format_value(q.attribute, v)}）{self._cite(citations, s, r.name)}" for r, v, s in winners)
        ranked = sorted(scored, key=lambda item: item[1], reverse=q.superlative == "max")
        others = [item for item in ranked if item[1] != best][:3]
        text = f"{label}が{word}のは{names}です。"
        if others:
            text += (
                "\n次いで "
                + "、".join(f"{r.name}（{format_value(q.attribute, v)}）{self._cite(citations, s, r.name)}" for r, v, s in others)
                + "。"
            )
        text += f"\n（比較対象：事例集の{len(scored)}地域）"
        return self._done(q, "aggregate", text, [r.name for r, _, _ in winners], citations)

    def _total(self, q: QuestionFacts) -> Answer | None:
        """The grant of the years asked, each region's and their sum: asked as a sum
        (「令和2年度の交付額の合計は」) or asked of a year with no region named
        (「令和5年度の交付額はいくら」: every region's amount that year)."""
        of_a_year = q.attribute == "grant" and bool(q.years) and not (q.regions or q.asks_regions or q.superlative or q.wants_count)
        if not (q.wants_total or of_a_year) or q.attribute != "grant" and "交付" not in q.text:
            return None
        citations = CitationList()
        years = list(q.years) or recorded_grant_years(self.facts)
        if (missing := grant_years_unrecorded(self.facts, tuple(years))) is not None:
            return self._done(q, "unanswerable", missing, [], citations)  # 「令和7年度の交付額の合計」
        lines, named = [], []
        for year in years:
            rows = [(r, g) for r in self.facts.regions if (g := r.grant_for(year)) is not None]
            if q.regions:
                rows = [(r, g) for r, g in rows if r.name in q.regions]
            if not rows:
                lines.append(f"{japanese_fiscal_year(year)}：事例集に記載がありません")
                continue
            known = [(r, g, g.thousand_yen) for r, g in rows if g.thousand_yen is not None]
            unknown = [(r, g) for r, g in rows if g.thousand_yen is None]
            total = sum(amount for _, _, amount in known)
            estimated = "（見込額を含む）" if any(g.estimate for _, g in rows) else ""
            if not q.wants_total:  # each region's amount on its line, the sum after them
                lines.append(f"{japanese_fiscal_year(year)}（{len(rows)}地域、合計 {format_value('grant', total)}）{estimated}：")
                lines += [f"・{r.name} {format_value('grant', g.thousand_yen)}{self._cite(citations, g.span, r.name)}" for r, g in rows]
                named += [r.name for r, _ in rows]
                continue
            parts = "、".join(f"{r.name} {_money(amount)}{self._cite(citations, g.span, r.name)}" for r, g, amount in known)
            line = f"{japanese_fiscal_year(year)}：合計 {_money(total)}（{len(known)}地域：{parts}）"
            if unknown:
                line += "。未定：" + "、".join(f"{r.name}{self._cite(citations, g.span, r.name)}" for r, g in unknown)
            lines.append(line + estimated)
            named += [r.name for r, _ in rows]
        if not lines:
            return None
        undecided = "（未定は合計に含めていません）" if any("未定" in line for line in lines) else ""
        head = "交付額（千円）の合計：" if q.wants_total else f"交付額は次のとおりです{undecided}。"
        return self._done(q, "aggregate", head + "\n" + "\n".join(lines), dict.fromkeys(named), citations)

    def _membership(self, q: QuestionFacts) -> Answer | None:
        if not q.municipalities or (q.regions and q.town_is_secretariat):
            return None  # (a town's role in the region is the region record's: 「事務局は…ですか」)
        citations = CitationList()
        if q.regions:  # does region X include municipality Y?
            lines, names = [], []
            for region_name in q.regions:
                region = self.facts.known_region(region_name)
                for town in q.municipalities:
                    member = next((m for m in region.members if m.name == town), None)
                    if member:
                        joined = f"（{japanese_date(member.joined)} 加入）" if member.joined else ""
                        lines.append(
                            f"はい。{town}は{region_name}の構成市町村です{joined}{self._cite(citations, member.span, region_name)}。"
                        )
                    else:
                        listed = "、".join(m.name for m in region.members)
                        span = region.members[0].span if region.members else region.span
                        lines.append(
                            f"いいえ。{region_name}の構成市町村（{listed}）"
                            f"{self._cite(citations, span, region_name)}に{town}は含まれません。"
                        )
                    names.append(region_name)
            return self._done(q, "fact", "\n".join(lines), names, citations)
        if not q.asks_membership and not q.asks_regions and not q.wants_count:
            return None
        lines, names = [], []
        for town in q.municipalities:
            regions = self.facts.regions_containing(town)
            if not regions:
                lines.append(f"{town}を構成市町村に含む地域は事例集にありません。")
                continue
            if q.town_is_secretariat:
                lines.append(self._secretariat_of(town, regions, citations, names))
                continue
            parts = []
            for region in regions:
                member = next(m for m in region.members if m.name == town)
                parts.append(f"{region.name}{self._cite(citations, member.span, region.name)}")
                names.append(region.name)
            counted = f"{town}を構成市町村に含む地域は{len(regions)}地域です。" if q.wants_count else ""
            lines.append(f"{counted}{town}は次の地域の構成市町村です：" + "、".join(parts) + "。")
        return self._done(q, "aggregate" if q.wants_count else "list", "\n".join(lines), dict.fromkeys(names), citations)

    def _secretariat_of(self, town: str, regions: list[Region], citations: CitationList, names: list[str]) -> str:
        """「遠軽町が事務局の地域」: the regions whose 事務局担当市町村 (or 中心市) the town is."""
        held = [r for r in regions if r.secretariat is not None and town in r.secretariat.value]
        if not held:
            member_of = "、".join(f"{r.name}{self._cite(citations, r.span, r.name)}" for r in regions)
            return f"{town}が事務局担当市町村・中心市を務める地域は事例集にありません（構成市町村である地域：{member_of}）。"
        parts = []
        for region in held:
            assert region.secretariat is not None
            label = region.secretariat_label or "事務局担当市町村"
            year = f"、{japanese_fiscal_year(region.secretariat_year)}" if region.secretariat_year else ""
            parts.append(f"{region.name}（{label}{year}）{self._cite(citations, region.secretariat.span, region.name)}")
            names.append(region.name)
        return f"{town}が事務局担当市町村・中心市を務める地域：" + "、".join(parts) + "。"

    def _grant_threshold(self, q: QuestionFacts) -> Answer | None:
        if q.amount_thousand_yen is None or not (q.attribute == "grant" or "交付" in q.text):
            return None
        if not (q.asks_regions or q.wants_count):
            return None  # 「事業費が500万円で、補助はどうなる」: a case's cost, no regions asked for
        compare = _COMPARE[q.comparator or "=="]
        years = list(q.years) or sorted({g.year for r in self.facts.regions for g in r.grants}, key=lambda y: int(y[1:]))
        citations = CitationList()
        hits: dict[str, list[str]] = {}
        for region in self.facts.regions:
            for year in years:
                grant = region.grant_for(year)
                if grant and grant.thousand_yen is not None and compare(grant.thousand_yen, q.amount_thousand_yen):
                    hits.setdefault(region.name, []).append(
                        f"{year} {_money(grant.thousand_yen)}{self._cite(citations, grant.span, region.name)}"
                    )
        condition = f"{_money(q.amount_thousand_yen)}{_COMPARE_WORDS[q.comparator or '==']}"
        scope = "・".join(years) + "年度" if q.years else "いずれかの年度"
        if not hits:
            text = f"{scope}の交付額が{condition}の地域は、事例集にはありません。"
        else:
            text = f"{scope}の交付額が{condition}の地域は{len(hits)}地域です。\n" + "\n".join(
                f"・{name}（{'、'.join(values)}）" for name, values in hits.items()
            )
        return self._done(q, "aggregate" if q.wants_count else "list", text, hits, citations)

    def _field(self, q: QuestionFacts) -> Answer | None:
        if not q.fields or not (q.field_context or q.wants_count) or expected(q.text).is_a_value(REGION_COUNTERS):
            return None  # 「何％増えた」 asks a figure, not whether the field is marked
        if q.regions:
            if q.asks_content or not all(self.facts.known_region(name).fields for name in q.regions):
                return None  # 「医療では何に取り組んだ」 asks what, and a region outside the ○ table has no marks
            citations, lines = CitationList(), []
            for region_name in q.regions:
                region = self.facts.known_region(region_name)
                for field in q.fields:
                    mark = next((m for m in region.fields if m.field == field), None)
                    if mark:
                        lines.append(
                            f"はい。{region_name}は「{field}」を連携する具体的事項としています"
                            f"{self._cite(citations, mark.span, region_name)}。"
                        )
                    else:
                        marked = "、".join(region.field_names) or "記載なし"
                        span = region.fields[0].span if region.fields else region.span
                        lines.append(
                            f"いいえ。{region_name}の連携する具体的事項（○）は{marked}です{self._cite(citations, span, region_name)}。"
                        )
            return self._done(q, "fact", "\n".join(lines), q.regions, citations)
        if not (q.asks_regions or q.wants_count):
            return None
        citations = CitationList()
        pool = {r.name for r in self._pool(q)}
        matched = [r for r in self.facts.regions_with_field(q.fields[0]) if r.name in pool and all(f in r.field_names for f in q.fields)]
        label = "・".join(q.fields)
        if q.negates_regions:
            # 「医療の分野で連携していない地域」: the regions of the ○ table without that mark,
            # each cited by the marks it has
            others = [r for r in self.facts.regions if r.name in pool and r.fields and r not in matched]
            items = [f"・{r.name}（○：{'、'.join(r.field_names)}）{self._cite(citations, r.fields[0].span, r.name)}" for r in others]
            head = f"「{label}」を連携する具体的事項（○）としていない地域は{len(others)}地域です。"
            return self._done(
                q, "aggregate" if q.wants_count else "list", head + "\n" + "\n".join(items), [r.name for r in others], citations
            )
        if not matched:
            return self._done(q, "list", f"「{label}」を連携する具体的事項（○）とする地域は、事例集にはありません。", [], citations)
        items = []
        for region in matched:
            marks = [m for m in region.fields if m.field in q.fields]
            refs = "".join(self._cite(citations, m.span, region.name) for m in marks)
            items.append(f"・{region.name}{refs}")
        head = f"「{label}」を連携する具体的事項（○）とする地域は{len(matched)}地域です。"
        return self._done(q, "aggregate" if q.wants_count else "list", head + "\n" + "\n".join(items), [r.name for r in matched], citations)

    def _kind_list(self, q: QuestionFacts) -> Answer | None:
        if not q.region_kind or not (q.asks_regions or q.wants_count) or q.regions or q.counts_the_unrecorded or self.names_topic(q.text):
            return None
        citations = CitationList()
        pool = self._pool(q)
        kind_label = next((r.kind_label for r in self.facts.regions if r.kind == q.region_kind), "")
        label = f"{kind_label}以外の地域" if q.region_kind_negated else kind_label
        items = [f"・{r.name}{self._cite(citations, r.listed_at, r.name)}" for r in pool]
        text = f"{label}は{len(pool)}地域です。\n" + "\n".join(items)
        return self._done(q, "aggregate" if q.wants_count else "list", text, [r.name for r in pool], citations)

    def _kind_of_region(self, q: QuestionFacts) -> Answer | None:
        """「宗谷は交付金を受けていますか」: whether a named region is of the kind asked, by the
        booklet's section it is listed in (a grant region with its years of figures)."""
        if not q.region_kind or not q.regions or q.asks_content or q.attribute or q.fields or q.years:
            return None
        citations, lines = CitationList(), []
        for region_name in q.regions:
            region = self.facts.known_region(region_name)
            mark = self._cite(citations, region.listed_at, region.name)
            of_kind = region.is_of_kind(q.region_kind, q.region_kind_negated)
            line = f"{'はい' if of_kind else 'いいえ'}。{region.name}は事例集の「{region.kind_label}」です{mark}。"
            paid = [g for g in region.grants if g.thousand_yen]
            if region.kind == "grant" and paid:
                years = "、".join(japanese_fiscal_year(g.year) for g in paid)
                line += f"交付額の記載がある年度：{years}{self._cite(citations, paid[0].span, region.name)}。"
            lines.append(line)
        return self._done(q, "fact", "\n".join(lines), q.regions, citations)

    def _region_fact(self, q: QuestionFacts) -> Answer | None:
        if len(q.regions) == 0 or set(lemmas(q.text)) & CHANGE_WORDS or asks_how_or_why(q.text):
            return None  # 「人口はどのくらい減った」 asks a change the table does not hold; 「どうやって」 a way
        text = q.text
        wanted = []
        if re.search(r"事務局|中心市|幹事", text):
            wanted.append("secretariat")
        towns_asked = re.search(r"構成市町村(?!数)|メンバー|どの市町村|参加している市町村|構成団体", text) or (
            "どこが" in text and q.asks_membership  # (not 「…センターはどこが運営」: of a thing)
        )
        if towns_asked and "数" not in text:
            wanted.append("members")
        if re.search(r"市町村数|いくつの市町村|何市町村|構成市町村の数", text):
            wanted.append("member_count")
        if "人口" in text:
            wanted.append("population")
        if "面積" in text:
            wanted.append("area")
        if re.search(r"協定", text):
            wanted.append("agreement")
        if re.search(r"ビジョン", text):
            wanted.append("vision")
        if re.search(r"交付額|交付金額", text):
            wanted.append("grants")
        if re.search(r"連携事項|具体的事項|分野", text) and not q.fields:  # one field named: what is done in it
            wanted.append("fields")
        if not wanted:
            return None
        citations, lines = CitationList(), []
        for region_name in q.regions:
            region = self.facts.known_region(region_name)
            for item in wanted:
                line = self._region_value(region, item, q, citations)
                if line:
                    lines.append(line)
        if not lines:
            return None
        return self._done(q, "fact", "\n".join(lines), q.regions, citations)

    def _region_value(self, region: Region, item: str, q: QuestionFacts, citations: CitationList) -> str | None:
        name = region.name
        cite = lambda span: self._cite(citations, span, name)  # noqa: E731
        if item == "secretariat" and region.secretariat:
            label = region.secretariat_label or "事務局担当市町村"
            return f"{name}の{label}は{'、'.join(region.secretariat.value)}です{cite(region.secretariat.span)}。"
        if item == "members" and region.members:
            joined = [f"{m.name}は{japanese_date(m.joined)}加入" for m in region.members if m.joined]
            extra = f"（{'、'.join(joined)}）" if joined else ""
            listed = "、".join(m.name for m in region.members)
            return f"{name}の構成市町村は{listed}の{len(region.members)}市町村です{extra}{cite(region.members[0].span)}。"
        if item == "member_count" and region.member_count:
            return f"{name}の構成市町村数は{region.member_count.value}です{cite(region.member_count.span)}。"
        if item == "population" and region.population:
            source = f"（{region.population_source}）" if region.population_source else ""
            return f"{name}の人口は{region.population.value:,}人です{source}{cite(region.population.span)}。"
        if item == "area" and region.area_km2:
            return f"{name}の面積は{region.area_km2.value:,}km²です{cite(region.area_km2.span)}。"
        if item == "agreement" and region.agreement_date:
            amended = "".join(f"（{japanese_date(a.value)} 変更{cite(a.span)}）" for a in region.agreement_amended)
            return f"{name}の協定締結日は{japanese_date(region.agreement_date.value)}です{cite(region.agreement_date.span)}{amended}。"
        if item == "vision" and region.vision_date:
            amended = "".join(f"（{japanese_date(a.value)} 改定{cite(a.span)}）" for a in region.vision_amended)
            return f"{name}のビジョン策定日は{japanese_date(region.vision_date.value)}です{cite(region.vision_date.span)}{amended}。"
        if item == "grants":
            grants = [g for g in region.grants if not q.years or g.year in q.years]
            if not grants:
                return f"{name}の交付額は事例集に記載がありません（{region.kind_label}）。"
            parts = [
                f"{g.year} {_money(g.thousand_yen) if g.thousand_yen is not None else g.printed}"
                f"{'（見込）' if g.estimate else ''}{cite(g.span)}"
                for g in grants
            ]
            line = f"{name}の交付額：" + "、".join(parts) + "。"
            known = sorted((int(g.year[1:]), g.year, g.thousand_yen) for g in grants if g.thousand_yen is not None)
            if q.wants_difference and len(q.years) == 2 and len(known) == 2:
                (_, first_year, first), (_, last_year, last) = known
                change = last - first
                trend = "増" if change > 0 else "減"
                line += f"差は{_money(abs(change))}（{first_year}→{last_year}で{trend}）です。" if change else "両年度とも同額です。"
            return line
        if item == "fields" and region.fields:
            parts = [f"{m.field}{'（' + m.detail + '）' if m.detail else ''}{cite(m.span)}" for m in region.fields]
            return f"{name}の連携する具体的事項（○）：" + "、".join(parts) + "。"
        return None
