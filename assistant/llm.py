"""The optional LLM answerer, through llama-index (an OpenAI-compatible endpoint or Ollama).

It only phrases answers from numbered passages; afterwards code checks that every [n]
exists, that at least one is given, and that no region is named that its citations do not
back. Any failure — timeout, HTTP error, a broken check — returns None and the offline
answer is used instead. Eligibility verdicts and list/aggregate sets never come from here.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from assistant.answer import Answer, CitationList
from assistant.question import QuestionFacts, region_aliases
from core.config import Settings
from core.errors import CasebookError
from index.store import SearchHit

log = logging.getLogger("casebook.llm")
PROMPTS = Path(__file__).resolve().parents[1] / "prompts"
DECLINE = "事例集には記載がありません"


def make_llm(settings: Settings):
    """The configured llama-index LLM, or None when no LLM is configured."""
    if not settings.llm:
        return None
    try:
        return _build_llm(settings)
    except ImportError as error:
        raise CasebookError(
            f"the LLM answerer needs the llm extra ({error.name} is missing): pip install 'casebook[llm]'",
            "LLM を使うための追加パッケージが入っていません。管理者に連絡してください。",
        ) from None


def _build_llm(settings: Settings):
    if settings.llm == "ollama":
        from llama_index.llms.ollama import Ollama

        return Ollama(model=settings.llm_model, base_url=settings.llm_url, request_timeout=settings.llm_timeout, temperature=0.0)
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=settings.llm_model,
        api_base=settings.llm_url,
        api_key=settings.llm_api_key or "not-needed",
        is_chat_model=True,
        timeout=settings.llm_timeout,
        max_retries=0,
        temperature=0.0,
        context_window=8192,
    )


def load_prompt(name: str) -> str:
    return (PROMPTS / name).read_text(encoding="utf-8")


class LLMAnswerer:
    def __init__(self, llm, region_names: list[str]):
        self.llm = llm
        self.system = load_prompt("system_ja.txt")
        self.template = load_prompt("answer_ja.txt")
        self.aliases = region_aliases(region_names)

    def render(self, question: str, hits: list[SearchHit]) -> str:
        passages = "\n\n".join(
            f"[{number}] ({' / '.join(p for p in (hit.chunk.region, hit.chunk.project, hit.chunk.clause or hit.chunk.section) if p)})"
            f"\n{hit.chunk.text}"
            for number, hit in enumerate(hits, start=1)
        )
        return self.template.format(passages=passages, question=question)

    def answer(self, q: QuestionFacts, hits: list[SearchHit]) -> Answer | None:
        if not hits:
            return None
        from llama_index.core.llms import ChatMessage

        try:
            response = self.llm.chat(
                [
                    ChatMessage(role="system", content=self.system),
                    ChatMessage(role="user", content=self.render(q.text, hits)),
                ]
            )
            text = (response.message.content or "").strip()
        except Exception as error:  # timeouts, connection and HTTP errors alike: fall back
            log.warning("LLM call failed (%s); using the offline answer", error.__class__.__name__)
            return None
        return self.verified(q, text, hits)

    def verified(self, q: QuestionFacts, text: str, hits: list[SearchHit]) -> Answer | None:
        """The LLM's text as an Answer, or None when it fails the citation checks."""
        if not text:
            return None
        if DECLINE in text and not re.search(r"\[\d+\]", text):
            citations = CitationList()
            for hit in hits[:3]:
                _cite(citations, hit)
            return Answer(
                q.text,
                "unanswerable",
                f"{DECLINE}。 関連しそうな箇所：" + "".join(f"[{c.n}]" for c in citations.items),
                [],
                citations.items,
            )
        markers = [int(n) for n in re.findall(r"\[(\d+)\]", text)]
        if not markers or any(not 1 <= n <= len(hits) for n in markers):
            log.warning("LLM answer cites no passage or a passage that does not exist; using the offline answer")
            return None
        used = sorted(set(markers))
        cited_regions = {hits[n - 1].chunk.region for n in used}
        named = {self.aliases[alias] for alias in self.aliases if alias in text}
        if named - cited_regions:
            log.warning("LLM answer names regions its citations do not back; using the offline answer")
            return None
        citations = CitationList()
        renumber = {n: _cite(citations, hits[n - 1]) for n in used}
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{renumber[int(m.group(1))]}]", text)
        kind = "fact" if q.regions or len(used) == 1 else "open"
        regions = [r for r in dict.fromkeys(hits[n - 1].chunk.region for n in used) if r]
        return Answer(q.text, kind, text, regions, citations.items)


def _cite(citations: CitationList, hit: SearchHit) -> int:
    chunk = hit.chunk
    return citations.add(
        doc=chunk.doc_id,
        region=chunk.region,
        project=chunk.project,
        section=chunk.clause or chunk.section,
        page=chunk.page,
        quote=chunk.text,
        chunk_id=chunk.chunk_id,
        score=round(hit.score, 4),
        start=chunk.start,
        end=chunk.end,
    )
