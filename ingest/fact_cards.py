"""Fact cards: every record value written as one short Japanese statement
(「日高連携地域の人口は63,000人です。」), indexed beside the passages as points of their own
kind, so a question in other words (「何人住んでいる」「いつ結んだ」) finds the value by meaning.

A card is a `Chunk` of kind FACT whose `text` is the statement and whose span is where the
value is printed (so it cites like any passage); `attribute` names the record field. Its
dense vector is its `meaning` (the label and the words for it); it has no lexical vector, so
the passages' BM25 statistics do not change with the cards. The answer never reads a value off a card: it takes the value from the
record.
"""

from __future__ import annotations

import uuid

from ingest.attribute_words import ATTRIBUTES, card_label
from ingest.japanese import japanese_date
from ingest.models import Chunk, SectionKind
from ingest.records import Region, Span

# Labels of the values that are not overview-table rows (those take ingest.attribute_words).
_OTHER_LABELS = {"field": "連携する具体的事項", "member_population": "人口", "project_bodies": "実施団体"}
_NAMESPACE = uuid.UUID("0b7f6c8e-3a0c-4c55-9d0e-5b1f0f3f2a41")


def _card(region: Region, attribute: str, key: str, statement: str, span: Span | None, years: tuple[str, ...] = ()) -> Chunk | None:
    where = span or region.span
    if where is None:
        return None
    return Chunk(
        chunk_id=str(uuid.uuid5(_NAMESPACE, f"{where.doc_id}|{region.name}|{attribute}|{key}")),
        doc_id=where.doc_id,
        text=statement,
        start=where.start,
        end=where.end,
        kind=SectionKind.FACT,
        section=SectionKind.FACT.label,
        heading=f"{region.name} / {meaning(attribute)}",
        region=region.name,
        fiscal_years=years,
        attribute=attribute,
    )


def meaning(attribute: str) -> str:
    """What a card means, without its region or value: the label with the words officers use
    for it (「事務局担当市町村（事務局・中心市・取りまとめ役・幹事）」). A card's dense vector is
    this text embedded as a query is, so a question asked in any of these words lands on it;
    the region is a filter, and the value is the record's."""
    return card_label(attribute) if attribute in ATTRIBUTES else _OTHER_LABELS[attribute]


def _fiscal_year(label: str) -> str:
    """ "R5" → 「令和5年度」 (the booklet's fiscal years are all 令和)."""
    number = label.lstrip("R")
    return f"令和{'元' if number == '1' else number}年度"


def _covering(spans: list[Span | None]) -> Span | None:
    """One span over several in the same document (a member list printed over lines)."""
    known = [span for span in spans if span is not None]
    if not known or len({span.doc_id for span in known}) != 1:
        return known[0] if known else None
    return Span(known[0].doc_id, min(span.start for span in known), max(span.end for span in known))


def region_cards(region: Region) -> list[Chunk]:
    """The cards of one region: its table's values, members, grants by year, ○ fields,
    members' own figures and each project's implementing bodies."""
    name = region.name
    cards: list[Chunk | None] = []
    if region.population is not None and region.population.value is not None:
        cards.append(_card(region, "population", "", f"{name}の人口は{int(region.population.value):,}人です。", region.population.span))
    if region.area_km2 is not None and region.area_km2.value is not None:
        cards.append(_card(region, "area", "", f"{name}の面積は{float(region.area_km2.value):,.2f}km²です。", region.area_km2.span))
    if region.member_count is not None and region.member_count.value is not None:
        count = int(region.member_count.value)
        cards.append(_card(region, "member_count", "", f"{name}の構成市町村数は{count}市町村です。", region.member_count.span))
    if region.members:
        names = "、".join(member.name for member in region.members)
        cards.append(_card(region, "members", "", f"{name}の構成市町村は{names}です。", _covering([m.span for m in region.members])))
    if region.secretariat is not None and region.secretariat.value:
        label = region.secretariat_label or ATTRIBUTES["secretariat"].label
        towns = "、".join(region.secretariat.value)
        cards.append(_card(region, "secretariat", "", f"{name}の{label}は{towns}です。", region.secretariat.span))
    for attribute, sourced in (("agreement_date", region.agreement_date), ("vision_date", region.vision_date)):
        if sourced is not None and sourced.value:
            day = japanese_date(sourced.value)
            cards.append(_card(region, attribute, "", f"{name}の{ATTRIBUTES[attribute].label}は{day}です。", sourced.span))
    for grant in region.grants:
        label = "交付金活用見込額" if grant.estimate else ATTRIBUTES["grant"].label
        amount = "未定" if grant.thousand_yen is None else f"{grant.thousand_yen:,}千円"
        statement = f"{name}の{_fiscal_year(grant.year)}の{label}は{amount}です。"
        cards.append(_card(region, "grant", grant.year, statement, grant.span, (grant.year,)))
    for mark in region.fields:
        field = f"{mark.field}（{mark.detail}）" if mark.detail else mark.field
        cards.append(_card(region, "field", mark.field, f"{name}は{_OTHER_LABELS['field']}として{field}に取り組んでいます。", mark.span))
    for member in region.members:
        if member.population is not None and member.population.value is not None:
            statement = f"{name}の構成市町村の{member.name}の人口は{int(member.population.value):,}人です。"
            cards.append(_card(region, "member_population", member.name, statement, member.population.span))
    for project in region.projects:
        if project.bodies:
            statement = f"{name}の事業「{project.name}」の実施団体は{'、'.join(project.bodies)}です。"
            cards.append(_card(region, "project_bodies", project.name, statement, project.bodies_span or project.span))
    return [card for card in cards if card is not None]


def fact_cards(regions: list[Region]) -> list[Chunk]:
    """The cards of every region, in record order (ids are stable across ingests)."""
    return [card for region in regions for card in region_cards(region)]
