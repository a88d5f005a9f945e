"""Synonyms (Sudachi's dictionary, bundled): an officer's word is held by the booklet's."""

from pathlib import Path

from index.synonyms import TABLE, held, held_terms, synonyms


def test_an_officers_word_is_held_by_the_booklets_word():
    assert held("医者", {"医師", "募集"})
    assert held("宣伝", {"広告"})
    assert held("見張る", {"監視", "罠"})
    assert not held("医者", {"看護", "師"})


def test_a_synonym_of_several_words_is_held_only_whole():
    assert ("高齢", "者") in synonyms("年寄り")
    assert held("年寄り", {"高齢", "者", "講習"})
    assert not held("年寄り", {"高齢", "化"})


def test_a_word_in_several_groups_expands_to_nothing():
    # バス: a bath, a bass, a bus — a wrong synonym would answer what the booklet never says
    assert synonyms("バス") == ()
    assert synonyms("研修") == ()  # no entry: the word alone
    assert held_terms({"バス", "研修"}, {"浴槽", "研修"}) == {"研修"}


def test_the_table_ships_with_its_licence():
    assert TABLE.exists() and TABLE.stat().st_size > 100_000
    assert "Apache License" in (Path(TABLE).parent / "SUDACHI_SYNONYMS_LICENSE").read_text(encoding="utf-8")


def test_a_loanword_is_held_by_a_longer_one_that_contains_it():
    from index.synonyms import held

    assert held("インスタグラム", {"インスタグラムフォトコンテスト", "実施"})
    assert held("コンサル", {"コンサルタント", "委託"})
    assert not held("バス", {"バスマップ"})  # two characters: too short to be read inside another word
    assert not held("委託", {"業務委託"})  # kanji words are held whole, as before


def test_a_loanword_the_dictionary_cuts_into_unused_pieces_is_one_word():
    from index.synonyms import with_loanwords
    from index.tokenize import lemmas, split_loanwords

    question = "インスタグラムで宣伝した"
    assert split_loanwords(question)[0][0] == "インスタグラム"
    casebook = {"インスタグラムフォトコンテスト", "宣伝", "バス", "マップ"}.__contains__
    assert "インスタグラム" in with_loanwords(lemmas(question), question, casebook)
    assert with_loanwords(lemmas("バスマップを配った"), "バスマップを配った", casebook) >= {
        "バス",
        "マップ",
    }  # pieces the casebook uses stay


def test_a_word_the_dictionary_does_not_expand_is_held_by_an_unambiguous_word_whose_group_holds_it():
    """変える (change, exchange, replace) expands to nothing, but 変更's group holds it: a
    passage that says 変更 says 変える; 作成 says 作る."""
    assert synonyms("変える") == ()
    assert held("変える", {"事業", "変更", "承認"})
    assert held("作る", {"時刻", "表", "作成"})
    assert not held("変える", {"事業", "承認"})
