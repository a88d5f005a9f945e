"""Region records against the booklet, value by value (expectations written by reading
the printed tables, not by running the parser)."""

from pathlib import Path

import pytest

from ingest.facts import extract_regions
from ingest.models import NormalizedDocument
from ingest.parser import parse_document

# name: (members count, population, area km², secretariat, agreement, fields ○, grants 千円 by year)
EXPECTED = {
    "南空知圏域": (
        9,
        152486,
        2562.25,
        ("岩見沢市",),
        "2020-10-09",
        {"地域公共交通", "ICTの活用", "防災"},
        {"R2": 10000, "R3": 600, "R4": 8000, "R5": 3900, "R6": 10000},
    ),
    "後志17町村連携地域": (
        17,
        70629,
        3562.56,
        ("共和町",),
        "2021-03-18",
        {"人材の育成", "職員等の交流"},
        {"R3": 400, "R4": 400, "R5": 400, "R6": 400},
    ),
    "日高連携地域": (
        7,
        63372,
        4811.15,
        ("新ひだか町",),
        "2021-01-07",
        {"地域公共交通", "ICTの活用", "機能の集約化"},
        {"R2": 8000, "R3": 8000, "R4": 8100, "R5": 9400, "R6": 10000},
    ),
    "留萌中北部5町村連携地域": (
        5,
        16034,
        2151.13,
        ("遠別町",),
        "2021-10-06",
        {"人材の育成", "職員等の交流"},
        {"R3": 300, "R4": 400, "R5": 600, "R6": 900},
    ),
    "留萌南部3市町連携地域": (3, 27016, 1294.77, ("留萌市",), "2024-03-25", {"ICTの活用", "人材の育成", "環境"}, {"R5": 7000, "R6": None}),
    "遠軽地区連携地域": (
        3,
        32386,
        2243.18,
        ("遠軽町",),
        "2021-03-18",
        {"医療", "地域公共交通", "その他"},
        {"R2": 10000, "R3": 10000, "R4": 10000, "R5": 10000, "R6": 10000},
    ),
    "西紋別地区町村会連携地域": (
        4,
        11301,
        2074.4,
        ("興部町",),
        "2023-01-31",
        {"医療", "福祉", "人材の育成"},
        {"R4": 10000, "R5": 10000, "R6": 10000},
    ),
    "根室連携地域": (
        5,
        71771,
        3533.16,
        ("別海町", "中標津町", "羅臼町"),
        "2022-03-30",
        {"ICTの活用", "人材の育成", "機能の集約化"},
        {"R3": 400, "R4": 0, "R5": 1500, "R6": 2000},
    ),
    "石狩地域": (12, 2604945, 4514.89, ("札幌市",), "2019-03-29", {"ICTの活用", "人材の育成"}, {}),
    "宗谷地域": (10, 62140, 4626.09, ("稚内市",), "2011-01-20", {"人材の育成", "職員等の交流"}, {}),
    "釧路地域": (8, 222613, 5997.48, ("釧路市",), "2009-12-11", {"人材の育成", "職員等の交流"}, {}),
    "北見地域定住自立圏": (5, 144304, 3300.84, ("北見市",), "2019-10-18", set(), {}),
}
MEMBERS = {
    "南空知圏域": ["岩見沢市", "夕張市", "美唄市", "三笠市", "南幌町", "由仁町", "長沼町", "栗山町", "月形町"],
    "日高連携地域": ["日高町", "平取町", "新冠町", "浦河町", "様似町", "えりも町", "新ひだか町"],
    "釧路地域": ["釧路市", "釧路町", "厚岸町", "浜中町", "標茶町", "弟子屈町", "鶴居村", "白糠町"],
    "北見地域定住自立圏": ["北見市", "美幌町", "津別町", "訓子府町", "置戸町"],
}


@pytest.fixture(scope="module")
def regions(booklet, kitami):
    found = extract_regions(booklet.parsed) + extract_regions(kitami.parsed)
    return {region.name: region for region in found}


def test_a_record_for_each_of_the_twelve_regions(regions):
    assert set(regions) == set(EXPECTED)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_region_table_values(regions, name):
    count, population, area, secretariat, agreement, fields, grants = EXPECTED[name]
    region = regions[name]
    assert len(region.members) == count
    if name != "北見地域定住自立圏":  # the report prints no member count, only the list
        assert region.member_count.value == count
    assert region.population.value == population
    assert region.area_km2.value == area
    assert region.secretariat.value == secretariat
    assert region.agreement_date.value == agreement
    assert set(region.field_names) == fields
    assert {g.year: g.thousand_yen for g in region.grants} == grants


@pytest.mark.parametrize("name", list(MEMBERS))
def test_members_in_printed_order(regions, name):
    assert [m.name for m in regions[name].members] == MEMBERS[name]


def test_the_typo_in_the_member_list_takes_the_documents_spelling(regions):
    shinkappu = next(m for m in regions["日高連携地域"].members if m.name == "新冠町")
    assert shinkappu.printed_as == "新冠村"
    assert regions["日高連携地域"].notes


def test_joins_and_amendments_are_dated(regions):
    shiribeshi = regions["後志17町村連携地域"]
    joined = {m.name: m.joined for m in shiribeshi.members if m.joined}
    assert joined == {"蘭越町": "2022-03-18", "神恵内村": "2023-04-21"}
    assert [a.value for a in shiribeshi.agreement_amended] == ["2023-04-21"]
    assert [a.value for a in regions["日高連携地域"].vision_amended] == ["2023-06-15"]


def test_kinds_follow_the_listing_chapters(regions):
    kinds = {name: region.kind for name, region in regions.items()}
    assert [n for n, k in kinds.items() if k == "national"] == ["石狩地域", "宗谷地域", "釧路地域"]
    assert kinds["北見地域定住自立圏"] == "other"
    assert sum(k == "grant" for k in kinds.values()) == 8


def test_undecided_grant_is_unknown_not_zero(regions):
    r6 = regions["留萌南部3市町連携地域"].grant_for("R6")
    assert r6.thousand_yen is None and r6.printed == "未定" and r6.estimate


def test_other_field_keeps_its_text(regions):
    other = next(m for m in regions["遠軽地区連携地域"].fields if m.field == "その他")
    assert other.detail == "産業振興"


def test_projects_carry_bodies_activities_and_lecturers(regions):
    nemuro = {p.name: p for p in regions["根室連携地域"].projects}
    study = nemuro["防災関連勉強会"]
    assert study.bodies == ("根室市", "別海町", "中標津町", "標津町", "羅臼町")
    assert {a.year: a.status for a in study.activities} == {"R3": "実施", "R4": "実施", "R5": "実施", "R6": "検討中"}
    assert "一般社団法人日本気象予報士会等" in [lecturer.value for lecturer in study.lecturers]
    kisochosa = regions["南空知圏域"].projects[0]
    assert {a.year: a.status for a in kisochosa.activities}["R3"] == "-"
    gomi = {p.name: p for p in regions["留萌南部3市町連携地域"].projects}["ごみ分別適正化事業"]
    assert "1,795件" in [f.value for f in gomi.outcome_figures]


def test_every_value_span_quotes_its_value(booklet, regions):
    text = booklet.parsed.doc.text
    hidaka = regions["日高連携地域"]
    assert text[hidaka.population.span.start : hidaka.population.span.end].startswith("63,372")
    assert "新ひだか町" in text[hidaka.secretariat.span.start : hidaka.secretariat.span.end]
    mark = hidaka.fields[0]
    assert text[mark.span.start : mark.span.end].endswith("○")
    grant = hidaka.grant_for("R4")
    assert text[grant.span.start : grant.span.end] == "8,100"


def test_an_r7_edition_with_changed_figures_and_a_new_region(booklet):
    """Same template, one figure changed and one region added: no code changes needed."""
    text = booklet.parsed.doc.text
    text = text.replace("人口※ 63,372人", "人口※ 61,000人")
    start = text.index("遠軽地区連携地域\n遠軽地区連携地域")
    end = text.index("西紋別地区町村会連携地域\n西紋別地区町村会連携地域")
    block = text[start:end].replace("遠軽地区連携地域", "十勝南部連携地域").replace("遠軽町", "広尾町")
    block = block.replace("佐呂間町", "大樹町").replace("湧別町", "幕別町")
    listing_row = "十勝南部連携地域 広尾町、大樹町、幕別町 ・地域医療対策事業\n"
    text = text.replace("根室連携地域 根室市", listing_row + "根室連携地域 根室市", 1)
    variant = text[:end] + block + text[end:]
    doc = NormalizedDocument(doc_id="r7", path=Path("r7.txt"), sha256="0", text=variant)
    regions = {r.name: r for r in extract_regions(parse_document(doc))}
    assert regions["日高連携地域"].population.value == 61000
    added = regions["十勝南部連携地域"]
    assert [m.name for m in added.members] == ["広尾町", "大樹町", "幕別町"]
    assert added.kind == "grant" and set(added.field_names) == {"医療", "地域公共交通", "その他"}


def test_a_prose_field_ends_with_its_last_sentence_not_the_photo_captions_after_it(regions):
    """The last field of a project page runs to the page's end, where the template prints
    photos' captions (「…成果品(…ポスター)」) and the next page's header."""
    for region in regions.values():
        for project in region.projects:
            for field in (project.purpose, project.outcomes):
                if field is not None and "。" in field.value:
                    assert field.value.rstrip().endswith("。"), (project.name, field.value[-40:])
    bus = {p.name: p for p in regions["日高連携地域"].projects}["地域公共交通利用促進事業"]
    assert "成果品" not in bus.outcomes.value


def test_a_secretariat_named_for_one_year_keeps_that_year(regions):
    """後志 prints 「共和町（R５）」: the secretariat rotates, so the year is part of the value."""
    shiribeshi = regions["後志17町村連携地域"]
    assert shiribeshi.secretariat.value == ("共和町",) and shiribeshi.secretariat_year == "R5"
    assert shiribeshi.secretariat_text == "共和町(R5)"
    assert regions["日高連携地域"].secretariat_year is None
