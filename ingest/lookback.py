"""The look-back pages (振り返り): for forming the region and for each project, what was
hard (「…困難と感じた点」) and what helped (「…工夫した点」), each note with its span.

Found from the template's labels, never from names: a label is a line ending in one of
LOOKBACK_LABELS, wrapped by the PDF over a short line before it (「連携地域形成の際に困」 /
「難と感じた点」); its note runs to the next label or heading. A note belongs to the project
whose heading (「1)圏域基礎調査(R2のみ実施)」) comes before it, once 「2.連携事業について」
has begun; before that, to forming the region.
"""

from __future__ import annotations

import re

from ingest.labels import TemplateText
from ingest.models import Section
from ingest.records import LookbackNote, Project

LOOKBACK_LABELS = (("hardships", "困難と感じた点"), ("devices", "工夫した点"))
_LABEL_END = re.compile("(?:" + "|".join(label for _key, label in LOOKBACK_LABELS) + r")\s*$")
_STAGE = re.compile(r"^\d{1,2}\s*\.\s*\S")  # 「2.連携事業について」
_PROJECT_HEADING = re.compile(r"^\d{1,2}\s*\)\s*(?P<title>\S.*)$")  # 「1)圏域基礎調査(R2のみ実施)」
_WRAPPED_LABEL = 20  # a line this short without 。 before a label's last line is the label's start


def extract_lookback(doc: TemplateText, section: Section, projects: tuple[Project, ...]) -> tuple[LookbackNote, ...]:
    lines = doc.lines(section.start, section.end)
    texts = [line.strip() for _start, _end, line in lines]
    label_ends = [index for index in range(len(texts)) if _LABEL_END.search(_label_text(texts, index))]
    notes = []
    project: str | None = None
    stage = 0
    for position, index in enumerate(label_ends):
        for text in texts[(label_ends[position - 1] + 1 if position else 0) : index + 1]:
            if _STAGE.match(text):
                stage += 1
            heading = _PROJECT_HEADING.match(text)
            if heading and stage > 1:
                project = _project_named(heading.group("title"), projects) or project
        next_label = label_ends[position + 1] if position + 1 < len(label_ends) else len(texts)
        body = []
        for offset in range(index + 1, next_label):
            text = texts[offset]
            if _STAGE.match(text) or _PROJECT_HEADING.match(text) or (offset == next_label - 1 and _label_start(texts, next_label)):
                break
            body.append(offset)
        while body and not texts[body[-1]].endswith("。") and len(texts[body[-1]]) < _WRAPPED_LABEL * 2:
            body.pop()  # a page header (「…の取組に係る振り返り」) after the note
        if not body:
            continue
        start, end = lines[body[0]][0], lines[body[-1]][1]
        kind = next(key for key, label in LOOKBACK_LABELS if _label_text(texts, index).endswith(label))
        notes.append(LookbackNote(kind, project if stage > 1 else None, doc.text[start:end].strip(), doc.span(start, end)))
    return tuple(notes)


def _label_text(texts: list[str], index: int) -> str:
    """The line with the start of a label the PDF wrapped before it (「…困」 + 「難と感じた点」)."""
    return (texts[index - 1] if index > 0 and _label_start(texts, index) else "") + texts[index]


def _label_start(texts: list[str], label_end: int) -> bool:
    """Whether the line before a label's last line is the start of that label."""
    before = texts[label_end - 1] if label_end > 0 else ""
    return not before.endswith("。") and (len(before) <= _WRAPPED_LABEL or bool(_PROJECT_HEADING.match(before)))


def _project_named(title: str, projects: tuple[Project, ...]) -> str | None:
    """The project a heading names: the heading starts with its name (a label may follow it
    on the same line)."""
    compact = re.sub(r"\s", "", title)
    named = [p.name for p in projects if compact.startswith(re.sub(r"\s", "", p.name))]
    return max(named, key=len) if named else None
