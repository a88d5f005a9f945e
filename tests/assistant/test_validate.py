import pytest

from assistant.validate import check_question
from core.errors import EmptyQueryError, QuestionRejectedError


@pytest.mark.parametrize(
    "question, error, ja",
    [
        ("", EmptyQueryError, "質問を入力してください"),
        ("   \n ", EmptyQueryError, "質問を入力してください"),
        ("あ" * 501, QuestionRejectedError, "501文字"),
        ("防災\x00の取組", QuestionRejectedError, "バイナリ"),
        ("防災\ufffdの取組", QuestionRejectedError, "バイナリ"),
        ("What is the grant limit?", QuestionRejectedError, "日本語で質問してください"),
        (b"\xe9\x98\xb2", QuestionRejectedError, "文字で入力"),
    ],
)
def test_questions_outside_the_limits_get_a_japanese_message(question, error, ja):
    with pytest.raises(error) as raised:
        check_question(question)
    assert ja in raised.value.ja


@pytest.mark.parametrize("question", ["防災分野で連携している地域を教えて", "ICTの活用は？", "あ" * 500, "  改行\nあり  "])
def test_questions_within_the_limits_pass(question):
    assert check_question(question) == question.strip()
