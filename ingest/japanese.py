"""Small readers for the ways the booklet writes numbers and dates."""

from __future__ import annotations

import re
from datetime import date

from japanera import EraDate

_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
_DATE = re.compile(r"(令和|平成|昭和)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日")
_MUNICIPALITY = re.compile(r"^[^\d\s、,・()]{1,8}[市町村]$")


def parse_date(text: str) -> str | None:
    """「令和2年10月9日」 → "2020-10-09" (元年 is year 1); None if no date is written."""
    match = _DATE.search(text)
    if not match:
        return None
    era, year, month, day = match.groups()
    year_number = 1 if year == "元" else int(year)
    try:
        return date(_ERAS[era] + year_number, int(month), int(day)).isoformat()
    except ValueError:
        return None


def japanese_date(iso: str | date | None) -> str:
    """2021-01-07 → 「令和3年1月7日」, as the booklet and officers write dates."""
    if iso is None:
        return ""
    day = date.fromisoformat(iso) if isinstance(iso, str) else iso
    era = EraDate.from_date(day).era
    year = era.absolute_year_to_relative_year(day.year)
    return f"{era.kanji}{'元' if year == 1 else year}年{day.month}月{day.day}日"


def parse_int(text: str) -> int | None:
    """「152,486人」 → 152486; None for 未定, －, 検討中 and the like."""
    digits = re.sub(r"[,\s]", "", text)
    match = re.match(r"^\d+", digits)
    return int(match.group(0)) if match else None


def parse_float(text: str) -> float | None:
    match = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    return float(match.group(0).replace(",", "")) if match else None


def is_municipality(token: str) -> bool:
    return bool(_MUNICIPALITY.match(token))


def split_municipalities(text: str) -> list[str]:
    """Names in a list written with 、 ・ , or line breaks (「岩見沢市、夕張市\n美唄市」)."""
    tokens = re.split(r"[、,・\s]+", text)
    return [token for token in tokens if is_municipality(token)]
