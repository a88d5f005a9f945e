"""Japanese tokenization for the lexical side: fugashi + unidic-lite, wrapped once.

`lemmas(text)` gives the content words in dictionary form (名詞, 動詞, 形容詞, 形状詞,
副詞, noun-like suffixes such as 市/町), so 「連携して」 and 「連携した」 meet at 連携.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

from core.errors import CasebookError

_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "副詞", "接尾辞"}
_DIGIT_GROUPS = re.compile(r"(?<=\d),(?=\d{3})")
_tagger = None
_lock = threading.Lock()


def warm_up() -> None:
    """Load the dictionary now rather than on the first query (about 0.1 s)."""
    _get_tagger()


def _get_tagger():
    global _tagger
    with _lock:
        if _tagger is None:
            try:
                import fugashi

                _tagger = fugashi.Tagger()
            except Exception as error:  # fugashi raises RuntimeError with a long hint
                raise CasebookError(
                    f"the Japanese tokenizer cannot start ({error.__class__.__name__}); reinstall with: pip install fugashi unidic-lite",
                    "日本語の形態素解析器を起動できません。fugashi と unidic-lite を再インストールしてください。",
                ) from error
        return _tagger


def _is_content(pos1: str, pos2: str, pos3: str) -> bool:
    if pos1 not in _CONTENT_POS:
        return False
    if pos2 == "非自立可能":  # する, ある, いる, なる …: no topic of their own
        return False
    if pos1 == "接尾辞" and pos2 != "名詞的":
        return False
    return True


def _tagged(text: str) -> list[tuple[str, Any]]:
    """(surface, UniDic feature) of every word of `text`, normalised as the index reads it
    (NFKC, digit groups joined: 1,000 → 1000)."""
    text = _DIGIT_GROUPS.sub("", unicodedata.normalize("NFKC", text))
    tagger = _get_tagger()
    with _lock:  # MeCab taggers are not thread-safe
        return [(word.surface, word.feature) for word in tagger(text)]


@lru_cache(maxsize=4096)
def content_words(text: str, nouns_only: bool = False, counters: bool = True) -> tuple[tuple[str, str], ...]:
    """(surface, lemma) of each content word (or only each noun), in order; without
    `counters`, no suffix right after a number (the 人 of 「152,486人」)."""
    out: list[tuple[str, str]] = []
    previous_pos2 = ""
    for surface, feature in _tagged(text):
        after_a_number, previous_pos2 = previous_pos2 == "数詞", feature.pos2 or ""
        if not counters and after_a_number and feature.pos1 == "接尾辞":
            continue
        if not _is_content(feature.pos1 or "", feature.pos2 or "", feature.pos3 or ""):
            continue
        if nouns_only and (feature.pos1 != "名詞" or feature.pos2 == "数詞"):
            continue
        out.append((surface, _lemma(surface, feature)))
    return tuple(out)


def _lemma(surface: str, feature) -> str:
    if feature.pos2 == "固有名詞":
        # UniDic gives proper nouns a katakana lemma (岩見沢 → イワミザワ): keep the spelling.
        return (getattr(feature, "orthBase", None) or surface).lower()
    return ((feature.lemma or surface).split("-")[0] or surface).lower()  # インフラ-infrastructure


@lru_cache(maxsize=1024)
def noun_phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """The lemmas of each run of adjacent nouns (「除雪作業」 → (除雪, 作業)): a compound names
    one thing, which a passage says only when it holds every part."""
    return tuple(phrase for chain in noun_phrase_chains(text) for phrase in chain)


def noun_phrase_chains(text: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """The noun phrases of `text` (as `noun_phrases`), those joined by の in one chain, the
    modifier first (「道の駅の整備」 → ((道,), (駅,), (整備,)))."""
    words = _tagged(text)
    chains: list[tuple[tuple[str, ...], ...]] = []
    chain: list[tuple[str, ...]] = []
    run: list[str] = []
    for at, (surface, feature) in enumerate(words):
        noun = feature.pos1 == "名詞" and feature.pos2 != "数詞"
        if noun or (feature.pos1 == "接尾辞" and feature.pos2 == "名詞的" and run):
            if noun:
                run.append(_lemma(surface, feature))
            continue
        if run:
            chain.append(tuple(run))
        run = []
        following = words[at + 1][1] if at + 1 < len(words) else None
        joins = surface == "の" and following is not None and following.pos1 == "名詞" and following.pos2 != "数詞"
        if chain and not joins:
            chains.append(tuple(chain))
            chain = []
    if run:
        chain.append(tuple(run))
    if chain:
        chains.append(tuple(chain))
    return tuple(chains)


def lemmas(text: str) -> tuple[str, ...]:
    """Content-word lemmas of `text`, lower-cased, in order (repeats kept for counting)."""
    return tuple(lemma for _, lemma in content_words(text))


def lemmas_without_counters(text: str) -> tuple[str, ...]:
    """`lemmas(text)` but a suffix after a number (the 人 of 「152,486人」, the 町 of 「3町」): a
    counter says how many, not that the line speaks of people or towns."""
    return tuple(lemma for _, lemma in content_words(text, counters=False))


def noun_lemmas(text: str) -> tuple[str, ...]:
    """The nouns among `lemmas(text)`: what a question is about, not how it asks."""
    return tuple(lemma for _, lemma in content_words(text, nouns_only=True))


@lru_cache(maxsize=4096)
def names_and_numbers(text: str) -> frozenset[str]:
    """The proper nouns and numbers of `text` (as lemmas): the words an answer must contain
    to be about the same thing (函館, 十勝, 令和8年度's 8)."""
    words = _tagged(text)
    found = set()
    for surface, feature in words:
        if feature.pos2 == "固有名詞":
            found.add((getattr(feature, "orthBase", None) or surface).lower())
        elif feature.pos2 == "数詞" and surface.isdigit():
            found.add(surface)
    return frozenset(found)


_QUESTION_WORDS = frozenset({"誰", "どんな", "どう", "如何", "幾つ", "幾ら"})


def is_question_word(pos1: str, lemma: str) -> bool:
    """何・何時・何故・何処・何の (UniDic writes いつ, なぜ, どこ, どの under 何), 誰, どんな, どう,
    and the nouns いくら・いくつ and 何 of 何件・何人 (a number asked, never a word to find)."""
    if pos1 == "名詞":
        return lemma in ("幾ら", "幾つ", "幾") or lemma.startswith("何")  # (いくつ: 幾 + つ)
    return pos1 in ("代名詞", "連体詞", "副詞") and (lemma.startswith("何") or lemma in _QUESTION_WORDS)


# the nouns of manner a question word is written with (「どんなふうに」「どのように」): part of how it asks
_MANNER_NOUNS = frozenset({"風", "様"})


def question_words(text: str) -> frozenset[str]:
    """The lemmas of the question words of `text` (「なぜ」 → 何故), with a noun of manner
    written after one (「どんなふうに」's 風): how it asks, never what it asks about, so no
    passage is required to hold them."""
    words = morphemes(text)
    found = set()
    for index, (_surface, pos1, _pos2, lemma, _start) in enumerate(words):
        if is_question_word(pos1, lemma):
            found.add(lemma)
            following = words[index + 1] if index + 1 < len(words) else None
            if following is not None and following[1] == "名詞" and following[3] in _MANNER_NOUNS:
                found.add(following[3])
    return frozenset(found)


@lru_cache(maxsize=1024)
def adverbial_nouns(text: str) -> frozenset[str]:
    """The lemmas of the nouns UniDic marks 副詞可能 (全部, すべて, 毎年, 以前) and of the
    counters after a number (一度, 3回): how much or when, never what a question is about."""
    words = _tagged(text)
    return frozenset(
        _lemma(surface, feature)
        for at, (surface, feature) in enumerate(words)
        if feature.pos1 == "名詞"
        and (feature.pos3 == "副詞可能" or (feature.pos3 == "助数詞可能" and at > 0 and words[at - 1][1].pos2 == "数詞"))
    )


@lru_cache(maxsize=1024)
def content_verbs(text: str) -> frozenset[str]:
    """The lemmas of the verbs and adjectives of `text` that are content words (not UniDic's
    非自立可能): 困る, 頑張る, 増える — what happened — not する, やる, いる (how any doing is asked)."""
    return frozenset(
        _lemma(surface, feature)
        for surface, feature in _tagged(text)
        if feature.pos1 in ("動詞", "形容詞") and _is_content(feature.pos1, feature.pos2 or "", feature.pos3 or "")
    )


# The verbs of the compound particles (について, に関して, に対して, によって, において) and
# the honorific suffixes (お医者さん, 担当者様): grammar, never what a question is about.
_PARTICLE_VERBS = frozenset({"付く", "つく", "関する", "対する", "因る", "よる", "於く", "おく"})
# 「どういう」「こういう」「…という」: いう in kana after an adverb or と quotes or qualifies
_QUOTING_VERB = "言う"
_HIRAGANA = re.compile(r"^[ぁ-ゖ]+$")
_HONORIFICS = frozenset({"さん", "様", "殿", "ちゃん", "君"})


@lru_cache(maxsize=1024)
def grammatical_words(text: str) -> frozenset[str]:
    """The lemmas `lemmas(text)` reads as content that only do grammar's work here: a verb
    of a compound particle (に + つく + て: 「洋上風力について」), the いう of 「どういう」 and
    「…という」, and an honorific suffix."""
    words = _tagged(text)
    found = set()
    for index, (surface, feature) in enumerate(words):
        lemma = _lemma(surface, feature)
        if feature.pos1 == "接尾辞" and lemma in _HONORIFICS:
            found.add(lemma)
        before, before_feature = words[index - 1] if index > 0 else ("", None)
        if feature.pos1 == "動詞" and lemma in _PARTICLE_VERBS and before == "に":
            found.add(lemma)
        quoting = before == "と" or (before_feature is not None and before_feature.pos1 == "副詞")
        if feature.pos1 == "動詞" and lemma == _QUOTING_VERB and _HIRAGANA.match(surface) and quoting:
            found.add(lemma)
    return frozenset(found)


KATAKANA = re.compile(r"^[ァ-ヺー]+$")


def is_loanword(word: str) -> bool:
    """A katakana word of three characters or more: held by any longer katakana word that
    contains it (インスタグラム by インスタグラムフォトコンテスト)."""
    return len(word) >= 3 and bool(KATAKANA.match(word))


@lru_cache(maxsize=1024)
def split_loanwords(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The katakana runs of `text` (three characters or more) that UniDic cut into two or
    more words, each with its pieces' lemmas: 「インスタグラム」 → インス + タグ + ラム,
    「コンサル」 → コンサ + ル. A loanword the dictionary lacks is cut into known ones; the
    caller decides, from the casebook's own words, whether the run is one word."""
    runs: list[tuple[str, frozenset[str]]] = []
    run: list[tuple[str, str]] = []
    for surface, feature in [*_tagged(text), ("", None)]:
        if feature is not None and KATAKANA.match(surface):
            run.append((surface, _lemma(surface, feature)))
            continue
        joined = "".join(piece for piece, _ in run)
        if len(run) >= 2 and len(joined) >= 3:
            runs.append((joined, frozenset(lemma for _, lemma in run)))
        run = []
    return tuple(runs)


def tokens(text: str) -> tuple[str, ...]:
    """Surface forms of every word (for display and tests)."""
    tagger = _get_tagger()
    with _lock:
        return tuple(word.surface for word in tagger(unicodedata.normalize("NFKC", text)))


@lru_cache(maxsize=4096)
def morphemes(text: str) -> tuple[tuple[str, str, str, str, int], ...]:
    """(surface, pos1, pos2, lemma, start offset) of every word of `text` as given (no
    normalisation, so offsets index `text`): the question reader's view."""
    tagger = _get_tagger()
    with _lock:
        words = [(word.surface, word.white_space, word.feature) for word in tagger(text)]
    out, offset = [], 0
    for surface, space, feature in words:
        offset += len(space or "")
        lemma = (feature.lemma or surface).split("-")[0] or surface
        out.append((surface, feature.pos1 or "", feature.pos2 or "", lemma, offset))
        offset += len(surface)
    return tuple(out)


# the suffix that makes a noun a predicate of completion (「策定済み」「締結済」)
DONE_SUFFIXES = frozenset({"済み", "済"})


def non_past(text: str) -> bool:
    """Whether the first predicate of `text` (a verb and its auxiliaries, after the noun it
    makes a verb of: 作ります, 締結する, 結ぶ3町) is affirmative and non-past: an act still to
    come, not one done (作りました, 結んでいる, 策定済み) nor one whose tense a later clause
    gives (結び、…)."""
    chain: list[Any] = []
    for _surface, feature in _tagged(text):
        if feature.pos1 == "動詞" or (chain and feature.pos1 == "助動詞"):
            chain.append(feature)
            continue
        if chain:
            break
        if feature.pos1 not in ("名詞", "接尾辞") or feature.lemma in DONE_SUFFIXES:
            return False  # 策定済み: done; a particle before any verb: no predicate here
    if not chain or any(feature.lemma in ("た", "ず", "ない") for feature in chain):
        return False
    return (chain[-1].cForm or "").startswith(("終止形", "連体形"))


def cuts_a_word(before: str, after: str) -> bool:
    """Whether a line break between `before` and `after` falls inside a word (「…活用調」 /
    「査検討事業」: 調査): the PDF wrapped a cell there, and the two lines are one."""
    head, tail = before.rstrip()[-8:], after.lstrip()[:8]
    if not head or not tail:
        return False
    joint = len(head)
    return any(start < joint < start + len(surface) for surface, _pos1, _pos2, _lemma, start in morphemes(head + tail))


def proper_nouns(text: str) -> tuple[tuple[str, str], ...]:
    """(surface, kind) of each proper noun; kind is UniDic's pos3: 人名, 地名, 一般 …"""
    tagger = _get_tagger()
    with _lock:
        words = [(word.surface, word.feature) for word in tagger(unicodedata.normalize("NFKC", text))]
    return tuple((surface, feature.pos3 or "") for surface, feature in words if feature.pos2 == "固有名詞")
