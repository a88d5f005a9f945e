"""Settings that only a Qdrant server uses reach the collection it creates.

No server runs here (see README, "Scale path"); these check the wiring up to the client call.
"""

import pytest

from core.config import Settings, load_settings
from core.errors import InvalidSettingError
from index.location import ServerLocation


def test_shards_and_replicas_come_from_the_environment(tmp_path):
    settings = load_settings({"CASEBOOK_CONFIG": str(tmp_path / "none.toml"), "CASEBOOK_SHARDS": "3", "CASEBOOK_REPLICAS": "2"})
    assert (settings.shards, settings.replicas) == (3, 2)


def test_a_new_server_generation_asks_for_the_configured_layout(tmp_path):
    location = ServerLocation(Settings(index_dir=tmp_path, qdrant_url="http://127.0.0.1:9", shards=4, replicas=2))
    name, store = location.create_generation()  # creating the client does not connect
    assert name.startswith("casebook__")
    assert store.layout == {"shard_number": 4, "replication_factor": 2}


def test_without_layout_settings_the_server_default_applies(tmp_path):
    location = ServerLocation(Settings(index_dir=tmp_path, qdrant_url="http://127.0.0.1:9"))
    assert location.create_generation()[1].layout == {}


@pytest.mark.parametrize("field", ["shards", "replicas"])
def test_a_layout_below_one_is_refused(field):
    with pytest.raises(InvalidSettingError):
        Settings(**{field: 0})
