"""Negation scope in case descriptions: a fact stated negatively in any form is read as
False or left unknown, never as True — so a misreading cannot produce a wrong 対象外.
Counts with うち / 中 / 残る in three numeral scripts are read the same."""

import itertools

import pytest

from assistant.rules import check
from assistant.rules.extract import extract
from assistant.understand.negation import negated

NEGATIONS = {
    "other_subsidy": [
        "道の別の補助金を受け取ってはいません",
        "国の補助金はもらっていない事業です",
        "他の補助金はなく、単独の財源です",
        "国の補助金は一切受け取っておりません",
    ],
    "for_profit": ["営利目的ではありません", "営利を目的とはしていません", "営利を目的とするものではない"],
    "adjacent": ["隣接しておりません", "隣接していない町同士です", "互いに隣接してはいません", "隣り合ってはいない"],
    "agreement_concluded": ["協定はまだ締結していません", "協定は結んでいない状況です", "協定を締結しておらず", "協定を結んではおりません"],
    "vision_adopted": [
        "ビジョンは策定していません",
        "ビジョンはまだ作っていない",
        "ビジョンを策定しておらず",
        "ビジョンは策定しておりません",
    ],
}


@pytest.mark.parametrize("name, sentence", [(n, s) for n, forms in NEGATIONS.items() for s in forms])
def test_negated_facts_are_never_read_as_true(name, sentence):
    assert getattr(extract(sentence).facts, name) is not True


@pytest.mark.parametrize("name, sentence", [(n, s) for n, forms in NEGATIONS.items() for s in forms])
def test_negation_never_gives_a_wrong_not_eligible(name, sentence):
    """An exclusion that is denied cannot be the reason for 対象外."""
    verdict = check(extract(sentence).facts)
    failing = {f.rule for f in verdict.findings if f.status == "fail"}
    assert not ({"no_other_subsidy", "not_for_profit"} & failing)


def test_the_predicate_not_the_sentence_carries_the_negation():
    assert not negated("隣接する7村（すべて国の制度は未利用）", 0)
    assert negated("未参加の町", 0)
    assert not negated("加盟しており、他の町は加わっていない", 0)


DIGITS = {3: ("3", "３", "三"), 5: ("5", "５", "五"), 7: ("7", "７", "七")}


@pytest.mark.parametrize("total_script, part_script", list(itertools.product(range(3), range(3))))
def test_counts_with_uchi_in_any_script(total_script, part_script):
    total, part = DIGITS[7][total_script], DIGITS[3][part_script]
    for sentence, key in [
        (f"{total}町で連携します。そのうち{part}町は定住自立圏に入っています。", "partners_in_scheme"),
        (f"{total}町のうち、{part}町は連携中枢都市圏に参加していません。", "partners_outside_scheme"),
        (f"定住自立圏に入っていない町は{total}つのうち{part}つです。", "partners_outside_scheme"),
    ]:
        facts = extract(sentence).facts
        assert (facts.partners, getattr(facts, key)) == (7, 3), sentence


def test_all_of_them_outside():
    facts = extract("5町で連携し、5町のいずれも定住自立圏と連携中枢都市圏のどちらにも加わっておりません。").facts
    assert (facts.partners, facts.partners_outside_scheme) == (5, 5)


def test_a_tentative_subsidy_is_unknown():
    facts = extract("国の補助金を申請中で、結果が出たら受け取るかもしれません。").facts
    assert facts.other_subsidy is None


# ---- a small grammar of case descriptions (hypothesis) ----------------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SCRIPTS = {
    2: ("2", "２", "二"),
    3: ("3", "３", "三"),
    4: ("4", "４", "四"),
    5: ("5", "５", "五"),
    6: ("6", "６", "六"),
    7: ("7", "７", "七"),
    8: ("8", "８", "八"),
}
_IN = ["に参加しています", "に入っています", "で連携しています", "の一員です", "に加盟しています"]
_OUT = ["に入っていません", "には参加しておりません", "に入っていない", "には加わっておらず"]
_SCHEMES = ["定住自立圏", "連携中枢都市圏"]
_DISTRACTORS = ["", "協議会で事業内容を検討中です。", "隣の振興局とも情報交換をしています。", "事業費はまだ決まっていません。"]


@st.composite
def _case(draw):
    total = draw(st.integers(min_value=2, max_value=8))
    part = draw(st.integers(min_value=1, max_value=total))
    inside = draw(st.booleans())
    t = draw(st.sampled_from(_SCRIPTS[total])) if total in _SCRIPTS else str(total)
    p = draw(st.sampled_from(_SCRIPTS[part])) if part in _SCRIPTS else str(part)
    counter = draw(st.sampled_from(["町", "市町村", "町村"]))
    scheme = draw(st.sampled_from(_SCHEMES))
    predicate = draw(st.sampled_from(_IN if inside else _OUT))
    opening = draw(st.sampled_from([f"{t}{counter}で連携します。", f"{t}{counter}での連携を考えています。"]))
    linking = draw(st.sampled_from(["そのうち", "うち", f"{t}{counter}のうち、"]))
    distractor = draw(st.sampled_from(_DISTRACTORS))
    text = f"{opening}{distractor}{linking}{p}{counter}は{scheme}{predicate}。交付金を使えますか"
    return text, total, part, inside


@settings(max_examples=150, deadline=None)
@given(_case())
def test_generated_case_descriptions_are_read_exactly(case):
    text, total, part, inside = case
    facts = extract(text).facts
    assert facts.partners == total, text
    key = "partners_in_scheme" if inside else "partners_outside_scheme"
    assert getattr(facts, key) == part, text
    # never the opposite polarity
    other = "partners_outside_scheme" if inside else "partners_in_scheme"
    assert getattr(facts, other) in (None, total - part), text


@pytest.mark.parametrize(
    "sentence, received",
    [("道の補助は一切受けておりません。申請できますか", False), ("国の補助が入っている事業にも交付金を使えますか", True)],
)
def test_a_subsidy_written_without_its_kin_is_still_a_subsidy(sentence, received):
    """Before: 「国の補助」 (補助金 with its 金 left out) was no subsidy at all, and the question
    went to the passages."""
    assert extract(sentence).facts.other_subsidy is received
