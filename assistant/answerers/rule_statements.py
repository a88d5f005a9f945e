"""Rule questions in words (「何年度まで受けられる？」「上限はいくら？」「対象外の経費は？」)
answered from the rules as code: the statement of the rule the question is nearest to,
with its clause quoted and cited, before any passage.

The statements are the rule parameters (each number with the clause words that set it,
`parameters.toml`) and the list of excluded expenses (第5), both from the rule checker, so
this answer and the checker's verdicts never disagree. A question is taken as a rule
question only when the passage search's best hit is a rule text (a clause), and the
statement nearest in meaning is then put first.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np

from assistant.answer import Answer, CitationList, renumbered
from assistant.passages import NOT_IN_CASEBOOK
from assistant.rules.catalogue import RULES
from assistant.rules.explain import clause_quote
from assistant.rules.facts import DISCRETIONARY_EXCLUSION, EXPENSE_KINDS
from assistant.rules.parameters import PARAMETERS
from assistant.understand.answer_type import expected, topic_owners
from assistant.understand.negation import negated
from index.facts_store import FactsStore
from index.synonyms import held
from index.tokenize import lemmas, morphemes, names_and_numbers, question_words

_PROJECT_REQUIRED = "実施要綱 第4の1"
_PROJECT_REFUSED = "実施要綱 第4の2"


@dataclass(frozen=True)
class RuleStatement:
    text: str  # what the answer says
    clause: str
    ask: str  # the question it answers (what the question is matched against)
    refused: bool | None = None  # what is not funded (True), what is (False), or a number (None)


def rule_statements() -> list[RuleStatement]:
    statements = [RuleStatement(" ".join(p.quote.split()), p.clause, f"{p.ask} {p.quote}") for p in PARAMETERS.values()]
    # (the items of 第5, not the officer's own 「対象外の経費」, an amount of no kind told)
    items = [(name, clause) for kind, (name, clause) in EXPENSE_KINDS.items() if clause and kind != "declared_excluded"]
    items.append(DISCRETIONARY_EXCLUSION)
    excluded = "、".join(f"{name}（{clause}）" for name, clause in items)
    names = "、".join(name for name, _clause in items)
    statements.append(RuleStatement(f"交付の対象外となる経費：{excluded}", "実施要綱 第5", f"交付の対象外となる経費は何か {names}", True))
    # what a project must be (第4の1) and which projects are not funded (第4の2), from the
    # checker's own rules of the project
    required = [r.title for r in RULES if r.topic == "project" and r.clause == _PROJECT_REQUIRED]
    refused = [r.title.removesuffix("でないこと") for r in RULES if r.topic == "project" and r.clause.startswith(_PROJECT_REFUSED)]
    if required:
        text = "、".join(required)
        statements.append(
            RuleStatement(
                f"交付対象事業は次のすべてを満たす事業：{text}", _PROJECT_REQUIRED, f"交付の対象となる事業はどんな事業か {text}", False
            )
        )
    if refused:
        text = "、".join(refused)
        statements.append(
            RuleStatement(f"交付対象事業としない事業：{text}", _PROJECT_REFUSED, f"交付対象にならない事業は何か {text}", True)
        )
    return statements


_EXCLUDING_VERBS = frozenset({"外す", "外れる", "除く"})


def asks_what_is_refused(question: str) -> bool | None:
    """Whether the question asks what is not funded (「対象外」「対象にならない」「対象から外れる」),
    what is (「対象になる」), or neither (no 対象 in it)."""
    words = morphemes(question)
    found = [i for i, word in enumerate(words) if word[3] == "対象"]
    if not found:
        return None
    for index in found:
        after = words[index + 1] if index + 1 < len(words) else None
        if after is not None and after[3] == "外":
            return True
        if negated(question, words[index][4] + len(words[index][0])):
            return True
    return any(word[3] in _EXCLUDING_VERBS for word in words)


def asks_a_place(question: str) -> bool:
    """Whether the question asks where (どこ, not どこまで: how far is an extent)."""
    words = morphemes(question)
    return any(word[3] == "何処" and (index + 1 == len(words) or words[index + 1][0] != "まで") for index, word in enumerate(words))


# every rule is the grant's: its name says nothing of which rule is asked
_GRANT_WORDS = frozenset(lemmas("交付金"))


class RuleStatementAnswerer:
    def __init__(self, facts: FactsStore, embed_many: Callable[[list[str]], np.ndarray]):
        self.facts = facts
        self.statements = rule_statements()
        self.vectors = np.asarray(embed_many([s.ask for s in self.statements]), dtype=np.float32)
        self.terms = [set(lemmas(s.ask)) for s in self.statements]
        self.said = [terms | set(lemmas(s.text)) for terms, s in zip(self.terms, self.statements, strict=True)]  # what each states

    def nearest(self, question: str, question_vector: np.ndarray) -> RuleStatement | None:
        """By meaning and by the question's words, weighted by rarity (上限, 承認, 期限); none
        for a question of where or to whom (「申請先はどこ」): every statement is a figure or a list."""
        if asks_a_place(question):
            return None
        dense = self.vectors @ np.asarray(question_vector, dtype=np.float32)
        words = set(lemmas(question))
        # 何 / いくら are how the officer asks, not which rule: they weigh nothing
        content = words - question_words(question)
        lexical = np.array([sum(self.facts.idf(t) for t in content & terms) for terms in self.terms], dtype=np.float32)
        lexical = lexical / lexical.max() if lexical.max() > 0 else lexical
        spread = float(dense.max() - dense.mean()) or 1.0
        score = 0.5 * lexical + 0.5 * (dense - dense.mean()) / spread
        refused = asks_what_is_refused(question)
        if refused is not None:  # 「対象になる事業」 is not answered by what is refused, nor the reverse
            score = np.where([s.refused not in (None, refused) for s in self.statements], -np.inf, score)
        asked = expected(question)
        done = asked.about if not asked.kind else ""
        if done:  # 「何を提出する」 asks a thing done: a figure's statement that says no 提出 is not it
            score = np.where([done not in terms for terms in self.terms], -np.inf, score)
        owners = topic_owners(question)
        if owners:  # 「協定の期間は」 is the agreement's: not the grant's support period (支援期間)
            score = np.where([not all(held(owner, words) for owner in owners) for words in self.said], -np.inf, score)
        best = int(np.argmax(score))
        if not np.isfinite(score[best]) or not (words & self.terms[best]) - _GRANT_WORDS:
            # shares no word but the grant's name (「交付金の申請はいつまで」 is not the support
            # period's, which says 交付金 too), or only rules of the other polarity: not this rule
            return None
        return self.statements[best]

    def lead(self, answer: Answer, question_vector: np.ndarray, found_clauses: AbstractSet[str] = frozenset()) -> Answer:
        """`answer` (from passages about rule texts) with the nearest rule statement first,
        when the search found that statement's clause too (`found_clauses`, or the answer's);
        a decline becomes the statement, its related passages kept as such."""
        statement = self.nearest(answer.question, question_vector)
        if statement is None or (answer.kind == "unanswerable" and names_and_numbers(answer.question)):
            return answer  # a declined question of a year, amount or place is not a general rule's
        cited = {c.section for c in answer.citations if c.section} | set(found_clauses)
        if not any(
            section == statement.clause or statement.clause.startswith(section) or section.startswith(statement.clause) for section in cited
        ):
            return answer  # the passages found other rules: the statement would not answer this
        doc, start, end, quote = clause_quote(self.facts, statement.clause)
        if doc is None:
            return answer
        citations = CitationList()
        chunk = next((c for c in self.facts.chunks if c.doc_id == doc and c.start <= start < c.end), None)
        number = citations.add(
            doc=doc,
            region=None,
            project=None,
            section=statement.clause,
            page=chunk.page if chunk else None,
            quote=quote,
            chunk_id=chunk.chunk_id if chunk else None,
            start=start,
            end=end,
        )
        body = renumbered(answer, citations).answer
        if answer.kind == "unanswerable":  # no passage says it in the question's words; the rule does
            body = body.replace(NOT_IN_CASEBOOK, "").strip()
        elif not body.startswith("・"):
            # the passages' own lead (「1,000 万円です」): the statement leads instead, and its
            # sentence stays quoted below
            body = body.partition("\n")[2]
        text = f"{statement.text}（{statement.clause}）[{number}]\n" + body
        return Answer(question=answer.question, kind="fact", answer=text, regions=answer.regions, citations=citations.items)
