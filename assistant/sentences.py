"""The sentences of a passage as the booklet prints them: split at 。 or a line end, a line
the PDF wrapped run on into the next (unless that starts a bullet, a numbered item, a member's
line or a field of the template), each with the context printed above it — the heading it
falls under, the year's mark of 事業概要, a label wrapped over short lines.

What a passage answer may quote: a whole sentence or a whole table row, never a fragment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understand.numbers import without_dates
from index.store import SearchHit
from index.tokenize import cuts_a_word
from ingest.lookback import LOOKBACK_LABELS
from ingest.normalize import NAMED_ITEM
from ingest.project_facts import PROJECT_LABELS, YEAR_MARK

_SENTENCE = re.compile(r"[^。\n]+。?")
_MIN_SENTENCE = 14
_WRAPPED_LINE = 28  # a line this long that stops without 。 was wrapped by the PDF (lines hold 30–40)
BULLETS = ("・", "○", "●", "◆", "(", "【", "-")
# ①–⑳ number a list's headings (「② 推進期間」, a label of what follows when short) and items:
# a line that starts with one is never the wrapped tail of the line above
_NUMBERED = tuple(map(chr, range(0x2460, 0x2474)))
_ARROWS = ("→", "⇒")
_CLOSING = (")", "）", "」", "』")
_HEADING = re.compile(r"^(?:事業名|取組名)\s|^\d{1,2}\s*[).]\s*\S")
# 「(行政職員、一般町民…)を対象に」: a parenthesis the sentence goes on from (a particle after
# it) continues the wrapped line above; 「(講師:…)」 alone on its line is an item of its own
_GLOSS_GOES_ON = re.compile(r"\([^()]{2,}\)[ぁ-ゖ]")
UNWRAP = re.compile(r"\s*\n\s*")
POINTS_ON = re.compile(r"下記|以下の|次の|[:：]$")


# a project page's labels, and a look-back label wrapped from its start (連携地域形成が円滑に / 進むよう工夫した点)
_FIELD_LABEL = re.compile(
    "|".join([f"(?:{label})" for _key, label in PROJECT_LABELS] + [f"(?:[^、。]{{0,24}}?{label})" for _key, label in LOOKBACK_LABELS])
)


_ACTIVITIES_LABEL = re.compile(r"^(?:" + dict(PROJECT_LABELS)["activities"] + r")\s*")


def _is_year_mark(piece: str) -> bool:
    """「(R4年度)」 alone on its line (maybe after the 事業概要 label): the year of the lines
    below it, not a sentence."""
    match = YEAR_MARK.match(_ACTIVITIES_LABEL.sub("", piece))
    return bool(match and not match.group("rest"))


def as_quoted(text: str) -> str:
    """What a sentence says, its template label and spacing aside: 「事業の目的 地域住民が…」 in
    a project's page and 「地域住民が…」 in the region's overview are one quote."""
    plain = re.sub(r"\s", "", text)
    label = _FIELD_LABEL.match(plain)
    return plain[label.end() :] if label else plain


def _starts_a_field(text: str) -> bool:
    """Whether a project page's label (「構成団体の役割分担」, maybe wrapped over short lines)
    begins the text: a quote never runs from one field into the next."""
    return bool(_FIELD_LABEL.match(re.sub(r"\s", "", text[:60])))


@dataclass(frozen=True)
class _Piece:
    """A sentence span of a passage, possibly across the PDF's line wraps."""

    text: str
    begin: int
    stop: int

    def group(self, _index: int = 0) -> str:
        return self.text[self.begin : self.stop]

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.stop


def wrapped_sentences(text: str) -> list[_Piece]:
    """Sentences split at 。 or a line end — but a full-width line that stops mid-sentence
    (the PDF wrapped it: 「…観点か」 / 「ら、原則として…」) runs on into the next line, unless
    that line starts a bullet or a heading of its own."""
    pieces = [_Piece(text, m.start(), m.end()) for m in _SENTENCE.finditer(text)]
    merged: list[_Piece] = []
    for piece in pieces:
        body = piece.group().strip()
        if merged:
            # the physical line the sentence so far ends on: was it cut by the wrap?
            previous = merged[-1].group().strip().split("\n")[-1].strip()
            # (a label wrapped inside a word, 「…形成の際に困」 / 「難と感じた点」, stays the context
            # of what follows: never a sentence of its own)
            cut = cuts_a_word(previous, body) and not _starts_a_field(text[merged[-1].begin :])
            wrapped = not previous.endswith(("。", ":", "：")) and (
                (len(previous) >= _WRAPPED_LINE and not _HEADING.match(previous)) or cut
            )
            bullet = body.startswith(BULLETS + _NUMBERED) and not _GLOSS_GOES_ON.match(body)
            starts_new = bullet or _HEADING.match(body) or NAMED_ITEM.match(body) or _starts_a_field(text[piece.begin :])
            # 「→「最新技術と業務効率化」について…」: what the item above came to, part of it
            elaborates = body.startswith(_ARROWS)
            # 「(以下「推進要綱」という。)に基づき…」: a 。 inside brackets ends no sentence (none starts with a closing one)
            closes = body.startswith(_CLOSING)
            if (wrapped and not starts_new) or elaborates or closes:
                merged[-1] = _Piece(text, merged[-1].begin, piece.stop)
                continue
        merged.append(piece)
    return merged


def sentences(hit: SearchHit) -> list[tuple[int, int, str]]:
    """Sentences of a passage as (start, end, context). The context is what the template
    printed above the sentence: the heading it falls under (「2)地域防災体制の充実」,
    「事業名 …」) and the short table label the PDF wrapped over lines before it
    (「際に困難と感じた点」). A sentence that points on (「下記の人数」) takes the list after
    it, up to the next full sentence."""
    text, base = hit.chunk.text, hit.chunk.start
    spans, heading, year, pending = [], "", "", ""
    for match in wrapped_sentences(text):
        piece = UNWRAP.sub("", match.group(0).strip())
        if _HEADING.match(piece) and not piece.endswith("。"):
            heading, year, pending = piece, "", ""
            continue
        if _is_year_mark(piece):
            year, pending = piece, ""  # a year's block: context of the lines under it, not a quote
            continue
        if not re.search(r"\w", without_dates(piece)):
            # 「-」 under a year's heading (nothing was done that year) or a table's row of
            # years (「令和3年度 令和4年度 …」): nothing to quote
            continue
        if _starts_a_field(text[match.start() :]):
            year = ""  # the next field: the year's lines have ended
        short = len(piece) < _MIN_SENTENCE and not piece.endswith("。") and not piece.startswith(BULLETS)
        if short and not (year and not pending):
            pending += piece  # a label wrapped over lines (られた成果又 / は見込まれる)
            continue
        end = match.end()
        if POINTS_ON.search(piece):
            # the list it points to: the lines after it, up to the next full sentence
            listed, rest, offset = [], text[end:].lstrip("\n"), 0
            for line in rest.split("\n")[:12]:
                if line.strip().endswith("。") or _starts_a_field(rest[offset:]):
                    break
                listed.append(line)
                offset += len(line) + 1
            end = min(len(text), end + 1 + len("\n".join(listed)))
        spans.append((base + match.start(), base + end, heading + year + pending))
        pending = ""
    return spans
