"""Our sparse values plus Qdrant's IDF modifier must rank exactly like textbook BM25."""

import math

import numpy as np
from qdrant_client import QdrantClient

from index.lexical import K1, B, average_length, document_vector, query_vector
from index.store import QdrantStore
from index.tokenize import lemmas
from ingest.models import Chunk, SectionKind

DOCS = [
    "南空知圏域では防災テントを購入し、防災訓練を実施した。",
    "日高連携地域はバスの利用促進とバス時刻表の配布を行った。",
    "西紋別地区では看護師と保育士の採用活動を道外で行った。",
    "根室連携地域は防災関連勉強会を開催し、防災担当職員が参加した。",
    "遠軽地区は医師確保のためのWEB広告を掲載した。",
]


def reference_bm25(query: str, docs: list[str]) -> list[float]:
    tokenized = [lemmas(doc) for doc in docs]
    avgdl = sum(map(len, tokenized)) / len(tokenized)
    n = len(docs)
    scores = []
    for terms in tokenized:
        score = 0.0
        for term in set(lemmas(query)):
            df = sum(term in other for other in tokenized)
            if not df:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            tf = terms.count(term)
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len(terms) / avgdl))
        scores.append(score)
    return scores


def test_qdrant_scores_equal_reference_bm25(tmp_path):
    client = QdrantClient(path=str(tmp_path / "q"))
    store = QdrantStore(client, "t")
    store.create(dim=2, metadata={})
    terms = [lemmas(doc) for doc in DOCS]
    avgdl = average_length(terms)
    chunks = [
        Chunk(
            chunk_id=f"00000000-0000-0000-0000-00000000000{i}",
            doc_id="d",
            text=doc,
            start=0,
            end=len(doc),
            kind=SectionKind.PROJECT,
            section="事業の詳細",
            heading="h",
        )
        for i, doc in enumerate(DOCS, start=1)
    ]
    store.upsert(chunks, np.ones((len(DOCS), 2), dtype=np.float32), [document_vector(t, avgdl) for t in terms])
    query = "防災の勉強会"
    hits = store.search(None, query_vector(query), limit=5)
    expected = reference_bm25(query, DOCS)
    for hit in hits:
        index = DOCS.index(hit.chunk.text)
        assert math.isclose(hit.score, expected[index], rel_tol=1e-4)
    assert [DOCS.index(hit.chunk.text) for hit in hits] == sorted((i for i, s in enumerate(expected) if s > 0), key=lambda i: -expected[i])
    store.close()


def test_a_query_without_content_words_has_no_lexical_vector():
    assert not query_vector("のは？")
