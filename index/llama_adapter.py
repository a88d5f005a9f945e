"""The casebook index as llama-index parts: a retriever and an embedding model.

Teams that build on llama-index plug the casebook's hybrid search into their own query
engines and agents through `CasebookRetriever`; every node carries where it came from
(document, region, project, section, page, span), so their answers can cite the booklet.
`CasebookEmbedding` lends the casebook's embedder to llama-index (the peer benchmark uses
it so both sides see the same vectors). Needs the `llama` extra (llama-index-core).
"""

from __future__ import annotations

import asyncio
from typing import Any

from core.errors import CasebookError

try:
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise CasebookError("llama-index support is not installed: pip install 'casebook[llama]'") from error

from index.embed import Embedder
from index.searcher import CasebookIndex
from index.store import SearchHit
from ingest.models import Chunk

# Metadata an LLM should not see in its context (it still travels with the node).
_HIDDEN_FROM_LLM = ["chunk_id", "doc", "start", "end", "kind", "fiscal_years"]


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    """What a node says about its source: enough to cite it and to find the span again."""
    return {
        "chunk_id": chunk.chunk_id,
        "doc": chunk.doc_id,
        "region": chunk.region,
        "project": chunk.project,
        "section": chunk.section,
        "clause": chunk.clause,
        "page": chunk.page,
        "start": chunk.start,
        "end": chunk.end,
        "kind": chunk.kind.value,
        "fiscal_years": list(chunk.fiscal_years),
    }


def hit_to_node(hit: SearchHit) -> NodeWithScore:
    node = TextNode(
        id_=hit.chunk.chunk_id,
        text=hit.chunk.text,
        metadata=chunk_metadata(hit.chunk),
        excluded_llm_metadata_keys=list(_HIDDEN_FROM_LLM),
        excluded_embed_metadata_keys=list(_HIDDEN_FROM_LLM),
    )
    return NodeWithScore(node=node, score=hit.score)


class CasebookRetriever(BaseRetriever):
    """The casebook's search (hybrid by default) behind llama-index's retriever interface."""

    def __init__(self, index: CasebookIndex, similarity_top_k: int = 5, mode: str = "hybrid") -> None:
        super().__init__()
        self._index = index
        self._top_k = similarity_top_k
        self._mode = mode

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self._index.search(query_bundle.query_str, k=self._top_k, mode=self._mode)
        return [hit_to_node(hit) for hit in hits]


class CasebookEmbedding(BaseEmbedding):
    """The casebook's embedder (e5 prefixes included) as a llama-index embedding model."""

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, **kwargs)
        self._embedder = embedder

    @classmethod
    def class_name(cls) -> str:
        return "CasebookEmbedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_passages(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return await asyncio.to_thread(self._get_query_embedding, query)
