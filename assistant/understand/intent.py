"""Intent by nearest examples: which kind of answer a question asks for.

A bank of example questions per intent (`intent_examples.yaml`, written from the booklet's
vocabulary) is embedded once with the bundled embedder (cached by text, so only the first
start pays); a question's intent is the weighted vote of its K nearest examples. When the
vote's margin is below MARGIN the classifier says so (`confident=False`) and the parse's
own features decide. Adding a wording means adding an example, not a pattern.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

INTENTS = ("list", "aggregate", "fact", "eligibility", "open")
EXAMPLES = Path(__file__).with_name("intent_examples.yaml")
K = 5
MARGIN = 0.15  # share of the vote the winner must lead by


@dataclass(frozen=True)
class Intent:
    name: str
    confident: bool
    votes: dict[str, float]


def load_examples(path: Path = EXAMPLES) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(intent, text) for intent in INTENTS for text in data.get(intent, [])]


class IntentClassifier:
    def __init__(self, embed: Callable[[list[str]], np.ndarray], examples: list[tuple[str, str]] | None = None):
        self.examples = examples or load_examples()
        self.labels = [intent for intent, _ in self.examples]
        self.vectors = np.asarray(embed([text for _, text in self.examples]), dtype=np.float32)

    def classify(self, question_vector: np.ndarray) -> Intent:
        similarity = self.vectors @ np.asarray(question_vector, dtype=np.float32)
        nearest = np.argsort(-similarity)[:K]
        votes: dict[str, float] = defaultdict(float)
        for index in nearest:
            votes[self.labels[index]] += float(similarity[index])
        total = sum(votes.values()) or 1.0
        ranked = sorted(votes.items(), key=lambda item: -item[1])
        lead = (ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)) / total
        return Intent(ranked[0][0], lead >= MARGIN, {name: round(v / total, 3) for name, v in ranked})
