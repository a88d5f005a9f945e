"""A damaged index is detected at start with a clear message, and one ingest repairs it."""

import shutil

import pytest

from core.config import Settings
from core.errors import IndexCorruptError
from index.builder import build_index
from index.searcher import CasebookIndex
from tests.conftest import KITAMI


@pytest.fixture
def built(tmp_path) -> Settings:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(KITAMI, folder)
    settings = Settings(index_dir=tmp_path / "index", data_dir=folder)
    build_index(settings, [folder])
    return settings


def _generation(settings: Settings):
    return settings.index_dir / (settings.index_dir / "CURRENT").read_text()


@pytest.mark.parametrize(
    "damage",
    [
        lambda g: (g / "qdrant" / "meta.json").write_text("garbage"),
        lambda g: (g / "qdrant" / "collection" / "casebook" / "storage.sqlite").write_bytes(b"\x00not sqlite\x00" * 10),
        lambda g: shutil.rmtree(g / "qdrant" / "collection"),
        lambda g: shutil.rmtree(g / "qdrant"),
    ],
    ids=["meta-json", "sqlite-garbage", "collection-gone", "vectors-gone"],
)
def test_damage_is_reported_with_the_rebuild_command_and_ingest_repairs_it(built, damage):
    damage(_generation(built))
    with pytest.raises(IndexCorruptError, match="casebook ingest --rebuild"):
        CasebookIndex(built).open()
    report = build_index(built, [built.data_dir])
    assert report.changed
    with CasebookIndex(built) as index:
        assert index.search("北見市の人口", k=1)


def test_missing_facts_file_is_damage(built):
    from assistant.service import Assistant

    (_generation(built) / "facts.json").unlink()
    with pytest.raises(IndexCorruptError, match="facts.json is missing"):
        Assistant(built).open()
