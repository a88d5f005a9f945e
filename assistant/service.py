"""The assistant: open the index and the facts once, then answer questions.

    with Assistant(load_settings()) as assistant:
        answer = assistant.ask("防災で連携している地域は？")
        print(answer.answer)
"""

from __future__ import annotations

import time

from assistant.answer import Answer
from assistant.lists import FactsAnswerer
from assistant.llm import LLMAnswerer, make_llm
from assistant.passages import PassageAnswerer
from assistant.conversation import Conversation
from assistant.question import read_question
from assistant.router import route
from assistant.rules import check
from assistant.rules.explain import explain
from core.config import Settings
from assistant.validate import check_question
from index.facts_store import FactsStore
from index.searcher import CasebookIndex


class Assistant:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.index = CasebookIndex(settings)
        self.facts: FactsStore | None = None

    def open(self) -> "Assistant":
        self.index.open()
        try:
            self.facts = FactsStore.load(self.index.folder)
            self.facts.chunk_lemmas()  # tokenize every chunk once, at start-up
        except BaseException:
            self.index.close()
            raise
        self._facts_answerer = FactsAnswerer(self.facts)
        llm = make_llm(self.settings)
        llm_answerer = LLMAnswerer(llm, self.facts.region_names) if llm is not None else None
        self._passages = PassageAnswerer(self.index, self.facts.idf, llm_answerer=llm_answerer)
        return self

    def close(self) -> None:
        self.index.close()

    def __enter__(self) -> "Assistant":
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Route the question and answer it with citations (within a chat, if given)."""
        started = time.perf_counter()
        question = check_question(question)
        asked = question
        if conversation is not None:
            question = conversation.resolve(question, read_question(question, self.facts).regions)
        chosen = route(question, self.facts)
        if chosen.name == "eligibility":
            answer = explain(question, check(chosen.case.facts), self.facts)
        else:
            answer = self._facts_answerer.answer(chosen.question) or self._passages.answer(chosen.question)
        answer.question = asked
        answer.latency_ms = int((time.perf_counter() - started) * 1000)
        if conversation is not None:
            conversation.remember(answer.regions)
        return answer

