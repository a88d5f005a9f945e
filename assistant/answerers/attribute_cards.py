"""Record values asked for in the officer's own words: 「宗谷のまとめ役をしている市は」
「釧路の連携はいつスタートした」「後志の広さは」 name no label of the overview table, yet
mean one of its rows.

Each attribute a region has once is a card, written from the table's own label and the
vocabulary's words for it (「事務局担当市町村（事務局・中心市・取りまとめ役・幹事）」),
embedded once. A question that names one region, and
that the parse could not tie to an attribute, is embedded with the region's name taken out
(so the name does not outweigh what is asked) and takes the attribute of its nearest card
when the cosine reaches CARD_SUPPORT; the value and its citation then come from the record,
as for any region fact. Cards only rescue a question the passages would decline, so a
question about a project is never answered with a figure.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from assistant.answerers.region_facts import ANSWERS as _ANSWERS
from assistant.understand.answer_type import expected
from assistant.understand.parse import Question
from assistant.understand.vocabulary import ATTRIBUTES, Vocabulary
from index.tokenize import morphemes

_SHARED = frozenset({"連携", "地域", "圏域"})
# the values a region has once (a year's grant is asked with its year, which the parse reads)
CARD_ATTRIBUTES = ("population", "area", "member_count", "members", "secretariat", "agreement_date", "vision_date")
# Cosine at which a card's attribute is taken: chosen by `python -m eval.calibrate_cards` on
# eval/attribute_questions.jsonl (odd ids choose: the middle of the 0.845–0.88 plateau, 8/12
# right; even ids report 10/12, against 6/12 without cards; eval/calibration/cards_*).
CARD_SUPPORT = 0.865


def _card(attribute: str) -> str:
    """「面積（広い・狭い）」: the table's label with the other words for it."""
    words = ATTRIBUTES[attribute]
    extra = [word for word in (*words.nouns, *words.more, *words.less) if word != words.label]
    return words.label + (f"（{'・'.join(extra)}）" if extra else "")


class AttributeCards:
    def __init__(self, vocabulary: Vocabulary, embed_queries: Callable[[list[str]], np.ndarray], embed_query: Callable[[str], np.ndarray]):
        self.vocabulary = vocabulary
        self.embed_query = embed_query
        self.texts = [_card(attribute) for attribute in CARD_ATTRIBUTES]
        vectors = embed_queries(self.texts)
        self.vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        self.support = CARD_SUPPORT

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
        rows = [
            i
            for i, a in enumerate(CARD_ATTRIBUTES)
            if not wanted or wanted in _ANSWERS.get(ATTRIBUTES[a].answer_kind, {ATTRIBUTES[a].answer_kind})
        ]
        if not rows:
            return None
        vector = self.embed_query(asked)
        similarities = self.vectors[rows] @ (vector / max(float(np.linalg.norm(vector)), 1e-9))
        best = int(np.argmax(similarities))
        return CARD_ATTRIBUTES[rows[best]], float(similarities[best])

    def attribute_for(self, q: Question) -> str | None:
        found = self.nearest(q)
        return found[0] if found and found[1] >= self.support else None
