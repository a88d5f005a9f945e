"""The rules cite clauses that exist in the ingested booklet; unknown is never false."""

import re
from dataclasses import fields

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.rules import EligibilityFacts, Expense, check
from assistant.rules.catalogue import RULES
from assistant.rules.facts import EXPENSE_KINDS, RuleInputError, validate
from assistant.rules.parameters import PARAMETERS
from ingest.clauses import extract_clauses


@pytest.fixture(scope="module")
def clauses(booklet):
    return {clause.clause_id: clause for clause in extract_clauses(booklet.parsed)}


def _compact(text):
    return re.sub(r"\s", "", text)


def test_every_rule_cites_a_clause_of_the_booklet(clauses, booklet):
    cited = {rule.clause for rule in RULES} | {clause for _, clause in EXPENSE_KINDS.values() if clause}
    for clause_id in cited:
        assert clause_id in clauses, clause_id
        assert clauses[clause_id].text in booklet.parsed.doc.text


def test_every_parameter_is_quoted_from_its_clause(clauses):
    for parameter in PARAMETERS.values():
        assert _compact(parameter.quote) in _compact(clauses[parameter.clause].text), parameter.name


def test_money_parameters_are_integer_yen():
    for name in ("max_grant_yen", "grant_unit_yen", "asset_threshold_yen"):
        assert isinstance(PARAMETERS[name].value, int)


_BOOL = st.none() | st.booleans()
_FACTS = st.fixed_dictionaries(
    {
        "partners": st.none() | st.integers(2, 20),
        "partners_in_scheme": st.none() | st.integers(0, 20),
        "adjacent": _BOOL,
        "agreement_concluded": _BOOL,
        "vision_adopted": _BOOL,
        "expected_by_fiscal_year_end": _BOOL,
        "policy_fields": st.none() | st.integers(0, 11),
        "support_year": st.none() | st.integers(1, 8),
        "soft_project": _BOOL,
        "in_forward_plan": _BOOL,
        "in_vision": _BOOL,
        "joint_project": _BOOL,
        "other_subsidy": _BOOL,
        "for_profit": _BOOL,
        "loss_compensation": _BOOL,
        "total_cost_yen": st.none() | st.integers(0, 20_000_000),
        "change_ratio": st.none() | st.floats(0, 1),
        "asset_price_yen": st.none() | st.integers(0, 3_000_000),
        "asset_service_life_years": st.none() | st.integers(1, 20),
        "asset_disposal_years_after_completion": st.none() | st.integers(1, 15),
    }
)


def _valid(values: dict) -> EligibilityFacts | None:
    facts = EligibilityFacts(**values)
    try:
        validate(facts)
    except RuleInputError:
        return None
    return facts


@settings(max_examples=300, deadline=None)
@given(_FACTS, st.data())
def test_supplying_a_missing_fact_never_turns_not_eligible_into_anything_else(values, data):
    facts = _valid(values)
    if facts is None or check(facts).verdict != "not_eligible":
        return
    unknown = [name for name, value in values.items() if value is None]
    if not unknown:
        return
    name = data.draw(st.sampled_from(unknown))
    filled = dict(values)
    filled[name] = data.draw(_FACTS.map(lambda d: d[name]).filter(lambda v: v is not None))
    more = _valid(filled)
    if more is not None:
        assert check(more).verdict == "not_eligible"


@settings(max_examples=200, deadline=None)
@given(_FACTS)
def test_a_missing_fact_is_never_read_as_false_or_zero(values):
    """Whenever the verdict is needs_info, every fact it asks for was really left out."""
    facts = _valid(values)
    if facts is None:
        return
    verdict = check(facts)
    for name, _question in verdict.missing:
        if name in values:
            assert values[name] is None


def test_every_fact_has_a_question():
    from assistant.rules.facts import QUESTIONS

    for field in fields(EligibilityFacts):
        # (the partners outside a scheme are asked as the count inside it, never on their own)
        if field.name not in ("topics", "partners_outside_scheme"):
            assert field.name in QUESTIONS, field.name


def test_unknown_expense_kind_inside_code_is_refused():
    with pytest.raises(KeyError):
        check(EligibilityFacts(expenses=(Expense("beer"),)))


@pytest.mark.parametrize("inside, outside, status", [(None, 0, "fail"), (0, None, "pass")])
def test_every_partner_on_one_side_of_the_schemes_decides_the_half_rule_without_a_count(inside, outside, status):
    """「連携中枢都市圏の市町村だけで」: more than half are in a scheme however many there are."""
    verdict = check(EligibilityFacts(topics=("applicant",), partners_in_scheme=inside, partners_outside_scheme=outside))
    half = next(finding for finding in verdict.findings if finding.rule == "half_outside_schemes")
    assert half.status == status and not half.missing


@pytest.mark.parametrize(
    "partners, unknown",
    [
        (4, ["定住自立圏・連携中枢都市圏で連携している市町村の数"]),
        (None, ["構成市町村数", "定住自立圏・連携中枢都市圏で連携している市町村の数"]),
    ],
)
def test_the_half_rule_asks_only_for_what_the_case_has_not_said(partners, unknown):
    """Before: 「構成市町村数と、…の数が分かりません」 even when the case gave the number of partners."""
    verdict = check(EligibilityFacts(topics=("applicant",), partners=partners))
    half = next(finding for finding in verdict.findings if finding.rule == "half_outside_schemes")
    assert half.status == "unknown" and half.reason == "と、".join(unknown) + "が分かりません。"


def test_an_amount_the_officer_calls_excluded_is_taken_off_the_project_cost(assistant):
    """「対象外の経費が…円」 names no kind of expense, yet its amount is not funded."""
    answer = assistant.ask("経費の総額が600万円で、うち150万円は対象外となる費用です。交付される金額は？")
    assert "交付額は4,500,000円です" in answer.answer
    assert "事業費（経費の総額）：600万円" in answer.answer


def _amount_finding(total_yen: int, travel_yen: int):
    facts = EligibilityFacts(total_cost_yen=total_yen, expenses=(Expense("staff_travel", travel_yen, "職員の旅費"),), topics=("amount",))
    verdict = check(facts)
    return verdict, next(finding for finding in verdict.findings if finding.rule == "grant_amount")


def test_an_expense_that_may_be_excluded_decides_nothing_when_the_rest_reaches_the_cap():
    """Before: a staff travel cost not said to be indispensable left the amount unknown, though
    the rest of a 1,234万円 project is over the 1,000万円 cap either way."""
    verdict, amount = _amount_finding(12_340_000, 500_000)
    assert amount.status == "pass" and verdict.grant_yen == 10_000_000


def test_an_expense_that_may_be_excluded_and_could_lower_the_amount_is_named_as_what_is_open():
    verdict, amount = _amount_finding(9_000_000, 500_000)
    assert amount.status == "unknown" and verdict.grant_yen is None
    assert "必要不可欠" in amount.reason  # what is open about it, not only 「経費が分からない」


def test_several_expenses_asked_say_which_are_granted(assistant):
    """Before: 「お尋ねの経費は交付対象経費になりません」 for all, when one of two was granted."""
    answer = assistant.ask("パンフレットの印刷費と懇親会の飲食費は対象経費ですか")
    assert answer.eligibility["verdict"] == "not_eligible"
    assert "交付対象経費にならないものがあります" in answer.answer
    granted = answer.answer.split("交付対象経費になるもの：")[1]
    assert "パンフレットの印刷費" in granted and "懇親会" not in granted


def test_the_agreement_rule_says_what_the_case_told_and_asks_only_the_rest():
    """Before: 「協定の締結・ビジョンの策定（またはその見込み）が分かりません」 though the case
    had said the agreement was concluded and the vision not yet adopted."""
    told = check(EligibilityFacts(topics=("applicant",), agreement_concluded=True, vision_adopted=False))
    finding = next(f for f in told.findings if f.rule == "agreement_and_vision")
    assert finding.status == "unknown" and list(finding.missing) == ["expected_by_fiscal_year_end"]
    assert finding.reason == "協定は締結済み、ビジョンは未策定です。申請年度末までにビジョンの策定を行う見込みかどうかが分かりません。"
    half = check(EligibilityFacts(topics=("applicant",), vision_adopted=True))
    finding = next(f for f in half.findings if f.rule == "agreement_and_vision")
    assert finding.reason == "ビジョンは策定済みです。協定の締結（またはその見込み）が分かりません。"


def test_neither_document_yet_asks_whether_both_will_be_ready_in_words(assistant):
    """Before: the question was not read as a case, and once read, its follow-up listed the
    fact's code name, 「・expected_by_fiscal_year_end」."""
    answer = assistant.ask("連携協定も地域連携ビジョンもまだ無いのですが、申請は可能でしょうか")
    assert answer.kind == "eligibility"
    assert "地域連携協定を締結済み：いいえ" in answer.answer and "地域連携ビジョンを策定済み：いいえ" in answer.answer
    assert "expected_by_fiscal_year_end" not in answer.answer
    assert "見込みですか" in answer.answer
