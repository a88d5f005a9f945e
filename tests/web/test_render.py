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
    assert 'id="panel-src-1-1"' in page  # the panel's ids never clash with the transcript's
    quote = html.escape(answer.citations[0].quote)
    assert page.count(f"<mark>{quote}</mark>") == 2  # the quote, and inside its passage
    assert "西紋別地区町村会連携地域" in page


def test_a_declined_answer_carries_a_visible_note():
    answer = Answer(question="q", kind="unanswerable", answer="事例集には記載がありません。", regions=[], citations=[])
    assert 'class="declined"' in render.answer_body(answer, 1)


def _turn(question: str, quote: str, region: str) -> tuple[str, Answer]:
    citation = Citation(1, "kouiki-renkei-jireishu", region, "連携事業", "事業の詳細", None, quote, "c1", start=10, end=20)
    return question, Answer(question=question, kind="fact", answer=f"{region}です[1]。", regions=[region], citations=[citation])


def test_every_turn_keeps_its_own_sources_so_earlier_links_stay_valid():
    page = render.transcript([_turn("一つ目の質問", "一つ目の根拠", "宗谷地域"), _turn("二つ目の質問", "二つ目の根拠", "根室地域")])
    for turn in (1, 2):
        assert f'href="#src-{turn}-1"' in page and f'id="src-{turn}-1"' in page
    assert page.index('id="src-1-1"') < page.index("二つ目の質問") < page.index('id="src-2-1"')


def test_copy_text_holds_the_question_the_answer_and_every_source():
    question, answer = _turn("事務局はどこ？", "事務局担当市町村 稚内市", "宗谷地域")
    plain = render.answer_plain(question, answer)
    assert plain.splitlines()[0] == "質問：事務局はどこ？"
    assert "宗谷地域です[1]。" in plain
    assert "[1] 宗谷地域 / 連携事業 / 事業の詳細（kouiki-renkei-jireishu）" in plain
    assert "「事務局担当市町村 稚内市」" in plain


def test_the_export_is_markdown_of_the_whole_conversation():
    markdown = render.conversation_markdown([_turn("一つ目", "根拠A", "宗谷地域"), _turn("二つ目", "根拠B", "根室地域")])
    assert markdown.startswith("# ")
    assert "## 質問1：一つ目" in markdown and "## 質問2：二つ目" in markdown
    assert "1. 宗谷地域 / 連携事業 / 事業の詳細（kouiki-renkei-jireishu）：「根拠A」" in markdown


@pytest.mark.parametrize("payload", HOSTILE)
def test_copy_and_export_text_cannot_become_markup(payload):
    page = render.transcript([_turn(payload, payload, "宗谷地域")])
    assert "<script" not in page and "<img" not in page and "${" not in page
