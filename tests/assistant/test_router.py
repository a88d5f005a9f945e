import pytest

from assistant.router import route
from assistant.understand.parse import parse
from assistant.understand.vocabulary import Vocabulary
from tests.assistant.test_question import facts  # noqa: F401  (the facts-store fixture)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("3町のうち2町が定住自立圏に入っていても交付の対象になる？", "eligibility"),
        ("懇親会の飲食代は交付対象経費になる？", "eligibility"),
        ("対象経費が834万5千円のとき交付額はいくら？", "eligibility"),
        ("支援の6年目も申請できますか？", "eligibility"),
        ("実績報告の期限は？", "eligibility"),
        ("交付金で買った機器を売ってもかまいませんか", "eligibility"),  # the rule is stated, the price asked
        ("4町のうち3町が定住自立圏の構成町の場合、交付金を受けられる？", "eligibility"),
        ("二つの町で連携して移住PRをする予定です。交付の対象となるでしょうか", "eligibility"),  # any inflection of 対象になる
        ("隣町と三町で観光イベントを企画中ですが、交付金はもらえますか", "eligibility"),
        ("令和5年度の交付額がちょうど1,000万円の地域を教えて", "casebook"),  # a list of regions, not a case
        ("いちばん早く協定を締結した地域は？", "casebook"),
        ("後志17町村連携地域が連携協定を締結した日は？", "casebook"),
        ("令和5年度の交付額を合計するといくら？", "casebook"),
        ("防災分野で連携している地域を教えて", "casebook"),
        ("ヒグマ対策をしている地域を教えて", "casebook"),
        ("交付金の上限はいくら？", "casebook"),  # no case facts: the booklet's text answers
        ("総事業費が650万円なんですが、交付金のほうはどうなりますか", "eligibility"),  # its cost: the amount asked
        ("事業費が900万円を上回る取組はありますか", "casebook"),  # a bound, not a case's cost
        # a scheme asked about states no case (before: its partners all read as in the scheme)
        ("渡島の連携中枢都市圏の活動は紹介されていますか", "casebook"),
        ("定住自立圏についてもう少し詳しく知りたい", "casebook"),
        # the date of an act done: the act is what is asked of, no case of the officer's
        ("連携協定を締結したのはいつでしたか", "casebook"),
        ("ビジョンを作った日は", "casebook"),
        # an act to come, or a deadline after a past-tense condition, is still a case (guards)
        ("協定を締結済みです。いつから申請できますか", "eligibility"),
        ("事業が10月に終わった場合、実績報告はいつまで", "eligibility"),
    ],
)
def test_route(facts, question, expected):  # noqa: F811
    assert route(parse(question, Vocabulary(facts))).name == expected


def test_a_case_that_states_only_its_cost_asks_the_amount_of_its_grant(assistant):
    answer = assistant.ask("事業費が730万円かかる予定です。補助はどのくらいになりますか")
    assert answer.kind == "eligibility" and "7,300,000円" in answer.answer
    assert "（実施要綱 第6）" in answer.answer and "1,000 万円の定額" in answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "is_a_value"),
    [
        ("分別アプリは運用半年で何件ダウンロードされましたか", True),  # a count of downloads
        ("勉強会に来た講師は誰でしたか", True),
        ("協議会はいつ立ち上がりましたか", True),
        ("何地域が防災に取り組んでいますか", False),  # a count of regions is a set of regions
        ("住民アンケートを実施したのはどこの地域ですか", False),
        ("移住の相談会を開いた地域は", False),
    ],
)
def test_a_question_for_one_value_is_not_a_question_for_regions(question, is_a_value):
    from assistant.understand.answer_type import expected
    from assistant.understand.parse import REGION_COUNTERS

    assert expected(question).is_a_value(REGION_COUNTERS) is is_a_value


def test_a_count_of_something_else_is_never_answered_with_a_list_of_regions(assistant):
    # 「…した地域で」 names a region by what it did; 「何件」 asks for one count of that case
    answer = assistant.ask("分別アプリを試した地域で、ダウンロードは何件だった？")
    assert answer.kind == "fact" and "1,795件" in answer.answer
