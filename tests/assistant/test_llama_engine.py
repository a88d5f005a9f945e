"""The assistant as a llama-index query engine and agent tool: same answer, same citations."""

import pytest

pytest.importorskip("llama_index.core")

from assistant import jsonout  # noqa: E402
from assistant.llama_engine import CasebookQueryEngine, casebook_tool  # noqa: E402


def test_query_engine_response_carries_the_answer_and_its_citations(assistant):
    question = "釧路の連携地域にはいくつの市町村が参加していますか"
    expected = jsonout.answer(assistant.ask(question))

    response = CasebookQueryEngine(assistant=assistant).query(question)

    assert str(response) == expected["answer"]
    assert response.metadata["citations"] == expected["citations"]
    assert [node.node.get_content() for node in response.source_nodes] == [c["quote"] for c in expected["citations"]]
    assert [node.node.metadata["region"] for node in response.source_nodes] == [c["region"] for c in expected["citations"]]
    assert response.source_nodes, "an answer without sources would break the citation promise"


def test_agent_tool_returns_the_verdict_with_its_clause(assistant):
    tool = casebook_tool(assistant)
    output = tool.call("2町で組む予定で、両町とも定住自立圏に加わっていない。協定もビジョンもまだない。この交付金は使えるか")
    assert tool.metadata.name == "hokkaido_casebook"
    eligibility = output.raw_output.metadata["eligibility"]
    assert eligibility is not None and eligibility["verdict"] in ("eligible", "not_eligible", "needs_info")
    assert "第" in output.content
