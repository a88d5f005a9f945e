"""What kind of value a question asks for, and whether a sentence holds one.

「延べ何人」 asks for a count of people, 「いくら」 for money, 「何％」 for a share, 「いつ」
for a date, 「誰」「社名」 for a name. A sentence that holds no value of that kind cannot
answer the question, however close its words: the answer then says the casebook does not
record it, instead of quoting whatever came nearest (the expected-answer-type check of
classic question answering).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.understand.numbers import with_digits
from index.tokenize import morphemes

_PERCENT = ("%", "％", "パーセント", "割")
_DATE_COUNTERS = ("年", "年度", "月", "日")
_NAME_NOUNS = frozenset({"名前", "名称", "社名", "会社名", "団体名", "名"})
_PLACE_HEADS = frozenset({"会社", "企業", "団体", "都市", "市", "町", "県", "国", "大学", "病院", "新聞"})
_ORGANISATION_WORDS = ("会社", "法人", "協会", "大学", "研究所", "事務所", "新聞", "病院", "組合", "協議会")
_HOW_MUCH = frozenset({"どのくらい", "どれくらい", "どれぐらい", "どの位"})


@dataclass(frozen=True)
class AnswerType:
    kind: str = ""  # count | money | percent | date | name | "" (anything)
    counter: str = ""  # the counter of a count (人, 張り, 台 …)


def expected(question: str) -> AnswerType:
    words = morphemes(with_digits(question))
    for index, (surface, _pos1, _pos2, lemma, _offset) in enumerate(words):
        following = words[index + 1][0] if index + 1 < len(words) else ""
        if surface == "何" and following:
            if following in _PERCENT:
                return AnswerType("percent")
            if following == "円":
                return AnswerType("money")
            if following in _DATE_COUNTERS:
                return AnswerType("date")
            if following in ("人", "名"):
                return AnswerType("count", "人")
            if words[index + 1][1] in ("接尾辞", "名詞") and len(following) <= 2 and following not in ("か", "の", "を"):
                return AnswerType("count", following)
        if lemma == "幾ら":
            return AnswerType("money")
        if lemma == "何時" or surface == "いつ":
            return AnswerType("date")
        if lemma == "誰" or surface == "どなた":
            return AnswerType("name")
        if lemma in _NAME_NOUNS and index > 0:
            return AnswerType("name")
        if surface == "どこ" and index + 2 < len(words) and words[index + 1][0] == "の" and words[index + 2][0] in _PLACE_HEADS:
            return AnswerType("name")
        if surface in _HOW_MUCH or (surface in ("どの", "どれ") and following in ("くらい", "ぐらい")):
            before = "".join(w[0] for w in words[max(0, index - 4) : index])
            if re.search(r"(?:人数|者数|人口|参加者)", before):
                return AnswerType("count", "人")
            if re.search(r"(?:費用|金額|予算|料)", before):
                return AnswerType("money")
    return AnswerType()


def holds(answer_type: AnswerType, sentence: str, question: str = "") -> bool:
    """Whether `sentence` holds a value of the kind asked for."""
    if not answer_type.kind:
        return True
    text = with_digits(sentence)
    if answer_type.kind == "percent":
        return bool(re.search(r"\d\s*(?:%|パーセント|割)", text))
    if answer_type.kind == "money":
        return bool(re.search(r"\d\s*(?:千|万|億)?円", text))
    if answer_type.kind == "date":
        return bool(re.search(r"(?:令和|平成|昭和|R|H)\s*(?:\d+|元)\s*年|(?:19|20)\d\d\s*年|\d\s*月|年度", text))
    if answer_type.kind == "count":
        counters = ("人", "名") if answer_type.counter == "人" else (answer_type.counter,)
        return any(re.search(rf"\d\s*{re.escape(c)}", text) for c in counters)
    if answer_type.kind == "name":
        asked = question or ""
        for surface, _pos1, pos2, _lemma, _offset in morphemes(text):
            if pos2 == "固有名詞" and surface not in asked:
                return True
        return any(word in text and word not in asked for word in _ORGANISATION_WORDS)
    return True
