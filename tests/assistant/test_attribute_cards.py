"""A region's record values asked in words the overview table does not use."""

from assistant.answerers.attribute_cards import CARD_SUPPORT
from assistant.understand.parse import parse


def _nearest(assistant, question):
    return assistant._cards.nearest(parse(question, assistant._vocabulary))


def test_a_value_asked_in_other_words_comes_from_the_record(assistant):
    answer = assistant.ask("後志の連携はどれくらいの広さの地域？")
    assert answer.kind == "fact" and "3,562.56km²" in answer.answer
    assert answer.citations and "3562.56" in answer.citations[0].quote


def test_the_nearest_card_is_the_attribute_meant(assistant):
    assert _nearest(assistant, "日高の連携を取りまとめているのはどこの町？")[0] == "secretariat"
    assert _nearest(assistant, "宗谷の連携の広さはどれほど？")[0] == "area"


def test_a_question_about_a_project_stays_below_the_cards(assistant):
    attribute, cosine = _nearest(assistant, "根室でやっている防災の勉強会の中身は？")
    assert cosine < CARD_SUPPORT
    answer = assistant.ask("根室でやっている防災の勉強会の中身は？")
    assert not any(word in answer.answer for word in ("人口は", "面積は", "構成市町村は", "事務局担当市町村は"))


def test_cards_are_only_for_one_named_region(assistant):
    vocabulary = assistant._vocabulary
    assert assistant._cards.nearest(parse("連携はいつ始まりましたか", vocabulary)) is None
    assert assistant._cards.nearest(parse("釧路と根室の広さは", vocabulary)) is None
