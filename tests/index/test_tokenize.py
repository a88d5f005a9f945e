import pytest

from index.tokenize import adverbial_nouns, content_verbs, grammatical_words, lemmas, noun_phrase_chains, noun_phrases, question_words


@pytest.mark.parametrize(
    "text, expected",
    [
        ("連携して取り組んだ", ("連携", "取り組む")),  # inflection meets the dictionary form
        ("連携した取組", ("連携", "取り組み")),
        ("岩見沢市が事務局", ("岩見沢", "市", "事務", "局")),  # proper nouns keep their spelling
        ("令和5年度の交付額は1,000万円", ("令和", "5", "年度", "交付", "額", "1000", "万", "円")),
        ("ＩＣＴインフラ", ("ict", "インフラ")),
        ("がのにをは", ()),  # particles only: no content words
    ],
)
def test_content_lemmas(text, expected):
    assert lemmas(text) == expected


def test_query_and_passage_wordings_meet():
    assert set(lemmas("共同で採用活動をした地域")) & set(lemmas("道外におけるPR・採用活動"))


def test_noun_phrases_keep_a_compound_together():
    assert noun_phrases("除雪作業を共同で行う") == (("除雪", "作業"), ("共同",))
    assert noun_phrases("岩見沢市の防災訓練") == (("岩見沢", "市"), ("防災", "訓練"))


@pytest.mark.parametrize(
    "text, asking",
    [
        ("研修の講師が見つからないのはなぜですか", {"何故"}),
        ("どうやって参加者を集めたの", {"どう"}),
        ("事務局はどこで、いつ決めた", {"何処", "何時"}),
        ("参加費はいくら", {"幾ら"}),
        ("相談会には何人が来たの", {"何"}),
        ("ポスターは何枚刷った", {"何"}),
        ("研修の講師を教えてください", set()),
    ],
)
def test_question_words_are_how_it_asks(text, asking):
    assert question_words(text) == asking
    assert not asking & {"講師", "研修", "参加", "集める", "事務", "決める"}


def test_adverbial_nouns_say_how_much_or_when_not_what():
    assert adverbial_nouns("研修をした地域は全部でいくつ、毎年ですか") == {"全部", "毎年"}
    assert not adverbial_nouns("防災の研修をした地域")
    assert adverbial_nouns("一度も研修を3回開いていない") == {"度", "回"}  # counters after a number: how many


def test_compound_particles_and_honorifics_are_grammar_not_topic():
    assert grammatical_words("除雪について保健師さんに聞いた") == {"つく", "さん"}
    assert grammatical_words("観光に関する調査と、住民に対する説明会") == {"関する", "対する"}
    assert grammatical_words("駅に着いてから会議室を取った") == frozenset()  # 着く is a verb of its own


def test_the_iu_of_douiu_and_toiu_is_grammar_but_a_mayor_saying_is_not():
    assert grammatical_words("除雪ではどういう工夫をした") == {"言う"}
    assert grammatical_words("見守りネットという仕組み") == {"言う"}
    assert grammatical_words("町長が言った内容") == frozenset()


def test_content_verbs_say_what_happened_not_how_a_doing_is_asked():
    assert content_verbs("除雪で困ったことをやってみた") == {"困る"}
    assert content_verbs("何をしているのか教えてほしい") == {"教える"}


def test_noun_phrases_joined_by_no_are_one_chain_modifier_first():
    assert noun_phrase_chains("漁港の活性化と除雪作業") == ((("漁港",), ("活性",)), (("除雪", "作業"),))
    assert noun_phrases("漁港の活性化と除雪作業") == (("漁港",), ("活性",), ("除雪", "作業"))


def test_a_noun_of_manner_after_a_question_word_is_how_the_question_asks():
    """「どんなふうに」: 風 is part of asking how, no thing a passage or record must say."""
    assert question_words("研修のやり方はどんなふうに決めたの") == {"どんな", "風"}
    assert "風" not in question_words("風力発電の調査はどこが行ったの")  # (guard) wind, no manner
