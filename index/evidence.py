"""Evidence units: the sentences and table lines of every region's passages, each embedded
on its own, so "which regions did X" is decided by the one sentence that says X.

A chunk covers several topics and its embedding blurs them; a unit says one thing
(「・インスタグラムフォトコンテストの実施」). Units are written beside the facts store in the
index generation (they switch with it) with their dense vectors; their lemma counts are
taken when the generation is opened (about 9 ms). A question scores every unit by BM25
over units and by cosine, in memory (about a thousand units, under a millisecond): the
topical lists group the scores by region, the hybrid search re-ranks its passages by them.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from index.synonyms import with_loanwords
from index.tokenize import is_loanword, lemmas
from ingest.facts import POLICY_FIELDS
from ingest.models import Chunk
from ingest.records import Span

UNITS_FILE = "units.json"
VECTORS_FILE = "units.npy"
_UNIT = re.compile(r"[^。\n]+。?")
_MIN_CHARS = 10  # shorter pieces are labels or PDF fragments, not statements …
_MIN_BULLET_CHARS = 5  # … unless a bullet item (「・Web広告の掲載」 says what was done)
_BULLETS = ("・", "○", "●", "◆")
_HEADING = re.compile(r"【[^】]*】")  # a table's column or row heading: 「【採用実績】 【成果目標】」
K1, B = 1.2, 0.75


@dataclass(frozen=True)
class EvidenceUnit:
    doc_id: str
    start: int
    end: int
    region: str
    project: str | None
    chunk_id: str
    kind: str
    page: int | None
    section: str
    text: str

    @property
    def embed_text(self) -> str:
        """The unit with the project (or section) it belongs to: 「防災関連勉強会：講師…」."""
        return f"{self.project or self.section}：{self.text}"


def split_units(chunks: list[Chunk], leave_out: Sequence[Span] = ()) -> list[EvidenceUnit]:
    """Every sentence or table line of the chunks that belong to a region, but those in
    `leave_out` (a project page's photo captions: ingest.records.after_the_fields)."""
    units = []
    for chunk in chunks:
        if not chunk.region:
            continue
        for match in _UNIT.finditer(chunk.text):
            piece = match.group(0)
            text = piece.strip()
            said = _HEADING.sub("", text).strip()  # a line of headings alone says nothing
            if len(said) < (_MIN_BULLET_CHARS if said.startswith(_BULLETS) else _MIN_CHARS):
                continue
            start = chunk.start + match.start() + (len(piece) - len(piece.lstrip()))
            if any(span.covers(chunk.doc_id, start) for span in leave_out):
                continue
            units.append(
                EvidenceUnit(
                    chunk.doc_id,
                    start,
                    start + len(text),
                    chunk.region,
                    chunk.project,
                    chunk.chunk_id,
                    chunk.kind.value,
                    chunk.page,
                    chunk.section,
                    text,
                )
            )
    return units


def _printed_alike(text: str) -> str:
    return re.sub(r"[\s○◯]", "", text)


def _is_policy_table_row(text: str) -> bool:
    """「防災  その他(産業振興) ○」: a row of the ○ table of policy fields, nothing but field
    labels and marks — what it says of a region is its record's, never a sentence about a topic."""
    rest = _printed_alike(text)
    for _name, pattern in POLICY_FIELDS:
        rest = re.sub(pattern, "", rest)
    return not rest


@dataclass(frozen=True)
class UnitScores:
    dense: np.ndarray  # cosine of each unit with the question
    lexical: np.ndarray  # BM25 of each unit for the question's lemmas


class EvidenceIndex:
    def __init__(self, units: list[EvidenceUnit], vectors: np.ndarray):
        self.units = units
        self.vectors = vectors.astype(np.float32)
        self._terms = [Counter(lemmas(unit.text)) for unit in units]
        self._lengths = np.array([sum(terms.values()) for terms in self._terms], dtype=np.float32)
        self._average = float(self._lengths.mean()) if units else 1.0
        self._document_frequency = Counter(term for terms in self._terms for term in terms)
        self.vocabulary = frozenset(self._document_frequency)
        # a word in more than a tenth of the units (地域, 連携) says nothing on its own
        self.common_idf = self._idf_at(0.1 * len(units))
        self._by_chunk: dict[str, list[int]] = {}
        for index, unit in enumerate(units):
            self._by_chunk.setdefault(unit.chunk_id, []).append(index)

    def statements(self) -> EvidenceIndex:
        """The units without the template's own lines: a line printed alike (○ marks and
        spaces aside) on the pages of a quarter of the regions, at least three — the ○
        table's rows, the look-back's labels (「連携地域形成の際に困」) — says nothing
        of any one region (its marks are its records'). Two regions may
        print the same value (a date). The topical lists read these; the search's re-ranking
        keeps every line (a passage holding the ○ row is the one that answers a ○ question)."""
        by_line: dict[str, set[str]] = {}
        for unit in self.units:
            by_line.setdefault(_printed_alike(unit.text), set()).add(unit.region)
        least = max(3, len({unit.region for unit in self.units}) // 4)
        keep = [
            index
            for index, unit in enumerate(self.units)
            if len(by_line[_printed_alike(unit.text)]) < least and not _is_policy_table_row(unit.text)
        ]
        return EvidenceIndex([self.units[index] for index in keep], self.vectors[keep])

    def idf(self, term: str) -> float:
        return self._idf_at(self._document_frequency.get(term, 0))

    def _idf_at(self, df: float) -> float:
        n = len(self.units)
        return math.log(1 + (n - df + 0.5) / (df + 0.5))

    def score(self, query_vector: np.ndarray, query_terms: list[str]) -> UnitScores:
        dense = self.vectors @ np.asarray(query_vector, dtype=np.float32)
        lexical = np.zeros(len(self.units), dtype=np.float32)
        for term in set(query_terms):
            idf = self.idf(term)
            if idf <= 0:
                continue
            tf = np.array([terms.get(term, 0) for terms in self._terms], dtype=np.float32)
            norm = K1 * (1 - B + B * self._lengths / self._average)
            lexical += idf * tf * (K1 + 1) / (tf + norm)
        return UnitScores(dense, lexical)

    def query_terms(self, text: str) -> list[str]:
        """The lemmas of `text` as the casebook writes them: a katakana run UniDic cut into
        pieces the casebook never uses (コンサル → コン + サル) is the casebook's longer words
        that contain it (コンサルタント) — BM25 matches whole words only."""
        said = list(lemmas(text))
        read = with_loanwords(said, text, self.vocabulary.__contains__)
        runs = sorted(read - set(said))  # (the pieces they replace are left out)
        spelled = [word for run in runs for word in sorted(w for w in self.vocabulary if run in w and is_loanword(w)) or [run]]
        return [term for term in said if term in read] + spelled

    def mixed(self, query_vector: np.ndarray, query_terms: list[str], lexical_share: float) -> np.ndarray:
        """Each unit's score for a question: its BM25 as a share of the best unit's, and its
        cosine above the mean as a share of the best's, mixed `lexical_share` to the rest —
        both scaled within the question, so one weight means the same for every question."""
        scores = self.score(query_vector, query_terms)
        top = float(scores.lexical.max())
        lexical = scores.lexical / top if top > 0 else scores.lexical
        mean = float(scores.dense.mean())
        spread = float(scores.dense.max()) - mean
        dense = (scores.dense - mean) / spread if spread > 0 else scores.dense * 0
        return lexical_share * lexical + (1 - lexical_share) * dense

    def best_by_chunk(self, mixed: np.ndarray, chunk_ids: list[str]) -> dict[str, float]:
        """The best unit score of each of `chunk_ids` that has units, in their order (so that
        a tie keeps the caller's order in every process)."""
        return {
            chunk_id: max(float(mixed[index]) for index in self._by_chunk[chunk_id]) for chunk_id in chunk_ids if chunk_id in self._by_chunk
        }

    # ---- persistence -------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        folder = Path(folder)
        temporary = folder / f"{UNITS_FILE}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps([asdict(u) for u in self.units], ensure_ascii=False), encoding="utf-8")
        vectors = folder / f"units.{os.getpid()}.tmp.npy"
        np.save(vectors, self.vectors)
        os.replace(vectors, folder / VECTORS_FILE)
        os.replace(temporary, folder / UNITS_FILE)

    @classmethod
    def load(cls, folder: Path) -> EvidenceIndex | None:
        """The units of an index generation, or None for an index built before units existed."""
        folder = Path(folder)
        if not (folder / UNITS_FILE).exists() or not (folder / VECTORS_FILE).exists():
            return None
        units = [EvidenceUnit(**item) for item in json.loads((folder / UNITS_FILE).read_text(encoding="utf-8"))]
        return cls(units, np.load(folder / VECTORS_FILE))
