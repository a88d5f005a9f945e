"""Search on the whole bundled casebook (real Qdrant, fugashi and default embedder)."""

import pytest

from core.errors import EmptyQueryError, InvalidSettingError
from eval.retrieval import evaluate, load_questions
from index.store import SearchFilter
from tests.conftest import ROOT


def test_hybrid_beats_each_single_method_on_the_retrieval_dataset(casebook_index):
    questions = load_questions(ROOT / "eval" / "retrieval.jsonl")
    assert len(questions) >= 40 and sum(q.paraphrase for q in questions) >= 15
    scores = {s.mode: s for s in evaluate(casebook_index, questions).scores}
    assert scores["hybrid"].recall_at_5 >= 0.9
    assert scores["hybrid"].recall_at_5 > scores["lexical"].recall_at_5
    assert scores["hybrid"].recall_at_5 > scores["dense"].recall_at_5


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_every_mode_returns_k_ranked_hits(casebook_index, mode):
    hits = casebook_index.search("防災の合同研修", k=4, mode=mode)
    assert len(hits) == 4
    assert [hit.rank for hit in hits] == [1, 2, 3, 4]
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))


def test_region_filter(casebook_index):
    hits = casebook_index.search("バスの利用促進", k=10, search_filter=SearchFilter(regions=("日高連携地域",)))
    assert hits and {hit.chunk.region for hit in hits} == {"日高連携地域"}


def test_section_kind_filter(casebook_index):
    hits = casebook_index.search("交付対象経費", k=5, search_filter=SearchFilter(kinds=("clause",)))
    assert hits and all(hit.chunk.clause for hit in hits)
    assert hits[0].chunk.clause.startswith("実施要綱 第5")


def test_fiscal_year_filter(casebook_index):
    hits = casebook_index.search("研修", k=10, search_filter=SearchFilter(fiscal_years=("R5",)))
    assert hits and all("R5" in hit.chunk.fiscal_years for hit in hits)


def test_hits_carry_their_source(casebook_index):
    hit = casebook_index.search("根室の防災関連勉強会の講師", k=1)[0]
    chunk = hit.chunk
    assert (chunk.doc_id, chunk.region, chunk.project) == ("kouiki-renkei-jireishu", "根室連携地域", "防災関連勉強会")
    assert chunk.page is None  # a text source has no pages


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_is_refused(casebook_index, query):
    with pytest.raises(EmptyQueryError):
        casebook_index.search(query)


@pytest.mark.parametrize("k, mode", [(0, "hybrid"), (101, "hybrid"), (5, "bm25")])
def test_bad_settings_are_refused_with_what_was_given(casebook_index, k, mode):
    with pytest.raises(InvalidSettingError, match=str(k) if k != 5 else mode):
        casebook_index.search("防災", k=k, mode=mode)


def test_search_by_region_gives_one_passage_for_each_of_the_best_regions(casebook_index):
    query = "住民向けの講習会やセミナーを開いた"
    hits = casebook_index.search_by_region(query, regions=4)
    regions = [hit.chunk.region for hit in hits]
    assert len(hits) == 4 and len(set(regions)) == 4 and [hit.rank for hit in hits] == [1, 2, 3, 4]
    plain = [hit.chunk.region for hit in casebook_index.search(query, k=60) if hit.chunk.region]
    assert regions == list(dict.fromkeys(plain))[:4]  # the regions in the order of their best passage


def test_fact_cards_are_searched_only_when_asked_for(casebook_index):
    from index.store import FACT_KIND

    for mode in ("hybrid", "dense", "lexical"):
        assert all(hit.chunk.kind.value != FACT_KIND for hit in casebook_index.search("日高の人口は何人", k=50, mode=mode))
    assert all(chunk.kind.value != FACT_KIND for chunk in casebook_index.all_chunks())
    assert len(casebook_index.all_chunks()) == casebook_index.manifest.chunk_count


def test_a_regions_fact_cards_answer_a_value_asked_in_other_words(casebook_index):
    from index.store import FACT_KIND, SearchFilter

    only_cards = SearchFilter(regions=("日高連携地域",), kinds=(FACT_KIND,))
    hits = casebook_index.search("住んでいる人の数", k=3, mode="dense", search_filter=only_cards)
    assert hits[0].chunk.attribute == "population" and hits[0].chunk.text.startswith("日高連携地域の人口は")
    assert {hit.chunk.region for hit in hits} == {"日高連携地域"}
    # cards carry no lexical vector: the passages' BM25 statistics are the passages' own
    assert casebook_index.search("日高連携地域の人口", k=3, mode="lexical", search_filter=only_cards) == []


def test_the_manifest_counts_the_fact_cards_it_was_built_with(casebook_index):
    store = casebook_index.store
    assert casebook_index.manifest.fact_count == store.count(facts=True) > 100
    assert store.count() == casebook_index.manifest.chunk_count


def test_the_hybrid_reorders_its_passages_by_their_best_sentence(casebook_index):
    from dataclasses import replace

    from index.tokenize import lemmas

    query = "写真の投稿を募る催しをした地域"
    casebook_index.fusion = replace(casebook_index.fusion, sentence_weight=0.0)
    pool = casebook_index.search(query, k=40)
    casebook_index.fusion = replace(casebook_index.fusion, sentence_weight=100.0)  # the sentences decide
    led = casebook_index.search(query, k=5)
    assert casebook_index.evidence is not None  # the generation's sentence units were loaded
    assert {hit.chunk.chunk_id for hit in led} <= {hit.chunk.chunk_id for hit in pool}  # a reordering of the pool
    mixed = casebook_index.evidence.mixed(casebook_index.query_vector(query), list(lemmas(query)), casebook_index.fusion.sentence_lexical)
    best = casebook_index.evidence.best_by_chunk(mixed, [hit.chunk.chunk_id for hit in pool])
    assert [hit.chunk.chunk_id for hit in led] == sorted(best, key=lambda chunk_id: -best[chunk_id])[:5]
    assert [hit.chunk.chunk_id for hit in led] != [hit.chunk.chunk_id for hit in pool[:5]]  # the order did change


def test_passages_without_sentence_units_are_still_found(casebook_index):
    hits = casebook_index.search("交付金の対象にならない経費", k=5)
    assert any(hit.chunk.clause for hit in hits)  # the grant rules have no sentence units


def test_an_index_without_sentence_units_searches_as_before(casebook_index):
    from dataclasses import replace

    casebook_index.fusion = replace(casebook_index.fusion, sentence_weight=0.0)
    fused_only = casebook_index.search("防災の合同研修", k=3)
    casebook_index.fusion = replace(casebook_index.fusion, sentence_weight=0.125)
    casebook_index.evidence = None
    hits = casebook_index.search("防災の合同研修", k=3)
    assert [hit.rank for hit in hits] == [1, 2, 3]
    assert [(hit.chunk.chunk_id, hit.score) for hit in hits] == [
        (hit.chunk.chunk_id, hit.score) for hit in fused_only
    ]  # Qdrant's order and scores


def test_a_loanword_cut_short_is_searched_as_the_casebooks_longer_word(casebook_index):
    """BM25 matches whole words: 「コンサル」 (UniDic: コン + サル) matched nothing, and the one
    line that says コンサルタント was not among the lexical hits."""
    assert casebook_index.evidence is not None
    assert "コンサルタント" in casebook_index.evidence.query_terms("コンサルの力を借りた取組")
    hits = casebook_index.search("コンサルの力を借りた取組", k=5, mode="lexical")
    assert any("コンサルタント" in hit.chunk.text for hit in hits)
