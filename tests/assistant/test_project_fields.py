"""A question that names a project page's field is answered from what is printed under it."""

import pytest

from assistant.passages import GENERIC_WORDS
from assistant.project_fields import LABEL_NOUNS, asked_fields, field_of, field_spans


def test_each_field_is_named_by_the_noun_only_its_label_has():
    assert "成果" in LABEL_NOUNS["outcomes"] and "目的" in LABEL_NOUNS["purpose"] and "概要" in LABEL_NOUNS["activities"]
    assert not any("事業" in nouns for nouns in LABEL_NOUNS.values())  # in two labels: names neither
    assert "bodies" not in LABEL_NOUNS  # the implementing bodies are a list the records answer


def test_a_generic_word_of_a_label_does_not_ask_for_its_field():
    assert asked_fields("連携して得られた成果を知りたい", GENERIC_WORDS) == {"outcomes"}
    assert asked_fields("どの町と連携していますか", GENERIC_WORDS) == frozenset()


def test_the_records_know_where_every_field_is_printed(assistant):
    spans = field_spans(assistant.facts)
    projects = [p for r in assistant.facts.regions for p in r.projects]
    assert sum(s.field == "outcomes" for s in spans) == sum(p.outcomes is not None and p.outcomes.span is not None for p in projects)
    assert {s.field for s in spans} == {"purpose", "activities", "roles", "outcomes", "hardships", "devices"}


def test_the_look_back_labels_name_their_fields():
    assert asked_fields("連携を進めるうえでどんな工夫をしたか", GENERIC_WORDS) == {"devices"}
    assert asked_fields("困難だったことはありますか", GENERIC_WORDS) == {"hardships"}


@pytest.mark.parametrize(
    "question, field",
    [
        ("根室で開いた防災の勉強会は何を目的にしていますか", "purpose"),
        ("留萌南部のごみ分別の取組でどんな成果が出た？", "outcomes"),
    ],
)
def test_the_answer_quotes_the_field_asked_for(assistant, question, field):
    answer = assistant.ask(question)
    spans = field_spans(assistant.facts)
    assert answer.citations
    assert all(field_of(spans, frozenset({field}), c.doc, c.start, c.end) for c in answer.citations if c.region)


def test_what_helped_a_project_is_quoted_whole_from_its_note(assistant):
    """The note of the project asked about, every sentence of it, even those that share no
    word with the question (before: the region's note on forming itself came first)."""
    answer = assistant.ask("留萌南部のごみ分別の事業で、進めるうえで工夫したことは")
    note = next(n for r in assistant.facts.regions for n in r.lookback if n.kind == "devices" and n.project == "ごみ分別適正化事業")
    assert answer.citations and all(note.span.start <= c.start < note.span.end for c in answer.citations)


def test_a_sentence_that_only_names_the_place_is_not_the_answer(assistant):
    """Every passage searched is of the region named: 「実施団体名 遠軽町・…」 says nothing more."""
    answer = assistant.ask("遠軽の医療の取組で使ったウェブサイトは？")
    assert "実施団体名" not in answer.answer and "マイナビ" in answer.answer


@pytest.mark.parametrize(
    "question, field",
    [
        ("宗谷の検討で苦しかった点", "hardships"),
        ("西紋別の求人の取組でうまくいくように意識したことは", "devices"),
        ("留萌南部のごみアプリの取組を始めた理由", "purpose"),
    ],
)
def test_a_field_asked_in_the_officers_own_words_is_read_by_meaning(assistant, question, field):
    assert assistant._fields.asked(question) == {field}


def test_a_figure_or_a_name_asks_no_field(assistant):
    assert not assistant._fields.asked("日高の協議会の事務局はどこの町ですか")
    assert not assistant._fields.asked("留萌中北部で研修は何回開かれた")


def test_a_label_noun_decides_before_the_examples(assistant):
    assert assistant._fields.asked("後志の研修の成果を教えて") == {"outcomes"}


def test_a_hardship_asked_in_other_words_is_quoted_from_the_look_back(assistant):
    """Before: 「大変だったこと」 was answered with the project's purpose."""
    answer = assistant.ask("遠軽の医師確保の取組で苦しかったことは")
    hardships = [n.span for n in assistant.facts.region("遠軽地区連携地域").lookback if n.kind == "hardships"]
    first = answer.citations[0]
    assert any(span.start <= first.start < span.end for span in hardships)


def _project_hardships(assistant, region: str):
    return [n for n in assistant.facts.region(region).lookback if n.kind == "hardships" and n.project is not None]


def test_a_field_asked_with_a_verb_the_booklet_never_prints_is_quoted_from_the_projects_note(assistant):
    """Before: the note on forming the region (「比較的困難な場面は少なかった」) — 困る is printed
    nowhere, so only a sentence holding the project's word (医療) could answer, and none did."""
    answer = assistant.ask("遠軽の医療の事業で困った点は")
    assert answer.kind == "fact" and answer.regions == ["遠軽地区連携地域"]
    notes = _project_hardships(assistant, "遠軽地区連携地域")
    assert all(any(n.span.start <= c.start < n.span.end for n in notes) for c in answer.citations)


def test_a_question_nearest_to_asking_what_was_hard_is_not_answered_with_the_projects(assistant):
    """Before: the region's one project and every year's lines (the reading was not sure
    enough to name the field, and 困る narrowed nothing)."""
    answer = assistant.ask("遠軽の医療の事業で困ったことってありますか")
    assert "の連携事業は" not in answer.answer


def test_the_field_asked_does_not_make_a_topic_the_region_never_mentions_answerable(assistant):
    answer = assistant.ask("日高の花火大会で困ったことはありますか")
    assert answer.kind == "unanswerable"
