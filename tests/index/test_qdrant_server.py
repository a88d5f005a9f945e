"""The index against a Qdrant server or cluster (QDRANT_URL), compared with embedded Qdrant.

Skipped unless QDRANT_URL is set, e.g.:
    QDRANT_URL=http://localhost:6333 make test
"""

import os
import uuid

import pytest

from core.config import Settings
from index.builder import build_index
from index.searcher import CasebookIndex
from tests.conftest import DATA

if not os.environ.get("QDRANT_URL"):
    pytest.skip("QDRANT_URL is not set: the Qdrant server tests were skipped (set it to run them)", allow_module_level=True)

QUERIES = ["共同で採用活動をした地域は？", "熊のわなを遠くから見張る実験", "交付金の上限", "根室の防災関連勉強会の講師"]


@pytest.fixture(scope="module")
def server_settings(tmp_path_factory):
    settings = Settings(
        index_dir=tmp_path_factory.mktemp("server-cache"),
        data_dir=DATA,
        qdrant_url=os.environ["QDRANT_URL"],
        qdrant_api_key=os.environ.get("QDRANT_API_KEY"),
        collection=f"casebook_test_{uuid.uuid4().hex[:8]}",
    )
    build_index(settings, [DATA])
    yield settings
    from index.location import ServerLocation

    location = ServerLocation(settings)
    for collection in location.client.get_collections().collections:
        if collection.name.startswith(settings.collection):
            location.client.delete_collection(collection.name)
    location.client.delete_alias(settings.collection) if location.current_name() else None


@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
def test_server_and_embedded_qdrant_return_the_same_passages(server_settings, casebook_settings, mode):
    with CasebookIndex(server_settings) as server, CasebookIndex(casebook_settings) as local:
        for query in QUERIES:
            remote = server.search(query, k=5, mode=mode)
            embedded = local.search(query, k=5, mode=mode)
            assert [h.chunk.chunk_id for h in remote] == [h.chunk.chunk_id for h in embedded], query


def test_a_new_build_switches_the_alias_and_drops_the_old_collection(server_settings):
    from index.location import ServerLocation

    location = ServerLocation(server_settings)
    before = location.current_name()
    build_index(server_settings, [DATA], rebuild=True)
    after = location.current_name()
    assert after != before
    names = {c.name for c in location.client.get_collections().collections}
    assert before not in names and after in names
