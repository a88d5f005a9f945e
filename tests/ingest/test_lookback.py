"""The look-back pages read into notes: what was hard and what helped, for forming each
region and for each of its projects, each note quoting the booklet verbatim."""

from pathlib import Path

from ingest.facts import extract_regions
from ingest.models import NormalizedDocument
from ingest.parser import parse_document


def test_every_template_region_has_its_notes_on_forming_and_on_each_project(booklet):
    regions = extract_regions(booklet.parsed)
    for region in regions:
        kinds = {(note.project, note.kind) for note in region.lookback}
        assert {(None, "hardships"), (None, "devices")} <= kinds, region.name
        for project in region.projects:
            assert {(project.name, "hardships"), (project.name, "devices")} <= kinds, (region.name, project.name)
        for note in region.lookback:
            assert booklet.parsed.doc.text[note.span.start : note.span.end].strip() == note.text
            assert not note.text.endswith(("工夫した点", "困難と感じた点"))  # a label is never part of a note


def test_a_note_stops_at_the_next_label_and_leaves_page_headers_out(booklet):
    regions = {region.name: region for region in extract_regions(booklet.parsed)}
    forming = next(n for n in regions["宗谷地域"].lookback if n.project is None and n.kind == "hardships")
    assert forming.text.startswith("平成22年度に宗谷定住自立圏を形成済み")
    assert "工夫" not in forming.text
    last = regions["宗谷地域"].lookback[-1]
    assert last.text.endswith("勉強会を実施した。")  # not the page header 「…の取組に係る振り返り」 after it


def test_a_later_edition_with_other_projects_reads_the_same_way(booklet):
    """Nothing is keyed to this edition's names: a renamed project keeps its notes."""
    text = booklet.parsed.doc.text.replace("防災関連勉強会", "防災力向上研修会")
    edition = NormalizedDocument(doc_id=booklet.doc_id, path=Path("r7.txt"), sha256="r7", text=text)
    regions = {region.name: region for region in extract_regions(parse_document(edition))}
    notes = regions["根室連携地域"].lookback
    assert {n.kind for n in notes if n.project == "防災力向上研修会"} == {"hardships", "devices"}
