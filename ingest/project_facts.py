"""A project's record from its page of the template: bodies, purpose, activities by fiscal
year, roles, outcomes with their figures, lecturers — each with its span."""

from __future__ import annotations

import re

from ingest.japanese import split_municipalities
from ingest.labels import TemplateText, label_at
from ingest.models import Section
from ingest.records import Activity, Project, Sourced, Span

# The labels of a project page, in template order (a later edition keeps them).
PROJECT_LABELS = (
    ("bodies", "実施団体名"),
    ("purpose", "(?:事業|取組)の目的"),
    ("activities", "(?:事業|取組)?概要"),
    ("roles", "構成団体の役割分担"),
    ("outcomes", "連携により得られた成果又は見込まれる成果"),
)
_PAGE_HEADER = re.compile(r"^広域連携加速化事業(?:における|の取組).*$")
# 「(R4年度)」 opens a year's lines of 事業概要 (items may follow on the same line)
YEAR_MARK = re.compile(r"^\((?:R|令和)\s*(\d{1,2}|元)\s*年度\)\s*(?P<rest>.*)$")
_LECTURER = re.compile(r"\(講師(?::|は)\s*(?P<name>[^)]+)\)")
_PROSE_FIELDS = ("purpose", "outcomes")
_FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:人|件|名|回|%|世帯|か月|ヶ月)")


def extract_project(doc: TemplateText, section: Section) -> Project:
    lines = doc.lines(section.start, section.end)
    # label -> (first line of the label, line where the value starts, offset of the value)
    labels: dict[str, tuple[int, int, int]] = {}
    for key, label in PROJECT_LABELS:
        wrap = 4 if key in ("roles", "outcomes") else 1
        for index in range(1, len(lines)):
            found = label_at(lines, index, label, max_lines=wrap)
            if found and key not in labels:
                labels[key] = (index, *found)
                break
    firsts = sorted(first for first, _, _ in labels.values())

    def block(key: str) -> tuple[str, Span] | None:
        if key not in labels:
            return None
        _first, value_index, value_start = labels[key]
        end_index = next((first for first in firsts if first > value_index), len(lines))
        chosen = [line for line in lines[value_index:end_index] if not _PAGE_HEADER.match(line[2].strip())]
        if key in _PROSE_FIELDS:
            # prose ends with its last sentence; what the page prints after it is a photo's
            # caption (「研修会の様子」) or the next page's header, not part of the field
            sentences_end = max((i for i, line in enumerate(chosen) if line[2].strip().endswith("。")), default=len(chosen) - 1)
            chosen = chosen[: sentences_end + 1]
        if not chosen:
            return None
        return doc.text[value_start : chosen[-1][1]].strip(), doc.span(value_start, chosen[-1][1])

    bodies_block = block("bodies")
    bodies: tuple[str, ...] = ()
    if bodies_block:
        names = split_municipalities(bodies_block[0].replace("(", " ").replace(")", " "))
        bodies = tuple(names) if names else tuple(part for part in re.split(r"[、・\s]+", bodies_block[0]) if part)
    purpose, roles, outcomes = block("purpose"), block("roles"), block("outcomes")
    activities = _activities(doc, block("activities"))
    outcome_figures: tuple[Sourced, ...] = ()
    if outcomes:
        base = outcomes[1].start
        outcome_figures = tuple(
            Sourced(m.group(0), doc.span(base + m.start(), base + m.end())) for m in _FIGURE.finditer(doc.text[base : outcomes[1].end])
        )
    lecturers = tuple(
        Sourced(m.group("name").strip(), doc.span(section.start + m.start("name"), section.start + m.end("name")))
        for m in _LECTURER.finditer(doc.text[section.start : section.end])
    )
    assert section.project is not None and section.region is not None  # a project section names both
    return Project(
        name=section.project,
        region=section.region,
        span=doc.span(section.start, section.end),
        bodies=bodies,
        bodies_span=bodies_block[1] if bodies_block else None,
        purpose=Sourced(*purpose) if purpose else None,
        activities=activities,
        roles=Sourced(*roles) if roles else None,
        outcomes=Sourced(*outcomes) if outcomes else None,
        outcome_figures=outcome_figures,
        lecturers=lecturers,
    )


def _activities(doc: TemplateText, activities_block) -> tuple[Activity, ...]:
    """Items under each (R2年度) … (R6年度) mark; 「－」, 検討中, 未定, 「R5に同じ」 kept as status."""
    if not activities_block:
        return ()
    span = activities_block[1]
    found: list[Activity] = []
    year, start, items, end = None, 0, [], 0

    def close() -> None:
        if year is None:
            return
        cleaned = [item for item in items if item and not _PAGE_HEADER.match(item)]
        status = "実施"
        single = cleaned[0].lstrip("・ ") if len(cleaned) == 1 else ""
        if single in ("-", "－", "ー", "―", "検討中", "未定") or single.endswith("に同じ"):
            status = single
        found.append(Activity(year, tuple(cleaned), status, doc.span(start, end)))

    for line_start, line_end, _line in doc.lines(span.start, span.end):
        text = doc.text[line_start:line_end].strip()
        match = YEAR_MARK.match(text)
        if match:
            close()
            year = "R1" if match.group(1) == "元" else f"R{int(match.group(1))}"
            start, items, end = line_start, [match.group("rest").strip()], line_end
        elif year is not None:
            items.append(text)
            end = line_end
    close()
    return tuple(found)
