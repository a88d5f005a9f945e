"""The casebook index inside llama-index: a real RetrieverQueryEngine over the real index.

The LLM is llama-index's own MockLLM (a true boundary: no model runs here); retrieval,
nodes and their source metadata are the casebook's real ones.
"""

import numpy as np
import pytest

pytest.importorskip("llama_index.core")

from llama_index.core.llms import MockLLM  # noqa: E402
from llama_index.core.query_engine import RetrieverQueryEngine  # noqa: E402

from index.llama_adapter import CasebookEmbedding, CasebookRetriever  # noqa: E402
from tests.conftest import BOOKLET, KITAMI  # noqa: E402


def test_a_llama_index_query_engine_built_on_the_retriever_cites_the_booklet(casebook_index, booklet):
    engine = RetrieverQueryEngine.from_args(CasebookRetriever(casebook_index, similarity_top_k=4), llm=MockLLM(max_tokens=16))

    response = engine.query("日高の町どうしが協定に調印したのはいつ")

    assert len(response.source_nodes) == 4
    regions = [node.metadata["region"] for node in response.source_nodes]
    assert "日高連携地域" in regions
    text = booklet.parsed.doc.text
    for node in response.source_nodes:
        meta = node.metadata
        assert meta["doc"] in (BOOKLET.stem, KITAMI.stem)
        if meta["doc"] == booklet.doc_id:
            assert text[meta["start"] : meta["end"]] == node.node.get_content()  # the span finds the passage again
    assert "chunk_id" not in response.source_nodes[0].node.get_content(metadata_mode="llm")


def test_retriever_nodes_follow_the_casebook_search_order(casebook_index):
    hits = casebook_index.search("高校生の地元就職を後押しする取組", k=3)
    nodes = CasebookRetriever(casebook_index, similarity_top_k=3).retrieve("高校生の地元就職を後押しする取組")
    assert [node.node.node_id for node in nodes] == [hit.chunk.chunk_id for hit in hits]
    assert [node.score for node in nodes] == pytest.approx([hit.score for hit in hits])


def test_the_embedding_adapter_gives_the_casebook_embedder_vectors(casebook_index):
    embedder = casebook_index.embedder
    adapter = CasebookEmbedding(embedder)
    query = "観光の広域周遊ルート"
    assert np.allclose(adapter.get_query_embedding(query), embedder.embed_query(query), atol=1e-6)
    assert np.allclose(adapter.get_text_embedding_batch(["道の駅", "防災訓練"]), embedder.embed_passages(["道の駅", "防災訓練"]), atol=1e-6)
