"""The app stays up through re-ingests: /healthz never answers 500 and every question is
answered while `casebook ingest --rebuild` publishes new generations beside it."""

import shutil
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from reingest_probe import probe  # noqa: E402


def test_health_checks_and_questions_survive_two_reingests(casebook_index_dir, tmp_path, monkeypatch):
    index = tmp_path / "index"
    shutil.copytree(casebook_index_dir, index, ignore=shutil.ignore_patterns(".lock"))
    monkeypatch.setenv("CASEBOOK_INDEX_DIR", str(index))
    report = probe(index, clients=4, rounds=2, log=lambda message: None)
    assert len(set(report.generations)) == 2
    assert report.health[200] > 0 and set(report.health) <= {200, 503}
    assert report.answers["answered"] > 0 and set(report.answers) == {"answered"}
