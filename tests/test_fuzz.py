"""Fuzz the text-facing parts: whatever the text, they return or raise a documented error."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import CasebookError
from ingest.facts import extract_regions
from ingest.models import NormalizedDocument
from ingest.normalize import normalize_text
from ingest.parser import parse_document

# Text that looks like the booklet: its labels, digits, kana and kanji, spaces and breaks.
_PIECES = st.sampled_from(
    [
        "連携地域形成の",
        "経緯",
        "事業名 ",
        "実施団体名 ",
        "事業概要 ",
        "(R5年度)",
        "人口※ ",
        "12,345人",
        "面積※ ",
        "1,234.5km2",
        "構成市町村数 ",
        "事務局担当市町村 ",
        "連携協定締結 ",
        "令和3年1月7日",
        "連携する具体的",
        "事項",
        "医療 ○ ",
        "防災  ",
        "その他(産業振興) ○",
        "交付額(千円)",
        "令和5年度 令和6年度",
        "10,000 未定",
        "1.連携地域形成について",
        "第1 目的",
        "推進要綱",
        "(1) ",
        "1 ",
        "日高連携地域",
        "\n",
        " ",
        "- 3 -",
        "あ",
        "○",
        "※蘭越町は令和4年3月18日に加入",
        "3 連携地域・構成市町村・事業一覧(地域づくり総合交付金活用地域)",
    ]
)
_BOOKLETISH = st.lists(_PIECES | st.text(max_size=8), max_size=80).map("".join)
_FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(st.text(max_size=400) | _BOOKLETISH)
def test_normaliser_and_parser_and_records(text):
    normalised = normalize_text(text)
    doc = NormalizedDocument(doc_id="fuzz", path=Path("fuzz.txt"), sha256="0", text=normalised)
    parsed = parse_document(doc)
    for section in parsed.sections:
        assert 0 <= section.start <= section.end <= len(normalised)
    extract_regions(parsed)


@_FUZZ
@given(st.text(max_size=300))
def test_tokenizer(text):
    from index.tokenize import lemmas, names_and_numbers

    assert isinstance(lemmas(text), tuple)
    assert isinstance(names_and_numbers(text), frozenset)


@_FUZZ
@given(st.text(max_size=200) | _BOOKLETISH)
def test_router_and_fact_extraction(text):
    from assistant.rules import check
    from assistant.rules.extract import extract
    from assistant.rules.facts import RuleInputError, validate

    extracted = extract(text)
    try:
        validate(extracted.facts)
    except RuleInputError:
        return  # a documented refusal (e.g. 「5町のうち6町」)
    check(extracted.facts)


@_FUZZ
@given(st.text(max_size=200))
def test_question_reading_never_raises_undocumented_errors(text):
    from assistant.question import read_question
    from assistant.validate import check_question
    from index.facts_store import FactsStore

    try:
        check_question(text)
    except CasebookError:
        pass
    read_question(text, FactsStore([], {}, []))
