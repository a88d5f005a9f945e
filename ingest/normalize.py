"""Japanese normalisation of PDF-extracted text.

NFKC; drop page footers (`- 12 -`) and stray picture marks (a lone kana where a picture
was); close letter-spaced words (`蘭 越 町`, `令和 2年`); join body lines that the PDF
wrapped, without inserting spaces between Japanese characters. Line structure that
carries meaning (table cells, bullets, labels) is kept, because the parser reads it.
"""

from __future__ import annotations

import re
import unicodedata

from ingest.models import LoadedDocument, NormalizedDocument

_FOOTER = re.compile(r"^\s*[-‐–—]\s*\d{1,4}\s*[-‐–—]\s*$")
# The booklet's picture boxes extract as a lone "あ"; icons as private-use characters.
_PICTURE_MARK = re.compile(r"^\s*(?:あ|[\ue000-\uf8ff]+)\s*$")
_CJK = r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
# Three or more single CJK characters each separated by one space: `北 海 道`, `各 市 町`.
_LETTER_SPACED = re.compile(rf"(?<!{_CJK})({_CJK}(?: {_CJK}){{2,}})")
_ERA_DIGIT = re.compile(r"(令和|平成|昭和|第) (?=\d)")
_DIGIT_UNIT = re.compile(r"(?<=\d) (?=(年度|年|月|日|カ年|ヵ年|か年|号|条))")
_DIGIT_AFTER_UNIT = re.compile(r"(?<=[年月]) (?=\d{1,2}[月日])")
_SENTENCE_END = tuple("。．」』）)】:：")
# A line starting like this begins a new item, never the tail of the previous line.
_ITEM_START = re.compile(
    r"^(?:[・※●○◆■□◎▶→【〈<＜（(①-⑳]|第\d|\d{1,2}[ .)）]|[ア-ン][ .]|[a-z][ .]|"
    r"事業名|取組名|実施団体名|事業の目的|取組の目的|事業概要|取組概要|構成団体|連携により)"
)
_CLAUSE_HEADING = re.compile(r"^第\d{1,2} \S")
# 「雄 武 町：事務局への協力…」「新ひだか町(部会長):…」「北海道宗谷総合振興局：…」: a member's line of a table of roles
NAMED_ITEM = re.compile(r"^(?:[^\s:：、。()]\s?){2,12}(?:\([^()]{1,6}\))?\s*[:：]")
# A body line this wide (in half-width columns) is a wrapped paragraph line.
WRAP_WIDTH = 50


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


_CELL_GAP = re.compile(rf"{_CJK} {_CJK}")


def close_spaces(line: str) -> str:
    """Close the spaces a PDF puts inside words and dates (`蘭 越 町`, `令和 2 年`)."""
    line = _LETTER_SPACED.sub(lambda match: match.group(1).replace(" ", ""), line)
    line = _ERA_DIGIT.sub(r"\1", line)
    line = _DIGIT_UNIT.sub("", line)
    line = _DIGIT_AFTER_UNIT.sub("", line)
    return line


# Circled numbers (①) mark a different list level from plain ones (1): NFKC would merge them.
_CIRCLED = re.compile(r"([\u2460-\u2473])")


def nfkc(text: str) -> str:
    """NFKC, except circled numbers, which keep their meaning as list markers."""
    return "".join(part if _CIRCLED.fullmatch(part) else unicodedata.normalize("NFKC", part) for part in _CIRCLED.split(text))


def normalize_line(line: str) -> str:
    """NFKC one line and close its spaces."""
    return close_spaces(nfkc(line).rstrip())


def _is_noise(line: str) -> bool:
    return not line.strip() or bool(_FOOTER.match(line)) or bool(_PICTURE_MARK.match(line))


def _joins_next(line: str, following: str) -> bool:
    """Whether `following` continues `line` (a paragraph the PDF wrapped)."""
    body = line.strip()
    if display_width(body) < WRAP_WIDTH or body.endswith(_SENTENCE_END):
        return False
    if _CLAUSE_HEADING.match(body):
        return False
    # Two spaces, a detached ○ mark, or several single spaces between Japanese characters
    # separate table cells: a table row, not prose.
    if "  " in body or " ○" in body or len(_CELL_GAP.findall(body)) >= 2:
        return False
    return not (_ITEM_START.match(following.strip()) or NAMED_ITEM.match(following.strip()))


def _glue(left: str, right: str) -> str:
    """Join two wrapped pieces; a space only between two Latin words/numbers."""
    left, right = left.rstrip(), right.strip()
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def normalize_text(text: str) -> str:
    """Normalise one page (or a whole text file)."""
    lines = [normalize_line(line) for line in text.splitlines()]
    lines = [line for line in lines if not _is_noise(line)]
    joined: list[str] = []
    previous = ""  # the previous physical line: wrapping is decided line by line
    for line in lines:
        if joined and _joins_next(previous, line):
            joined[-1] = _glue(joined[-1], line)
        else:
            joined.append(line.strip())
        previous = line
    # Joining can bring an era and its number together again (`平` + `成 27年`).
    return "\n".join(close_spaces(line) for line in joined)


def normalize_document(loaded: LoadedDocument) -> NormalizedDocument:
    """Normalise every page and concatenate them, recording where each page starts."""
    parts: list[str] = []
    page_starts: list[tuple[int, int | None]] = []
    offset = 0
    for page in loaded.pages:
        page_text = normalize_text(page.text)
        if not page_text:
            continue
        page_starts.append((offset, page.number))
        parts.append(page_text)
        offset += len(page_text) + 1  # the "\n" that joins pages
    return NormalizedDocument(
        doc_id=loaded.doc_id,
        path=loaded.path,
        sha256=loaded.sha256,
        text="\n".join(parts),
        page_starts=tuple(page_starts) or ((0, None),),
    )
