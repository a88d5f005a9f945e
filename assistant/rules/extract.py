"""Facts from a Japanese eligibility question — only what the question states.

Counts (「4町のうち3町が定住自立圏」), amounts in 円/万円/千円 (「834万5千円」, full-width
digits), years (「6年目」), expense kinds (「懇親会の飲食費」), dates and yes/no statements
(「協定は締結済み」「隣接していない」). Anything not stated stays None: the checker then
asks for it instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from assistant.rules.catalogue import RULES
from assistant.rules.facts import EligibilityFacts, Expense
from assistant.understand.negation import clauses, negated
from assistant.understand.numbers import amounts_yen, with_digits
from assistant.understand.vocabulary import FIELD_WORDS
from index.tokenize import DONE_SUFFIXES, grammatical_words, morphemes, non_past

_TOWN = r"(?:市町村|市町|町村|市|町|村|自治体|団体)"
# 3町, 3つ, 3つの町; a run of kinds is one number (2市3町, 1市と2町: five)
_COUNT = re.compile(rf"\d+\s*(?:つの\s*)?(?:{_TOWN}|つ)(?:\s*[と・]?\s*\d+\s*{_TOWN})*")
_WHOLE = re.compile(rf"(?:\d+\s*(?:{_TOWN}|つ))?(?:とも|いずれも|全て|すべて|全部|どこも|1つも|ひとつも)|(?:いずれ|どの)の?{_TOWN}も")
_PART_MARK = re.compile(r"(?:のうち|うち|中|の中で|の内|残る|残り|残りの)[、,\s]*$")
# (だけ / のみ limit the partners, they do not count a part: 「2町だけで」「2町のみの連携」)
_TOTAL_MARK = re.compile(r"^\s*(?:だけ|のみ)?(?:で|での|のうち|中|の中で|の内|(?:が|の|は)[^。、]{0,12}?(?:連携|構成|参加|共同))")
_SCHEME = re.compile(r"定住自立圏|連携中枢都市圏|連携中枢")
# 「隣の2町と組めば」: the officer's own municipality and N others
_PARTNERED_WITH = re.compile(rf"((?:\d+\s*{_TOWN}\s*[と・]?\s*)*\d+\s*{_TOWN})\s*と[^。、\d]{{0,8}}?(?:組|連携|協力|共同|一緒)")
# 「うちの村と隣の2町で」: the officer's own municipality joined to the count
_OWN_AND = re.compile(rf"(?:うちの|当|本|我が|わが|自)\s*{_TOWN}\s*と[^、。\d]{{0,6}}$")
# 「…に入っている市町村だけで」: every partner, no count given
_ONLY = re.compile(rf"{_TOWN}(?:同士)?(?:だけ|のみ)")
# partners of a kind said not to exist: 「…している町はありません」「…な市町村はない」
_NONE_OF_THEM = re.compile(rf"{_TOWN}(?:は|が|も)[、\s]*(?:1つも|ひとつも|一つも)?(?:(?:あり|い|おり|存在し)(?:ません|ない)|ない|無い)")
_SUPPORT_YEAR = re.compile(r"(\d+)\s*(?:年目|年度目|ヵ年度目|か年度目)")
_FUNDED_YEARS = re.compile(r"(\d+)\s*(?:年|年度|ヵ年度|か年度)(?:間)?(?:続けて|連続で)?(?:交付|支援|補助)(?:を)?受け")
# 「令和3年度から交付を受けていて、令和8年度も」: the first year funded, then the year asked about
_FUNDED_SINCE = re.compile(r"(?:令和|R)(\d+|元)年度から[^。]{0,20}?(?:交付|支援|補助).{0,30}?(?:令和|R)(\d+|元)年度")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|パーセント)|(\d+)\s*割")
_FIELDS = re.compile(r"(?:政策分野|分野)(?:は|が|を)?(\d+)|(\d+)\s*(?:つの|の)?(?:政策)?分野")
_LIFE = re.compile(r"耐用年数(?:は|が)?(\d+)\s*年")
_DISPOSAL = re.compile(r"(\d+)\s*年(?:後|目)(?:に)?[^。]{0,8}?(?:売|譲|処分|廃棄|貸|転用|手放)")
_DATE = re.compile(r"(?:(令和|平成)(\d+|元)年|(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_FISCAL = re.compile(r"(?:令和|R)(\d+|元)年度")

# the grant's amount asked (one reading for the topic and for the cost the case states)
_ASKS_AMOUNT = re.compile(r"交付額|いくら|何円|金額|もらえる額|交付される額")
# an amount the officer already counts as excluded (「対象外の経費が100万円」), its kind untold
_DECLARED_EXCLUDED = r"対象外(?:の|と(?:なる|される))?(?:経費|費用)"
# 「パソコンを買う」: a purchase named by its verb is the purchase of its object
_BUYING_VERB = re.compile(r"買[うっいわ]")
_EXPENSE_WORDS: tuple[tuple[str, str], ...] = (
    ("declared_excluded", _DECLARED_EXCLUDED),
    ("food_entertainment", r"懇親会|飲食|食糧費|食料費|弁当|会食|茶菓|お茶|飲み物|交際費|接待|食事|打ち上げ|手土産|お土産"),
    ("loan_deposit", r"貸付金|貸し付け|保証金"),
    ("fund_reserve", r"基金|積立"),
    ("real_estate_compensation", r"不動産|土地|用地|建物の(?:購入|取得)|補償"),
    ("facility_upkeep", r"維持補修|維持管理|修繕|補修"),
    ("staff_travel", r"旅費|出張"),
    ("staff_pay", r"人件費|賃金|職員費|給与|給料|手当"),
    # the rest, by the words of a municipal budget's expense classes (需用費, 役務費, 備品購入費…)
    # and of buying (「タブレットの購入費」「パソコンを買う」)
    (
        "other",
        r"委託|謝金|謝礼|講師料|印刷|広告|会場|使用料|借上|賃借|消耗品|通信|郵送|パンフレット|チラシ|システム|研修"
        rf"|需用費|役務費|報償|負担金|原材料|備品|購入|{_BUYING_VERB.pattern}",
    ),
)
_TEMPORARY = re.compile(r"臨時|非常勤|会計年度任用|アルバイト|パート")
_PERMANENT = re.compile(r"正職員|正規職員|常勤職員|職員の給与|職員の給料")
_OUTSIDER = re.compile(r"講師|委員|専門家|アドバイザー|参加者")


@dataclass(frozen=True)
class ExtractedQuestion:
    facts: EligibilityFacts
    stated: tuple[str, ...]  # the facts the question states, for the answer to echo
    assumed: tuple[str, ...] = ()  # facts the question's framing implies, said as assumptions


# What an officer describing an ordinary joint project of municipalities implies without
# saying it: the applicant is a municipality (the officer's own), and the project is none
# of the special cases of 第4の2(2)–(5). The answer states each as an assumption.
_EXCLUSIONS = ("other_subsidy", "funded_body_grant", "re_subsidy", "for_profit", "loss_compensation")
_FRAMING_ASSUMPTIONS = {
    "applicant": "municipality",
    "funded_body_grant": False,
    "re_subsidy": False,
    "for_profit": False,
    "loss_compensation": False,
}


def _era_year(written: str) -> int:
    return 1 if written == "元" else int(written)


def normalise(text: str) -> str:
    """NFKC with every numeral in digits (三町 → 3町, 八百万円 → 8000000円; 一部 stays 一部)."""
    return with_digits(text)


def parse_money(expression: str) -> int | None:
    """「834万5千」 → 8,345,000; 「12,500千」 → 12,500,000 — through the project's one money reader."""
    found = amounts_yen(with_digits(f"{expression}円"))
    return found[0][0] if len(found) == 1 else None


_TENTATIVE = re.compile(r"れば|たら|かどうか|未定|検討中|申請中|申請して|申請し、|つもり|見込み|予定|可能性|かもしれ")


# one municipality on its own: 単独で, 「うちの町だけで」「1つの村のみで」 — not 「3町だけで」, nor
# 「圏域に入っているのは1町だけで、…」 (one of the members, said of a scheme)
_ALONE = (
    r"単独で|単独の|1(?:町|市|村)だけで(?:実施|行|取り組)"
    r"|(?<![\d二三四五六七八九十町市村])(?:1つの|一つの|ひとつの|うちの|当)?(?:町|市|村|自治体)(?:だけ|のみ)で(?!す)"
)


def _alone(facts: dict) -> str:
    """How a case says one municipality acts on its own — unless it counts two or more partners
    (「2つの町だけで連携」: だけ limits the partners, it is no single town)."""
    return _ALONE if facts.get("partners", 1) < 2 else r"$^"


def _yes_no(text: str, yes: str, no: str, tentative_unknown: bool = False) -> bool | None:
    """True when the text states `yes`, False when it states `no` or negates the predicate
    that governs `yes` (「補助金は受けていません」), None when it says neither."""
    if re.search(no, text):
        return False
    matches = list(re.finditer(yes, text))
    if not matches:
        return None
    if tentative_unknown:
        for match in matches:  # 「認められたら使う予定」: not a fact yet, so unknown
            spans = clauses(text)
            for number, (start, end) in enumerate(spans):
                if start <= match.start() <= end:
                    # the clause and the one it runs on into (「申請中で、認められたら」)
                    stop = spans[number + 1][1] if number + 1 < len(spans) and text[end : end + 1] != "。" else end
                    if _TENTATIVE.search(text[start:stop]):
                        return None
    return _polarity(text, [match.start() for match in matches])


def _polarity(text: str, starts: list[int]) -> bool | None:
    """True when every statement at `starts` is affirmed, False when every one is negated."""
    polarities = [not negated(text, start) for start in starts]
    if all(polarities):
        return True
    if not any(polarities):
        return False
    return None  # stated both ways: unknown, never a guess


# predicates read by their lemma, so any conjugation or polite negation counts
# (隣接していない, 接していません, 隣り合っておらず)
_ADJACENT_LEMMAS = frozenset({"隣接", "隣り合う", "隣合う", "接する"})


def _stated(text: str, lemmas: frozenset[str]) -> bool | None:
    starts = [start for _surface, _pos1, _pos2, lemma, start in morphemes(text) if lemma in lemmas]
    return _polarity(text, starts) if starts else None


def _passes_grant_on(text: str) -> bool | None:
    """「協議会が観光協会に補助し、観光協会が各団体へ補助する」: the grant is given on to a
    recipient that gives it on again — two acts of 補助 to different recipients (第4の2)."""
    words = morphemes(text)
    recipients = set()
    for index, (_surface, _pos1, _pos2, lemma, _start) in enumerate(words[2:-1], start=2):
        if lemma == "補助" and words[index + 1][3] == "為る" and words[index - 1][0] in ("に", "へ"):
            recipients.add(words[index - 2][0])
    return True if len(recipients) >= 2 else None


# Fiscal years relative to the application year, as officers write them.
_THIS_FISCAL_YEAR = ("今年度", "本年度", "当年度", "申請年度", "年度内", "年度中")  # 来年度中 is read first as later
_LATER_FISCAL_YEAR = ("翌年度", "来年度", "次年度", "再来年度", "翌々年度")
_SIGNED = {"agreement_concluded": ("協定",), "vision_adopted": ("ビジョン",)}


_SIGNING_LEMMAS = frozenset({"結ぶ", "締結", "策定", "作る", "交わす"})


def _signed_in_words(text: str, name: str) -> tuple[bool, bool | None]:
    """「協定を結び、…」「ビジョンは策定していません」: whether the agreement or the vision is
    said to be done (or not) in any inflection, read by the verb's lemma in the clause that
    names it, and what is said — nothing when the clause supposes it or dates it later
    (「結べば」「締結したら」「来年度に策定予定」)."""
    for start, end in clauses(text):
        clause = text[start:end]
        at = min((clause.find(word) for word in _SIGNED[name] if word in clause), default=-1)
        if at < 0:
            continue
        words = morphemes(clause[at:])
        for index, (_surface, pos1, _pos2, lemma, offset) in enumerate(words):
            following = words[index + 1][3] if index + 1 < len(words) else ""
            # a predicate: 結ぶ, or 締結 with する or 済み (not 締結日, 策定の時期)
            if lemma in _SIGNING_LEMMAS and (pos1 == "動詞" or (following == "為る" or following in DONE_SUFFIXES)):
                supposed = _HYPOTHETICAL & {surface for surface, *_rest in words[index + 1 : index + 4]}
                if _plan_denied(clause):
                    return True, False  # 「作る予定はありません」: not done and not to be
                if supposed or _TENTATIVE.search(clause) or any(word in clause for word in _LATER_FISCAL_YEAR):
                    return True, None
                done = _polarity(text, [start + at + offset])
                # 「年度内に作ります」「締結します」: a non-past act is still to come, not done
                return True, None if done and non_past(clause[at + offset :]) else done
            if (
                lemma in ("有る", "無い")
                and pos1 in ("動詞", "形容詞")
                and _of_the_documents(words[:index])
                and not _TENTATIVE.search(clause)
            ):
                # 「協定もビジョンもまだありません」「まだ無い」「協定はあります」: the document's existence
                return True, lemma == "有る" and _polarity(text, [start + at + offset])
    return False, None


_DOCUMENT_WORDS = frozenset({"地域", "連携", *(word for words in _SIGNED.values() for word in words)})


def _of_the_documents(words) -> bool:
    """Whether the words before an existence verb only name the documents (「協定もビジョンも
    まだ」), so the verb says whether they exist — not 「協定の期間を決める必要が」."""
    return all(
        (pos1 == "助詞" and surface in ("は", "も", "が")) or pos1 == "副詞" or lemma in _DOCUMENT_WORDS
        for surface, pos1, _pos2, lemma, _offset in words
    )


def _intended(clause: str) -> bool:
    """「ビジョンも年度内に作ります」: the clause says the agreement or vision will be made
    (a signing verb in its non-past form), as 予定 does."""
    return any(lemma in _SIGNING_LEMMAS and non_past(clause[offset:]) for _surface, _pos1, _pos2, lemma, offset in morphemes(clause))


def _plan_denied(clause: str) -> bool:
    """「策定する予定はありません」「結ぶつもりはない」: a plan said not to exist."""
    return any(negated(clause, match.end()) for match in _TENTATIVE.finditer(clause))


# the conditional endings (結べ-ば, 結ん-だら, 結ぶ-なら): a case supposed, not stated
_HYPOTHETICAL = frozenset({"ば", "たら", "だら", "なら"})


def _conclusion_timing(text: str) -> dict[str, bool]:
    """When the agreement and the vision will be in place, read from a fiscal year relative to
    the application (第2の1): 「締結は来年度になる」 means not by this year's end and not yet
    done; 「今年度中に策定予定」 means expected by the year's end."""
    found: dict[str, bool] = {}
    for start, end in clauses(text):
        clause = text[start:end]
        if not re.search(r"締結|策定|結ぶ|結べ|作る|作れ", clause) and not any(word[3] in _SIGNING_LEMMAS for word in morphemes(clause)):
            continue  # (作ります: the verb in any inflection)
        documents = [name for name, words in _SIGNED.items() if any(word in clause for word in words)]
        if any(word in clause for word in _LATER_FISCAL_YEAR) or _plan_denied(clause):
            found["expected_by_fiscal_year_end"] = False
            found.update({name: False for name in documents})  # a date still to come: not done now
        elif any(word in clause for word in _THIS_FISCAL_YEAR) and (_TENTATIVE.search(clause) or _intended(clause)):
            found.setdefault("expected_by_fiscal_year_end", True)
    return found


def _named_fields(text: str) -> int | None:
    """How many policy fields a clause about the agreement's fields names (「連携分野は医療と
    福祉」 → 2), with the field words of the ○ table."""
    for start, end in clauses(text):
        clause = text[start:end]
        if not re.search(r"分野|連携事項|具体的事項", clause):
            continue
        named = [name for name, words in FIELD_WORDS.items() if any(word in clause for word in words)]
        if named:
            return len(named)
    return None


def _describes(between: str) -> bool:
    """Whether the words between a scheme's name and a count are only the predicate of a
    clause that modifies the count (「に入っている」「を作っていない」「に参加している」): a
    particle, then verbs and their endings, no noun but a verb's (参加 of 参加する)."""
    words = morphemes(between)
    if not words or words[0][1] != "助詞":
        return False
    lemmas = [lemma for _surface, _pos1, _pos2, lemma, _start in words] + [""]
    # 参加(し)ている, 参加済みの: a noun made a predicate by する or 済み
    predicate = [
        pos1 == "動詞" or (lemmas[index + 1] == "為る" or lemmas[index + 1] in DONE_SUFFIXES) for index, (_s, pos1, *_r) in enumerate(words)
    ]
    return any(predicate) and all(
        pos1 in ("動詞", "助動詞", "助詞") or predicate[index] or lemma in DONE_SUFFIXES
        for index, (_surface, pos1, _pos2, lemma, _start) in enumerate(words)
    )


def _said_of_the_partners(clause: str, scheme: re.Match, partners: re.Match | None) -> bool:
    """Whether a scheme's clause with no count of its own is said of the partners as a whole:
    no subject of its own before the scheme (「定住自立圏には入っていません」, 「3町で連携予定、
    定住自立圏には…」; not 「当町は…」), and its predicate ends it rather than modifying a noun
    (「定住自立圏に入っていない町も…」 speaks of some towns) — nor is the scheme what the
    question asks about (「…の定住自立圏の取組は」「連携中枢都市圏について」)."""
    before = clause[: scheme.start()]
    if partners is not None:
        before = before[: partners.start()] + before[partners.end() :]
    words = morphemes(before)
    if any(pos1 in ("名詞", "接尾辞") and following[0] in ("は", "が") for (_s, pos1, *_r), following in zip(words, words[1:])):
        return False  # 「当町は…」: said of one of them
    after = morphemes(clause[scheme.end() :])
    if after and after[0][0] == "の":
        return False  # 「定住自立圏の取組は載っていますか」: the scheme names whose 取組, no partner's
    verbs = [index for index, word in enumerate(after) if word[1] == "動詞"]
    if not verbs or after[verbs[0]][3] in grammatical_words(clause[scheme.end() :]):
        return False  # 「連携中枢都市圏について教えて」: what is asked about, no partner's scheme
    return not any(pos1 == "名詞" for _s, pos1, *_r in after[verbs[0] + 1 :])


def _own_town_beside(before: str) -> bool:
    """Whether the officer's own town is joined to the count (「当町と近隣の3町で」: 4), not
    counted in it — 「うちの町と隣の村の2町村で」 names both, then counts them together (2)."""
    return bool(_OWN_AND.search(before)) and not re.search(rf"と[^、。\d]*{_TOWN}\s*の\s*$", before)


def _counted(written: str) -> int:
    """The number of municipalities a count writes: 「2市3町」 is 5."""
    return sum(int(number) for number in re.findall(r"\d+", written))


def _scheme_counts(text: str) -> dict[str, int]:
    """How many partners there are and how many are in / outside a 定住自立圏 or 連携中枢都市圏,
    read clause by clause: 「7町のうち2町は…加盟しており、他の5町は…加わっていない」,
    「圏外の町は9つのうち4つ」, 「3町とも…加わっていない」. A clause's polarity
    comes from the predicate that governs it, so polite and plain negations read alike."""
    counts: dict[str, int] = {}
    fields = [match.span() for match in _FIELDS.finditer(text)]
    for match in _COUNT.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in fields):
            continue  # 「政策分野は1つだけです」: the fields' count
        if _TOTAL_MARK.match(text[match.end() :]) and not _PART_MARK.search(text[: match.start()]):
            counts["partners"] = _counted(match.group(0)) + (1 if _own_town_beside(text[: match.start()]) else 0)
            break
    else:
        if partnered := _PARTNERED_WITH.search(text):
            counts["partners"] = _counted(partnered.group(1)) + 1
    for start, end in clauses(text):
        clause = text[start:end]
        scheme = _SCHEME.search(clause)
        if not scheme:
            continue
        if (none := _NONE_OF_THEM.search(clause, scheme.end())) and not _COUNT.search(clause[: none.start()]):
            # 「…圏に参加している町はありません」: no partner is in it (「…圏に加わって
            # いない町はない」: none is outside it)
            outside_denied = negated(clause[: none.start()], scheme.start())
            counts.setdefault("partners_outside_scheme" if outside_denied else "partners_in_scheme", 0)
            continue
        outside = negated(clause, scheme.start()) or "以外" in clause
        parts = [m for m in _COUNT.finditer(clause) if _PART_MARK.search(clause[: m.start()])]
        if parts:
            part = _counted(parts[-1].group(0))
        elif _WHOLE.search(clause) and "partners" in counts:
            part = counts["partners"]
        elif (_WHOLE.search(clause) or _ONLY.search(clause)) and not _COUNT.search(clause):
            # every partner, their number untold: none on the other side of the scheme
            counts.setdefault("partners_in_scheme" if outside else "partners_outside_scheme", 0)
            continue
        else:
            found = list(_COUNT.finditer(clause))
            numbers = [_counted(m.group(0)) for m in found]
            whole = found[0] if len(found) == 1 and numbers[0] == counts.get("partners") and found[0].end() <= scheme.start() else None
            if (not found or whole) and _said_of_the_partners(clause, scheme, whole):
                # 「定住自立圏には入っていません」: every partner, none on the other side
                counts.setdefault("partners_in_scheme" if outside else "partners_outside_scheme", 0)
                continue
            if len(numbers) != 1:
                continue
            # 「定住自立圏を作っている3市町で」: the scheme's clause describes every partner
            if numbers[0] == counts.get("partners") and not _describes(clause[scheme.end() : found[0].start()]):
                continue
            part = numbers[0]
        key = "partners_outside_scheme" if outside else "partners_in_scheme"
        counts.setdefault(key, part)
    if "partners" in counts:
        total = counts["partners"]
        for key, other in (("partners_in_scheme", "partners_outside_scheme"), ("partners_outside_scheme", "partners_in_scheme")):
            if key in counts and other in counts and counts[key] + counts[other] != total:
                counts.pop(other)  # read inconsistently: keep the first statement only
    return counts


def _date(match: re.Match, fiscal_start: int | None) -> date | None:
    era, era_year, western, month, day = match.groups()
    month, day = int(month), int(day)
    if western:
        year = int(western)
    elif era:
        year = (2018 if era == "令和" else 1988) + (1 if era_year == "元" else int(era_year))
    elif fiscal_start is not None:
        year = fiscal_start if month >= 4 else fiscal_start + 1
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


_JOINING = frozenset({"と", "や", "及び", "並びに", "又は", "または", "若しくは"})


def _joints_between_expenses(text: str) -> list[tuple[int, int]]:
    """Spans of the words that join two expenses (「講師謝金と職員の出張旅費」「印刷代や弁当代」):
    each expense is read on its own. A joint with no expense word on one side joins words of one
    expense (「職員と臨時職員の人件費」)."""
    words = sorted((m.start(), m.end()) for _kind, pattern in _EXPENSE_WORDS for m in re.finditer(pattern, text))
    stops = [i for i, ch in enumerate(text) if ch in "、。,?？ "]
    joints = []
    for surface, pos1, _pos2, _lemma, start in morphemes(text):
        if surface not in _JOINING or pos1 not in ("助詞", "接続詞"):
            continue
        end = start + len(surface)
        before = max([i for i in stops if i < start], default=-1)
        after = min([i for i in stops if i >= end], default=len(text))
        if any(before < e <= start for _s, e in words) and any(end <= s < after for s, _e in words):
            joints.append((start, end))
    return joints


def _expenses(text: str, amounts: list[tuple[int, int, int]]) -> list[Expense]:
    found: list[Expense] = []
    taken: list[tuple[int, int]] = []
    joints = _joints_between_expenses(text)
    for kind, pattern in _EXPENSE_WORDS:
        for match in re.finditer(pattern, text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            # the phrase around the word: from the previous separator to the next one
            within = text.rfind("のうち", 0, match.start())
            left = max(
                [text.rfind(sep, 0, match.start()) for sep in "、。,?？ "]
                + ([within + 2] if within >= 0 else [])
                + [end - 1 for _start, end in joints if end <= match.start()]
            )
            right_candidates = [text.find(sep, match.end()) for sep in "、。,?？"] + [s for s, _end in joints if s >= match.end()]
            right = min([r for r in right_candidates if r >= 0] or [len(text)])
            phrase = text[left + 1 : right]
            taken.append((left + 1, right))
            # the expense as named: the words around it up to a particle (「交付金で職員の出張旅費は出せますか」
            # → 職員の出張旅費)
            # (from the first expense word of the phrase to its last: 「外部講師への謝金」 after 研修会)
            words = [m for _kind, other in _EXPENSE_WORDS for m in re.finditer(other, phrase)]
            start, end = left + 1 + min(m.start() for m in words), left + 1 + max(m.end() for m in words)
            # (「うち職員旅費」: うち marks a part of the cost, no word of the expense's name)
            head = re.sub(r"^(?:その)?うち", "", re.split(r"で|を|は|が|に", text[left + 1 : start])[-1])
            tail = re.split(r"は|も|を|が|って|に|で|\d", text[end:right])[0]
            label = (head + text[start:end] + tail).strip() or match.group(0)
            buys = [
                m
                for m in words
                if _BUYING_VERB.fullmatch(m.group(0))
                or (m.group(0) == "購入" and text[left + 1 + m.end() :].startswith(("する", "し", "さ")))
            ]
            if buys:
                # a thing bought, said with a verb (「備品を買うのに」「パソコンを購入するのに」):
                # named as the purchase of the thing (備品の購入), not the clause
                at = left + 1 + buys[0].start()
                bought = re.split(r"で|は|が|に|も", text[left + 1 : at])[-1].removesuffix("を").removesuffix("の").strip()
                label = f"{bought}の購入" if bought else "物品の購入"
            actual = kind
            if kind == "staff_travel" and _OUTSIDER.search(phrase) and "職員" not in phrase:
                actual = "other"
            temporary = temporary_staff_said(phrase) if kind == "staff_pay" else None
            indispensable = indispensable_said(text) if actual == "staff_travel" else None
            after = [yen for yen, start, _ in amounts if match.start() <= start <= right + 1]
            before = [yen for yen, start, _ in amounts if left < start < match.start()]
            amount = after[0] if after else before[-1] if before else None
            if kind == "declared_excluded":
                if amount is None:
                    continue  # 「対象外の経費は何」 asks the rule; only an amount stated is a case's expense
                label = "対象外の経費"
            found.append(Expense(actual, amount, label, temporary, indispensable))
    return found


def temporary_staff_said(text: str) -> bool | None:
    """Whether pay is a temporary (True) or a permanent (False) employee's, if the words say."""
    if _TEMPORARY.search(text):
        return True
    if _PERMANENT.search(text):
        return False
    return None


def indispensable_said(text: str) -> bool | None:
    """Whether travel is said to be indispensable to the project (「必要不可欠ではない」 is no)."""
    said = re.search(r"不可欠", text)
    if said is None:
        return None
    return not negated(text, said.start())


def expense_from_label(label: str, amount_yen: int | None = None) -> Expense:
    """An expense as an officer names it (「懇親会の飲食費」「臨時職員の賃金」) → its kind."""
    text = normalise(label)
    found = _expenses(text, [])
    expense = found[0] if found else Expense("unclassified", None, label)
    return Expense(expense.kind, amount_yen, label, expense.temporary_staff, expense.indispensable)


_BUYING = frozenset({"買う", "購入", "取得", "買い入れる", "調達"})


def _about_an_asset(text: str) -> bool:
    """Property bought with the grant (第10の3): named as such (財産, 備品, 機器), or a thing the
    case says was bought and is to be disposed of (「買ったタブレットを売る」)."""
    lemmas = {lemma for *_, lemma, _start in morphemes(text)}
    return bool(re.search(r"財産|機械|器具|備品|車両|機器", text)) or bool(_BUYING & lemmas and _DISPOSING & lemmas)


# a change of the costs (第10の1), in any inflection: 「3割増やしたい」「2割減らす」「増額する」
_CHANGING = frozenset({"変更", "増額", "減額", "増減", "増やす", "減らす", "増える", "減る", "変える", "変わる"})


def _changes(text: str) -> bool:
    return bool(_CHANGING & {lemma for *_, lemma, _start in morphemes(text)})


# what 第10の3 forbids without approval, by lemma (売る, 売って, 売却: any inflection)
_DISPOSING = frozenset(
    {"売る", "売却", "譲渡", "譲る", "処分", "廃棄", "捨てる", "貸す", "貸し付ける", "貸し付け", "転用", "手放す", "交換", "担保"}
)


# building is a hard project (第4の1: ソフト事業 only), in any inflection: 「体育館を建てる」「新築する」
# (UniDic's lemma of 建てる is 立てる, which also makes a plan: 建て is read as written)
_BUILDING = frozenset({"建て替える", "建設", "建築", "新築", "増築", "改築", "建造", "造成"})


def _builds(text: str) -> bool:
    """Whether the case builds something (「施設は建てません」 does not)."""
    return any(
        (lemma in _BUILDING or surface.startswith("建て")) and not negated(text, start)
        for surface, _pos1, _pos2, lemma, start in morphemes(text)
    )


def _disposes(text: str) -> bool:
    return bool(_DISPOSING & {lemma for *_, lemma, _start in morphemes(text)})


# whether the grant pays for an expense, in any inflection: 「旅費は出ますか」「交付金で賄える」「計上できる」
_PAYING_FOR = frozenset({"使う", "払う", "支払う", "出る", "出す", "当てる", "充当", "計上", "支出", "賄う"})


def _pays_for(text: str) -> bool:
    """A verb of paying, not in the past: 「Web広告を出した取組」「交付金を使った研修」 tell what was
    done, not whether the grant may pay for it — and so is any verb after the grant as the means
    (「交付金で土地を買えますか」)."""
    words = morphemes(text)
    if any(word[3] in _PAYING_FOR and not _in_the_past(words, index) for index, word in enumerate(words)):
        return True
    # 「交付金で」: the grant, then the particle of means; the verb it goes with is the first
    # after it (「交付金で備品を買った取組」 tells what was done)
    means = next((index + 3 for index in range(len(words) - 2) if [w[0] for w in words[index : index + 3]] == ["交付", "金", "で"]), None)
    if means is None:
        return False
    verb = next((index for index in range(means, len(words)) if words[index][1] == "動詞"), None)
    return verb is not None and not _in_the_past(words, verb)


def _in_the_past(words: Sequence[tuple[str, str, str, str, int]], index: int) -> bool:
    """Whether the verb at `index` ends in the past tense (使った, 出しました), through its auxiliaries."""
    chain = []
    for surface, pos1, _pos2, lemma, _start in words[index + 1 :]:
        if pos1 not in ("助動詞", "動詞") and surface != "て":
            break
        chain.append(lemma)
    return "た" in chain


def _topics(text: str, facts: dict, expenses: list[Expense]) -> tuple[str, ...]:
    topics = []
    if re.search(r"定住自立圏|連携中枢|隣接|協定|ビジョン|協議会|政策分野", text):
        topics.append("applicant")
    project_words = r"ハード|施設整備|建設|工事|ソフト事業|営利|補助金|(?:国|道)の補助|助成金|損失|赤字|前進プラン|単独"
    if re.search(project_words, text) or re.search(_alone(facts), text) or _builds(text):
        topics.append("project")
    if re.search(r"年目|年度目|何年|支援期間|延長", text) or "support_year" in facts:
        topics.append("period")
    if expenses and (re.search(r"経費|費用|対象", text) or _pays_for(text)) and not _ASKS_AMOUNT.search(text):
        topics.append("expense")
    if _ASKS_AMOUNT.search(text) and "total_cost_yen" in facts:
        topics.append("amount")
    if "change_ratio" in facts and _changes(text):
        topics.append("change")
    if _about_an_asset(text) and _disposes(text):
        topics.append("asset")
    if re.search(r"実績報告|報告", text) and re.search(r"期限|いつまで|締切|間に合", text):
        topics.append("report")
    if not topics and (re.search(r"申請でき|申請者|交付対象者|交付対象に|対象か", text) or _asks_whether_granted(text)) and facts:
        topics.append("applicant")  # a general "can we apply?" with its facts
    return tuple(dict.fromkeys(topics))


_RECEIVING = frozenset({"使う", "貰う", "受ける", "活用", "申請", "利用", "出る"})


def _asks_whether_granted(text: str) -> bool:
    """「対象になりますか」「対象となるでしょうか」「交付金は使えますか」「もらえますか」: whether
    the grant is given, in any inflection (read by lemma, not by the written ending)."""
    words = morphemes(text)
    lemmas = [lemma for _surface, _pos1, _pos2, lemma, _start in words]
    for index, lemma in enumerate(lemmas):
        after = lemmas[index + 1 : index + 3]
        if lemma == "対象" and ("成る" in after or (after and after[0] in ("です", "だ"))):
            return True
        if lemma == "金" and index and lemmas[index - 1] == "交付":
            # (「交付金を使った研修」 tells what was done)
            if any(lemmas[at] in _RECEIVING and not _in_the_past(words, at) for at in range(index + 1, min(index + 4, len(words)))):
                return True
    return False


def extract(question: str) -> ExtractedQuestion:
    text = normalise(question)
    values: dict[str, Any] = {}

    values.update(_scheme_counts(text))

    if year := _SUPPORT_YEAR.search(text):
        values["support_year"] = int(year.group(1))
    elif funded := _FUNDED_YEARS.search(text):
        values["support_year"] = int(funded.group(1)) + 1
    elif (since := _FUNDED_SINCE.search(text)) and (span := _era_year(since.group(2)) - _era_year(since.group(1))) >= 0:
        values["support_year"] = span + 1  # R3 to R8: the sixth year

    if fields := _FIELDS.search(text):
        values["policy_fields"] = int(fields.group(1) or fields.group(2))
    elif named := _named_fields(text):
        values["policy_fields"] = named

    flags = {
        "agreement_concluded": _yes_no(
            text,
            r"協定(?:を|は|も)?(?:締結済|締結して|締結した|結んで|結んだ)|協定(?:・|と|及び|や)(?:地域連携)?ビジョン(?:は|を|も)?(?:締結・策定|策定・締結|締結|策定)?(?:済|して|した)",
            r"協定(?:を|は)?(?:まだ|未)(?:締結|結んで)|協定(?:を|は)?(?:締結して|結んで)いない",
        ),
        "vision_adopted": _yes_no(
            text,
            r"ビジョン(?:を|は|も)?(?:策定済|策定して|策定した|作って|作った)|協定(?:・|と|及び|や)(?:地域連携)?ビジョン(?:は|を|も)?(?:締結・策定|策定・締結|締結|策定)?(?:済|して|した)",
            r"ビジョン(?:を|は)?(?:まだ|未)策定|ビジョン(?:を|は)?(?:策定して|作って)いない",
        ),
        "expected_by_fiscal_year_end": _yes_no(
            text,
            r"年度末までに[^。]{0,15}(?:予定|見込)",
            r"年度末までに[^。]{0,15}(?:間に合わない|できない|予定はない)",
        ),
        "adjacent": False if re.search(r"飛び地|離れた町", text) else _stated(text, _ADJACENT_LEMMAS),
        "soft_project": False if _builds(text) else _yes_no(text, r"ソフト事業", r"ハード|施設整備|施設の整備|建設|工事|改修|道路"),
        "in_forward_plan": _yes_no(
            text,
            r"前進プラン(?:と(?:地域連携)?ビジョン|・ビジョン)?(?:へ|に)(?:の|は|も)?(?:掲載|載って|載せ|載る)",
            r"前進プランに(?:は)?(?:掲載されていない|載っていない|掲載がない)",
        ),
        "in_vision": _yes_no(
            text,
            r"ビジョン(?:に|へ)(?:は|も)?(?:掲載|載って|載せ|載る)|ビジョンにも[^。、]{0,10}(?:載せる|掲載する)",
            r"ビジョンに(?:は)?(?:掲載されていない|載っていない)",
        ),
        "joint_project": _yes_no(
            text,
            r"共同で|共同の|連携して実施|合同で|\d+(?:町|市|村|市町|町村|市町村)共同",
            _alone(values),
        ),
        "other_subsidy": _yes_no(
            text,
            r"(?:国|道)の(?:他の|別の)?補助(?!率)|(?:他|ほか|別)の補助金|国庫補助",  # (国の補助: 金 is often left out)
            r"補助金は(?:受けていない|もらっていない)",
            tentative_unknown=True,
        ),
        "funded_body_grant": _yes_no(text, r"出資(?:する|している)団体(?:から|の)助成", r"助成金は受けていない", tentative_unknown=True),
        "re_subsidy": _yes_no(
            text,
            r"(?:他の|別の)団体(?:等)?に(?:再)?補助|補助金を配分|再補助",
            r"$^",
            tentative_unknown=True,
        ),
        "for_profit": _yes_no(text, r"営利|収益事業|もうけ", r"営利(?:を)?目的(?:で|と)?(?:は)?ない|非営利", tentative_unknown=True),
        "loss_compensation": _yes_no(
            text, r"損失補填|赤字補填|(?:赤字|欠損|損失)[^。]{0,15}(?:穴埋め|補填|補てん)", r"$^", tentative_unknown=True
        ),
    }
    for name in _SIGNED:
        said, done = _signed_in_words(text, name)
        if said:  # the verb's own reading decides (「締結したら」 supposes; the pattern saw 締結した)
            flags[name] = done
    values.update({name: flag for name, flag in flags.items() if flag is not None})
    for name, flag in _conclusion_timing(text).items():
        values.setdefault(name, flag)
    if (passed_on := _passes_grant_on(text)) is not None:
        values.setdefault("re_subsidy", passed_on)
    if re.search(r"(?:NPO|法人|企業|会社|観光協会|商工会|団体)(?:が|は)[^。]{0,30}(?:申請|交付対象者|直接)", text):
        values["applicant"] = "other"  # not a municipality nor a council of them (第2)
    elif "協議会" in text:
        values["applicant"] = "council"
        all_members = _yes_no(
            text,
            # (全て, すべて and 全部 alike; the members as officers count them: 市町村, 町村, 町 …)
            r"(?:全て|すべて|全部)(?:の)?(?:連携)?(?:市町村|町村|市町|町|村)(?:で構成|が(?:参加|入|加わ))|全市町村で構成",
            r"一部の(?:市町村|町)|全ての市町村では(?:ない|なく)",
        )
        if all_members is not None:
            values["council_of_all_partners"] = all_members

    amounts = amounts_yen(text)  # the text is already in digits (八百万円 → 8000000円)
    expenses = _expenses(text, amounts)
    expense_amounts = {e.amount_yen for e in expenses if e.amount_yen is not None}
    # (an amount called excluded is no project cost: 「対象外の経費が150万円」)
    costed = re.sub(rf"{_DECLARED_EXCLUDED}[^、。]*", "", text)
    cost = re.search(r"(?:総事業費|事業費|対象経費|交付対象経費|経費(?:の総額)?|費用)(?:は|が|を|の)?(?:総額)?(?:約)?(\d+)円", costed)
    if cost:
        values["total_cost_yen"] = int(cost.group(1))
    elif _ASKS_AMOUNT.search(text) and amounts:
        remaining = [yen for yen, _, _ in amounts if yen not in expense_amounts]
        if remaining:
            values["total_cost_yen"] = remaining[0]

    if (percent := _PERCENT.search(text)) and _changes(text):
        values["change_ratio"] = float(percent.group(1)) / 100 if percent.group(1) else int(percent.group(2)) / 10
    if _about_an_asset(text):
        price = next((yen for yen, _, _ in amounts), None)
        if price is not None:
            values["asset_price_yen"] = price
        if life := _LIFE.search(text):
            values["asset_service_life_years"] = int(life.group(1))
        if disposal := _DISPOSAL.search(text):
            values["asset_disposal_years_after_completion"] = int(disposal.group(1))
        if _disposes(text):
            # (the purchase is the asset disposed of, not an expense asked about: 「買った機器を売る」;
            # 「備品の購入は対象経費か」 asks about the expense)
            expenses = [e for e in expenses if e.kind != "other"]

    fiscal = _FISCAL.search(text)
    fiscal_start = None
    if fiscal:
        fiscal_start = 2018 + (1 if fiscal.group(1) == "元" else int(fiscal.group(1)))
    for match in _DATE.finditer(text):
        when = _date(match, fiscal_start)
        if when is None:
            continue
        context = text[match.end() : match.end() + 12]
        before = text[max(0, match.start() - 12) : match.start()]
        if re.search(r"完了|終了|終わ", context + before) and "completion_date" not in values:
            values["completion_date"] = when
        elif re.search(r"交付決定|決定", context + before):
            values["decision_date"] = when
        elif re.search(r"報告|提出", context + before) and "report_date" not in values:
            values["report_date"] = when

    if expenses:
        values["expenses"] = tuple(expenses)
    topics = _topics(text, values, expenses)
    # an exclusion the case states (再補助, 損失補填 …) is a question about the project
    rule_topics = {name: r.topic for r in RULES for name in r.inputs}
    if any(values.get(name) is True and rule_topics.get(name) == "project" for name in _EXCLUSIONS):
        topics = tuple(dict.fromkeys(topics + ("project",)))
    stated = tuple(name for name in values)
    assumed: list[str] = []
    describes_project = any(name in values for name in ("soft_project", "joint_project", "in_vision", "in_forward_plan"))
    if describes_project and ("applicant" in topics or "project" in topics):
        for name, value in _FRAMING_ASSUMPTIONS.items():
            if name not in values:
                values[name] = value
                assumed.append(name)
    return ExtractedQuestion(EligibilityFacts(topics=topics, **values), stated, tuple(assumed))
