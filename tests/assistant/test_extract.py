"""Facts the rule checker reads from Japanese questions (only what is stated)."""

from datetime import date

import pytest

from assistant.rules.extract import extract, parse_money


@pytest.mark.parametrize(
    "text, yen",
    [
        ("834万5千", 8_345_000),
        ("8,345,000", 8_345_000),
        ("1,250万", 12_500_000),
        ("12,500千", 12_500_000),
        ("999万9,999", 9_999_999),
        ("1億", 100_000_000),
        ("50万", 500_000),
        ("1.5万", 15_000),
    ],
)
def test_money(text, yen):
    assert parse_money(text) == yen


@pytest.mark.parametrize(
    "question, facts",
    [
        ("3町のうち2町が定住自立圏に入っていても交付の対象になる？", {"partners": 3, "partners_in_scheme": 2}),
        ("４町のうち３町が定住自立圏", {"partners": 4, "partners_in_scheme": 3}),  # full-width digits
        ("三町中二町が連携中枢都市圏に参加", {"partners": 3, "partners_in_scheme": 2}),  # kanji numerals
        ("六町村中四町村は連携中枢都市圏のメンバーではありません", {"partners": 6, "partners_outside_scheme": 4}),
        ("対象経費８３４万５千円なら交付額は？", {"total_cost_yen": 8_345_000}),
        ("支援の6年目も申請できますか？", {"support_year": 6}),
        ("これまで5年間交付を受けた事業は、来年度も申請できる？", {"support_year": 6}),
        ("令和元年度から交付金の支援を受けてきて、令和4年度はどうなりますか", {"support_year": 4}),  # the first and the year asked
        ("協定は締結済みでビジョンも策定済み", {"agreement_concluded": True, "vision_adopted": True}),
        ("隣接していない町同士で連携", {"adjacent": False}),
        ("政策分野は3つ", {"policy_fields": 3}),
        ("交付対象経費を25%増額する変更", {"change_ratio": 0.25}),
        ("経費を1割減額する変更", {"change_ratio": 0.1}),
        (
            "60万円の機械を3年後に売却、耐用年数は5年",
            {"asset_price_yen": 600_000, "asset_disposal_years_after_completion": 3, "asset_service_life_years": 5},
        ),
        # a decision date is never invented: only what the text states is read
        (
            "事業は令和7年3月20日に終わります。報告書はいつまでに出せばよいですか",
            {"completion_date": date(2025, 3, 20), "decision_date": None},
        ),
        ("一部の市町村で構成する協議会", {"applicant": "council", "council_of_all_partners": False}),
        # the officer's own town and the N it joins
        ("近くの三町と一緒に組んで申請したい", {"partners": 4}),
        # every partner on one side of the schemes, their number untold
        ("定住自立圏の町同士だけで連携するつもりです", {"partners_outside_scheme": 0, "partners": None}),
        ("いずれの村も連携中枢都市圏には加わっていません", {"partners_in_scheme": 0}),
    ],
)
def test_stated_facts(question, facts):
    extracted = extract(question).facts
    for name, value in facts.items():
        assert getattr(extracted, name) == value, name


def test_nothing_is_guessed():
    extracted = extract("3町のうち2町が定住自立圏に入っていても交付の対象になる？").facts
    assert extracted.adjacent is None and extracted.agreement_concluded is None and extracted.policy_fields is None


@pytest.mark.parametrize(
    "question, kind, temporary, amount",
    [
        ("懇親会の飲食代は交付対象経費になる？", "food_entertainment", None, None),
        ("臨時で雇った職員の賃金は対象経費になりますか", "staff_pay", True, None),
        ("正規職員の給料に使ってもいい？", "staff_pay", False, None),
        ("招いた講師の旅費は対象経費？", "other", None, None),
        ("事業費900万円のうち懇親会費20万円", "food_entertainment", None, 200_000),
    ],
)
def test_expenses(question, kind, temporary, amount):
    (expense,) = extract(question).facts.expenses
    assert (expense.kind, expense.temporary_staff, expense.amount_yen) == (kind, temporary, amount)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("協定は来年度に結ぶ予定で、ビジョンも次年度に作ります。", {"expected_by_fiscal_year_end": False, "agreement_concluded": False}),
        ("ビジョンの策定は翌年度の秋になる見通しです。", {"expected_by_fiscal_year_end": False, "vision_adopted": False}),
        ("協定とビジョンは本年度内に締結・策定する見込みです。", {"expected_by_fiscal_year_end": True}),
        ("協定は未締結ですが、年度中には結ぶ予定です。", {"expected_by_fiscal_year_end": True}),
    ],
)
def test_when_the_agreement_and_vision_come_is_read_from_the_fiscal_year(question, expected):
    facts = extract(question).facts
    for name, value in expected.items():
        assert getattr(facts, name) is value, name


@pytest.mark.parametrize(
    "question, agreement, vision",
    [
        ("3町で協定を結び、ビジョンも作りました。対象になりますか", True, True),
        ("協定はまだ交わしておらず、ビジョンも策定していません。", False, False),
        ("4町で協定を締結したら交付対象になりますか", None, None),  # supposed, not stated
        ("協定を結べば申請できますか", None, None),
    ],
)
def test_the_agreement_and_the_vision_are_read_by_the_verbs_lemma(question, agreement, vision):
    """Before: 「協定を結び」 said nothing and 「締結したら」 was read as done."""
    facts = extract(question).facts
    assert (facts.agreement_concluded, facts.vision_adopted) == (agreement, vision)


@pytest.mark.parametrize(
    "question, agreement, vision, expected",
    [
        # 済み ends its clause: what the next one says (予定) is not the agreement's
        ("協定は締結済み、共生ビジョンは今年度中に策定する予定です。", True, None, True),
        # a plan denied is no plan: not done, and not by the year's end
        ("4町村で協定締結済み、ビジョンは策定するつもりがありません。", True, False, False),
    ],
)
def test_a_done_suffix_ends_a_clause_and_a_denied_plan_is_not_tentative(question, agreement, vision, expected):
    """Before: 「締結済み、…予定」 read as one clause, so the agreement was tentative (nothing
    stated), and 「作る予定はありません」 as a plan (nothing stated either)."""
    facts = extract(question).facts
    assert (facts.agreement_concluded, facts.vision_adopted, facts.expected_by_fiscal_year_end) == (agreement, vision, expected)


def test_a_date_of_the_agreement_asked_is_no_agreement_stated():
    assert "agreement_concluded" not in extract("その地域の協定の締結日を知りたい").stated


def test_a_fiscal_year_without_a_signing_says_nothing_about_the_agreement():
    facts = extract("来年度は防災訓練を共同で行います。").facts
    assert facts.expected_by_fiscal_year_end is None and facts.agreement_concluded is None


@pytest.mark.parametrize(
    "question, adjacent",
    [
        ("連携する2町は境を接しておりません。", False),
        ("予定している4市町は互いに隣り合っていない。", False),
        ("3村はどれも隣接しています。", True),
        ("連携先は飛び地の町です。", False),
        ("3町で連携します。", None),
    ],
)
def test_adjacency_is_read_from_the_predicate_in_any_form(question, adjacent):
    assert extract(question).facts.adjacent is adjacent


def test_a_grant_given_on_twice_is_a_re_subsidy():
    assert extract("協議会が商工会に補助して、商工会が各店舗へ補助します。").facts.re_subsidy is True
    assert extract("協議会が商工会に補助します。").facts.re_subsidy is None  # one act: not passed on


@pytest.mark.parametrize("verb", ["売ってもいい", "売却したい", "他団体に貸したい", "手放すことになった"])
def test_disposing_of_an_asset_is_read_in_any_inflection(verb):
    assert "asset" in extract(f"交付金で購入した備品を二年後に{verb}").facts.topics


@pytest.mark.parametrize(
    "question, alone",
    [
        ("当町だけで行う研修でもこの交付金を使えますか", False),
        ("ひとつの市のみで実施する場合、交付の対象ですか", False),
        ("4町だけで連携して実施する事業は対象ですか", True),
    ],
)
def test_one_municipality_on_its_own_is_not_a_joint_project(question, alone):
    """Before: 「当町だけで」 stated nothing, and the question was not a case for the checker."""
    case = extract(question)
    assert case.facts.joint_project is alone
    assert alone or "project" in case.facts.topics  # a case the checker answers


@pytest.mark.parametrize(
    "question, partners", [("三つの町だけで組む事業は交付対象になりますか", 3), ("2市町のみの連携で申請できますか", 2)]
)
def test_a_count_limited_by_only_is_the_partners_not_one_municipality(question, partners):
    """Before: 「三つの町だけで」 read as a town on its own (not a joint project), 「2市町のみの」 as no count."""
    case = extract(question)
    assert case.facts.partners == partners and case.facts.joint_project is not False


@pytest.mark.parametrize(
    "question, inside, outside",
    [
        ("5町で組む予定で、連携中枢都市圏には加わっていません。", 0, None),  # said of the five
        ("連携中枢都市圏に参加済みの4市町で申請します", 4, None),
        ("当町は定住自立圏に入っていません。3町で組みます", None, None),  # a guard: said of one town
        ("定住自立圏に入っていない村も申請に加われますか", None, None),  # a guard: some villages, not all
    ],
)
def test_a_scheme_clause_without_a_count_or_subject_of_its_own_is_said_of_every_partner(question, inside, outside):
    """Before: 「…連携中枢都市圏には加わっていません」 with no count read nothing, so the
    half rule asked how many were in the scheme after the officer had said none."""
    facts = extract(question).facts
    assert (facts.partners_in_scheme, facts.partners_outside_scheme) == (inside, outside)


@pytest.mark.parametrize(
    "question, partners, inside",
    [
        ("一市二町で組んで申請する予定です。交付の対象になりますか", 3, None),
        ("うちの村は2市・1町と協力して事業をします。使えますか", 4, None),
        ("3市2町のうち1市1町は定住自立圏に入っています。対象ですか", 5, 2),
    ],
)
def test_a_run_of_municipality_kinds_is_one_count(question, partners, inside):
    """Before: 「一市二町で」 counted 2 partners (the 町 only), 「2市・1町と協力」 2, and
    「3市2町のうち1市1町」 put 1 of 2 in the scheme."""
    facts = extract(question).facts
    assert facts.partners == partners
    assert facts.partners_in_scheme == inside


@pytest.mark.parametrize(
    "question, inside, outside",
    [
        ("定住自立圏に参加している4町で連携します。対象になりますか", 4, 0),
        ("連携中枢都市圏に入っていない3市町で組みます。申請できますか", 0, 3),
        ("定住自立圏に入っていない町を含む5町で連携します。対象ですか", None, None),  # some, not all
    ],
)
def test_a_scheme_clause_that_describes_the_partners_counts_every_one(question, inside, outside):
    """Before: 「定住自立圏に参加している4町で」 gave the partners' number and nothing of the scheme."""
    facts = extract(question).facts
    assert facts.partners is not None
    known_inside = (
        facts.partners_in_scheme
        if facts.partners_in_scheme is not None
        else (None if facts.partners_outside_scheme is None else facts.partners - facts.partners_outside_scheme)
    )
    assert known_inside == inside
    assert (None if inside is None else facts.partners - inside) == outside


@pytest.mark.parametrize(
    "question",
    [
        "連携する5町のうち連携中枢都市圏に入っているのは1町だけで、ほかは入っていません。対象になりますか",
        "町村だけで組んだ4町村の連携事業は交付対象ですか",
    ],
)
def test_members_of_a_kind_or_of_a_scheme_are_not_a_municipality_on_its_own(question):
    assert extract(question).facts.joint_project is not False


@pytest.mark.parametrize("question, ratio", [("事業費を2割増やしたいのですが承認は要りますか", 0.2), ("経費を15%減らしても大丈夫？", 0.15)])
def test_a_change_of_the_costs_is_read_from_the_verb_in_any_inflection(question, ratio):
    """Before: only 変更 / 増額 / 減額 / 増減 were read; 「増やしたい」「減らしても」 stated no change."""
    facts = extract(question).facts
    assert facts.change_ratio == ratio and "change" in facts.topics


def test_a_thing_bought_and_disposed_of_is_an_asset_whatever_it_is_called():
    """Before: 「タブレット」 is none of 財産・備品・機器, so selling it was no case of 第10の3."""
    facts = extract("共同で購入したタブレットを2年後に売却してもいいですか").facts
    assert "asset" in facts.topics and facts.asset_disposal_years_after_completion == 2


@pytest.mark.parametrize(
    "question, label",
    [
        ("交付金で職員の出張旅費は出せますか", "職員の出張旅費"),
        ("事業費のなかで、基金への積立金にあたる分は出ますか", "基金への積立金"),
        ("研修会に呼ぶ外部講師への謝金は対象？", "研修会に呼ぶ外部講師への謝金"),
        ("全体で900万円、うち会場使用料が40万円かかります", "会場使用料"),  # うち marks a part, no name
    ],
)
def test_an_expense_is_echoed_as_named_without_the_question_around_it(question, label):
    """Before: 「交付金で職員の出張旅費は出せますか」 was echoed whole, and 「事業費のなかで」 with its expense."""
    assert [expense.label for expense in extract(question).facts.expenses] == [label]


@pytest.mark.parametrize(
    "question, label",
    [
        ("防災用の発電機の購入費用に交付金を充てられますか", "防災用の発電機の購入費用"),
        ("ノートパソコンを買いたいが、交付金は使える？", "ノートパソコンの購入"),
        ("推進協議会への負担金は交付金で払えますか", "推進協議会への負担金"),
        # a budget class bought with a verb is named as the purchase, not as the clause
        # (before: 「机や椅子などの備品を買うの」, 「購入するの」)
        ("机や椅子などの備品を買うのに交付金を使えますか", "机や椅子などの備品の購入"),
        ("公用車を購入するのに充ててもいいですか", "公用車の購入"),
    ],
)
def test_a_purchase_or_a_budget_class_is_an_expense_the_checker_judges(question, label):
    """Before: no expense was read (購入, 買う and the budget's classes were no expense words),
    and the question went to passages of 第10の3 (selling property)."""
    expenses = extract(question).facts.expenses
    assert [expense.label for expense in expenses] == [label] and expenses[0].kind == "other"


def test_buying_land_is_still_the_excluded_real_estate(assistant):
    """A guard (passes before and after): buying, now an expense word, leaves land to 第5の7."""
    answer = assistant.ask("事業用地を買うのは交付の対象ですか")
    assert answer.kind == "eligibility" and "第5の7" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "協定は結んであります。ビジョンは今年度中に策定します。対象になりますか",
        "連携協定を年度内に締結します。地域連携ビジョンも締結後すぐ作ります。交付金はもらえますか",
    ],
)
def test_a_document_made_in_the_non_past_is_still_to_come_not_done(question):
    """Before: 「策定します」「作ります」 read as done, like 「策定しました」; a non-past act
    is one still to come (and, within the year, expected by its end)."""
    facts = extract(question).facts
    assert facts.vision_adopted is not True


def test_a_document_to_be_made_within_the_year_is_expected_by_its_end():
    facts = extract("協定は結んであります。ビジョンは今年度中に策定します。対象になりますか").facts
    assert facts.agreement_concluded is True and facts.expected_by_fiscal_year_end is True


def test_the_officers_own_municipality_joined_to_a_count_is_one_more_partner():
    """「当町と近隣の3町で」: before, three partners (the count alone)."""
    assert extract("当町と近隣の3町で協議会をつくって申請したい。対象になる？").facts.partners == 4


def test_a_count_of_policy_fields_is_no_count_of_partners():
    """「政策分野は2つだけです」: before, read as two partners as well (「2つだけで」 of です)."""
    facts = extract("協定に盛り込んだ政策分野は2つだけですが大丈夫ですか").facts
    assert facts.policy_fields == 2 and facts.partners is None


def test_the_own_town_and_a_neighbour_named_then_counted_together_are_that_count():
    """「うちの町と隣の村の2町村で」 names both, then counts them: before, 3 (the count plus
    the officer's town)."""
    assert extract("わが町と隣の村の2町村で移住相談会を開きたい。交付金はもらえる？").facts.partners == 2


@pytest.mark.parametrize(
    "question",
    ["交付金で機器を購入するのは対象経費ですか", "備品の購入費に充てられますか"],
)
def test_buying_equipment_asked_as_an_expense_is_an_expense(question):
    """Before: an asset named (機器, 備品) dropped its purchase, as if the question were about
    disposing of it, and the checker never saw the case."""
    case = extract(question)
    assert [e.kind for e in case.facts.expenses] == ["other"] and "expense" in case.facts.topics


@pytest.mark.parametrize("verb", ["出ますか", "賄えますか", "支払えるの"])  # (支払える: read before too, a guard)
def test_whether_the_grant_pays_for_an_expense_is_read_by_the_verbs_lemma(verb):
    """Before: only 使え / 払え / 出せ as written; 「旅費は出ますか」 was no expense question."""
    assert "expense" in extract(f"会議に行く職員の旅費は{verb}").facts.topics


def test_expenses_joined_by_to_or_ya_are_read_one_by_one():
    """Before: 「AとB」 was one expense named by both, of the first kind found."""
    expenses = extract("会場の借上料と参加者へのお茶代は対象ですか").facts.expenses
    assert sorted((e.kind, e.label) for e in expenses) == [("food_entertainment", "参加者へのお茶代"), ("other", "会場の借上料")]
    # (guard) と between words of one expense's name does not part it
    (pay,) = extract("職員と臨時職員の人件費は対象ですか").facts.expenses
    assert pay.kind == "staff_pay"


def test_travel_said_not_to_be_indispensable_is_not():
    (travel,) = extract("必要不可欠とはいえない出張の旅費は対象ですか").facts.expenses
    assert travel.indispensable is False


@pytest.mark.parametrize("question", ["交付金を使った研修会の参加者は何人", "チラシを出した地域の反応は"])  # (the second: a guard)
def test_a_verb_of_paying_in_the_past_tells_what_was_done(question):
    """Before: 「交付金を使った講習会」 was read as asking whether the grant may pay (a case for the
    checker), and with 出す read by its lemma so was 「チラシを出した」."""
    assert not {"expense", "applicant"} & set(extract(question).facts.topics)


@pytest.mark.parametrize(
    "question, soft",
    [
        ("三町で集会所を建てる事業に交付金は使えますか", False),
        ("隣の村と新たに庁舎を増築する計画は対象？", False),
        ("建物は建てず、職員研修だけを行う事業は対象ですか", None),  # (a guard: denied)
        ("連携の計画を立てる事業は対象ですか", None),  # (a guard: 立てる, UniDic's lemma of 建てる too)
    ],
)
def test_building_is_read_as_a_hard_project_in_any_inflection(question, soft):
    """Before: only 施設整備 / 建設 / 工事 as written; 「集会所を建てる」 was no project at all."""
    assert extract(question).facts.soft_project is soft


def test_partners_of_a_kind_said_not_to_exist_are_none():
    """「…に参加している町はありません」: no partner in a scheme; 「…に加わっていない町はない」: none outside."""
    inside = extract("六つの町村で連携する計画で、連携中枢都市圏に参加している町村はありません。対象になりますか").facts
    assert (inside.partners, inside.partners_in_scheme) == (6, 0)
    outside = extract("4町で組む予定です。連携中枢都市圏に加わっていない町はないです。交付されますか").facts
    assert (outside.partners, outside.partners_outside_scheme) == (4, 0)


def test_an_existence_verb_of_something_else_beside_the_agreement_says_nothing_of_it():
    """Guard: 「必要がある」 is the need's existence, not the agreement's."""
    facts = extract("連携協定は、その期限を定めておく必要があるのでしょうか").facts
    assert facts.agreement_concluded is None


def test_a_verb_after_the_grant_as_the_means_asks_whether_it_pays():
    """「交付金で…を買えますか」: before, no topic was read and the passages declined."""
    case = extract("この交付金で事務所用の土地を取得することは可能ですか")
    assert [e.kind for e in case.facts.expenses] == ["real_estate_compensation"]
    assert "expense" in case.facts.topics
    # what was done with it (a guard): no case
    assert "expense" not in extract("交付金で土地を買った地域はありますか").facts.topics


@pytest.mark.parametrize(
    "question, all_partners",
    [
        ("協議会にすべての町が参加していれば申請できますか", True),
        ("協議会には全部の町村が加わっていないのですが、申請できますか", False),
    ],
)
def test_a_council_of_all_partners_is_read_in_any_word_for_all(question, all_partners):
    """すべて and 全部 say 全て; the members as officers count them (町, 町村). Before: unread,
    and the checker asked whether the council had every partner."""
    assert extract(question).facts.council_of_all_partners is all_partners
