"""The assistant: open the index and the facts once, then answer questions.

with Assistant(load_settings()) as assistant:
    answer = assistant.ask("防災で連携している地域は？")
    print(answer.answer)
"""

from __future__ import annotations

import time
from dataclasses import replace

from assistant.answer import Answer, appended
from assistant.answerers.aggregates import AggregateAnswerer
from assistant.answerers.attribute_cards import AttributeCards
from assistant.answerers.region_facts import RegionFactsAnswerer
from assistant.answerers.region_projects import RegionProjects
from assistant.answerers.rule_statements import RuleStatementAnswerer
from assistant.answerers.topical import TopicalListAnswerer, attribute_words
from assistant.conversation import Conversation
from assistant.lists import FactsAnswerer
from assistant.llm import LLMAnswerer, make_llm
from assistant.passages import GENERIC_WORDS, PassageAnswerer, asked_terms
from assistant.project_fields import LABEL_NOUNS, FieldReader, asked_phrase, field_spans
from assistant.question import QuestionFacts, facts_view
from assistant.router import route
from assistant.rules import check
from assistant.rules.explain import explain
from assistant.rules.followup import PendingCase, read_reply
from assistant.understand.answer_type import NAME_NOUNS, asks_how_or_why, asks_until, asks_when_it_happened, expected, topic_asked
from assistant.understand.intent import IntentClassifier
from assistant.understand.parse import COMPARISON_NOUNS, REGION_COUNTERS, Question, parse, without_kind
from assistant.understand.plan import build_plan
from assistant.understand.remainder import asks_something, rest_of_question
from assistant.understand.vocabulary import Vocabulary
from assistant.validate import check_question
from core.config import Settings
from core.errors import CasebookError
from index.facts_store import FactsStore
from index.searcher import CasebookIndex
from ingest.attribute_words import ATTRIBUTES
from ingest.lookback import LOOKBACK_LABELS
from ingest.records import after_the_fields

LOOK_BACK = frozenset(key for key, _label in LOOKBACK_LABELS)  # what was hard, what helped


class Assistant:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.index = CasebookIndex(settings)
        self._facts: FactsStore | None = None
        self._checked = time.monotonic()

    def open(self) -> Assistant:
        self.index = CasebookIndex(self.settings)
        self.index.open()
        try:
            self._facts = FactsStore.load(self.index.generation_folder)
            self._facts.chunk_lemmas()  # tokenize every chunk once, at start-up
        except BaseException:
            self.index.close()
            raise
        statements = self.index.evidence.statements() if self.index.evidence is not None else None
        self._topical = TopicalListAnswerer(self.facts, statements, self.index.query_vector)
        self._facts_answerer = FactsAnswerer(self.facts, names_topic=self._topical.names_topic_beyond_kind)
        self._vocabulary = Vocabulary(self.facts)
        self._aggregates = AggregateAnswerer(self.facts, topical=self._topical)
        self._region_facts = RegionFactsAnswerer(self.facts)
        self._cards = AttributeCards(self._vocabulary, self.index)
        self._intent = IntentClassifier(self.index.embed_queries)
        self._fields = FieldReader(self.index.embed_queries, self._vocabulary.without_names, GENERIC_WORDS)
        self._rule_statements = RuleStatementAnswerer(self.facts, self.index.embed_queries)
        llm = make_llm(self.settings)
        llm_answerer = LLMAnswerer(llm, self.facts.region_names) if llm is not None else None
        places = frozenset(self.facts.municipalities) | frozenset(self._vocabulary.aliases)
        self._passages = PassageAnswerer(
            self.index,
            self.facts.idf,
            llm_answerer=llm_answerer,
            known_places=places,
            fields=field_spans(self.facts),
            leave_out=after_the_fields(self.facts.regions),
            fields_asked=self._fields.asked,
            seen=lambda term: self.facts.document_frequency(term) > 0,
        )
        self._region_projects = RegionProjects(self.facts, self._passages.quotes, self._passages.cite, self._said_of_region)
        return self

    @property
    def facts(self) -> FactsStore:
        """The records of the index in service (the assistant must be open)."""
        if self._facts is None:
            raise RuntimeError("the assistant is not open")
        return self._facts

    @staticmethod
    def _about_rules(answer: Answer) -> bool:
        """Whether the passages that answer are the grant rules (clauses), not regions."""
        return (
            bool(answer.citations)
            and answer.citations[0].region is None
            and answer.citations[0].section is not None
            and ("要綱" in answer.citations[0].section)
        )

    def _record_value(self, question: str, read: Question, facts_view: QuestionFacts) -> Answer | None:
        """A named region's record value, membership or secretariat — but not for a project's
        field asked of the region (「西紋別の雄武町の役割は」「後志の研修で幹事町村はどんな役割」:
        in its page), unless a record value is named beside it (「何市町村で構成」)."""
        answer = self._region_facts.answer(read) or self._facts_answerer.answer(facts_view)
        if answer is None or not read.regions or set(read.attributes) - {"secretariat"}:
            return answer
        return None if self._fields.asked(question) else answer  # (the field reader embeds: asked last)

    def _said_of_region(self, text: str) -> set[str]:
        """What a question says of a region besides naming it (and its kind: 交付金) and asking."""
        return asked_terms(without_kind(self._vocabulary.without_names(text)))

    def _projects_of_region(self, question: str, read: Question) -> Answer | None:
        """「日高はどんなことをしているの」: what a region does, asked of the region as a whole
        (no value, no manner, no field but 事業概要): every project of it — or, asked for their
        names (「日高の事業名は」), their names; in the years named, if any (「令和4年度に」)."""
        wanted = expected(question)
        names_only = wanted.kind == "name" and wanted.named and not wanted.about  # 「日高の事業名は」
        if not read.regions or read.asks_which or (wanted.kind and not names_only) or asks_how_or_why(question):
            return None
        # (「釧路と宗谷の取組の違いは」: what each of two regions does, side by side)
        compared = COMPARISON_NOUNS if len(read.regions) >= 2 else frozenset()
        if topic_asked(self._vocabulary.without_names(question)) - GENERIC_WORDS - LABEL_NOUNS["activities"] - NAME_NOUNS - compared:
            return None  # 「根室の勉強会の講師は」: a value within the projects, not what they are
        if not self._fields.asked(question) <= {"activities"} or self._fields.nearest(question)[0] in LOOK_BACK:
            return None  # nearest to asking what was hard (or what helped), though not surely: no list of what was done
        return self._region_projects.answer(question, read.regions, names_only=names_only, years=read.fiscal_years, ignored=compared)

    def _with_values(self, listed: Answer | None, read: Question, shown: tuple[str, ...] = ()) -> Answer | None:
        """「成年後見制度に取り組む地域の交付額は」「町村だけの地域の事務局は」「人口が一番多い
        地域の面積は」: the regions the casebook's text or records list or rank first, then the
        record value the question names of each, cited from the overview table."""
        # 「西紋別の交付額の合計と人口」: the values named of the regions named, beside the one computed
        asked_of = read.asked_of_regions or (read.attributes if read.regions else ())
        if listed is None or listed.kind not in ("list", "aggregate") or not asked_of or read.negates_regions or not listed.regions:
            return listed
        # not what the list shows (a plan computes the member list as its count)
        shown = (*shown, "members") if "member_count" in shown else shown
        attributes = tuple(a for a in asked_of if a not in shown)
        if not attributes:
            return listed
        asked = replace(read, regions=tuple(listed.regions), attributes=attributes, operation=None)
        values = self._region_facts.answer(asked, by_meaning=True, check_kind=False)
        return listed if values is None else appended(listed, values)

    def _and_the_rest(self, record: Answer | None, question: str, read: Question) -> Answer | None:
        """A named region's record values, then what else the question asks of it in words no
        record answers (「…の交付額と事業の内容」: the year's work from the project's page)."""
        rest = rest_of_question(question, read.attributes) if record is not None and read.regions else None
        if record is None or rest is None or not asks_something(self._vocabulary.without_names(rest[1])):
            return record
        rest_read = parse("".join(rest), self._vocabulary)
        if not rest_read.regions or rest_read.attributes:
            return record
        more = self._projects_of_region(rest_read.text, rest_read) or self._passages.answer(facts_view(rest_read))
        return record if more.kind == "unanswerable" else appended(record, more)

    def _every_regions_value(self, read: Question) -> Answer | None:
        """「各地域の人口は」「協定を結んだのはいつ」: a record value asked of no region named, of
        no regions that did something and with nothing computed, is each region's (of the kind
        named, when one is), cited from the overview tables."""
        asked = read.asked_of_regions
        if not asked and asks_when_it_happened(read.text):
            asked = tuple(a for a in read.attributes if ATTRIBUTES[a].is_date)
        if not asked or read.regions or read.negates_regions or build_plan(read) is not None:
            return None
        if all(ATTRIBUTES[a].is_date for a in asked) and asks_until(read.text):
            return None  # 「協定の期限はいつまでに」: a deadline the rules set, not each region's date
        if self._topical.names_topic_beyond_kind(read.text, ignored=attribute_words(asked)):
            return None  # 「防災に取り組む地域の人口は」: the topical list and its values
        regions = tuple(r.name for r in self.facts.regions if r.is_of_kind(read.region_kind, read.negates_kind))
        each = replace(read, regions=regions, attributes=asked, operation=None)
        values = self._region_facts.answer(each, by_meaning=True, check_kind=False)
        return None if values is None else replace(values, kind="aggregate", regions=list(regions))

    @staticmethod
    def _remember_case(conversation: Conversation, question: str, case, verdict) -> None:
        """Keep a case the checker could not decide, with the fact it asked for."""
        if verdict.verdict == "needs_info" and verdict.missing:
            conversation.pending_case = PendingCase(question, case, verdict.missing[0][0])
        else:
            conversation.pending_case = None

    def _continue_case(self, reply: str, conversation: Conversation) -> Answer | None:
        """The officer's reply read into the pending case and checked again (None: not a reply)."""
        pending = conversation.pending_case
        if pending is None:
            return None
        case = read_reply(pending, reply)
        if case is None:
            return None
        verdict = check(case.facts)
        self._remember_case(conversation, pending.question, case, verdict)
        return explain(f"{pending.question}\n{reply}", verdict, self.facts, case, ask_one=True)

    def close(self) -> None:
        self.index.close()

    def _follow_new_index(self) -> None:
        """After an ingest publishes a new index, answer from it (checked at most every 2 s):
        the app keeps running while the casebook is re-ingested."""
        now = time.monotonic()
        if now - self._checked < 2.0:
            return
        self._checked = now
        if self.index.switched():
            old = self.index
            try:
                self.open()
            except CasebookError:
                self.index = old  # the new one cannot be opened (yet): keep answering from the old
                return
            old.close()

    def __enter__(self) -> Assistant:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()

    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Route the question and answer it with citations (within a chat, if given)."""
        started = time.perf_counter()
        question = check_question(question)
        self._follow_new_index()
        asked = question
        if conversation is not None:
            named = parse(question, self._vocabulary).regions
            # 「成果は？」「苦労した点は」: a project field asked, and nothing before what is asked
            only_a_field = not named and bool(conversation.regions) and asked_phrase(question).strip() == question.strip()
            only_a_field = only_a_field and bool(self._fields.asked(question))
            question = conversation.resolve(question, named, self._vocabulary.without_names(question), only_a_field)
        if conversation is not None and conversation.pending_case is not None:
            answer = self._continue_case(question, conversation)
            if answer is not None:
                answer.question = asked
                answer.latency_ms = int((time.perf_counter() - started) * 1000)
                return answer
            conversation.pending_case = None  # a new question, not a reply
        read = parse(question, self._vocabulary)
        chosen = route(read)
        intent = self._intent.classify(self.index.query_vector(question))
        # the nearest examples say "which regions", unless the question asks for one value
        # (「何件」「いつ」「誰」): a value of a case, not a set of regions
        asks_a_value = expected(question).is_a_value(REGION_COUNTERS)
        # a project's field asked of (「…した取組の成果は」) is content, not a set of regions,
        # unless the question itself asks which regions (read only when the vote is "list")
        wants_regions = (
            read.asks_which or (intent.name == "list" and intent.confident and not self._fields.asked(question))
        ) and not asks_a_value
        # a computation over the records comes first: 「交付額がゼロの年度を含む地域」 is not a case
        plan = build_plan(read)
        # what the computation shows of each region: the attributes it filters and ranks by
        shown = (*(condition.attribute for condition in plan.conditions), plan.attribute or "") if plan else ()
        answer = self._with_values(self._aggregates.answer(read, lists=read.asks_which, plan=plan), read, shown=shown)
        if answer is None and chosen.name == "eligibility":
            verdict = check(chosen.case.facts)
            answer = explain(question, verdict, self.facts, chosen.case, ask_one=conversation is not None)
            if conversation is not None:
                self._remember_case(conversation, question, chosen.case, verdict)
        if answer is None:
            record = self._with_values(self._record_value(question, read, chosen.question), read, shown=("secretariat",))
            answer = (
                self._and_the_rest(record, question, read)
                or self._every_regions_value(read)
                or (self._with_values(self._topical.answer(read), read) if wants_regions else None)
                or self._projects_of_region(question, read)
                or self._passages.answer(chosen.question)
            )
            if answer.kind == "unanswerable":
                # the passages do not say it: a record value the question means without naming it
                attribute = self._cards.attribute_for(read)
                if attribute is not None:
                    answer = self._region_facts.answer(replace(read, attributes=(attribute,)), by_meaning=True) or answer
            if answer.kind in ("fact", "open", "unanswerable") and not read.regions and self._about_rules(answer):
                found = {hit.chunk.clause for hit in self.index.search(question, k=8) if hit.chunk.clause}
                answer = self._rule_statements.lead(answer, self.index.query_vector(question), found)
        answer.question = asked
        answer.latency_ms = int((time.perf_counter() - started) * 1000)
        if conversation is not None:
            # what was asked of the one region the question named, for 「じゃあ根室は？」
            one_named = len(read.regions) == 1 and list(answer.regions) == list(read.regions)
            conversation.remember(answer.regions, self._vocabulary.without_names(question) if one_named else "")
        return answer
