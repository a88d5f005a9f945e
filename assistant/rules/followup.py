"""A case built over a chat: the checker asks for one deciding fact at a time, and the
officer's reply (「はい」「いいえ、受けていません」「4町です」 or a sentence with more facts)
is read into the case, which is checked again.

A reply is read with the same case reader as a question; a bare yes / no answers the fact
that was asked, its polarity taken from the predicate (「受けていません」 is no). A message
that states nothing the case can use is not a reply: the chat treats it as a new question.
"""

from __future__ import annotations

import dataclasses
import re

from assistant.rules.catalogue import open_exception
from assistant.rules.extract import ExtractedQuestion, extract, indispensable_said, temporary_staff_said
from assistant.rules.facts import QUESTIONS, EligibilityFacts, Expense
from assistant.understand.negation import negated
from assistant.understand.numbers import with_digits
from index.tokenize import lemmas

_YES = re.compile(r"^(?:はい|ええ|そうです|その通り|あります|います|済み|予定|OK|ok)")
_NO = re.compile(r"^(?:いいえ|いえ|違います|ありません|ない|なし|まだ|未)")
_MAX_REPLY = 60  # a longer message is a question of its own unless it states facts


@dataclasses.dataclass
class PendingCase:
    question: str  # the case as first described
    case: ExtractedQuestion
    asked: str | None  # the fact the last answer asked for


def read_reply(pending: PendingCase, reply: str) -> ExtractedQuestion | None:
    """The case with the reply's facts added, or None when the reply states none."""
    new = extract(reply)
    values = {f.name: getattr(pending.case.facts, f.name) for f in dataclasses.fields(EligibilityFacts)}
    stated = list(pending.case.stated)
    assumed = list(pending.case.assumed)
    changed = False
    asked = pending.asked
    # whether the expense asked about is its kind's exception (「はい、必要不可欠な出張です」):
    # the reply's own words for that expense (出張) are not a new expense
    settled = _exception_settled(reply, values["expenses"]) if asked == "expenses" and len(reply) <= _MAX_REPLY else None
    if settled is not None:
        values["expenses"] = settled
        stated.append("expenses")
        changed = True
    for name in new.stated:
        if settled is not None and name == "expenses":
            continue
        values[name] = getattr(new.facts, name)
        changed = True
        stated.append(name)
    if not changed and asked and len(reply) <= _MAX_REPLY:
        answer = _answer_to(asked, reply, values[asked])
        if answer is not None:
            values[asked] = answer
            stated.append(asked)
            changed = True
    if not changed:
        return None
    assumed = [name for name in assumed if name not in stated]
    values["topics"] = tuple(dict.fromkeys(pending.case.facts.topics + new.facts.topics))
    return ExtractedQuestion(EligibilityFacts(**values), tuple(dict.fromkeys(stated)), tuple(assumed))


def _answer_to(fact: str, reply: str, current):
    """A bare reply to the question about `fact`: a number for a count, yes / no for a flag."""
    text = with_digits(reply).strip()
    if fact == "applicant":
        if re.search(r"協議会", text):
            return "council"
        if re.search(r"市町村|地域|町として|市として|村として|代表", text):
            return "municipality"
        if re.search(r"NPO|法人|企業|会社|団体", text):
            return "other"
        return None
    field_type = next(f.type for f in dataclasses.fields(EligibilityFacts) if f.name == fact)
    if "int" in str(field_type):
        numbers = re.findall(r"\d+", text)
        return int(numbers[0]) if len(numbers) == 1 else None
    if "bool" in str(field_type):
        return _yes_or_no(text, QUESTIONS.get(fact, ""))
    return None


def _yes_or_no(text: str, question: str) -> bool | None:
    if _NO.search(text):
        return False
    if _YES.search(text):
        return not negated(text, 0) if len(text) > 3 else True
    if set(lemmas(text)) & set(lemmas(question)):
        return not negated(text, 0)  # 「受けていません」 to 「…を受けていますか？」
    return None


_EXCEPTION_SAID = {"temporary_staff": temporary_staff_said, "indispensable": indispensable_said}


def _exception_settled(reply: str, expenses: tuple[Expense, ...]) -> tuple[Expense, ...] | None:
    """The reply to whether the first open expense is its kind's exception (「はい」「必要不可欠です」
    「正職員です」): the expenses with its flag set, or None when the reply does not say."""
    for position, expense in enumerate(expenses):
        if (exception := open_exception(expense)) is None:
            continue
        flag, question = exception
        said = _EXCEPTION_SAID[flag](reply)
        answer = said if said is not None else _yes_or_no(reply, question)
        if answer is None:
            return None
        if flag == "temporary_staff":
            settled = dataclasses.replace(expense, temporary_staff=answer)
        else:
            settled = dataclasses.replace(expense, indispensable=answer)
        return expenses[:position] + (settled,) + expenses[position + 1 :]
    return None
