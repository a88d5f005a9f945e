"""Text from documents and users is escaped before it reaches the page."""

import html

import pytest

from assistant.answer import Answer, Citation
from assistant.web import render

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[ここをクリック](http://evil.example/)",
    '${alert(1)} {{constructor.constructor("alert(1)")()}}',
    "`backtick` &amp;",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_text_is_inert(payload):
    out = render.text(payload)
    for dangerous in ("<script", "<img", "${", "{{", "`"):
        assert dangerous not in out


@pytest.mark.parametrize("payload", HOSTILE)
def test_answers_and_questions_are_escaped_but_markers_link(payload):
    answer = Answer(
        question=payload,
        kind="fact",
        answer=f"{payload} です[1]。",
        regions=[],
        citations=[Citation(1, "doc", None, None, "s", None, payload, None)],
    )
    page = render.transcript([(payload, answer)])
    assert "<script" not in page and "<img" not in page and 'http://evil.example/"' not in page
    assert 'href="#src-1-1"' in page


def test_sources_mark_the_quote_inside_its_passage(casebook_settings):
    from assistant.service import Assistant

    with Assistant(casebook_settings) as assistant:
        answer = assistant.ask("道外で採用のPRをした連携地域はどこ？")
        page = render.sources(answer, 1, assistant.facts)
    assert 'id="src-1-1"' in page
    quote = html.escape(answer.citations[0].quote)
    assert page.count(f"<mark>{quote}</mark>") == 2  # the quote, and inside its passage
    assert "西紋別地区町村会連携地域" in page


def test_a_declined_answer_carries_a_visible_note():
    answer = Answer(question="q", kind="unanswerable", answer="事例集には記載がありません。", regions=[], citations=[])
    assert 'class="declined"' in render.answer_body(answer, 1)
