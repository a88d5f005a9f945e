import pytest

from assistant.router import route
from assistant.understand.parse import parse
from assistant.understand.vocabulary import Vocabulary
from tests.assistant.test_question import facts  # noqa: F401  (the facts-store fixture)


@pytest.mark.parametrize(
    "question, expected",
    [
        ("3町中2町が定住自立圏でも交付対象？", "eligibility"),
        ("懇親会の飲食費は対象経費？", "eligibility"),
        ("対象経費834万5千円なら交付額は？", "eligibility"),
        ("6年目も申請できる？", "eligibility"),
        ("実績報告の期限は？", "eligibility"),
        ("4町のうち3町が定住自立圏に入っている地域は交付金を受けられますか", "eligibility"),
        ("令和5年度の交付額が1,000万円の地域は？", "casebook"),  # a list of regions, not a case
        ("協定の締結が最も早い地域は？", "casebook"),
        ("後志17町村連携地域の連携協定締結日は？", "casebook"),
        ("令和5年度の交付額の合計は？", "casebook"),
        ("防災で連携している地域は？", "casebook"),
        ("ヒグマ対策に取り組んだ地域は？", "casebook"),
        ("交付金の上限はいくら？", "casebook"),  # no case facts: the booklet's text answers
    ],
)
def test_route(facts, question, expected):  # noqa: F811
    assert route(parse(question, Vocabulary(facts))).name == expected
