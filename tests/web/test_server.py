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
    # the test client's address is "testclient": here it plays the portal's proxy
    app, client = _app(casebook_index_dir, tmp_path, auth_header="X-Remote-User", trusted_proxies="testclient")
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


def test_the_identity_header_is_believed_only_from_a_trusted_proxy(casebook_index_dir, tmp_path):
    app, client = _app(casebook_index_dir, tmp_path, auth_header="X-Remote-User", trusted_proxies="10.0.0.5")
    with client:  # anyone may send the header; only the proxy's copy counts
        assert client.get("/config", headers={"X-Remote-User": "tanaka"}).status_code == 401
    app.state.web.assistant.close()


def test_a_spoofed_identity_does_not_change_the_rate_limit_key(casebook_index_dir, tmp_path):
    app, client = _app(casebook_index_dir, tmp_path, rate_limit=3, auth_header="X-Remote-User", trusted_proxies="10.0.0.5")
    with client:
        codes = [client.post("/gradio_api/queue/join", json={}, headers={"X-Remote-User": f"user{n}"}).status_code for n in range(5)]
    assert codes[3:] == [429, 429]  # rotating names from a non-proxy address share one budget
    app.state.web.assistant.close()


def test_uploads_schema_and_monitoring_are_closed(client, tmp_path):
    upload = client.post("/gradio_api/upload", files={"files": ("a.txt", b"x" * 2_000_000)})
    assert upload.status_code == 404 and "/tmp" not in upload.text
    for path in ("/openapi.json", "/gradio_api/openapi.json", "/monitoring", "/monitoring/summary"):
        assert client.get(path).status_code == 404, path
    config = client.get("/config").text
    assert "/tmp" not in config and str(tmp_path) not in config  # the client's index lives under tmp_path


def test_wrong_passwords_meet_a_limit(casebook_index_dir, tmp_path):
    app, client = _app(casebook_index_dir, tmp_path, auth="officer:pw")
    with client:
        codes = [client.post("/login", data={"username": "officer", "password": f"bad{n}"}).status_code for n in range(30)]
        assert 429 in codes
        refused = client.post("/login", data={"username": "officer", "password": "bad"})
        assert refused.status_code == 429 and "1分ほど" in refused.text
    app.state.web.assistant.close()


def test_healthz_says_unavailable_instead_of_failing(client, monkeypatch):
    web = client.app.state.web

    def broken():
        raise RuntimeError("switching")

    monkeypatch.setattr(web.assistant.index, "info", broken)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"


def test_serving_to_the_network_without_a_login_needs_an_explicit_flag(casebook_settings):
    from assistant.web.server import serve

    with pytest.raises(CasebookError, match="--allow-anonymous"):
        serve(casebook_settings.with_(host="0.0.0.0"), allow_remote=True)


def test_the_web_component_loads_from_an_allowed_origin_only(client):
    allowed = client.get("/gradio.js", headers={"Origin": "http://portal.example"})
    assert allowed.headers.get("access-control-allow-origin") == "http://portal.example"
    other = client.get("/gradio.js", headers={"Origin": "http://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers


def test_an_unknown_api_name_is_a_japanese_404_not_a_server_error(client):
    refused = client.post("/gradio_api/call/summarise", json={"data": ["防災"]})
    assert refused.status_code == 404
    assert "summarise" in refused.json()["error"] and "/ask" in refused.json()["error"]
    assert client.post("/embed/gradio_api/run/nothing", json={"data": []}).status_code == 404
    assert client.post("/gradio_api/call/ask", json={"data": ["防災分野で連携している地域を教えて"]}).status_code == 200


def test_errors_speak_japanese_to_browsers_and_programs(client):
    page = client.get("/no-such-page", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 404 and "ページが見つかりません" in page.text and page.headers["content-type"].startswith("text/html")
    api = client.get("/gradio_api/no-such-route")
    assert api.status_code == 404 and api.json()["detail"] == "ページが見つかりません。"


def test_a_login_refusal_is_in_japanese(casebook_index_dir, tmp_path):
    app, client = _app(casebook_index_dir, tmp_path, auth="officer:pw")
    with client:
        refused = client.post("/gradio_api/run/ask", json={"data": ["防災"]})
        assert refused.status_code == 401 and "ログインが必要です" in refused.json()["error"]
    app.state.web.assistant.close()


def test_a_frame_on_a_site_that_may_not_embed_the_app_says_why(client):
    framed = {"Sec-Fetch-Dest": "iframe", "Accept": "text/html"}
    elsewhere = client.get("/embed/", headers={**framed, "Referer": "http://other.example/news.html"})
    assert elsewhere.status_code == 403 and "埋め込みを許可するサイト" in elsewhere.text
    assert elsewhere.headers["content-security-policy"].startswith("frame-ancestors *")
    assert "gradio" not in elsewhere.text.lower()  # a message, not the app
    portal = client.get("/embed/", headers={**framed, "Referer": "http://portal.example/top.html"})
    assert portal.status_code == 200 and "frame-ancestors 'self' http://portal.example" in portal.headers["content-security-policy"]


def test_a_full_queue_says_so_in_japanese_and_when_to_retry(casebook_index_dir, tmp_path, monkeypatch):
    import threading
    import time

    app, client = _app(casebook_index_dir, tmp_path, queue_size=1)
    release = threading.Event()
    web = app.state.web
    answer = web.assistant.ask
    monkeypatch.setattr(web.assistant, "ask", lambda *args, **kwargs: release.wait(10) and answer(*args, **kwargs))
    with client:
        first = client.post("/gradio_api/call/ask", json={"data": ["防災の取組は？"]})
        time.sleep(1.0)  # the first question is being answered (and holds the one slot)
        second = client.post("/gradio_api/call/ask", json={"data": ["交通の取組は？"]})  # waits its turn
        third = client.post("/gradio_api/call/ask", json={"data": ["医療の取組は？"]})  # finds the queue full
        release.set()
    assert first.status_code == 200 and second.status_code == 200
    assert third.status_code == 503 and third.headers["retry-after"] == "10"
    assert "混み合っています" in third.json()["error"]
    web.assistant.close()
