import pytest

from ingest.chunker import MAX_CHARS, fiscal_years
from ingest.models import SectionKind


@pytest.fixture(params=["booklet", "kitami"])
def document(request):
    return request.getfixturevalue(request.param)


def test_every_chunk_is_a_verbatim_slice_of_the_normalised_text(document):
    text = document.parsed.doc.text
    for chunk in document.chunks:
        assert chunk.text == text[chunk.start : chunk.end]


def test_no_chunk_crosses_a_region_project_or_clause(document):
    sections = document.parsed.sections
    for chunk in document.chunks:
        holders = [s for s in sections if s.start <= chunk.start and chunk.end <= s.end]
        assert len(holders) == 1, chunk.heading
        section = holders[0]
        assert (chunk.region, chunk.project, chunk.kind) == (section.region, section.project, section.kind)
        if chunk.clause:
            assert chunk.clause.startswith(section.clause)


def test_chunks_are_a_few_hundred_characters(booklet):
    sizes = [len(chunk.text) for chunk in booklet.chunks]
    assert max(sizes) <= MAX_CHARS * 1.25
    assert 200 <= sum(sizes) / len(sizes) <= 400


def test_chunks_cover_every_section_of_substance(booklet):
    covered = {(c.region, c.project, c.kind, c.clause and c.clause.split("の")[0].split("(")[0]) for c in booklet.chunks}
    for section in booklet.parsed.sections:
        if section.end - section.start >= 20:
            assert (section.region, section.project, section.kind, section.clause) in covered


def test_chunk_ids_are_unique_and_stable(booklet):
    from ingest.pipeline import ingest_file
    from tests.conftest import BOOKLET

    ids = [chunk.chunk_id for chunk in booklet.chunks]
    assert len(set(ids)) == len(ids)
    assert [chunk.chunk_id for chunk in ingest_file(BOOKLET).chunks] == ids


def test_clause_chunks_carry_the_most_specific_clause(booklet):
    clauses = {chunk.clause for chunk in booklet.chunks if chunk.kind is SectionKind.CLAUSE}
    assert "実施要綱 第6" in clauses
    assert "推進要綱 第3(2)" in clauses


def test_project_chunks_carry_the_heading_path(booklet):
    chunk = next(c for c in booklet.chunks if c.project == "防災関連勉強会")
    assert chunk.heading == "根室連携地域 / 防災関連勉強会 / 事業の詳細"
    assert chunk.section == "事業の詳細"


@pytest.mark.parametrize(
    "text, years",
    [
        ("(R5年度) 合同研修", ("R5",)),
        ("令和2年度から令和6年度まで", ("R2", "R6")),
        ("令和元年10月18日", ("R1",)),
        ("RPAの研修", ()),
        ("R3~R4年度は", ("R3", "R4")),
    ],
)
def test_fiscal_years_mentioned(text, years):
    assert fiscal_years(text) == years
