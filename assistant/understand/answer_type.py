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

from assistant.understand.numbers import ERA_NAMES, with_digits, without_dates
from index.synonyms import CHANGE_WORDS, said_words
from index.tokenize import is_question_word, lemmas, morphemes, proper_nouns

_PERCENT = ("%", "％", "パーセント", "割")
# the counters of a date (「令和5年度」「3月」): words of when
DATE_COUNTERS = frozenset({"年", "年度", "月", "日"})
WHEN = frozenset({"何時", "何時頃"})  # いつ, いつ頃 (UniDic's lemmas)
_TOWNS = ("市", "町", "村")
NAME_NOUNS = frozenset({"名前", "名称", "社名", "会社名", "団体名", "名"})
_PLACE_HEADS = frozenset({"会社", "企業", "団体", "都市", "市", "町", "県", "国", "大学", "病院", "新聞"})
_ORGANISATION_WORDS = ("会社", "法人", "協会", "大学", "研究所", "事務所", "新聞", "病院", "組合", "協議会")
_COMPANY = re.compile(r"株式会社|有限会社|合同会社|\(株\)|（株）")
_PLACES = frozenset({"都市", "市", "町", "県", "国"})
_ROLE = re.compile(r"局長|会長|部長|課長|市長|町長|村長|知事|座長|委員長|首長")
_MEMBER_ROLE = re.compile(r"幹事|事務局|担当")
_GENERIC_PREDICATES = frozenset({"居る", "有る", "為る", "成る", "いる", "ある", "する", "なる", "くらい", "ぐらい", "位"})
_AUDIENCE = frozenset({"対象", "向け"})
_HOW_MUCH = frozenset({"どのくらい", "どれくらい", "どれぐらい", "どの位"})
_ABOUT = frozenset({"くらい", "ぐらい", "ほど", "程度"})


@dataclass(frozen=True)
class AnswerType:
    kind: str = ""  # count | money | percent | date | name | place | "" (anything)
    counter: str = ""  # the counter of a count (人, 張り, 台 …)
    about: str = ""  # what is counted (参加, 受講, 医者): the sentence must speak of it
    named: bool = False  # 「名前」「社名」: a proper name, not a kind of body (組合, 協会)

    def is_a_value(self, region_nouns: frozenset[str]) -> bool:
        """Whether the answer is one value — an amount, a date, a share, a name, a count of
        anything but regions — rather than a set of regions (「何件ダウンロード」 vs 「何地域」)."""
        counted = self.counter or self.about  # 「連携地域の数」: a count of regions
        return self.kind in ("money", "percent", "date", "name") or (self.kind == "count" and counted not in region_nouns)


def expected(question: str) -> AnswerType:
    words = morphemes(with_digits(question))
    for index, (surface, _pos1, _pos2, lemma, _offset) in enumerate(words):
        following = words[index + 1][0] if index + 1 < len(words) else ""
        if surface == "何" and following:
            if following == "分" and index + 2 < len(words) and words[index + 2][0] == "の":
                return AnswerType()  # 何分の何: a fraction, often answered in words (定額), not a percent
            if following in _PERCENT:
                return AnswerType("percent")
            if following == "円":
                return AnswerType("money")
            if following in DATE_COUNTERS:
                after = words[index + 2] if index + 2 < len(words) else ("", "", "", "", 0)
                if after[1] == "接尾辞":
                    return AnswerType()  # 「何年生」「何月分」: a counter of its own (a grade), not a date
                if after[0] in _ABOUT or (following == "年" and after[1] in ("動詞", "名詞", "副詞") and after[2] != "数詞"):
                    # 「何年くらい」「何年もらっている」「何年交付金を」: how many years, not which year
                    # (a year is followed by a particle or the copula: 「何年に」「何年ですか」)
                    return AnswerType("count", following)
                return AnswerType("date")
            if following in ("人", "名"):
                return AnswerType("count", "人", counted_word(words, index))
            if following in _TOWNS:  # 「何市町」「何町村」: the kinds written together are one counter
                run = index + 1
                while run + 1 < len(words) and words[run + 1][0] in _TOWNS:
                    run += 1
                counter = "".join(word[0] for word in words[index + 1 : run + 1])
                return AnswerType("count", counter, counted_word((*words[: index + 2], *words[run + 1 :]), index))
            if words[index + 1][1] in ("接尾辞", "名詞") and len(following) <= 2 and following not in ("か", "の", "を"):
                return AnswerType("count", following, counted_word(words, index))
        if surface == "何" and following in ("を", "が") and index + 2 < len(words):
            verb = words[index + 2]
            if verb[1] in ("名詞", "動詞") and verb[3] not in _GENERIC_PREDICATES:
                return AnswerType(about=verb[3])  # 「何を購入して」: the answer speaks of 購入
        if lemma == "幾ら":
            return AnswerType("money", about=_noun_asked_of(words, index))
        if lemma == "幾つ" or (lemma == "幾" and following == "つ"):  # いくつ (UniDic: 幾 + つ)
            return AnswerType("count", about=_noun_asked_of(words, index))  # 「地域はいくつ」 counts regions
        if lemma in WHEN and following != "も":  # いつ・いつ頃, not いつも (always)
            return AnswerType("date")
        if lemma == "誰" or surface == "どなた":
            near = {w[3] for w in words[max(0, index - 2) : index + 4]}
            if near & _AUDIENCE:
                return AnswerType()  # 「誰向け」「誰が対象」: a group (小学生, 職員), not a name
            return AnswerType("name")
        if lemma in NAME_NOUNS and index > 0:
            return AnswerType("name", about=_body_named(words, index), named=True)
        if surface == "どこ" and index + 2 < len(words) and words[index + 1][0] == "の" and words[index + 2][0] in _PLACE_HEADS:
            return AnswerType("place" if words[index + 2][0] in _PLACES else "name")
        if surface in _HOW_MUCH or (surface in ("どの", "どれ") and following in ("くらい", "ぐらい")):
            before = "".join(w[0] for w in words[max(0, index - 4) : index])
            if re.search(r"(?:人数|者数|人口|参加者)", before):
                return AnswerType("count", "人")
            if re.search(r"(?:費用|金額|予算|料)", before):
                return AnswerType("money")
    return _number_of(words)


_PEOPLE = ("人", "者", "員")
_SHARE_NOUNS = frozenset({"率", "割合"})


def _number_of(words) -> AnswerType:
    """「利用率は」: a noun of what share, the last noun asked of, is a percent.
    「ダウンロード件数は」「参加者数は」: a noun of how many is a
    count — of its own counter (件数 → 件, 回数 → 回; 人数, 者数, 職員数 → 人), or of what the word
    before it names (ダウンロード数: a number said of ダウンロード)."""
    nouns = [i for i, word in enumerate(words) if word[1] == "名詞" and not is_question_word(word[1], word[3])]
    if nouns and words[nouns[-1]][0] in _SHARE_NOUNS:
        return AnswerType("percent")  # 「利用率は」「使っている割合は」: a share
    if not nouns or not words[nouns[-1]][0].endswith("数") or words[nouns[-1]][2] == "数詞":
        return AnswerType()
    last = nouns[-1]
    surface = words[last][0]
    if surface != "数":
        stem = surface[:-1]  # 件数, 人数, 回数: one word of a counter
        before = last - 1
    else:  # 参加者数, 職員数, ダウンロード数: the word before says what is counted
        stem = words[last - 1][0] if last > 0 else ""
        before = last - 1 if not stem.endswith(_PEOPLE) or len(stem) > 1 else last - 2
        if stem == "の":  # 連携地域の数: what is counted is the noun before の
            stem, before = "", last - 2
    counter = "人" if stem.endswith(_PEOPLE) else stem if surface != "数" else ""
    # what is counted is compounded with it (ダウンロード件数), not a place across の (留萌の世帯数)
    counted = words[before][3] if before >= 0 and words[before][1] == "名詞" and words[before][2] != "数詞" else ""
    return AnswerType("count", counter, counted)


def _qualifiers_before(words, index: int) -> int:
    """Where the adjectives before the word at `index` begin (「正式な」「正しい」 of 名前)."""
    start = index
    while start > 0 and words[start - 1][1] in ("形状詞", "形容詞", "助動詞"):
        start -= 1
    return start


def name_qualifiers(question: str) -> frozenset[str]:
    """The adjectives that qualify a name asked (「正式な名前」「正しい名称」「正式名称」): how
    exact the name is to be, not words a passage holding it must say."""
    words = morphemes(question)
    found = set()
    for index, word in enumerate(words):
        if word[3] in NAME_NOUNS:
            found |= {w[3] for w in words[_qualifiers_before(words, index) : index] if w[1] in ("形状詞", "形容詞")}
    return frozenset(found)


def _body_named(words, index: int) -> str:
    """The kind of body whose name 「名前」 asks (「組合の名前」 → 組合, 「協議会の正式な名前」
    → 協議会), when it is one."""
    end = _qualifiers_before(words, index)  # 「正式な」 qualifies the name, not the body
    end = end - 1 if end >= 1 and words[end - 1][0] == "の" else end
    start = end
    while start > 0 and words[start - 1][1] in ("名詞", "接尾辞"):
        start -= 1
    compound = "".join(word[0] for word in words[start:end])  # 協議 + 会
    return next((body for body in _ORGANISATION_WORDS if compound.endswith(body)), "")


_TOPIC_MARKERS = frozenset({"は", "って"})


def topic_asked(question: str) -> frozenset[str]:
    """The noun whose value the question asks, marked as its topic before a question word or
    at its end — the head of its compound (「会場はどこでしたか」 → 会場, 「参加者の満足度は？」
    → 度, 「交付金の最大額は」 → 額, which the booklet's 上限額 says): a passage that never says
    it answers something else, however close in meaning. Empty when the last topic asks
    nothing (「協定って、期間を決める必要がありますか」). A question that ends on 「…の」 and
    a noun asks that noun (「留萌中北部の研修の講師」)."""
    words = morphemes(question)
    for index in range(len(words) - 1, 0, -1):
        surface, pos1 = words[index][0], words[index][1]
        if pos1 != "助詞" or surface not in _TOPIC_MARKERS or words[index - 1][1] not in ("名詞", "接尾辞"):
            continue
        rest = words[index + 1 :]
        asks = any(is_question_word(w[1], w[3]) for w in rest) or all(w[1] in ("補助記号", "助動詞", "助詞") for w in rest)
        if not asks:
            return frozenset()
        _surface, _pos1, pos2, lemma, _offset = words[index - 1]
        return frozenset({lemma}) if pos2 != "数詞" else frozenset()
    # a question that ends on its noun asks that noun's value (「…の研修の講師」「…の講師？」)
    content = [w for w in words if w[1] != "補助記号"]
    if len(content) > 1 and content[-1][1] == "名詞" and content[-1][2] != "数詞" and content[-2][0] == "の":
        return frozenset({content[-1][3]})
    return frozenset()


def topic_owners(question: str) -> frozenset[str]:
    """The nouns that say whose the asked topic is, through の before it (「協定の期間は」 →
    協定; 「日高のセミナーの会場は」 → 日高, セミナー): a sentence stating a value of the topic
    owned by something else (「交付金の支援期間」) answers another question."""
    head = topic_asked(question)
    words = morphemes(question)
    at = next((index for index in range(len(words) - 1, -1, -1) if words[index][3] in head and words[index][1] == "名詞"), None)
    if at is None:
        return frozenset()
    owners: set[str] = set()
    while at > 0 and words[at - 1][1] in ("名詞", "接尾辞"):  # the head's own compound (上限 + 額)
        at -= 1
    while at >= 2 and words[at - 1][0] == "の" and words[at - 2][1] in ("名詞", "接尾辞"):
        at -= 1
        while at > 0 and words[at - 1][1] in ("名詞", "接尾辞"):
            at -= 1
            if words[at][1] == "名詞" and words[at][2] != "数詞":
                owners.add(words[at][3])
    return frozenset(owners)


def _noun_asked_of(words, index: int) -> str:
    """The noun whose amount 「いくら」 asks (「事業費の総額はいくら」 → 総額): the last noun
    before it, across its topic particle."""
    for position in range(index - 1, max(-1, index - 4), -1):
        _surface, pos1, pos2, lemma, _offset = words[position]
        if pos1 == "名詞" and pos2 != "数詞":
            counted = position > 0 and words[position - 1][2] == "数詞"
            return "" if counted else lemma  # 「1回いくら」: a unit, not what is priced
        if pos1 != "助詞":
            return ""
    return ""


def counted_word(words, index: int) -> str:
    """What 「何人」 counts: the first content word after it (参加, 受講, 就職), or, when that
    says nothing (いる, ある), the last noun before it (医者)."""
    for _surface, pos1, _pos2, lemma, _offset in words[index + 2 : index + 6]:
        if pos1 in ("名詞", "動詞") and lemma not in _GENERIC_PREDICATES:
            return lemma
    for _surface, pos1, pos2, lemma, _offset in reversed(words[max(0, index - 4) : index]):
        if pos1 == "名詞" and pos2 != "数詞" and lemma not in ("延べ", "全部", "毎回", "毎年", "年間"):
            return lemma
    return ""


def _without_dates_if_years(answer_type: AnswerType, text: str) -> str:
    """A count of years, months or days (「何年くらい」) is never a date's (令和3年, R4年度)."""
    return without_dates(text) if answer_type.kind == "count" and answer_type.counter in DATE_COUNTERS else text


# a rule says when by the event it follows or precedes (「額の確定後において交付する」
# 「事業の終了後、実績の報告を」): no date, yet what 「いつもらえる」 asks of a rule
_RELATIVE_TIME = re.compile(r"(?:後|前|以降|以前|際)(?:において|に|は|、)")


def states_when_by_an_event(sentence: str) -> bool:
    return bool(_RELATIVE_TIME.search(sentence))


def holds(answer_type: AnswerType, sentence: str, question: str = "", known_places: frozenset[str] = frozenset()) -> bool:
    """Whether `sentence` holds a value of the kind asked for. `known_places` (the regions
    and their members) are never the answer to 「どこの都市」 about a region's own activity."""
    text = _without_citations(with_digits(sentence))
    if not answer_type.kind:
        return True  # what 「何を購入」 asks about is preferred by the caller, not required
    if answer_type.kind == "percent":
        return bool(re.search(r"\d\s*(?:%|パーセント|割)", text))
    if answer_type.kind == "money":
        if answer_type.about and answer_type.about not in lemmas(text) and answer_type.about not in text:
            return False  # 「予算総額は」 is not answered by a cap per region
        return bool(re.search(r"\d\s*(?:千|万|億)?円", text))
    if answer_type.kind == "date":
        ends = _asked_ends(question)
        if ends in ("until", "both") and re.search(r"期日|期限", text):
            return True  # 「いつまでに」 is answered by the rule's deadline (「別に指定する期日までに」)
        if ends == "until" and not re.search(r"まで|[~～〜]", text):
            return False  # a date something starts from (「令和2年度からは」) says nothing of until when
        return bool(re.search(r"(?:令和|平成|昭和|R|H)\s*(?:\d+|元)\s*年|(?:19|20)\d\d\s*年|\d\s*月|(?<!毎)年度", text))
    if answer_type.kind == "count":
        text = _without_dates_if_years(answer_type, text)
        counters = _counter_forms(answer_type.counter, text, answer_type.about)
        if answer_type.about and answer_type.about not in said_words(text) and answer_type.about not in text:
            return False  # 「8人の死亡」 does not count participants (「2人 → 9人」 counts an increase)
        return any(re.search(rf"\d\s*{re.escape(c)}", text) for c in counters)
    asked = question or ""
    # a member town is the answer to 「部会長はどこの町」「幹事はどこ」 (a role among the members),
    # never to 「どこの都市でPRした」 (somewhere the region went)
    members_answer = bool(_ROLE.search(asked) or _MEMBER_ROLE.search(asked))
    names = [
        (surface, kind)
        for surface, kind in proper_nouns(text)
        if surface not in asked and surface not in ERA_NAMES and (members_answer or not any(surface in place for place in known_places))
    ]
    if answer_type.kind == "place":
        return any(kind == "地名" for _, kind in names)
    if answer_type.kind == "name":
        if any(kind != "地名" for _, kind in names) or _COMPANY.search(text):
            return True  # a person's or body's name, or a company by its legal form (株式会社ぎょうせい)
        if any(re.search(rf"{re.escape(noun)}\s*[:：]\s*\S", text) for noun in topic_asked(asked)):
            return True  # 「講師は誰」: the value printed after that label (「(講師：西郷中町町内会連合会等)」)
        if answer_type.named:
            # the kind of body asked for named in full (「組合の名前」: 留萌南部衛生組合)
            body = answer_type.about
            return bool(body and any(m.group(0) not in asked for m in re.finditer(rf"[一-龥ァ-ヶー]{{2,}}{re.escape(body)}", text)))
        if any(match.group(0) not in asked for match in _ROLE.finditer(text)):
            return True
        return any(word in text and word not in asked for word in _ORGANISATION_WORDS)
    return True


# 「(平成25年3月29日告示第10328-3号)」「(平成26年8月26日総行市 200号)」: a law or notice cited by its
# date and number — the date names the law, it answers nothing
_CITATION = re.compile(r"[(（][^()（）]*[\d０-９]\s*号[^()（）]*[)）]")


def _without_citations(text: str) -> str:
    return _CITATION.sub("", text)


_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_VALUE_PATTERNS = {
    "percent": rf"{_NUMBER}\s*(?:%|％|パーセント|割)",
    "money": rf"{_NUMBER}\s*(?:億\s*(?:{_NUMBER})?)?(?:万\s*(?:{_NUMBER})?)?\s*千?円",
    "date": r"(?:(?:令和|平成|R)\s*(?:\d+|元)|(?:19|20)\d\d)\s*年度?(?:\s*\d+\s*月(?:\s*\d+\s*日)?)?",
}
# 「令和2年度～令和6年度」「平成27年度から令和元年度まで」「R3~R4年度」 (the first end may leave its unit to the second)
_SPAN = re.compile(rf"({_VALUE_PATTERNS['date']}|(?:令和|平成|R)\s*(?:\d+|元))\s*(?:から|[~～〜])\s*({_VALUE_PATTERNS['date']})")
# 「令和22年(2040年)」: the western year glossing the era's, one date
_WESTERN_GLOSS = re.compile(r"[(（]\s*(?:19|20)\d\d\s*年度?[)）]")


def _counter_forms(counter: str, sentence: str, about: str = "") -> tuple[str, ...]:
    """The ways `sentence` writes the counter asked with: 人 or 名 for people, any form
    UniDic reads as the same word (か月 · ヶ月 · カ月 are all 箇月), and the counter of the
    count of the thing asked itself (「何回ダウンロード」: 「ダウンロード数は1,795件」)."""
    if counter == "人":  # (「何人ダウンロード」: 「ダウンロード数は1,795件」 too)
        return ("人", "名", *sorted(_counters_of_the_count_of(about, morphemes(sentence)) - {"人", "名"}))
    if not counter:
        return ("",)
    asked = lemmas(counter)
    words = morphemes(sentence)
    same = {surface for surface, _pos1, _pos2, lemma, _start in words if (lemma,) == asked}
    return (counter, *sorted((same | _counters_of_the_count_of(about, words)) - {counter}))


def _counters_of_the_count_of(about: str, words) -> set[str]:
    """The counter printed after 「<about>数は N」 (the sentence gives the count of the very
    thing asked, whatever it counts it in)."""
    found = set()
    for index in range(len(words) - 1):
        if not about or words[index][3] != about or words[index + 1][3] != "数":
            continue
        after = words[index + 2 : index + 8]  # (a number may be cut at its comma: 1 , 795)
        for position, (_surface, _pos1, pos2, _lemma, _start) in enumerate(after[:-1]):
            if pos2 == "数詞" and after[position + 1][2] == "普通名詞":
                found.add(after[position + 1][0])
                break
    return found


def value_in(answer_type: AnswerType, sentence: str, question: str = "") -> str | None:
    """The one value of the kind asked for that `sentence` prints (「1,795件」「12.7%」
    「令和5年11月」), as printed; None when it prints none or several (no guessing which).
    A span of dates (「令和2年度～令和6年度」「平成27年度から令和元年度まで」) answers
    「いつまで」 with its end, 「いつから」 with its start, and both with the span; a date
    the sentence starts something from is no answer to 「いつまで」."""
    if answer_type.kind == "date" and question:
        ends = _asked_ends(question)
        span = _SPAN.search(sentence)
        if span and ends:
            # 「R3~R4年度」: the first end takes the unit the second writes
            first = span.group(1) if "年" in span.group(1) else span.group(1) + re.sub(r"^[^年]*", "", span.group(2))
            return {"from": first, "until": span.group(2)}.get(ends, f"{first}～{span.group(2)}")
        if span:
            return None  # a span says when it began and ended, not one date
        if ends == "until" and re.search(rf"{_VALUE_PATTERNS['date']}\s*から", sentence):
            return None
    if answer_type.kind == "count":
        counters = _counter_forms(answer_type.counter, sentence, answer_type.about)
        pattern = rf"{_NUMBER}\s*(?:{'|'.join(re.escape(c) for c in counters)})"
    elif answer_type.kind in _VALUE_PATTERNS:
        pattern = _VALUE_PATTERNS[answer_type.kind]
    else:
        return None
    text = _WESTERN_GLOSS.sub("", _without_citations(sentence)) if answer_type.kind == "date" else _without_citations(sentence)
    text = _without_dates_if_years(answer_type, text)
    found = list(dict.fromkeys(match.group(0) for match in re.finditer(pattern, text)))
    if len(found) > 1 and question and answer_type.kind == "date":
        return _said_with_the_question(pattern, text, question)
    return found[0] if len(found) == 1 else None


def _said_with_the_question(pattern: str, text: str, question: str) -> str | None:
    """Of several dates, the one the question's words stand nearest to (「東西町協議会(令和3年4月
    発足)令和5年度報告会」: 令和3年4月 for 「協議会が発足したのは」, 令和5年度 for 「報告会は」);
    each word counts for a date of its own clause, else the closest date; None on a tie."""
    asked = {lemma for _s, pos1, _p2, lemma, _at in morphemes(question) if pos1 in ("名詞", "動詞", "形容詞") and not lemma.isdigit()}
    asked -= {"為る", "居る", "有る", "成る"}
    dates = list(re.finditer(pattern, text))
    clauses = [m.span() for m in re.finditer(r"[^、。()（）]+", text)]
    near: dict[str, int] = {}
    for _surface, _pos1, _pos2, lemma, at in morphemes(text):
        if lemma not in asked or any(d.start() <= at < d.end() for d in dates):
            continue
        # a date of the word's own clause (between 、。 and parentheses), else the closest
        clause = next(((start, end) for start, end in clauses if start <= at < end), (0, len(text)))
        within = [d for d in dates if clause[0] <= d.start() < clause[1]] or dates
        closest = min(within, key=lambda d: max(d.start() - at, at - d.end(), 0))
        near[closest.group(0)] = near.get(closest.group(0), 0) + 1
    ranked = sorted(near.items(), key=lambda item: -item[1])
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


_DEADLINE_NOUNS = frozenset({"期限", "締め切り", "期日"})


def _asked_ends(question: str) -> str:
    """Which end of a span a date question asks: 「いつから」 from, 「いつまで」 until, both, or
    neither (the particles から and まで after the asked date)."""
    words = morphemes(question)
    particles = {surface for surface, pos1, _pos2, _lemma, _start in words if pos1 == "助詞" and surface in ("から", "まで")}
    if any(lemma in _DEADLINE_NOUNS for _surface, _pos1, _pos2, lemma, _start in words):
        particles.add("まで")  # 「申請の締め切りはいつ」: a deadline is the end of a span
    if particles == {"から", "まで"}:
        return "both"
    return "from" if "から" in particles else "until" if "まで" in particles else ""


def asks_until(question: str) -> bool:
    """「いつまでに」「期限は」: the end of a span or a deadline is asked — what a rule sets, not
    the date an act was done."""
    return _asked_ends(question) in ("until", "both")


def asks_how_or_why(question: str) -> bool:
    """「どうやって決めている」「どのように」「なぜ」: the question asks a manner or a reason,
    which a record value (a date, a name, a count) never is. 「どういう」 (what kind) and
    「どうなっている」 (what state) ask a thing, not a manner."""
    words = morphemes(question)
    for index, (_surface, _pos1, _pos2, lemma, _start) in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if lemma == "何故":
            return True
        if lemma == "どう" and not (following and following[3] in ("言う", "成る")):
            return True
        if lemma in ("何の", "どんな") and following and following[3] in ("様", "風"):
            return True  # 「どのように」「どんなふうに」
    return False


REASON_NOUNS = frozenset({"理由", "訳"})
_STATE_VERBS = frozenset({"有る", "無い", "居る"})


def _why_at(words) -> int | None:
    """Where the question asks a reason: 「なぜ」「どうして」「…した理由」「何のために」 (not
    「どうやって」「どのように」, a manner); None when it asks none."""
    for index, (_surface, pos1, _pos2, lemma, _start) in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        after = words[index + 2] if index + 2 < len(words) else None
        if lemma == "何故" or (pos1 == "名詞" and lemma in REASON_NOUNS):
            return index
        if lemma == "どう" and following and following[3] == "為る" and after and after[0] == "て":
            return index  # どうして (not どうしたら, a manner)
        if lemma == "何" and following and following[0] == "の" and after and after[3] == "為":
            return index  # 何のため
    return None


def asks_why_it_was_done(question: str) -> bool:
    """The reason of something done (「なぜ…を始めたの」「アンケートを実施した理由は」) — what a
    project's page gives as 事業の目的 — not of a state (「職員の確保が難しいのはなぜ」: the
    booklet says why in its own sentence). The act is the last verb before the reason's word,
    or of the sentence when the word comes first."""
    words = morphemes(question)
    at = _why_at(words)
    if at is None:
        return False
    before = words[:at] if any(w[1] in ("動詞", "形容詞", "形状詞") for w in words[:at]) else words
    predicates = [w for w in before if w[1] in ("動詞", "形容詞", "形状詞") and w[3] not in _STATE_VERBS]
    states = [w for w in before if w[1] in ("形容詞", "形状詞") or w[3] in ("有る", "無い")]
    last_predicate = max((w[4] for w in predicates), default=-1)
    last_state = max((w[4] for w in states), default=-1)
    return last_predicate > last_state


_WHEN_NOUNS = frozenset({"日", "日付", "時期", "年月日"})


def asks_when_it_happened(question: str) -> bool:
    """The date of an act done (「協定を結んだのはいつ」「ビジョンを作った日は」): the act is what
    the date is asked of, no case put to the rules — unlike 「協定は結んでいます。いつから申請
    できますか」, whose いつ asks of an act to come. The asked time ends the question, right after a
    verb in the past (た)."""
    words = morphemes(question)
    asked = [index for index, word in enumerate(words) if word[3] in WHEN or (word[1] == "名詞" and word[3] in _WHEN_NOUNS and index > 0)]
    if not asked:
        return False
    at = asked[-1]
    if any(w[1] in ("動詞", "形容詞") and w[3] not in _GENERIC_PREDICATES for w in words[at + 1 :]):
        return False
    # (the past tense right before it, nothing but particles between: 「終わった場合、実績報告は
    # いつまで」 asks of the report)
    past = [index for index, w in enumerate(words[:at]) if w[1] == "助動詞" and w[3] == "た"]
    return bool(past) and all(w[1] == "助詞" or w[3] in _WHEN_NOUNS for w in words[past[-1] + 1 : at])


# 「令和5年度 2人 → 令和6年度 9人」: a figure before the arrow and after it, in one unit
_YEAR_LABEL = r"(?:令和|R)\s*(?:\d+|元)\s*年度"
_CHANGE = re.compile(rf"({_YEAR_LABEL})?\s*(\d[\d,]*)\s*([^\s\d→]{{1,3}})\s*→\s*({_YEAR_LABEL})?\s*(\d[\d,]*)\s*\3")


def change_in(question: str, sentence: str) -> str | None:
    """How much a figure changed, when the question asks a change (「何人増えた」「減ったの」)
    and the sentence shows one figure's change: 「令和5年度の2人から令和6年度の9人へ、7人増えています」."""
    if not set(lemmas(question)) & CHANGE_WORDS:
        return None
    found = list(_CHANGE.finditer(with_digits(_without_citations(sentence))))
    if len(found) != 1:
        return None
    first_year, first, unit, second_year, second = found[0].groups()
    before, after = int(first.replace(",", "")), int(second.replace(",", ""))
    by = f"{abs(after - before):,}{unit}{'増えています' if after > before else '減っています'}" if after != before else "変わっていません"
    since = f"{first_year}の" if first_year else ""
    until = f"{second_year}の" if second_year else ""
    return f"{since}{before:,}{unit}から{until}{after:,}{unit}へ、{by}"
