"""Reading a Japanese question: which regions, municipalities, fields, years, amounts and
which shape (which / how many / most / total / does X include Y) it asks about.

Everything it recognises by name comes from the facts store (region names and their
short forms, member municipalities) or from the booklet's policy-field labels.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from index.facts_store import FactsStore

# Words officers use for each policy field of the ○ table.
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
_FIELD_CONTEXT = re.compile(r"連携事項|具体的事項|分野|で連携|を連携|の連携|○|連携して")
_REGION_SUFFIX = re.compile(r"(?:\d+(?:市町村|町村|市町))?(?:地区町村会|地区)?(?:連携地域|圏域|地域|定住自立圏)$")
_AMOUNT = re.compile(r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>億|万|千)?円")
_YEAR = re.compile(r"(?:令和|R)\s*(\d{1,2}|元)\s*年度?")
_SUPERLATIVE = re.compile(r"(一番|いちばん|最も|もっとも|最)(?P<word>多|少|大|小|広|狭|早|遅|古|新)")
_COUNT = re.compile(r"いくつ|幾つ|何地域|何か所|何カ所|何ヶ所|何箇所|数は|何団体")
_TOTAL = re.compile(r"合計|総額|合わせて|総計|計は")
_ASKS_REGIONS = re.compile(r"地域は|地域を|地域が|どこ|どの地域|どの連携地域|ところ|圏域は|一覧|挙げ")
_MEMBERSHIP = re.compile(r"どの|どこ|入って|属して|含まれ|構成|加入|参加")


@dataclass(frozen=True)
class QuestionFacts:
    text: str
    regions: tuple[str, ...]
    municipalities: tuple[str, ...]
    fields: tuple[str, ...]
    field_context: bool
    years: tuple[str, ...]
    amount_thousand_yen: int | None
    comparator: str | None
    superlative: str | None  # "max" | "min"
    attribute: str | None  # member_count | population | area | grant | agreement_date
    wants_count: bool
    wants_total: bool
    asks_regions: bool
    asks_membership: bool
    region_kind: str | None  # grant | national


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


def _amount(text: str) -> tuple[int | None, str | None]:
    match = _AMOUNT.search(text)
    if not match:
        return None, None
    value = float(match.group("number").replace(",", ""))
    yen = value * {"億": 100_000_000, "万": 10_000, "千": 1_000, None: 1}[match.group("unit")]
    after = text[match.end() : match.end() + 6]
    comparator = "=="
    if after.startswith("以上"):
        comparator = ">="
    elif after.startswith("以下"):
        comparator = "<="
    elif after.startswith("未満"):
        comparator = "<"
    elif after.startswith(("超", "を超", "より多", "より大")):
        comparator = ">"
    return int(round(yen / 1000)), comparator


def _attribute(text: str) -> str | None:
    if re.search(r"構成市町村|市町村数|市町村が|市町村の数|メンバー", text):
        return "member_count"
    if "人口" in text:
        return "population"
    if re.search(r"面積|広い|狭い", text):
        return "area"
    if re.search(r"交付額|交付金額|金額|交付された", text):
        return "grant"
    if re.search(r"協定|締結|早い|古い", text):
        return "agreement_date"
    return None


def read_question(question: str, facts: FactsStore) -> QuestionFacts:
    text = unicodedata.normalize("NFKC", question).strip()
    aliases = region_aliases(facts.region_names)
    municipalities = tuple(sorted((m for m in facts.municipalities if m in text), key=text.index))
    masked = text
    for name in municipalities:  # 釧路町 must not also read as the region 釧路
        masked = masked.replace(name, "〓" * len(name))
    regions = []
    for alias in sorted(aliases, key=len, reverse=True):
        if alias in masked and aliases[alias] not in regions:
            regions.append(aliases[alias])
            masked = masked.replace(alias, "〓" * len(alias))
    fields = tuple(name for name, words in FIELD_WORDS.items() if any(word in masked for word in words))
    years = tuple(dict.fromkeys("R1" if y == "元" else f"R{int(y)}" for y in _YEAR.findall(text)))
    amount, comparator = _amount(text)
    superlative = None
    match = _SUPERLATIVE.search(text)
    if match:
        superlative = "max" if match.group("word") in "多大広遅新" else "min"
        if match.group("word") in "早古":
            superlative = "min"
    region_kind = None
    if re.search(r"交付金を活用|交付金活用|交付金を受け", text):
        region_kind = "grant"
    elif re.search(r"国の広域連携制度|国の制度", text):
        region_kind = "national"
    return QuestionFacts(
        text=text,
        regions=tuple(regions),
        municipalities=municipalities,
        fields=fields,
        field_context=bool(_FIELD_CONTEXT.search(text)),
        years=years,
        amount_thousand_yen=amount,
        comparator=comparator,
        superlative=superlative,
        attribute=_attribute(masked),
        wants_count=bool(_COUNT.search(text)),
        wants_total=bool(_TOTAL.search(text)),
        asks_regions=bool(_ASKS_REGIONS.search(text)),
        asks_membership=bool(_MEMBERSHIP.search(text)),
        region_kind=region_kind,
    )
