"""Fact cards: each record value as one statement, cited where the booklet prints it."""

import re

import pytest

from ingest.fact_cards import fact_cards, meaning
from ingest.facts import extract_regions
from ingest.models import SectionKind


@pytest.fixture(scope="module")
def documents(booklet, kitami):
    return {doc.doc_id: doc.parsed.doc.text for doc in (booklet, kitami)}


@pytest.fixture(scope="module")
def cards(booklet, kitami):
    return fact_cards([region for doc in (booklet, kitami) for region in extract_regions(doc.parsed)])


def _digits(text: str) -> str:
    return re.sub(r"[^\d.]", "", text)


def test_every_region_value_of_the_overview_table_has_a_card(cards):
    by_region: dict[str, set[str]] = {}
    for card in cards:
        by_region.setdefault(card.region or "", set()).add(card.attribute or "")
    assert len(by_region) == 12
    # every region prints members, a population and an area; the grant regions a grant per year
    assert all({"members", "population", "area"} <= attributes for attributes in by_region.values())
    assert "grant" in by_region["南空知圏域"] and "grant" not in by_region["石狩地域"]


def test_a_card_states_the_value_and_cites_where_it_is_printed(cards, documents):
    population = next(card for card in cards if card.region == "南空知圏域" and card.attribute == "population")
    assert population.text == "南空知圏域の人口は152,486人です。"
    assert _digits(population.text).rstrip(".") in _digits(documents[population.doc_id][population.start : population.end])
    for card in cards:
        assert card.kind is SectionKind.FACT and card.region in card.text
        assert 0 <= card.start < card.end <= len(documents[card.doc_id])


def test_dates_are_written_as_the_booklet_writes_them(cards):
    agreement = next(card for card in cards if card.region == "南空知圏域" and card.attribute == "agreement_date")
    assert "令和2年10月9日" in agreement.text


def test_grants_are_one_card_per_fiscal_year_with_the_year_as_filter(cards):
    grants = [card for card in cards if card.region == "南空知圏域" and card.attribute == "grant"]
    assert [card.fiscal_years for card in grants] == [("R2",), ("R3",), ("R4",), ("R5",), ("R6",)]
    assert "令和3年度" in grants[1].text and "600千円" in grants[1].text


def test_a_member_towns_own_figures_are_cards_where_the_report_prints_them(cards):
    members = [card for card in cards if card.attribute == "member_population"]
    assert members and all(card.region == "北見地域定住自立圏" for card in members)


def test_card_ids_are_stable_and_unique(booklet, kitami, cards):
    again = fact_cards([region for doc in (booklet, kitami) for region in extract_regions(doc.parsed)])
    assert [card.chunk_id for card in again] == [card.chunk_id for card in cards]
    assert len({card.chunk_id for card in cards}) == len(cards)


def test_a_cards_meaning_carries_the_words_officers_use_for_the_label():
    assert meaning("secretariat").startswith("事務局担当市町村（") and "取りまとめ役" in meaning("secretariat")
    assert "広い" in meaning("area")
