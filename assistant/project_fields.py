"""Which field of a project page a question asks for, and where each field is printed.

The booklet's project template labels its fields (事業の目的, 事業概要, 構成団体の役割分担,
連携により得られた成果又は見込まれる成果; ingest.project_facts.PROJECT_LABELS), and its
look-back labels what was hard and what helped (…困難と感じた点, …工夫した点;
ingest.lookback.LOOKBACK_LABELS). A question that uses the one noun a label has to itself
(成果, 目的, 概要, 役割, 困難, 工夫) asks for that field, and the records know where each
project's field is printed — so the passage answerer can prefer the sentences under it
(「バス利用促進の成果は」: the 成果 paragraph, not a bullet that mentions 成果品).

A question that uses no label noun may still ask for a field in its own words (「困ったこと」
for 困難と感じた点, 「ねらい」 for 目的, 「どんな効果があった」 for 成果): FieldReader finds
the nearest of example questions per field (`field_examples.yaml`) by meaning, and takes the
field when it leads every other field, and the examples that ask no field, by FIELD_MARGIN.
The question is compared whole and by its asked phrase (what follows its last topic or case
particle: 「遠軽の医師確保の取組で|大変だった点は」), weighted TAIL_WEIGHT, so the project's
own words do not outweigh what is asked of it. Both are chosen by `python -m
eval.calibrate_fields` on eval/field_questions.jsonl.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from index.facts_store import FactsStore
from index.tokenize import lemmas, morphemes, noun_lemmas
from ingest.lookback import LOOKBACK_LABELS
from ingest.project_facts import PROJECT_LABELS
from ingest.records import Activity, Sourced

_ANSWERED_BY_RECORDS = {"bodies"}  # 実施団体名: a list the records answer


def _label_nouns() -> dict[str, frozenset[str]]:
    """Each field's nouns that no other label uses (事業 and 取組 are in two labels)."""
    nouns = {key: set(noun_lemmas(re.sub(r"[()?:|]", " ", label))) for key, label in PROJECT_LABELS + LOOKBACK_LABELS}
    shared = Counter(noun for words in nouns.values() for noun in words)
    return {key: frozenset(n for n in words if shared[n] == 1) for key, words in nouns.items() if key not in _ANSWERED_BY_RECORDS}


LABEL_NOUNS = _label_nouns()


def asked_fields(question: str, generic: frozenset[str]) -> frozenset[str]:
    """The project fields whose label noun the question uses (a `generic` word such as 連携,
    in 連携により得られた成果, says nothing of the field)."""
    words = set(lemmas(question)) - generic
    return frozenset(key for key, nouns in LABEL_NOUNS.items() if nouns & words)


EXAMPLES = Path(__file__).with_name("field_examples.yaml")
NO_FIELD = "none"
# How far the nearest field's best example must lead every other field's, and the examples
# that ask no field, and the asked phrase's weight beside the whole question's: chosen by
# `python -m eval.calibrate_fields` (odd ids choose, even ids report; eval/calibration/fields_*).
FIELD_MARGIN = 0.02
TAIL_WEIGHT = 0.3
# particles after which the asked phrase begins (「…の取組で|困ったこと」「…の事業の|ねらい」)
_PHRASE_PARTICLES = frozenset({"で", "の", "は", "を", "が", "に", "って"})
# words that ask or request and say nothing of what is asked (何, 教える, ある)
_EMPTY_WORDS = frozenset({"何", "何処", "誰", "何時", "幾ら", "居る", "為る", "有る", "成る", "教える", "知る", "下さる", "頂く", "欲しい"})


def asked_phrase(question: str) -> str:
    """What follows the question's last particle that still leaves a word of content after it
    (「西紋別の医療の取組で困ったことは何ですか」 → 「困ったことは何ですか」)."""
    words = morphemes(question)
    end = len(words)
    while True:
        cuts = [at for at, word in enumerate(words[:end]) if word[1] == "助詞" and word[3] in _PHRASE_PARTICLES]
        if not cuts:
            return question
        rest = words[cuts[-1] + 1 :]
        if any(w[1] in ("名詞", "動詞", "形容詞", "形状詞") and w[2] != "数詞" and w[3] not in _EMPTY_WORDS for w in rest):
            return "".join(w[0] for w in rest)
        end = cuts[-1]


def load_field_examples(path: Path = EXAMPLES) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(field, text) for field, texts in data.items() for text in texts]


class FieldReader:
    """The project field a question asks for: by a label's noun, else by the nearest examples."""

    def __init__(
        self,
        embed: Callable[[list[str]], np.ndarray],
        without_names: Callable[[str], str],
        generic: frozenset[str],
        examples: list[tuple[str, str]] | None = None,
    ):
        self.embed = embed
        self.without_names = without_names  # the question without its regions' names
        self.generic = generic
        self.examples = examples or load_field_examples()
        self.labels = [field for field, _ in self.examples]
        self.vectors = np.asarray(embed([text for _, text in self.examples]), dtype=np.float32)
        self.margin = FIELD_MARGIN
        self.tail_weight = TAIL_WEIGHT
        self._embedded = lru_cache(maxsize=256)(self._question_vectors)

    def _question_vectors(self, question: str) -> np.ndarray:
        """The question without names, and its asked phrase, embedded."""
        asked = self.without_names(question)
        return np.asarray(self.embed([asked, asked_phrase(asked)]), dtype=np.float32)

    def nearest(self, question: str) -> tuple[str, float]:
        """The nearest kind of example (a field, or NO_FIELD) and its lead over the next."""
        whole, phrase = self._embedded(question)
        similarity = (1 - self.tail_weight) * (self.vectors @ whole) + self.tail_weight * (self.vectors @ phrase)
        best: dict[str, float] = {}
        for label, score in zip(self.labels, similarity, strict=True):
            best[label] = max(best.get(label, -1.0), float(score))
        ranked = sorted(best.items(), key=lambda item: -item[1])
        return ranked[0][0], ranked[0][1] - ranked[1][1]

    def asked(self, question: str) -> frozenset[str]:
        by_label = asked_fields(question, self.generic)
        if by_label:
            return by_label
        field, lead = self.nearest(question)
        return frozenset({field}) if field != NO_FIELD and lead >= self.margin else frozenset()


@dataclass(frozen=True)
class FieldSpan:
    doc_id: str
    start: int
    end: int
    field: str
    region: str | None = None
    project: str | None = None  # None: the region's own note (forming the region)
    year: str | None = None  # an activities block's fiscal year (R4): the year of every line in it


def field_spans(facts: FactsStore) -> list[FieldSpan]:
    """Where every project's purpose, activities, roles and outcomes are printed, and every
    look-back note (what was hard, what helped)."""
    spans = []
    for region in facts.regions:
        spans += [
            FieldSpan(n.span.doc_id, n.span.start, n.span.end, n.kind, region.name, n.project)
            for n in region.lookback
            if n.span is not None
        ]
        for project in region.projects:
            printed: list[tuple[str, Sourced | Activity | None]] = [
                ("purpose", project.purpose),
                ("roles", project.roles),
                ("outcomes", project.outcomes),
            ]
            printed += [("activities", activity) for activity in project.activities]
            for key, value in printed:
                if value is not None and value.span is not None:
                    year = value.year if isinstance(value, Activity) else None
                    spans.append(FieldSpan(value.span.doc_id, value.span.start, value.span.end, key, region.name, project.name, year))
    return spans


def field_of(spans: list[FieldSpan], fields: frozenset[str], doc_id: str, start: int, end: int) -> FieldSpan | None:
    """The field among `fields` of some project that the text at start–end is printed in (a
    sentence may begin with the label itself: 「事業の目的 発災時の…」)."""
    return next((s for s in spans if s.field in fields and s.doc_id == doc_id and s.start < end and start < s.end), None)
