import pytest

from assistant.question import read_question, region_aliases
from index.facts_store import FactsStore
from ingest.facts import extract_regions


@pytest.fixture(scope="module")
def facts(booklet, kitami):
    regions = extract_regions(booklet.parsed) + extract_regions(kitami.parsed)
    documents = {booklet.doc_id: booklet.parsed.doc.text, kitami.doc_id: kitami.parsed.doc.text}
    return FactsStore.build(regions, documents, list(booklet.chunks) + list(kitami.chunks))


def test_short_region_names():
    aliases = region_aliases(["後志17町村連携地域", "西紋別地区町村会連携地域", "南空知圏域", "北見地域定住自立圏"])
    assert aliases["後志"] == "後志17町村連携地域"
    assert aliases["後志17町村"] == "後志17町村連携地域"
    assert aliases["西紋別"] == "西紋別地区町村会連携地域"
    assert aliases["西紋別地区"] == "西紋別地区町村会連携地域"  # its pages' own short form
    assert aliases["南空知"] == "南空知圏域"
    assert aliases["北見"] == "北見地域定住自立圏"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("日高の事務局は？", {"regions": ("日高連携地域",)}),
        ("釧路町はどの地域？", {"municipalities": ("釧路町",), "regions": ()}),  # a town, not the region 釧路
        ("防災分野で連携している地域を教えて", {"fields": ("防災",), "field_context": True, "asks_regions": True}),
        ("令和５年度の交付額が１，０００万円以上の地域", {"years": ("R5",), "amount_thousand_yen": 10000, "comparator": ">="}),
        ("交付額が800万円未満", {"amount_thousand_yen": 8000, "comparator": "<"}),
        ("交付額が5,000千円を超える", {"amount_thousand_yen": 5000, "comparator": ">"}),
        ("構成市町村の数が最も多い地域は？", {"superlative": "max", "attribute": "member_count"}),
        ("面積が最も狭い地域", {"superlative": "min", "attribute": "area"}),
        ("協定の締結が最も早い地域", {"superlative": "min", "attribute": "agreement_date"}),
        ("令和2年度の交付額の合計は？", {"wants_total": True, "years": ("R2",)}),
        ("交付金を活用している連携地域は何地域？", {"wants_count": True, "region_kind": "grant"}),
        ("国の広域連携制度を使う地域", {"region_kind": "national"}),
        ("令和元年度の取組", {"years": ("R1",)}),
    ],
)
def test_reads_the_shape_of_a_question(facts, question, expected):
    read = read_question(question, facts)
    for name, value in expected.items():
        assert getattr(read, name) == value, name
