"""The part of a question its record values do not answer: 「西紋別の令和5年度の交付額と事業の
内容」 asks the grant (a record value) and the year's work (the project's page). The question
is cut into parts — at 「、」, and at と between two nouns — and the parts that name none of
the record attributes answered are kept, behind what the answered part said before its
attribute (the region, the year: 「西紋別の令和5年度の」): 「西紋別の令和5年度の事業の内容」.
"""

from __future__ import annotations

from index.tokenize import adverbial_nouns, morphemes
from ingest.attribute_words import ATTRIBUTES

_TOWN_WORDS = frozenset({"市", "町", "村", "市町村", "町村", "市町"})


def _parts(question: str) -> list[str]:
    """The question cut at 「、」 and at と joining two nouns (「交付額と事業の内容」)."""
    words = morphemes(question)
    parts, current = [], ""
    for index, (surface, pos1, _pos2, _lemma, _offset) in enumerate(words):
        before = words[index - 1][1] if index > 0 else ""
        after = words[index + 1][1] if index + 1 < len(words) else ""
        if surface in ("、", ",") or (surface == "と" and pos1 == "助詞" and before in ("名詞", "接尾辞") and after == "名詞"):
            parts.append(current)
            current = ""
            continue
        current += surface
    return [part for part in (*parts, current) if part]


def _words_of(attribute: str) -> tuple[str, ...]:
    """How a question names the attribute: its label, nouns, the head of its loose form
    (交付金 of 交付金の額) and its counters after 何 (「何市町村で構成」)."""
    spec = ATTRIBUTES[attribute]
    return (spec.label, *spec.nouns, *(word for part in spec.parts[:1] for word in part), *(f"何{counter}" for counter in spec.counters))


def rest_of_question(question: str, attributes: tuple[str, ...]) -> tuple[str, str] | None:
    """The words the first part about `attributes` wrote before its attribute (「西紋別の令和5年度
    の」) and the parts about none of them (「事業の内容」); None when every part is about them."""
    parts = _parts(question)
    found = [(part, min(at for word in words if (at := part.find(word)) >= 0)) for part in parts if (words := _named(part, attributes))]
    rest = [part for part in parts if not _named(part, attributes)]
    if not found or not rest:
        return None
    part, at = found[0]
    return part[:at], "".join(rest)


def asks_something(text: str) -> bool:
    """Whether a part, its region names taken out, names a thing or an act — not only places,
    numbers and where / which (「17町村で」「根室市・別海町の二つのうち」)."""
    adverbial = adverbial_nouns(text)
    return any(
        (pos1 == "名詞" and pos2 not in ("固有名詞", "数詞") and lemma not in adverbial | _TOWN_WORDS)
        or (pos1 == "動詞" and pos2 == "一般")
        for _surface, pos1, pos2, lemma, _offset in morphemes(text)
    )


def _named(part: str, attributes: tuple[str, ...]) -> list[str]:
    return [word for attribute in attributes for word in _words_of(attribute) if word in part]
