"""BM25 as Qdrant sparse vectors.

Term-frequency saturation (k1, b, document length) is computed here, into the sparse
values; Qdrant's IDF modifier supplies the inverse document frequency at query time.
Together they score exactly like BM25, and IDF stays right as documents come and go.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from index.tokenize import lemmas

K1 = 1.2
B = 0.75


def term_id(term: str) -> int:
    """A stable 32-bit id for a lemma (no vocabulary file to keep in sync)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=4).digest(), "big")


@dataclass(frozen=True)
class SparseVector:
    indices: list[int]
    values: list[float]

    def __bool__(self) -> bool:
        return bool(self.indices)


def _from_weights(weights: dict[int, float]) -> SparseVector:
    ordered = sorted(weights.items())
    return SparseVector([index for index, _ in ordered], [value for _, value in ordered])


def document_vector(terms: tuple[str, ...], average_length: float) -> SparseVector:
    counts = Counter(term_id(term) for term in terms)
    length_norm = 1 - B + B * (len(terms) / average_length if average_length else 1)
    return _from_weights({index: tf * (K1 + 1) / (tf + K1 * length_norm) for index, tf in counts.items()})


def terms_vector(terms: Iterable[str]) -> SparseVector:
    """The query's terms with weight 1: Qdrant adds their IDF."""
    return _from_weights({term_id(term): 1.0 for term in set(terms)})


def query_vector(text: str) -> SparseVector:
    return terms_vector(lemmas(text))


def average_length(term_lists: list[tuple[str, ...]]) -> float:
    return sum(map(len, term_lists)) / len(term_lists) if term_lists else 1.0
