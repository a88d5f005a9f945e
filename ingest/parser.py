"""The booklet's template: document → chapters, regions (overview / projects / look-back)
and the rule texts (要綱, clause by clause).

Everything is found from the template's own markers, never from a list of names, so a
later edition with the same template parses unchanged:
- a region starts at its heading line, the short line just before the overview table's
  first label 「連携地域形成の経緯」;
- a project starts at 「事業名 …」 / 「取組名 …」 (the summary table's header row
  「事業名 事業概要」 is not a project);
- the look-back starts at 「1.連携地域形成について」;
- a rule text starts at a title line ending in 要綱 followed by 「第1 …」; clauses are
  「第N 見出し」, sub-items 「1 …」 / 「(1) …」, and 附則 closes the clauses;
- chapters are 「1 見出し」 lines outside the rule texts.
A document without the template (e.g. the 北見 report) is one region, named by the
cooperation area it keeps mentioning, split at its 「●」 headings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.models import NormalizedDocument, ParsedDocument, Section, SectionKind, SubItem

_REGION_ANCHOR = "連携地域形成の経緯"
_REGION_HEADING = re.compile(r"^[^\s、。,:()・「」]{2,24}(?:連携地域|圏域|地域|自立圏|都市圏)$")
_PROJECT = re.compile(r"^(?:事業名|取組名)\s+(?P<name>\S.*)$")
_SUMMARY_HEADER = re.compile(r"^(?:事業名|取組名)\s+(?:事業|取組)概要$")
_PROJECT_NEXT_FIELD = re.compile(r"^実施団体名")
_LOOKBACK = re.compile(r"^1\s*\.\s*連携地域形成")
_RULE_TITLE = re.compile(r"^\S.{1,60}?(?P<short>\S{2}要綱)$")
_CLAUSE = re.compile(r"^第(?P<number>\d{1,2})\s+(?P<title>\S.{0,40})$")
_SUPPLEMENT = re.compile(r"^附\s*則$")
_SUB_ITEM = re.compile(r"^(?:(?P<plain>\d{1,2})\s+\S|\((?P<paren>\d{1,2})\)\s+\S)")
_CHAPTER = re.compile(r"^(?P<number>\d{1,2})\s+(?P<title>[^\s。]\S{2,60})$")
_BULLET_HEADING = re.compile(r"^●\s*(?P<title>\S.{1,60})$")
_AREA_NAME = re.compile(r"[一-龥ァ-ヶー]{2,12}?(?:定住自立圏|連携中枢都市圏|連携地域|圏域)")


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str  # stripped


def _lines(text: str) -> list[_Line]:
    lines, offset = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(_Line(offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


_SPACE_BY_JAPANESE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def canonical_name(text: str) -> str:
    """A name as the booklet means it: PDF spacing next to Japanese removed
    (「ICT インフラの研究・活用」 → 「ICTインフラの研究・活用」), Latin words kept apart."""
    return _SPACE_BY_JAPANESE.sub("", text.strip())


def parse_document(doc: NormalizedDocument) -> ParsedDocument:
    """Split a normalised document into the sections of the booklet's template."""
    lines = _lines(doc.text)
    rule_starts = _rule_titles(lines)
    region_starts = _region_headings(lines, limit=rule_starts[0][0] if rule_starts else len(lines))
    region_lines = {index for index, _ in region_starts}
    chapter_starts: list[tuple[int, str]] = []  # (first line, the chapter's numbered title)
    for index, line in enumerate(lines[: rule_starts[0][0] if rule_starts else len(lines)]):
        if _CHAPTER.match(line.text):
            first = index
            # A divider title just above the chapter (「国の広域連携制度活用地域」) belongs to it.
            if index > 0 and index - 1 not in region_lines and _REGION_HEADING.match(_compact(lines[index - 1].text)):
                first = index - 1
            chapter_starts.append((first, line.text))
    if not region_starts and not rule_starts:
        return _parse_free_document(doc, lines)

    # Every boundary in line order, each opening a part that runs to the next boundary.
    boundaries: list[tuple[int, str, str]] = []
    boundaries += [(index, "region", name) for index, name in region_starts]
    boundaries += [(index, "chapter", title) for index, title in chapter_starts]
    boundaries += [(index, "rules", short) for index, short in rule_starts]
    boundaries.sort()
    if not boundaries or boundaries[0][0] > 0:
        boundaries.insert(0, (0, "chapter", lines[0].text if lines else ""))

    sections: list[Section] = []
    for position, (first, kind, name) in enumerate(boundaries):
        last = boundaries[position + 1][0] if position + 1 < len(boundaries) else len(lines)
        part = lines[first:last]
        if not part:
            continue
        if kind == "region":
            sections += _region_sections(doc.doc_id, name, part)
        elif kind == "rules":
            sections += _clause_sections(doc.doc_id, name, part)
        else:
            sections.append(_section(doc.doc_id, SectionKind.INTRO, part, title=name))
    regions = tuple(dict.fromkeys(name for _, name in region_starts))
    return ParsedDocument(doc=doc, regions=regions, sections=tuple(s for s in sections if s.end > s.start))


def _section(doc_id: str, kind: SectionKind, part: list[_Line], **fields) -> Section:
    return Section(doc_id=doc_id, kind=kind, start=part[0].start, end=part[-1].end, **fields)


def _region_headings(lines: list[_Line], limit: int) -> list[tuple[int, str]]:
    """(first line of the heading, canonical name) for each region before `limit`."""
    found: list[tuple[int, str]] = []
    for index in range(limit):
        joined = _compact(lines[index].text + (lines[index + 1].text if index + 1 < len(lines) else ""))
        if not joined.startswith(_REGION_ANCHOR):
            continue
        heading = index - 1
        while heading >= 0 and not _REGION_HEADING.match(_compact(lines[heading].text)):
            heading -= 1
            if index - heading > 4:  # the heading sits right above the overview table
                heading = -1
                break
        if heading < 0:
            continue
        name = _compact(lines[heading].text)
        while heading > 0 and _compact(lines[heading - 1].text) == name:
            heading -= 1  # the heading is printed twice (page header and title)
        if not found or found[-1][1] != name:
            found.append((heading, name))
    return found


def _region_sections(doc_id: str, region: str, part: list[_Line]) -> list[Section]:
    project_starts = [index for index, line in enumerate(part) if _PROJECT.match(line.text) and not _SUMMARY_HEADER.match(line.text)]
    lookback = next((index for index, line in enumerate(part) if _LOOKBACK.match(line.text)), None)
    cuts = sorted({0, *project_starts, *([lookback] if lookback is not None else []), len(part)})
    sections: list[Section] = []
    for first, last in zip(cuts, cuts[1:]):
        piece = part[first:last]
        if first in project_starts:
            matched = _PROJECT.match(piece[0].text)
            assert matched is not None  # project_starts holds only lines that match
            name = matched.group("name").strip()
            if len(piece) > 1 and not _PROJECT_NEXT_FIELD.match(piece[1].text) and len(piece[1].text) < 20:
                name += piece[1].text  # a long project name wrapped onto the next line
            name = canonical_name(name)
            sections.append(_section(doc_id, SectionKind.PROJECT, piece, title=name, region=region, project=name))
        elif first == lookback:
            sections.append(_section(doc_id, SectionKind.LOOKBACK, piece, title="振り返り", region=region))
        else:
            sections.append(_section(doc_id, SectionKind.OVERVIEW, piece, title="連携地域の概要", region=region))
    return sections


def _rule_titles(lines: list[_Line]) -> list[tuple[int, str]]:
    found = []
    for index, line in enumerate(lines):
        match = _RULE_TITLE.match(line.text)
        if not match or len(line.text) > 60:
            continue
        following = [other.text for other in lines[index + 1 : index + 4]]
        if any((clause := _CLAUSE.match(text)) and clause.group("number") == "1" for text in following):
            found.append((index, match.group("short")))
    return found


def _clause_sections(doc_id: str, rule: str, part: list[_Line]) -> list[Section]:
    starts: list[tuple[int, str]] = []
    for index, line in enumerate(part):
        if _SUPPLEMENT.match(line.text):
            starts.append((index, "附則"))
            break  # 第N lines after 附則 are its own items, not clauses
        match = _CLAUSE.match(line.text)
        if match and "。" not in match.group("title"):
            starts.append((index, f"第{match.group('number')}"))
    sections = []
    if starts and starts[0][0] > 0:  # the title (and issuer) before 第1
        sections.append(_section(doc_id, SectionKind.CLAUSE, part[: starts[0][0]], title=rule, clause=rule))
    for position, (first, number) in enumerate(starts):
        last = starts[position + 1][0] if position + 1 < len(starts) else len(part)
        piece = part[first:last]
        clause = f"{rule} {number}"
        sub_items, plain = [], ""
        for line in piece[1:]:
            match = _SUB_ITEM.match(line.text)
            if not match:
                continue
            if match.group("plain"):
                plain = f"の{match.group('plain')}"
                suffix = plain
            else:  # (n) nests under the numbered item it follows: 第4の2(3)
                suffix = f"{plain}({match.group('paren')})"
            sub_items.append(SubItem(start=line.start, suffix=suffix))
        sections.append(_section(doc_id, SectionKind.CLAUSE, piece, title=piece[0].text, clause=clause, sub_items=tuple(sub_items)))
    return sections


def area_name(text: str) -> str | None:
    """The cooperation area a free-form document is about: the one it names most often."""
    counts = Counter(_AREA_NAME.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def _parse_free_document(doc: NormalizedDocument, lines: list[_Line]) -> ParsedDocument:
    region = area_name(doc.text)
    heads = [index for index, line in enumerate(lines) if _BULLET_HEADING.match(line.text)]
    cuts = sorted({0, *heads, len(lines)})
    sections = []
    for first, last in zip(cuts, cuts[1:]):
        piece = [line for line in lines[first:last] if line.text]
        if not piece:
            continue
        bullet = _BULLET_HEADING.match(piece[0].text)
        title = bullet.group("title").strip() if bullet else "概要"
        sections.append(_section(doc.doc_id, SectionKind.OVERVIEW, piece, title=title, region=region))
    return ParsedDocument(doc=doc, regions=(region,) if region else (), sections=tuple(sections))
