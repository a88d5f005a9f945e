"""Shared fixtures: the bundled casebook parsed once, and a real index (embedded Qdrant,
real fugashi, the real default embedder) built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.config import Settings
from ingest.pipeline import IngestedDocument, ingest_file

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BOOKLET = DATA / "kouiki-renkei-jireishu.txt"
KITAMI = DATA / "kitami-sdgs-kouiki-renkei.txt"

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # tests must never reach a model hub


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """No test reads the developer's casebook.toml or writes to the real index folder."""
    for name in list(os.environ):
        if name.startswith("CASEBOOK_") or name in ("QDRANT_URL", "QDRANT_API_KEY"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CASEBOOK_CONFIG", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("CASEBOOK_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("CASEBOOK_DATA_DIR", str(DATA))


@pytest.fixture(scope="session")
def booklet() -> IngestedDocument:
    return ingest_file(BOOKLET)


@pytest.fixture(scope="session")
def kitami() -> IngestedDocument:
    return ingest_file(KITAMI)


@pytest.fixture(scope="session")
def casebook_index_dir(tmp_path_factory) -> Path:
    """The whole bundled casebook, indexed once with the default embedder."""
    from index.builder import build_index

    index_dir = tmp_path_factory.mktemp("casebook-index")
    build_index(Settings(index_dir=index_dir, data_dir=DATA), [DATA])
    return index_dir


@pytest.fixture
def casebook_settings(casebook_index_dir, monkeypatch) -> Settings:
    monkeypatch.setenv("CASEBOOK_INDEX_DIR", str(casebook_index_dir))
    return Settings(index_dir=casebook_index_dir, data_dir=DATA)


@pytest.fixture
def casebook_index(casebook_settings):
    from index.searcher import CasebookIndex

    with CasebookIndex(casebook_settings) as index:
        yield index


@pytest.fixture(scope="module")
def assistant(casebook_index_dir):
    """The assistant on the session's index, opened once per test module."""
    from assistant.service import Assistant

    with Assistant(Settings(index_dir=casebook_index_dir, data_dir=DATA)) as opened:
        yield opened
