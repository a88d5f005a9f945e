"""Which answerer takes a question: the rule checker, the casebook's records, or passages.

- A question that states the facts of a case (counts, amounts, years, expenses, yes/no
  statements) and asks about the grant rules goes to the rule checker (so does a question
  about the report deadline, whose rule the answer can state before the dates are known);
- a question about the casebook's regions (it names one, asks which/most/total) goes to
  the records, which answer lists, counts, comparisons and record values exactly;
- anything else goes to passage search (which also declines what the casebook lacks).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.question import QuestionFacts, facts_view
from assistant.rules.extract import ExtractedQuestion, extract
from assistant.understand.answer_type import asks_when_it_happened
from assistant.understand.parse import Question


@dataclass(frozen=True)
class Route:
    name: str  # "eligibility" | "casebook"
    question: QuestionFacts
    case: ExtractedQuestion


def route(question: Question) -> Route:
    read = facts_view(question)
    case = extract(question.text)
    # a sum over the casebook (「交付額の合計」) is about the casebook unless the question
    # states a case of its own (「三事業合わせて1,050万円…交付金はいくら」)
    about_casebook = bool(
        question.regions
        or question.operation in ("max", "min")
        or (question.operation == "sum" and not case.stated)
        or question.asks_which
        or (question.operation == "count" and not case.stated)
        # 「協定を結んだのはいつ」: the act whose date is asked is no case of the officer's
        or asks_when_it_happened(question.text)
    )
    # A report-deadline or asset-disposal question is answered by the rule even before its
    # dates or prices are known: the answer states the rule and asks for them.
    rule_question = case.stated or bool({"report", "asset"} & set(case.facts.topics))
    if not about_casebook and _states_only_its_cost(question, case):
        case = replace(case, facts=replace(case.facts, topics=("amount",)))
    if rule_question and case.facts.topics and not about_casebook:
        return Route("eligibility", read, case)
    return Route("casebook", read, case)


def _states_only_its_cost(question: Question, case: ExtractedQuestion) -> bool:
    """「事業費が500万円で、補助はどうなる」: a case that states its cost and nothing else the
    rules read, in words no rule's topic names, asks what the grant of that cost is (a bound,
    「1000万円を超える」, states no case)."""
    costs = [quantity for quantity in question.quantities if quantity.counter == "円"]
    return (
        not case.facts.topics
        and case.stated == ("total_cost_yen",)
        and bool(costs)
        and all(quantity.comparator == "==" for quantity in costs)
    )
