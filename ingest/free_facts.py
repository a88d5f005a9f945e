"""A region record from a report without the booklet's template (e.g. the 北見 report).

Reads what such reports commonly print: 「【北見市】 人口:114,041人 面積:1,427.41 km2」 rows
for the members, 「人口計」「面積計」 totals, 「中心市である…」 and a 「…協定を締結」 sentence.
"""

from __future__ import annotations

import re

from ingest.japanese import parse_date, parse_float, parse_int
from ingest.models import ParsedDocument
from ingest.records import Member, Region, Sourced, Span

_MEMBER_ROW = re.compile(r"【(?P<name>[^】]{1,8}[市町村])】\s*人口:\s*(?P<pop>[\d,]+)人")
_TOTAL_POPULATION = re.compile(r"人口計:\s*(?P<value>[\d,]+)人")
_TOTAL_AREA = re.compile(r"面積計:\s*(?P<value>[\d,.]+)\s*km")
_CENTRAL_CITY = re.compile(r"中心市である(?P<name>\S{1,8}?[市町村])")
_AGREEMENT = re.compile(r"(?P<date>(?:令和|平成)\S{1,4}年\d{1,2}月\d{1,2}日)に[^。]{0,40}?協定を締結")
_POPULATION_SOURCE = re.compile(r"※人口は[^(\n]*\((?P<source>[^)]+)\)")


def extract_free_region(parsed: ParsedDocument) -> Region:
    text, doc_id = parsed.doc.text, parsed.doc.doc_id
    name = parsed.regions[0]

    def span(match, group=0) -> Span:
        return Span(doc_id, match.start(group), match.end(group))

    members = tuple(
        Member(m.group("name"), span(m, "name"), population=Sourced(parse_int(m.group("pop")), span(m))) for m in _MEMBER_ROW.finditer(text)
    )
    population = _TOTAL_POPULATION.search(text)
    area = _TOTAL_AREA.search(text)
    central = _CENTRAL_CITY.search(text)
    agreement = _AGREEMENT.search(text)
    source = _POPULATION_SOURCE.search(text)
    return Region(
        name=name,
        doc_id=doc_id,
        kind="other",
        kind_label="その他の事例",
        span=Span(doc_id, 0, len(text)),
        members=members,
        member_count=Sourced(len(members), members[0].span) if members else None,
        population=Sourced(parse_int(population.group("value")), span(population)) if population else None,
        population_source=source.group("source") if source else None,
        area_km2=Sourced(parse_float(area.group("value")), span(area)) if area else None,
        secretariat=Sourced((central.group("name"),), span(central, "name")) if central else None,
        secretariat_label="中心市" if central else None,
        agreement_date=Sourced(parse_date(agreement.group("date")), span(agreement)) if agreement else None,
    )
