"""The whole assistant as a llama-index query engine and agent tool.

`CasebookQueryEngine.query()` returns a llama-index `Response` whose text is the
assistant's answer (lists, counts and verdicts computed from the records, not generated),
whose `source_nodes` are the cited passages, and whose `metadata` is the `ask --json`
object — so an agent that calls the casebook gets the same citations an officer sees.
Needs the `llama` extra (llama-index-core).
"""

from __future__ import annotations

from typing import Any

from core.errors import CasebookError

try:
    from llama_index.core.base.response.schema import Response
    from llama_index.core.query_engine import CustomQueryEngine
    from llama_index.core.schema import NodeWithScore, TextNode
    from llama_index.core.tools import QueryEngineTool
except ImportError as error:  # pragma: no cover - exercised only without the extra
    raise CasebookError("llama-index support is not installed: pip install 'casebook[llama]'") from error

from assistant import jsonout
from assistant.answer import Answer, Citation

TOOL_DESCRIPTION = (
    "Answers questions in Japanese about Hokkaido's 広域連携事例集 (inter-municipal cooperation casebook) "
    "and the grant rules of 地域づくり総合交付金・広域連携加速化事業, with citations of the booklet."
)


def citation_node(citation: Citation) -> NodeWithScore:
    node = TextNode(
        id_=f"{citation.chunk_id or citation.doc}#{citation.n}",
        text=citation.quote,
        metadata={
            "n": citation.n,
            "doc": citation.doc,
            "region": citation.region,
            "project": citation.project,
            "section": citation.section,
            "page": citation.page,
            "chunk_id": citation.chunk_id,
            "start": citation.start,
            "end": citation.end,
        },
    )
    return NodeWithScore(node=node, score=citation.score)


def to_response(answer: Answer) -> Response:
    return Response(
        response=answer.answer,
        source_nodes=[citation_node(citation) for citation in answer.citations],
        metadata=jsonout.answer(answer),
    )


class CasebookQueryEngine(CustomQueryEngine):
    """Any object with `ask(question) -> Answer` (the `Assistant`) as a query engine."""

    assistant: Any

    def custom_query(self, query_str: str) -> Response:
        return to_response(self.assistant.ask(query_str))


def casebook_tool(assistant: Any, name: str = "hokkaido_casebook") -> QueryEngineTool:
    """The assistant as a tool for a llama-index agent."""
    return QueryEngineTool.from_defaults(query_engine=CasebookQueryEngine(assistant=assistant), name=name, description=TOOL_DESCRIPTION)
