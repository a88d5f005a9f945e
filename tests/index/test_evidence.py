"""Evidence units: a region's sentences and table lines, without the template's own lines."""

import re

import numpy as np

from index.evidence import EvidenceIndex, split_units


def _statements(booklet) -> EvidenceIndex:
    units = split_units(booklet.chunks)
    return EvidenceIndex(units, np.zeros((len(units), 4))).statements()


def test_lines_the_template_prints_for_every_region_are_not_statements(booklet):
    statements = _statements(booklet)
    assert len(statements.units) == len(statements.vectors) < len(split_units(booklet.chunks))
    texts = [unit.text.replace(" ", "") for unit in statements.units]
    assert not any(text.startswith("連携地域形成の際に困") for text in texts)  # a look-back label
    printed_on: dict[str, set[str]] = {}
    for unit in statements.units:
        printed_on.setdefault(re.sub(r"[\s○]", "", unit.text), set()).add(unit.region)
    assert all(len(regions) < 3 for regions in printed_on.values())
    assert not any(text.startswith("連携地域形成が円滑に") for text in texts)
    # a value two regions happen to share is not the template's
    assert sum("令和3年3月18日" in text for text in texts) >= 2


def test_a_regions_own_statements_stay(booklet):
    units = _statements(booklet).units
    assert any("インスタグラムフォトコンテスト" in unit.text for unit in units)
    assert {unit.region for unit in units} >= {"日高連携地域", "宗谷地域", "根室連携地域"}


def test_a_short_bullet_item_is_a_statement_a_short_label_is_not():
    from ingest.models import Chunk, SectionKind

    text = "事業概要\n・動画広告の配信\n・ノベルティの作成\n構成団体の\n役割分担"
    chunk = Chunk("c1", "d", text, 0, len(text), SectionKind.PROJECT, "事業の詳細", "見出し", region="テスト地域")
    assert [unit.text for unit in split_units([chunk])] == ["・動画広告の配信", "・ノベルティの作成"]


def test_a_line_of_headings_alone_is_not_a_statement_a_headed_value_is():
    from ingest.models import Chunk, SectionKind

    text = "【実施回数】      【参加人数】\n【帯広市】会場の手配、講師との調整\n"
    chunk = Chunk("c1", "d", text, 0, len(text), SectionKind.PROJECT, "事業の詳細", "見出し", region="テスト地域")
    assert [unit.text for unit in split_units([chunk])] == ["【帯広市】会場の手配、講師との調整"]


def test_what_a_project_page_prints_after_its_fields_is_not_a_statement(booklet):
    from ingest.facts import extract_regions
    from ingest.records import after_the_fields

    leave_out = after_the_fields(extract_regions(booklet.parsed))
    text = booklet.parsed.doc.text
    assert leave_out and not any("。" in text[span.start : span.end] for span in leave_out)  # captions, headers
    units = split_units(booklet.chunks, leave_out=leave_out)
    assert len(units) < len(split_units(booklet.chunks))
    assert not any(unit.text.endswith("の様子") for unit in units)  # 「…研修会の様子」 under a photo


def test_a_row_of_the_policy_table_is_no_statement_though_only_one_region_prints_it():
    from index.evidence import EvidenceUnit

    row = "防災  その他(観光振興) ○"  # その他's detail makes the row this region's own
    sentence = "防災担当職員の合同研修を開いた。"
    units = [
        EvidenceUnit("doc", i * 40, i * 40 + len(text), "地域A", None, f"c{i}", "overview", None, "概要", text)
        for i, text in enumerate([row, sentence])
    ]
    statements = EvidenceIndex(units, np.zeros((2, 4))).statements()
    assert [unit.text for unit in statements.units] == [sentence]
