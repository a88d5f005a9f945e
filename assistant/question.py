"""Reading a Japanese question: which regions, municipalities, fields, years, amounts and
which shape (which / how many / most / total / does X include Y) it asks about.

Everything it recognises by name comes from the facts store (region names and their
short forms, member municipalities) or from the booklet's policy-field labels.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.understand.numbers import amounts_yen, with_digits
from assistant.understand.parse import fiscal_years
from assistant.understand.vocabulary import FIELD_WORDS, region_aliases
from index.facts_store import FactsStore

_FIELD_CONTEXT = re.compile(r"連携事項|具体的事項|分野|で連携|を連携|の連携|○|連携して")
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


def _amount(text: str) -> tuple[int | None, str | None]:
    """The first amount (in 千円) and the comparison after it, through the one money reader."""
    digits = with_digits(text)
    found = amounts_yen(digits)
    if not found:
        return None, None
    yen, _start, end = found[0]
    after = digits[end : end + 6]
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
    years = fiscal_years(with_digits(text))
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
