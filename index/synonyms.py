"""Words officers use for the booklet's words, from Sudachi's synonym dictionary (bundled,
index/resources/, Apache-2.0): 医者 is held by a sentence that says 医師, 宣伝 by 広告,
見張る by 監視, スマホ by スマートフォン.

A question's word is looked up by its lemma; a synonym counts as present when all of its
own lemmas are (高齢者 → 高齢 + 者). A headword the dictionary marks ambiguous (flag 1) never
triggers an expansion, and a word in several groups (バス: bath, bass, bus) expands to none:
a wrong synonym would turn an unanswerable question into an answer.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache
from pathlib import Path

from index.tokenize import is_loanword, lemmas, split_loanwords

TABLE = Path(__file__).resolve().parent / "resources" / "sudachi_synonyms.tsv.gz"
# The booklet writes a figure's change with an arrow (「令和5年度 2人 → 令和6年度 9人」):
# such a line says what 「何人増えた」「どれだけ減った」 ask, in a symbol, not a word
_CHANGE_ROW = re.compile(r"\d\s*\D{0,3}\s*→[^→]{0,16}?\d")
# (the words of a figure's change; a record value is no answer to 「どのくらい減った」)
CHANGE_WORDS = frozenset(lemmas("増える 減る 増加 減少 変化 変わる 推移 伸びる"))


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, list[str]], dict[str, tuple[str, ...]], dict[str, list[str]]]:
    """headword → the groups it triggers; group → its headwords; word → the groups it is in."""
    triggers: dict[str, list[str]] = defaultdict(list)
    members: dict[str, list[str]] = defaultdict(list)
    containing: dict[str, list[str]] = defaultdict(list)
    with gzip.open(TABLE, "rt", encoding="utf-8") as rows:
        for row in rows:
            group, flag, _lexeme, word = row.rstrip("\n").split("\t")
            members[group].append(word)
            containing[word.lower()].append(group)
            if flag == "0":
                triggers[word.lower()].append(group)
    return dict(triggers), {group: tuple(words) for group, words in members.items()}, dict(containing)


@lru_cache(maxsize=8192)
def synonyms(lemma: str) -> tuple[tuple[str, ...], ...]:
    """The lemma sequences of the other words for `lemma` (empty when none or ambiguous)."""
    triggers, members, _containing = _table()
    groups = triggers.get(lemma, [])
    if len(groups) != 1:
        return ()
    alternatives = {tuple(lemmas(word)) for word in members[groups[0]]}
    return tuple(sorted(words for words in alternatives if words and words != (lemma,)))


@lru_cache(maxsize=8192)
def said_by(lemma: str) -> tuple[tuple[str, ...], ...]:
    """The lemma sequences of the words whose synonyms include `lemma`: a passage that says
    変更 says 変える, though the dictionary marks 変える as no headword to expand (a flag-1
    member of 変更's group). A word in several groups is said by none."""
    triggers, members, containing = _table()
    groups = containing.get(lemma, [])
    if len(groups) != 1:
        return ()  # バス (bath, bass, bus): 浴槽 says no bus
    words = {word for word in members[groups[0]] if triggers.get(word.lower()) == groups}
    found = {tuple(lemmas(word)) for word in words}
    return tuple(sorted(sequence for sequence in found if sequence and sequence != (lemma,)))


def held(term: str, words: Collection[str]) -> bool:
    """Whether `words` (a passage's lemmas) hold `term` or one of its synonyms whole (the
    words it expands to, and those that expand to it: `said_by`) — or,
    for a loanword, a longer katakana word that contains it (インスタグラム in
    インスタグラムフォトコンテスト, コンサル in コンサルタント)."""
    if term in words or any(all(word in words for word in synonym) for synonym in (*synonyms(term), *said_by(term))):
        return True
    return is_loanword(term) and any(term in word and is_loanword(word) for word in words)


def with_loanwords(terms: Iterable[str], text: str, seen: Callable[[str], bool]) -> set[str]:
    """`terms` of `text` with each katakana run UniDic cut into pieces the casebook never uses
    (インス + タグ + ラム) taken whole (インスタグラム): the pieces say nothing, the run is the word."""
    found = set(terms)
    for run, pieces in split_loanwords(text):
        if not all(seen(piece) for piece in pieces):
            found = (found - pieces) | {run}
    return found


def held_terms(terms: Iterable[str], words: Collection[str]) -> set[str]:
    """The question's terms that `words` hold, in the booklet's words or a synonym."""
    return {term for term in terms if held(term, words)}


def said_words(text: str) -> set[str]:
    """The lemmas `text` says, the words of change included when it shows a figure's change."""
    words = set(lemmas(text))
    return words | CHANGE_WORDS if _CHANGE_ROW.search(text) else words
