"""Negation attached to the predicate it governs, clause by clause.

A clause runs from a position to the next 。 or to a 、 that closes a predicate
(「入っておらず、」「受けていません。」). Its polarity is negative when its predicate carries a
negating auxiliary (ない, ず, ぬ, ません's ん), the adjective ない (「補助金はなく」), or a
negating prefix on a verbal noun (未参加, 未締結). Plain and polite forms read alike, since
they are told apart by their lemmas, not by their spelling.
"""

from __future__ import annotations

from index.tokenize import DONE_SUFFIXES, morphemes

_NEGATING_AUXILIARIES = frozenset({"ない", "ず", "ぬ"})
_NEGATING_ADJECTIVES = frozenset({"無い", "ない"})
_NEGATING_PREFIXES = frozenset({"未", "非", "不"})
_CLAUSE_END = frozenset({"。", "?", "？", "!", "！"})


def clause_end(text: str, start: int) -> int:
    """Where the clause that contains `start` ends: the next 。, or the next 、 that follows a
    predicate (a verb, an auxiliary, a conjunctive particle, or 済み: 「締結済み、…」 says it is done)."""
    previous_pos = ""
    for surface, pos1, _pos2, lemma, offset in morphemes(text[start:]):
        if surface in _CLAUSE_END:
            return start + offset
        if surface in ("、", ",") and previous_pos in ("動詞", "助動詞", "形容詞", "接続助詞"):
            return start + offset
        previous_pos = pos1 if pos1 != "助詞" else ("接続助詞" if _pos_is_conjunctive(surface) else "助詞")
        if pos1 == "接尾辞" and lemma in DONE_SUFFIXES:
            previous_pos = "動詞"
    return len(text)


def _pos_is_conjunctive(surface: str) -> bool:
    return surface in ("て", "で", "が", "けど", "けれど", "ので", "から", "し", "ば")


_CHAIN_PARTICLES = frozenset({"て", "で", "は", "も", "ば"})
_FORMAL_NOUNS = frozenset({"もの", "こと", "わけ", "の", "訳", "物", "事"})
_STOPS = frozenset({"、", ",", "。", "(", "（", "「", "?", "？"})


def negated(text: str, start: int, end: int | None = None) -> bool:
    """Whether the first predicate after `start` is negated: its verb or adjective and the
    auxiliaries chained to it (受けていません, 入っておらず, ではありません, なく), or a 未 / 非
    prefix on the way to it (未参加). Words after that predicate are another predicate's."""
    stop = clause_end(text, start) if end is None else end
    in_chain = False
    for surface, pos1, _pos2, lemma, _offset in morphemes(text[start:stop]):
        if pos1 == "助動詞":
            if lemma in _NEGATING_AUXILIARIES:
                return True
            in_chain = True
            continue
        if pos1 == "形容詞":
            if lemma in _NEGATING_ADJECTIVES:
                return True
            in_chain = True
            continue
        if pos1 == "動詞":
            in_chain = True
            continue
        if in_chain:
            if pos1 == "助詞" and surface in _CHAIN_PARTICLES or surface in _FORMAL_NOUNS:
                continue  # 「目的とするものではない」: the negation governs the nominalised clause
            return False  # the predicate ended without a negation
        if surface in _STOPS:
            return False
        if pos1 == "接頭辞" and surface in _NEGATING_PREFIXES:
            return True
    return False


def clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of `text` as (start, end), boundaries included in neither."""
    out, start = [], 0
    while start < len(text):
        end = clause_end(text, start)
        if end > start:
            out.append((start, end))
        start = end + 1
    return out
