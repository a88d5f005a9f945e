"""The server around the app: rate limit, headers, widget script, localhost by default."""

import shutil

import pytest

from assistant.web.server import RateLimiter
from core.errors import CasebookError


def test_rate_limiter_allows_then_refuses_then_recovers():
    limiter = RateLimiter(limit=2, window=0.2)
    assert limiter.allow("a") and limiter.allow("a")
    assert not limiter.allow("a")
    assert limiter.allow("b")  # per client
    import time

    time.sleep(0.25)
    assert limiter.allow("a")


def test_zero_means_no_limit():
    limiter = RateLimiter(limit=0)
    assert all(limiter.allow("a") for _ in range(1000))


def test_serving_beyond_localhost_needs_an_explicit_flag(casebook_settings):
    from assistant.web.server import serve

    with pytest.raises(CasebookError, match="--allow-remote"):
        serve(casebook_settings.with_(host="0.0.0.0"))


@pytest.fixture
def client(casebook_index_dir, tmp_path):
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app
    from core.config import Settings
    from tests.conftest import DATA

    index = tmp_path / "index"
    shutil.copytree(casebook_index_dir, index)
    settings = Settings(index_dir=index, data_dir=DATA, rate_limit=3, allowed_origins="http://portal.example")
    app = create_app(settings)
    with TestClient(app) as test_client:
        yield test_client
    app.state.web.assistant.close()


def test_api_posts_beyond_the_limit_get_429_in_japanese(client):
    codes = [client.post("/gradio_api/queue/join", json={}).status_code for _ in range(4)]
    assert 429 not in codes[:3] and codes[3] == 429  # three allowed, the fourth refused
    assert "1分ほど待って" in client.post("/gradio_api/queue/join", json={}).json()["error"]


def test_pages_may_be_framed_only_by_allowed_origins(client):
    response = client.get("/embed/")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == "frame-ancestors 'self' http://portal.example"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_widget_and_web_component_loader_are_served_locally(client):
    widget = client.get("/widget.js")
    assert widget.status_code == 200 and "casebook-widget-button" in widget.text
    assert "http" not in widget.text.split("*/", 1)[1].replace("https://APP", "")  # no other host in the code
    loader = client.get("/gradio.js")
    assert loader.status_code == 200 and "./assets/" in loader.text
    assert client.get("/healthz").json()["status"] == "ok"


def _app(casebook_index_dir, tmp_path, **settings):
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app
    from core.config import Settings
    from tests.conftest import DATA

    index = tmp_path / "index"
    shutil.copytree(casebook_index_dir, index)
    app = create_app(Settings(index_dir=index, data_dir=DATA, **settings))
    return app, TestClient(app)


def test_a_portal_proxy_header_is_required_when_configured(casebook_index_dir, tmp_path):
    app, client = _app(casebook_index_dir, tmp_path, auth_header="X-Remote-User")
    with client:
        assert client.get("/config").status_code == 401
        assert client.post("/gradio_api/run/ask", json={"data": ["防災"]}).status_code == 401
        assert client.get("/config", headers={"X-Remote-User": "tanaka"}).status_code == 200
    app.state.web.assistant.close()


def test_password_login_guards_pages_and_api(casebook_index_dir, tmp_path):
    app, client = _app(casebook_index_dir, tmp_path, auth="officer:pw")
    with client:
        assert client.get("/config").status_code == 401
        assert client.post("/gradio_api/run/ask", json={"data": ["防災"]}).status_code == 401
        assert client.post("/embed/gradio_api/queue/join", json={}).status_code == 401
        assert client.post("/login", data={"username": "officer", "password": "wrong"}).status_code == 400
        assert client.post("/login", data={"username": "officer", "password": "pw"}).status_code == 200
        assert client.get("/config").status_code == 200
    app.state.web.assistant.close()
