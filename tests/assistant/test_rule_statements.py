"""Rule questions in words are answered from the rules as code, clause first."""

import pytest


@pytest.mark.parametrize(
    "question, clause, words",
    [
        ("この交付金は最長で何年度分もらえるのですか", "実施要綱 第3", "5ヵ年度"),
        ("1つの地域が受け取れる交付金の最大額は？", "実施要綱 第6", "1,000 万円"),
        ("交付の対象にならない経費を一覧で知りたい", "実施要綱 第5", "食糧費及び交際費"),
        ("どういう事業なら交付金の対象にしてもらえますか", "実施要綱 第4の1", "ソフト事業であること"),  # not the expenses refused
        ("交付対象から外される事業の種類は", "実施要綱 第4の2", "営利を目的とする事業"),
    ],
)
def test_the_rule_statement_comes_first_with_its_clause(assistant, question, clause, words):
    answer = assistant.ask(question)
    first = answer.answer.split("\n")[0]
    assert clause in first and words in first
    assert answer.citations[0].section == clause


def test_a_question_about_another_rule_keeps_its_passages(assistant):
    answer = assistant.ask("地域連携ビジョンは何年くらいの期間で作るものですか")
    assert "推進要綱 第3" in answer.answer
    assert answer.answer.startswith("5年です")  # before: 「令和22年です」, the year 第3(2) aims at


def test_a_deadline_is_answered_by_the_clause_that_sets_it_not_by_a_cited_laws_date(assistant):
    """Before: 「いつまでに」 answered the date of a form's notice cited in parentheses
    (「平成25年…告示第…号」), and the clause of the deadline was no candidate (no date in it)."""
    answer = assistant.ask("交付申請の書類はいつまでに提出すればよいですか")
    assert any(c.section == "実施要綱 第9" and "期日までに" in c.quote for c in answer.citations)
    assert not any(line.startswith("平成25年") for line in answer.answer.split("\n"))


def test_a_rule_asked_in_words_no_passage_uses_is_stated_not_declined(assistant):
    """「何年間もらえる」: no sentence prints a number of 年間 (the rule says 5ヵ年度), so the
    passages declined; the rule statement answers, the passages kept as related."""
    answer = assistant.ask("この交付金って最長で何年間受け取れるの？")
    first = answer.answer.split("\n")[0]
    assert answer.kind == "fact" and "実施要綱 第3" in first and "5ヵ年度" in first
    assert "記載がありません" not in answer.answer


@pytest.mark.parametrize(
    "question, refused",
    [
        ("交付の対象外になる経費は", True),
        ("対象にならない事業", True),
        ("補助の対象から除かれるもの", True),
        ("対象となる事業の条件", False),
        ("上限額は", None),
    ],
)
def test_a_rule_question_asks_what_is_refused_or_what_is_funded(question, refused):
    from assistant.answerers.rule_statements import asks_what_is_refused

    assert asks_what_is_refused(question) is refused


def test_a_question_of_where_is_not_answered_with_a_figure(assistant):
    """Every rule statement is a figure or a list; 「…の送り先はどこ」 asks to whom: before, the
    report's deadline (第12の3) led the answer, the clause that names the governor second."""
    answer = assistant.ask("交付金の実績報告書の送り先はどこですか")
    first = answer.answer.split("\n")[0]
    assert "知事" in first and "4月10日" not in first


def test_where_a_grant_thing_is_asked_is_no_list_of_regions(assistant):
    assert not assistant.ask("地域づくり総合交付金の窓口はどこ").regions  # 「窓口」 printed on two regions' pages


def test_a_statement_sharing_only_the_grants_name_does_not_lead(assistant):
    """Before: 「交付金の申請…いつまで」 was led by the support period (5ヵ年度), whose statement
    says 交付金 too; the clause of the application (第9) answers."""
    answer = assistant.ask("交付金の申請っていつまでに出せばいいの")
    first = answer.answer.split("\n")[0]
    assert "実施要綱 第3" not in first and "5ヵ年度" not in first
    assert answer.citations[0].section == "実施要綱 第9"


def test_a_rate_asked_with_a_question_word_is_answered_by_the_fixed_amount(assistant):
    """Before: 何 counted as a shared word, so every statement asking 「何円」「何年」 matched
    「何パーセント」 and the unit of payment (10万円単位) led, then 「20 パーセントです」 of the
    change-approval clause. A question word says how the officer asks, not which rule."""
    answer = assistant.ask("交付金の交付率って何パーセント？")
    first = answer.answer.split("\n")[0]
    assert "定額" in first and "実施要綱 第6" in first
    assert "パーセントです" not in answer.answer


def test_the_statement_leads_alone_without_the_passages_own_lead(assistant):
    """Before: the statement, then the passages' value line (「1,000 万円です[2]。」) as a
    second lead under it; the passages' sentences now follow the statement directly."""
    answer = assistant.ask("1地域あたりいくらまで交付金がもらえるの")
    lines = answer.answer.split("\n")
    assert "実施要綱 第6" in lines[0] and "1,000 万円" in lines[0]
    assert all(line.startswith("・") for line in lines[1:])


def test_a_thing_to_be_done_is_not_answered_by_a_figures_statement(assistant):
    """Before: 「何を提出」 was led by the report's deadline (「…30日を経過した日」, 第12の3), which
    shares 事業 and 完了 but says nothing of what is handed in."""
    answer = assistant.ask("事業が終わった後には何を提出しますか")
    assert "30日を経過した日（実施要綱第12の3）" not in answer.answer.replace(" ", "")


def test_the_years_from_the_first_grant_to_the_year_asked_are_the_support_year(assistant):
    """Before: 「令和2年度から交付を受け…令和7年度も」 read no support year and was declined."""
    answer = assistant.ask("うちの地域は令和2年度から交付を受けています。令和7年度も申請して大丈夫ですか")
    assert answer.kind == "eligibility" and "支援6年度目は、最大5ヵ年度を超えます" in answer.answer


def test_the_statement_of_excluded_expenses_lists_the_items_of_the_clause():
    """Before: it ended 「対象外の経費（実施要綱 第5）」 — the officer's own label for an amount
    called excluded — and left out 第5の8."""
    from assistant.answerers.rule_statements import rule_statements

    (excluded,) = [s for s in rule_statements() if s.text.startswith("交付の対象外となる経費")]
    assert "その他知事が不適当と認める経費（実施要綱 第5の8）" in excluded.text
    assert "対象外の経費（" not in excluded.text and excluded.text.count("（実施要綱 第5の") == 8


def test_when_the_grant_is_paid_is_answered_by_the_event_the_rule_names(assistant):
    """Before: declined — 「いつ」 wanted a date, and 第13 says 「額の確定後において交付する」."""
    answer = assistant.ask("この交付金が振り込まれるのはいつ頃？")
    assert answer.kind != "unanswerable" and answer.citations[0].section.startswith("実施要綱 第13")
    assert "額の確定後" in answer.answer.split("\n")[0]
