"""A question that names a project page's field is answered from what is printed under it."""

import pytest

from assistant.passages import _GENERIC
from assistant.project_fields import LABEL_NOUNS, asked_fields, field_of, field_spans


def test_each_field_is_named_by_the_noun_only_its_label_has():
    assert "成果" in LABEL_NOUNS["outcomes"] and "目的" in LABEL_NOUNS["purpose"] and "概要" in LABEL_NOUNS["activities"]
    assert not any("事業" in nouns for nouns in LABEL_NOUNS.values())  # in two labels: names neither
    assert "bodies" not in LABEL_NOUNS  # the implementing bodies are a list the records answer


def test_a_generic_word_of_a_label_does_not_ask_for_its_field():
    assert asked_fields("連携して得られた成果を知りたい", _GENERIC) == {"outcomes"}
    assert asked_fields("どの町と連携していますか", _GENERIC) == frozenset()


def test_the_records_know_where_every_field_is_printed(assistant):
    spans = field_spans(assistant.facts)
    projects = [p for r in assistant.facts.regions for p in r.projects]
    assert sum(s.field == "outcomes" for s in spans) == sum(p.outcomes is not None and p.outcomes.span is not None for p in projects)
    assert {s.field for s in spans} == {"purpose", "activities", "roles", "outcomes"}


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
