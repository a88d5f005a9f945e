"""Numbers, amounts, eras and dates as officers and the booklet write them: the project's
one reader of each.

Numerals are found by morphology (UniDic tags 三, 四百, 万 as 数詞, never 一部 or 一番) and
converted by kanjize, so 「三百二十一万六千五百円」, 「八つ」 and 「1億2000万円」 all become
digits. Eras go through japanera (元年 and era boundaries included).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from japanera import EraDate
from kanjize import kanji2number

from index.tokenize import morphemes

_DIGIT_GROUPS = re.compile(r"(?<=\d)[,，](?=\d{3})")
_ERA_YEAR = re.compile(r"(令和|平成|昭和)\s*(\d{1,2}|元)\s*年")
_DECIMAL_WITH_UNIT = re.compile(r"(\d+\.\d+)\s*([万千億])")  # 1.5万 (kanjize reads integers only)
_UNITS = {"千": 1_000, "万": 10_000, "億": 100_000_000}
# Era names: a year's name, never the name a question asks for or a place a passage must hold
ERA_NAMES = frozenset({"令和", "平成", "昭和", "大正", "明治"})
_SHORT_ERA = {"R": "令和", "H": "平成", "S": "昭和"}
_SHORT_ERA_YEAR = re.compile(r"(?<![A-Za-z])([RHS])\s*(\d{1,2})(?![\d.])")
_YEAR_SUFFIX = re.compile(r"年?度?")  # what follows a year written R4 or 令和4年: 年度, 度


@dataclass(frozen=True)
class Numeral:
    value: int | float
    start: int
    end: int


def normalise(text: str) -> str:
    """NFKC with digit-group commas dropped (「１，０００」 → 1000)."""
    return _DIGIT_GROUPS.sub("", unicodedata.normalize("NFKC", text))


def numerals(text: str) -> list[Numeral]:
    """Every number written in `text` (already normalised), in order, whatever its script."""
    found: list[Numeral] = []
    run_start: int | None = None
    run_end: int | None = None
    for surface, pos1, pos2, _lemma, start in morphemes(text):
        if pos1 == "名詞" and pos2 == "数詞" and surface != "何" and run_end in (None, start):
            run_start = start if run_start is None else run_start
            run_end = start + len(surface)
            continue
        if run_start is not None and run_end is not None:
            found += _numeral(text, run_start, run_end)
        run_start = run_end = None
        if pos1 == "名詞" and pos2 == "数詞" and surface != "何":
            run_start, run_end = start, start + len(surface)
    if run_start is not None and run_end is not None:
        found += _numeral(text, run_start, run_end)
    return found


def _numeral(text: str, start: int, end: int) -> list[Numeral]:
    piece = text[start:end]
    # a decimal written 12.7 is tokenised 12 / . / 7: read it whole
    decimal = re.match(r"\d+\.\d+", text[start:])
    if decimal and decimal.end() >= end - start:
        return [Numeral(float(decimal.group(0)), start, start + decimal.end())]
    if start > 0 and text[start - 1] == "." and piece.isdigit():
        return []  # the fraction part of a decimal read above
    try:
        value = int(piece) if piece.isdigit() else kanji2number(piece)
    except (ValueError, KeyError, IndexError):
        return []
    return [Numeral(value, start, end)]


@lru_cache(maxsize=2048)
def with_digits(text: str) -> str:
    """`text` normalised, every numeral written in digits (八百万円 → 8000000円, 三つ → 3つ)."""
    text = _DECIMAL_WITH_UNIT.sub(lambda m: str(round(float(m.group(1)) * _UNITS[m.group(2)])), normalise(text))
    out, last = [], 0
    for numeral in numerals(text):
        if numeral.start < last:
            continue  # 「R5.3.1」: a second decimal read inside the first
        value = numeral.value
        shown = str(int(value)) if float(value).is_integer() else str(value)
        out += [text[last : numeral.start], shown]
        last = numeral.end
    out.append(text[last:])
    return "".join(out)


# ---- eras and dates ------------------------------------------------------------------
@lru_cache(maxsize=64)
def western_year(era: str, year: str | int) -> int | None:
    """(令和, 3) → 2021; (令和, 元) → 2019; None for an era japanera does not know."""
    era = _SHORT_ERA.get(era, era)
    try:
        parsed = EraDate.strptime(f"{era}{year}年", "%-K%-y年")
    except (ValueError, IndexError):
        return None
    return parsed[0].year if parsed else None


@lru_cache(maxsize=8)
def era_span(era: str) -> tuple[date, date] | None:
    """平成 → (1989-01-08, 2019-05-01): the first day of an era and the first day after it."""
    try:
        parsed = EraDate.strptime(f"{era}元年", "%-K%-y年")
    except (ValueError, IndexError):
        return None
    if not parsed:
        return None
    named = parsed[0].era
    return named.since, named.until or date.max


def fiscal_label(western: int) -> str:
    """The booklet's fiscal-year label: 2023 → "R5" (令和 years; earlier years as H)."""
    era = EraDate.from_date(date(western, 6, 1)).era
    short = era.english[0].upper()
    return f"{short}{era.absolute_year_to_relative_year(western)}"


def label_year(label: str) -> int | None:
    """ "R5" → 2023 (the fiscal year's western number)."""
    match = re.fullmatch(r"([RHS])(\d{1,2})", label)
    return western_year(match.group(1), int(match.group(2))) if match else None


def era_years(text: str) -> list[tuple[int, int, int]]:
    """(western year, start, end) of every year written 令和3年, R3 or 2021年 in `text`
    (digits already normalised)."""
    found = [(western_year(m.group(1), m.group(2)), m.start(), m.end()) for m in _ERA_YEAR.finditer(text)]
    found += [(western_year(m.group(1), int(m.group(2))), m.start(), m.end()) for m in _SHORT_ERA_YEAR.finditer(text)]
    found += [(int(m.group(1)), m.start(), m.end()) for m in re.finditer(r"(?<!\d)((?:19|20)\d\d)\s*年", text)]
    return sorted((y, s, e) for y, s, e in found if y is not None)


@dataclass(frozen=True)
class WrittenDate:
    """A date as precisely as it is written: 令和3年3月 has no day, 令和3年 no month."""

    year: int
    month: int | None = None
    day: int | None = None

    def within(self, other: WrittenDate) -> bool:
        """Whether `other` falls in this date (令和3年3月18日 within 令和3年3月)."""
        return self.year == other.year and (self.month is None or self.month == other.month) and (self.day is None or self.day == other.day)


_MONTH_DAY = re.compile(r"\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")


def _month_day(digits: str, end: int) -> re.Match[str] | None:
    """The month and day written after a year ending at `end` (R5's 年 skipped: R5年3月)."""
    return _MONTH_DAY.match(digits, end + (digits[end : end + 1] == "年"))


def written_dates(digits: str) -> list[WrittenDate]:
    """Every year, year and month, or full date written in `digits` (from `with_digits`):
    「令和3年3月」 → WrittenDate(2021, 3)."""
    found = []
    for year, _start, end in sorted(era_years(digits), key=lambda found: found[1]):  # in the order written
        month_day = _month_day(digits, end)
        if month_day is None:
            found.append(WrittenDate(year))
        else:
            day = month_day.group(2)
            found.append(WrittenDate(year, int(month_day.group(1)), int(day) if day else None))
    return found


def in_fiscal_year(text: str, label: str) -> bool:
    """Whether every date `text` writes falls in the fiscal year `label` ("R5": 令和5年4月 to
    令和6年3月; a year without a month is taken as that fiscal year): 「令和5年8月～令和6年3月」
    does, 「2030年度」 (a target a line of R5 names) does not."""
    fiscal = label_year(label)
    dates = written_dates(with_digits(text))
    return bool(dates) and all(d.year - (d.month is not None and d.month < 4) == fiscal for d in dates)


def states_numbers(question: str, sentence: str) -> bool:
    """Whether `sentence` writes every date and number `question` writes: each date at the
    question's precision (令和3年3月 is not held by 令和3年10月6日), each other number as a
    number of its own (3 is not held by 13, nor by the 3 of 令和3年度)."""
    asked, said = with_digits(question), with_digits(sentence)
    dates = written_dates(asked)
    if dates:
        held_dates = written_dates(said)
        if not all(any(date.within(other) for other in held_dates) for date in dates):
            return False
    said_numbers = set(re.findall(r"\d+(?:\.\d+)?", _without_dates(said)))
    return set(re.findall(r"\d+(?:\.\d+)?", _without_dates(asked))) <= said_numbers


def _without_dates(digits: str) -> str:
    """`digits` with its dates blanked (a fiscal year's 年度 too), so their numbers are not
    asked for twice."""
    for _year, start, end in sorted(era_years(digits), key=lambda found: -found[1]):
        month_day = _month_day(digits, end)
        stop = month_day.end() if month_day else _YEAR_SUFFIX.match(digits, end).end()  # type: ignore[union-attr]
        digits = digits[:start] + " " + digits[stop:]
    return digits


def without_dates(text: str) -> str:
    """`text` with every date it writes blanked (「令和5年度に購入」 → 「 に購入」): what is
    left says what the question is about; the dates are checked as dates."""
    return _without_dates(with_digits(text))


def japanese_fiscal_year(label: str) -> str:
    """ "R5" → 「令和5年度」."""
    western = label_year(label)
    if western is None:
        return label
    era = EraDate.from_date(date(western, 6, 1)).era
    year = era.absolute_year_to_relative_year(western)
    return f"{era.kanji}{'元' if year == 1 else year}年度"


# ---- money ---------------------------------------------------------------------------
_YEN = re.compile(r"(\d+(?:\.\d+)?)\s*(千)?円")


def amounts_yen(text: str) -> list[tuple[int, int, int]]:
    """(yen, start, end) of every amount in `text` already passed through `with_digits`
    (「834万5千円」 arrives as 8345000円; a table's 「42,800千円」 as 42800000円)."""
    return [(int(round(float(m.group(1)) * (1000 if m.group(2) else 1))), m.start(), m.end()) for m in _YEN.finditer(text)]


def yen_text(yen: int) -> str:
    """8345000 → 「834万5,000円」: amounts with the units an officer uses."""
    if yen >= 10_000 and yen % 10_000 == 0:
        oku, man = divmod(yen // 10_000, 10_000)
        return (f"{oku:,}億" if oku else "") + (f"{man:,}万" if man else "") + "円"
    if yen >= 10_000:
        man, rest = divmod(yen, 10_000)
        return f"{man:,}万{rest:,}円"
    return f"{yen:,}円"


def thousand_yen_text(thousand: int) -> str:
    """A table figure in 千円 with the officer's unit beside it: 10000 → 「10,000千円（1,000万円）」."""
    return f"{thousand:,}千円（{yen_text(thousand * 1000)}）" if thousand else "0千円"
