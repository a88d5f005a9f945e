"""The words a question is read with, taken from the records wherever the records have them.

- region names and their short forms (日高連携地域 → 日高, 後志17町村) and member
  municipalities come from the facts store; a misspelt or partial name is matched fuzzily;
- the record attributes (the overview table's labels) with the nouns, counters and
  adjectives officers use for each;
- the operation words (sum, count, superlative, comparison) of Japanese itself.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from index.facts_store import FactsStore
from index.tokenize import morphemes

# one part of a region's name at a time, so every stage is a short form (西紋別地区町村会連携地域
# → 西紋別地区町村会 → 西紋別地区 → 西紋別)
_REGION_SUFFIX = re.compile(r"(?:\d+(?:市町村|町村|市町)|町村会|地区|連携地域|圏域|地域|定住自立圏)$")


# Verbs and nouns of belonging to a region (「…に入っている」「…で構成」「…に加入」).
MEMBERSHIP_LEMMAS = frozenset({"構成", "入る", "属する", "含む", "含まれる", "加入", "参加"})

# Words officers use for each policy field of the ○ table (its labels are long).
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "医療": ("医療",),
    "福祉": ("福祉",),
    "教育": ("教育",),
    "環境": ("環境",),
    "防災": ("防災", "災害"),
    "機能の集約化": ("機能の集約", "集約化"),
    "地域公共交通": ("公共交通", "交通"),
    "ICTの活用": ("ICT", "デジタル"),
    "人材の育成": ("人材の育成", "人材育成"),
    "職員等の交流": ("職員等の交流", "職員の交流", "職員交流"),
}
# words of degree (沢山 is an adverb of quantity: 「たくさん出ている」 is 多く)
MORE = ("多い", "大きい", "遅い", "新しい", "高い", "長い", "増える", "上回る", "超える", "沢山")
LESS = ("少ない", "小さい", "早い", "古い", "低い", "短い", "減る", "下回る")


def region_aliases(names: list[str]) -> dict[str, str]:
    """Short forms officers type: 日高連携地域 → 日高, 後志17町村連携地域 → 後志, 後志17町村."""
    aliases: dict[str, str] = {}
    for name in names:
        aliases[name] = name
        short = name
        while True:  # 北見地域定住自立圏 → 北見地域 → 北見
            shorter = _REGION_SUFFIX.sub("", short)
            if shorter == short or len(shorter) < 2:
                break
            short = shorter
            aliases.setdefault(short, name)
        digits = re.match(r"^(\D+\d+(?:市町村|町村|市町))", name)
        if digits:
            aliases.setdefault(digits.group(1), name)
    return aliases


def shared_place_names(aliases: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """A place name that begins the short names of several regions (留萌 of 留萌南部 and
    留萌中北部): an officer who writes it alone may mean any of them."""
    regions_of: dict[str, set[str]] = {}
    for alias, region in aliases.items():
        words = morphemes(alias)
        if len(words) > 1 and words[0][2] == "固有名詞" and len(words[0][0]) >= 2:
            regions_of.setdefault(words[0][0], set()).add(region)
    return {name: tuple(sorted(regions)) for name, regions in regions_of.items() if len(regions) > 1 and name not in aliases}


class Vocabulary:
    """Names from one facts store (built once per index generation)."""

    def __init__(self, facts: FactsStore):
        self.facts = facts
        self.aliases = region_aliases(facts.region_names)
        self.shared = shared_place_names(self.aliases)
        self.municipalities = tuple(facts.municipalities)
        # the states a project's year can be in, as the booklet prints them (検討中, 未定 …)
        self.activity_states = tuple(
            sorted(
                {
                    activity.status
                    for region in facts.regions
                    for project in region.projects
                    for activity in project.activities
                    if activity.status and len(activity.status) >= 2
                }
                - {"実施"}
            )
        )

    def find_regions(self, text: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
        """(regions, municipalities, text with both masked) — a town's name (釧路町) is not
        also read as a region (釧路), nor a longer town's name (中標津町) as the town it ends with."""
        masked, named = text, []
        for name in sorted(self.municipalities, key=len, reverse=True):  # 中標津町 before 標津町, its tail
            if name in masked:
                named.append(name)
                masked = masked.replace(name, "〓" * len(name))
        municipalities = tuple(sorted(named, key=text.index))
        found: list[tuple[int, str]] = []
        for alias in sorted(self.aliases, key=len, reverse=True):
            position = masked.find(alias)
            if position >= 0:
                found.append((position, self.aliases[alias]))
                masked = masked.replace(alias, "〓" * len(alias))
        for shared, names in self.shared.items():  # 「留萌の面積は」: each region it may mean
            position = masked.find(shared)
            if position >= 0:
                found += [(position, name) for name in names]
                masked = masked.replace(shared, "〓" * len(shared))
        regions = tuple(dict.fromkeys(name for _, name in sorted(found)))
        return regions, municipalities, masked

    def without_names(self, text: str) -> str:
        """`text` without its regions' and towns' names: what it asks, not of whom."""
        return self.find_regions(text)[2].replace("〓", "")

    def fuzzy_region(self, word: str) -> str | None:
        """A proper noun close to a region's short name (誤字: 西紋別 → 西紋別, 日髙 → 日高)."""
        if len(word) < 2:
            return None
        short = [alias for alias in self.aliases if len(alias) <= 6]
        match = process.extractOne(word, short, scorer=fuzz.ratio, score_cutoff=80)
        return self.aliases[match[0]] if match else None
