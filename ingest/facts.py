"""Read the booklet's template into Region and Project records (no values typed in).

Works on a ParsedDocument: the overview section gives the region's table (population,
area, members' count, secretariat, agreement and vision dates, the ○ table of fields,
grants by year, formation); the listing chapter (「連携地域・構成市町村・事業一覧(…)」)
gives the member municipalities, joins and the region's kind; each project section gives
its fields. PDF noise is handled generally: labels wrapped over lines are compacted, a ○
belongs to the label before it on its row, and a municipality spelled two ways takes the
spelling the document uses most (the list prints 新冠村 once, the projects 新冠町 often).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ingest.japanese import (
    is_municipality,
    parse_date,
    parse_float,
    parse_int,
    split_municipalities,
)
from ingest.labels import TemplateText, find_label, label_at, value_after
from ingest.lookback import extract_lookback
from ingest.models import ParsedDocument, Section, SectionKind
from ingest.project_facts import extract_project
from ingest.records import FieldMark, Grant, Member, Region, Sourced, Span

# The policy fields of a 地域連携協定 (推進要綱 第3(2)②エ), as the ○ table labels them.
POLICY_FIELDS: tuple[tuple[str, str], ...] = (
    ("医療", r"医療"),
    ("福祉", r"福祉"),
    ("教育", r"教育"),
    ("環境", r"環境"),
    ("防災", r"防災"),
    ("機能の集約化", r"機能の集約化"),
    ("地域公共交通", r"地域公共交通"),
    ("ICTの活用", r"デジタル・ディバイ[ドト]の解消[へに]向けた\s*ICT\s*の活用"),
    ("人材の育成", r"連携市町村における人材の育成"),
    ("職員等の交流", r"連携市町村の職員等の交流"),
    ("その他", r"その他(?:\((?P<detail>[^)]*)\))?"),
)
_FIELD_PATTERNS = [(name, re.compile(pattern)) for name, pattern in POLICY_FIELDS]

# Row labels of the overview table and of a project page; each may be wrapped over lines.
_OVERVIEW_LABELS = {
    "population": r"人口※?(?=[\d,]+人)",
    "area": r"面積※?(?=[\d,.]+km)",
    "member_count": r"構成市町村数(?=\d)",
    "secretariat": r"(?:事務局担当市町村|中心市)(?=\S+[市町村])",
    "agreement": r"(?:連携|形成)?協定締結(?=令和|平成)",
    "vision": r"(?:連携)?ビジョン策定(?=令和|平成)",
}
_JOIN = re.compile(r"※\s*(?P<name>\S+?[市町村])は(?P<date>(?:令和|平成)\S+?日)に\s*加入")
_LISTING = re.compile(r"一覧\((?P<kind>[^)]+)\)")


def _overview_table(doc: TemplateText, section: Section) -> dict[str, tuple[str, Span, int]]:
    lines = doc.lines(section.start, section.end)
    found: dict[str, tuple[str, Span, int]] = {}
    for key, label in _OVERVIEW_LABELS.items():
        hit = find_label(lines, label)
        if hit:
            index, (value_index, value_start) = hit
            value, span = value_after(doc, lines, value_index, value_start)
            found[key] = (value, span, value_index)
    return found


def _continuation_lines(doc: TemplateText, lines, index: int, stop_labels: str) -> list[tuple[int, int, str]]:
    """Lines after `index` that continue a multi-line cell (until the next label or note)."""
    out = []
    stop = re.compile(rf"^(?:{stop_labels}|※)")
    for start, end, line in lines[index + 1 :]:
        if stop.match(line.replace(" ", "")):
            break
        out.append((start, end, line))
    return out


def _fields(doc: TemplateText, section: Section) -> tuple[FieldMark, ...]:
    """The ○ marks of the last 連携する具体的事項 table in the overview (the 連携地域の概要
    panel; some regions also print an older summary table before it)."""
    lines = doc.lines(section.start, section.end)
    starts = [i for i in range(len(lines)) if label_at(lines, i, "連携する具体的事項", max_lines=2)]
    if not starts:
        return ()
    value_index = label_at(lines, starts[-1], "連携する具体的事項", max_lines=2)[0]
    marks: dict[str, FieldMark] = {}
    for start, _end, line in lines[value_index + 1 : value_index + 12]:
        labels = [
            (match.start(), match.end(), name, match.groupdict().get("detail"))
            for name, pattern in _FIELD_PATTERNS
            for match in pattern.finditer(line)
        ]
        if not labels and "○" not in line:
            break
        # A label inside a longer one (防災 inside その他(防災・…)) is not a label of its own.
        labels = sorted(
            a for a in labels if not any(b is not a and b[0] <= a[0] and a[1] <= b[1] and b[1] - b[0] > a[1] - a[0] for b in labels)
        )
        for circle in (m.start() for m in re.finditer("○", line)):
            owners = [label for label in labels if label[1] <= circle]
            if owners:
                label_start, _label_end, name, detail = owners[-1]
                marks.setdefault(name, FieldMark(name, doc.span(start + label_start, start + circle + 1), detail))
    return tuple(marks.values())


def _grants(doc: TemplateText, section: Section) -> tuple[Grant, ...]:
    lines = doc.lines(section.start, section.end)
    for index, (_start, _end, line) in enumerate(lines[:-1]):
        years = re.findall(r"令和\s*(\d{1,2}|元)\s*年度", line)
        if not years or re.sub(r"令和\s*(?:\d{1,2}|元)\s*年度|\s", "", line):
            continue
        value_start, value_end, value_line = lines[index + 1]
        tokens = [(m.group(0), m.start()) for m in re.finditer(r"\S+", value_line)]
        if len(tokens) != len(years):
            continue
        header = lines[index - 1][2] if index > 0 else ""
        planned = "見込" in header
        grants = []
        for position, ((printed, offset), year) in enumerate(zip(tokens, years)):
            label = "R1" if year == "元" else f"R{int(year)}"
            grants.append(
                Grant(
                    label,
                    parse_int(printed),
                    printed,
                    planned and position == len(years) - 1,
                    doc.span(value_start + offset, value_start + offset + len(printed)),
                )
            )
        return tuple(grants)
    return ()


def _formation(doc: TemplateText, section: Section) -> Sourced | None:
    lines = doc.lines(section.start, section.end)
    hit = find_label(lines, "連携地域形成の")
    if not hit:
        return None
    index = hit[0]
    body = []
    for start, end, line in lines[index + 1 :]:
        stripped = line.strip()
        if stripped == "経緯":
            continue
        if re.match(r"^(交付額|事業名|取組名|連携する具体的|広域連携加速化事業)", stripped):
            break
        body.append((start, end))
    if not body:
        return None
    return Sourced(doc.text[body[0][0] : body[-1][1]].strip(), doc.span(body[0][0], body[-1][1]))


def _members_from_listing(doc: TemplateText, listing: Section, region: str, all_regions) -> tuple[list[Member], str]:
    """Members and join notes from `region`'s row of the listing table: the municipalities
    after its name and before its first project bullet; the row ends at the next region."""
    text = doc.text[listing.start : listing.end]
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    compact = "".join(c for _, c in kept)
    position = compact.find(region)
    if position < 0:
        return [], ""
    later = [compact.find(other, position + len(region)) for other in all_regions if other != region]
    later = [p for p in later if p >= 0]
    row_start = kept[position + len(region) - 1][0] + 1
    row_end = kept[min(later)][0] if later else len(text)
    row = text[row_start:row_end]
    bullet = re.search(r"(?:^|\s)・", row)
    members_part = row[: bullet.start()] if bullet else row
    notes = " ".join(m.group(0) for m in re.finditer(r"※[^※・]*", row))
    members_part = members_part.split("※")[0]
    members = []
    cursor = 0
    for name in split_municipalities(members_part):
        local = row.find(name, cursor)
        cursor = local + len(name)
        start = listing.start + row_start + local
        members.append(Member(name, doc.span(start, start + len(name))))
    return members, notes


def _correct_spellings(text: str, members: list[Member]) -> tuple[list[Member], list[str]]:
    """A member printed once with another suffix than the document's usual spelling (新冠村
    vs 新冠町) takes the usual spelling; the printed one is kept in `printed_as`."""
    corrected, notes = [], []
    names = {member.name for member in members}
    for member in members:
        stem = member.name[:-1]
        counts = Counter({suffix: text.count(stem + suffix) for suffix in "市町村"})
        best, best_count = counts.most_common(1)[0]
        # Only a spelling printed once (in the list itself) is a typo; 釧路市 and 釧路町 are
        # two real members, each printed several times.
        if best != member.name[-1] and counts[member.name[-1]] <= 1 and best_count >= 2 and stem + best not in names:
            fixed = stem + best
            notes.append(f"{member.name} → {fixed}（本文中の表記 {best_count} 回に合わせた）")
            corrected.append(replace(member, name=fixed, printed_as=member.name))
        else:
            corrected.append(member)
    return corrected, notes


def _apply_joins(members: list[Member], notes: str, overview_text: str) -> list[Member]:
    joins = {m.group("name").replace(" ", ""): parse_date(m.group("date")) for m in _JOIN.finditer(re.sub(r"\s+", "", notes))}
    for match in re.finditer(r"※\s*((?:令和|平成)\S+?日)\s*(\S+?[市町村])加入", overview_text):
        joins.setdefault(match.group(2), parse_date(match.group(1)))
    return [replace(member, joined=joins.get(member.name)) for member in members]


def _region_kind(parsed: ParsedDocument, region_start: int) -> tuple[str, str, Section | None]:
    listing = None
    for section in parsed.sections:
        if section.kind is SectionKind.INTRO and section.start < region_start and _LISTING.search(section.title):
            listing = section
    if listing is None:
        return "other", "その他の事例", None
    found = _LISTING.search(listing.title)
    assert found is not None  # the listing was chosen by this pattern
    label = found.group("kind")
    kind = "grant" if "交付金" in label else "national" if "国" in label else "other"
    return kind, label, listing


def extract_regions(parsed: ParsedDocument) -> list[Region]:
    """Region records (with their projects) of one parsed document."""
    doc = TemplateText(parsed)
    if not parsed.regions:
        return []
    overviews = {s.region: s for s in parsed.sections if s.kind is SectionKind.OVERVIEW}
    if (
        not any(s.kind is SectionKind.PROJECT for s in parsed.sections)
        and len(parsed.regions) == 1
        and not any("連携地域形成の" in doc.text[s.start : s.end] for s in overviews.values())
    ):
        from ingest.free_facts import extract_free_region

        return [extract_free_region(parsed)]
    regions = []
    for name in parsed.regions:
        sections = [s for s in parsed.sections if s.region == name]
        overview = overviews.get(name)
        kind, kind_label, listing = _region_kind(parsed, sections[0].start)
        table = _overview_table(doc, overview) if overview else {}
        members, join_notes = _members_from_listing(doc, listing, name, parsed.regions) if listing else ([], "")
        members, notes = _correct_spellings(doc.text, members)
        overview_text = doc.text[overview.start : overview.end] if overview else ""
        members = _apply_joins(members, join_notes, overview_text)

        def sourced(key, convert):
            if key not in table:
                return None
            value, span, _ = table[key]
            converted = convert(value)
            return None if converted is None else Sourced(converted, span)

        secretariat = None
        secretariat_label = None
        secretariat_year = None
        if "secretariat" in table:
            value, span, value_index = table["secretariat"]
            assert overview is not None  # the table comes from the overview
            lines = doc.lines(overview.start, overview.end)
            more = _continuation_lines(doc, lines, value_index, "|".join(_OVERVIEW_LABELS.values()))
            full_end = more[-1][1] if more else span.end
            full = doc.text[span.start : full_end]
            names = [re.sub(r"\(.*?\)$", "", token) for token in re.split(r"[、,\s]+", full) if token]
            names = [n for n in names if is_municipality(n)]
            secretariat = Sourced(tuple(names), doc.span(span.start, full_end))
            # 「共和町(R5)」: the secretariat rotates, and the booklet gives the year it names
            if (year := re.search(r"\(R\s*(\d{1,2}|元)\s*(?:年度)?\)", full)) is not None:
                secretariat_year = "R1" if year.group(1) == "元" else f"R{int(year.group(1))}"
            label_line = lines[value_index][2]
            secretariat_label = "中心市" if label_line.strip().startswith("中心市") else "事務局担当市町村"

        def dated(key):
            if key not in table:
                return None, ()
            value, span, value_index = table[key]
            main = Sourced(parse_date(value), span) if parse_date(value) else None
            lines = doc.lines(overview.start, overview.end)
            amended = []
            for start, end, line in lines[value_index + 1 : value_index + 3]:
                if line.strip().startswith("(") and parse_date(line):
                    amended.append(Sourced(parse_date(line), doc.span(start, end)))
                else:
                    break
            return main, tuple(amended)

        agreement, agreement_amended = dated("agreement")
        vision, vision_amended = dated("vision")
        census = re.search(r"※\s*(\S+?国勢調査)", overview_text)
        projects = tuple(extract_project(doc, s) for s in sections if s.kind is SectionKind.PROJECT)
        regions.append(
            Region(
                name=name,
                doc_id=doc.doc_id,
                kind=kind,
                kind_label=kind_label,
                span=doc.span(sections[0].start, sections[-1].end),
                members=tuple(members),
                member_count=sourced("member_count", parse_int),
                population=sourced("population", parse_int),
                population_source=census.group(1) if census else None,
                area_km2=sourced("area", parse_float),
                secretariat=secretariat,
                secretariat_label=secretariat_label,
                secretariat_year=secretariat_year,
                agreement_date=agreement,
                agreement_amended=agreement_amended,
                vision_date=vision,
                vision_amended=vision_amended,
                fields=_fields(doc, overview) if overview else (),
                grants=_grants(doc, overview) if overview else (),
                formation=_formation(doc, overview) if overview else None,
                projects=projects,
                notes=tuple(notes),
                lookback=tuple(note for s in sections if s.kind is SectionKind.LOOKBACK for note in extract_lookback(doc, s, projects)),
            )
        )
    return regions
