"""The booklet's template, checked against a table written by reading the booklet."""

from pathlib import Path

import pytest

from ingest.models import NormalizedDocument, SectionKind
from ingest.normalize import normalize_text
from ingest.parser import parse_document

EXPECTED_PROJECTS = {
    "南空知圏域": ["圏域基礎調査(R2のみ実施)", "地域防災体制の充実", "地域公共交通の維持確保と利用促進", "ICTインフラの研究・活用"],
    "後志17町村連携地域": ["後志17町村新規採用職員研修"],
    "日高連携地域": ["地域公共交通利用促進事業", "行政サービスICT活用調査検討事業", "地域ICT利活用促進事業"],
    "留萌中北部5町村連携地域": ["行政職員研修事業・行政職員交流事業"],
    "留萌南部3市町連携地域": ["地球温暖化対策実行計画基礎調査事業", "ごみ分別適正化事業"],
    "遠軽地区連携地域": ["地域医療対策事業"],
    "西紋別地区町村会連携地域": ["地域専門人材確保対策事業"],
    "根室連携地域": ["防災関連勉強会", "人事担当者研修会"],
    "石狩地域": ["民間企業と連携した研修・交流会"],
    "宗谷地域": ["公務人材(専門人材)の確保・育成に係る調査・検討等"],
    "釧路地域": ["公務人材(専門人材)の確保・育成に係る調査・検討等"],
}


def _projects(parsed):
    found = {}
    for section in parsed.sections:
        if section.kind is SectionKind.PROJECT:
            found.setdefault(section.region, []).append(section.project)
    return found


def test_finds_exactly_the_eleven_regions_of_the_booklet_in_order(booklet):
    assert list(booklet.parsed.regions) == list(EXPECTED_PROJECTS)


def test_the_kitami_report_is_one_region_named_from_its_text(kitami):
    assert kitami.parsed.regions == ("北見地域定住自立圏",)
    assert {section.region for section in kitami.parsed.sections} == {"北見地域定住自立圏"}


def test_finds_every_project_of_each_region(booklet):
    assert _projects(booklet.parsed) == EXPECTED_PROJECTS


@pytest.mark.parametrize("region", list(EXPECTED_PROJECTS))
def test_each_region_has_overview_then_projects_then_lookback(booklet, region):
    kinds = [s.kind for s in booklet.parsed.sections if s.region == region]
    assert kinds[0] is SectionKind.OVERVIEW
    assert kinds[-1] is SectionKind.LOOKBACK
    assert set(kinds[1:-1]) == {SectionKind.PROJECT}


def test_overview_holds_the_region_table(booklet):
    overview = next(s for s in booklet.parsed.sections if s.region == "日高連携地域" and s.kind is SectionKind.OVERVIEW)
    text = booklet.parsed.doc.text[overview.start : overview.end]
    assert "事務局担当市町村 新ひだか町" in text
    assert "連携協定締結 令和3年1月7日" in text


def test_clauses_of_both_rule_texts(booklet):
    clauses = [s.clause for s in booklet.parsed.sections if s.kind is SectionKind.CLAUSE]
    assert [c for c in clauses if c.startswith("推進要綱 ")] == [f"推進要綱 第{n}" for n in range(1, 6)] + ["推進要綱 附則"]
    assert [c for c in clauses if c.startswith("実施要綱 ")] == [f"実施要綱 第{n}" for n in range(1, 15)] + ["実施要綱 附則"]


def test_clause_text_and_sub_items(booklet):
    text = booklet.parsed.doc.text
    section = next(s for s in booklet.parsed.sections if s.clause == "実施要綱 第6")
    assert "1,000 万円の定額" in text[section.start : section.end] or "1,000万円の定額" in text[section.start : section.end]
    fourth = next(s for s in booklet.parsed.sections if s.clause == "実施要綱 第4")
    assert [item.suffix for item in fourth.sub_items] == ["の1", "の2"] + [f"の2({n})" for n in range(1, 7)]


def test_sections_do_not_overlap_and_stay_in_order(booklet):
    sections = booklet.parsed.sections
    for before, after in zip(sections, sections[1:]):
        assert before.end <= after.start


def _doc(text: str) -> NormalizedDocument:
    return NormalizedDocument(doc_id="r7", path=Path("r7.txt"), sha256="0", text=normalize_text(text))


def test_a_later_edition_with_a_new_region_parses_without_code_changes(booklet):
    """R7-style: a region added with the same template is found, with its project."""
    text = booklet.parsed.doc.text
    start = text.index("遠軽地区連携地域\n遠軽地区連携地域")
    end = text.index("西紋別地区町村会連携地域\n西紋別地区町村会連携地域")
    new_block = text[start:end].replace("遠軽地区連携地域", "十勝南部連携地域").replace("地域医療対策事業", "地域看護師確保事業")
    variant = text[:end] + new_block + text[end:]
    parsed = parse_document(_doc(variant))
    assert "十勝南部連携地域" in parsed.regions
    assert len(parsed.regions) == 12
    assert _projects(parsed)["十勝南部連携地域"] == ["地域看護師確保事業"]
