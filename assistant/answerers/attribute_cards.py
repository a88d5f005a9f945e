"""Record values asked for in the officer's own words: 「宗谷のまとめ役をしている市は」
「釧路の連携はいつスタートした」「後志の広さは」 name no label of the overview table, yet
mean one of its rows.

Every record value is a fact card in the index (ingest/fact_cards.py: 「…の人口は63,000人
です。」, points of kind "fact"). A question that names one region, and that the parse could
not tie to an attribute, is embedded with the region's name taken out (so the name does not
outweigh what is asked) and searched among that region's cards by meaning; the nearest card
whose value is the kind of answer asked for gives the attribute when its cosine reaches
CARD_SUPPORT. The value and its citation then come from the record, as for any region fact.
Cards only rescue a question the passages would decline, so a question about a project is
never answered with a figure.
"""

from __future__ import annotations

from assistant.answerers.region_facts import answers
from assistant.understand.answer_type import expected
from assistant.understand.parse import Question
from assistant.understand.vocabulary import Vocabulary
from index.searcher import CasebookIndex
from index.store import FACT_KIND, SearchFilter
from index.tokenize import morphemes

_SHARED = frozenset({"連携", "地域", "圏域"})
# the values a region has once (a year's grant is asked with its year, which the parse reads)
CARD_ATTRIBUTES = ("population", "area", "member_count", "members", "secretariat", "agreement_date", "vision_date")
_DEPTH = 20  # a region has a few dozen cards; the nearest of the wanted kind is among these
# Cosine at which a card's attribute is taken: chosen by `python -m eval.calibrate_cards` on
# eval/attribute_questions.jsonl (odd ids choose, even ids report; eval/calibration/cards_*).
CARD_SUPPORT = 0.865


class AttributeCards:
    def __init__(self, vocabulary: Vocabulary, index: CasebookIndex):
        self.vocabulary = vocabulary
        self.index = index

    def nearest(self, q: Question) -> tuple[str, float] | None:
        """The nearest card's attribute and cosine, for a question about one named region."""
        # one region named: its 「どこ」 asks for a town of it, not for regions
        if len(q.regions) != 1 or q.attributes or q.operation:
            return None
        masked = self.vocabulary.find_regions(q.digits)[2]
        # what is asked, without the region: its name and the words every card would share
        asked = "".join(surface for surface, _p1, _p2, lemma, _s in morphemes(masked) if "〓" not in surface and lemma not in _SHARED)
        if not asked:
            return None
        # only the cards whose value is the kind of answer asked for (「どの町」: a name)
        wanted = expected(q.text).kind
        allowed = {attribute for attribute in CARD_ATTRIBUTES if answers(attribute, wanted)}
        cards = SearchFilter(regions=tuple(q.regions), kinds=(FACT_KIND,))
        for hit in self.index.search(asked, k=_DEPTH, mode="dense", search_filter=cards):
            if hit.chunk.attribute in allowed:
                return hit.chunk.attribute, hit.score
        return None

    def attribute_for(self, q: Question) -> str | None:
        found = self.nearest(q)
        return found[0] if found and found[1] >= CARD_SUPPORT else None
