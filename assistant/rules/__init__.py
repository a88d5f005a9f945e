"""The grant rules (広域連携加速化事業推進要綱・実施要綱) as code.

Three-valued: each rule returns pass / fail / unknown with a Japanese reason, the clause
it applies and the facts it used; a missing fact is unknown, never false or zero. The
verdict answers the question asked: not eligible if any relevant rule fails, needs more
information if any is unknown (naming each missing fact and the question that asks for
it), else eligible. Code decides and cites; no text generation takes part.
"""

from assistant.rules.checker import check
from assistant.rules.facts import EligibilityFacts, Expense, facts_from_dict

__all__ = ["check", "EligibilityFacts", "Expense", "facts_from_dict"]
