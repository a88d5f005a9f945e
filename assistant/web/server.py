"""The web server: the Gradio app at /, the compact chat at /embed/, the widget script at
/widget.js, Gradio's web component loader at /gradio.js, and /healthz — all from one
origin, so a page on a closed network loads nothing from elsewhere.

Around it: a per-client rate limit (the queue makes users wait; the limit stops one client
flooding it), frame-ancestors for the portal's origins, optional login (Gradio's own, or
a user header set by the portal's reverse proxy), and the root path for a proxy prefix.
"""

from __future__ import annotations

import html
import logging
import os
import re
import threading
import time
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

from core.config import Settings

log = logging.getLogger("casebook.web")
_WIDGET = Path(__file__).with_name("widget.js")


class RateLimiter:
    """At most `limit` requests a minute per client key (sliding window)."""

    def __init__(self, limit: int, window: float = 60.0):
        self.limit, self.window = limit, window
        self.hits: dict[str, deque] = {}
        self.lock = threading.Lock()

    def allow(self, key: str) -> bool:
        if self.limit <= 0:
            return True
        now = time.monotonic()
        with self.lock:
            recent = self.hits.setdefault(key, deque())
            while recent and now - recent[0] > self.window:
                recent.popleft()
            if len(recent) >= self.limit:
                return False
            recent.append(now)
            if len(self.hits) > 10_000:  # forget idle clients
                for stale in [k for k, v in self.hits.items() if not v or now - v[-1] > self.window]:
                    del self.hits[stale]
            return True


LOGIN_ATTEMPTS_PER_MINUTE = 10
CLOSED_PATHS = ("/openapi.json", "/monitoring", "/monitoring/summary", "/docs", "/redoc")
_NAMED_CALL = re.compile(r"/gradio_api/(?:call|run)/(?P<name>[^/]+)/?$")
MESSAGES = {
    401: "ログインが必要です。ポータルからログインし直してください。",
    403: "このページからは事例集アシスタントを表示できません。埋め込みを許可するサイトへの追加を管理者に依頼してください。",
    404: "ページが見つかりません。",
    500: "処理中にエラーが発生しました。時間をおいてもう一度お試しください。",
    503: "ただいま混み合っています。少し待ってからもう一度お試しください。",
}


def error_page(status: int, message: str, home: str) -> str:
    """A small Japanese page for people who land on an error in a browser."""
    escaped = html.escape(message)
    return (
        "<!doctype html><html lang='ja'><head><meta charset='utf-8'><title>広域連携事例集アシスタント</title></head>"
        "<body style='font-family:system-ui,sans-serif;margin:1em;line-height:1.6;font-size:14px'>"
        f"<h1 style='font-size:1.05em'>広域連携事例集アシスタント</h1><p>{escaped}</p>"
        f"<p><a href='{html.escape(home)}/'>トップページへ</a></p><p style='color:#777'>（{status}）</p></body></html>"
    )


def origin_of(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def create_app(settings: Settings, web=None):
    """The FastAPI application (the assistant opened if `web` is not given)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr
    from fastapi import FastAPI, Request
    from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse

    from assistant.service import Assistant
    from assistant.web.render import CSS
    from assistant.web.ui import WebAssistant, build_app, build_embed

    if web is None:
        web = WebAssistant(Assistant(settings).open())
    app = FastAPI(title="casebook", docs_url=None, redoc_url=None, openapi_url=None)
    limiter = RateLimiter(settings.rate_limit)
    logins = RateLimiter(LOGIN_ATTEMPTS_PER_MINUTE)
    ancestors = " ".join(["'self'", *settings.origins])
    allowed = set(settings.origins)
    proxies = set(settings.proxies)

    def proven_user(request: Request) -> str | None:
        """The identity header, believed only from a configured proxy (anyone else could send it)."""
        if not settings.auth_header or not request.client or request.client.host not in proxies:
            return None
        return request.headers.get(settings.auth_header) or None

    api_names: set[str] = set()  # the public API (filled once the Gradio apps are built)

    def error_response(request: Request, status: int, message: str | None = None, headers: dict | None = None):
        """Japanese for people and programs alike: a page for a browser, JSON for an API client."""
        message = message or MESSAGES[status]
        if "text/html" in request.headers.get("accept", ""):
            return HTMLResponse(error_page(status, message, settings.root_path), status_code=status, headers=headers)
        return JSONResponse({"error": message, "detail": message}, status_code=status, headers=headers)

    @app.middleware("http")
    async def guard(request: Request, call_next):
        path = request.url.path
        client = request.client.host if request.client else "unknown"
        if "/upload" in path or any(path.endswith(closed) for closed in CLOSED_PATHS):
            # nothing in the app uploads; schema and monitoring pages are not for the intranet
            return error_response(request, 404, "このページは利用できません。")
        if request.headers.get("sec-fetch-dest") == "iframe":
            parent = origin_of(request.headers.get("referer"))
            own = f"{request.url.scheme}://{request.url.netloc}"
            if parent and parent != own and parent not in allowed:
                # a frame on a site that may not embed the app: say why, instead of a blank frame
                headers = {"Content-Security-Policy": "frame-ancestors *; default-src 'none'; style-src 'unsafe-inline'"}
                return HTMLResponse(error_page(403, MESSAGES[403], settings.root_path), status_code=403, headers=headers)
        named = _NAMED_CALL.search(path)
        if request.method == "POST" and named and named.group("name") not in api_names:
            known = "、".join(f"/{name}" for name in sorted(api_names))
            return error_response(request, 404, f"API「{named.group('name')}」はありません。使えるのは {known} です。")
        if request.method == "POST" and path.rstrip("/").endswith("/login"):
            if not logins.allow(client):
                return PlainTextResponse(
                    "ログインの試行が多すぎます。1分ほど待ってからもう一度お試しください。", status_code=429, headers={"Retry-After": "60"}
                )
        if request.method == "POST" and "/gradio_api/" in path:
            key = proven_user(request) or client
            if not limiter.allow(key):
                return JSONResponse(
                    {"error": "リクエストが多すぎます。1分ほど待ってからもう一度お試しください。"},
                    status_code=429,
                    headers={"Retry-After": "60"},
                )
        response = await call_next(request)
        if response.status_code == 503 and "/gradio_api/" in path:
            # the queue holds settings.queue_size questions: say so, and when to try again
            return error_response(request, 503, MESSAGES[503], headers={"Retry-After": "10"})
        if response.status_code in (401, 404) or (response.status_code >= 500 and "/gradio_api/" in path):
            if response.status_code >= 500:
                log.error("HTTP %d on %s %s", response.status_code, request.method, path)
            response = error_response(request, 500 if response.status_code >= 500 else response.status_code)
        origin = request.headers.get("origin", "").rstrip("/")
        if origin and origin in allowed:
            # the portal's page loads /gradio.js and the app's assets and API for <gradio-app>
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        response.headers["Content-Security-Policy"] = f"frame-ancestors {ancestors}"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    @app.get("/healthz")
    def healthz():
        try:
            with web.lock:  # the lock questions take: never mid-switch to a new index
                info = web.assistant.index.info()
        except Exception:  # switching or unavailable: tell the load balancer to wait, never 500
            return JSONResponse({"status": "unavailable"}, status_code=503, headers={"Retry-After": "5"})
        return {"status": "ok", "chunks": info.chunk_count, "embedder": info.embedder}

    @app.get("/widget.js")
    def widget():
        return FileResponse(_WIDGET, media_type="text/javascript; charset=utf-8")

    @app.get("/gradio.js")
    def gradio_loader():
        loader = Path(gr.__file__).parent / "templates" / "frontend" / "gradio.js"
        return FileResponse(loader, media_type="text/javascript; charset=utf-8")

    @app.get("/embed")
    def embed_slash():
        return RedirectResponse(url=f"{settings.root_path}/embed/")

    auth = None
    if settings.auth:
        auth = [tuple(pair.split(":", 1)) for pair in settings.auth.split(",")]
    auth_dependency = None
    if settings.auth_header:
        header = settings.auth_header

        def auth_dependency(request: Request):  # the portal's proxy vouches for the user
            return proven_user(request) if header else None

    theme = gr.themes.Default(
        font=["Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", "system-ui", "sans-serif"],
        font_mono=["Noto Sans Mono CJK JP", "monospace"],
    )
    common = dict(
        auth=auth,
        auth_dependency=auth_dependency,
        root_path=settings.root_path or None,
        theme=theme,
        css=CSS,
        footer_links=[],
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
    )
    embed = build_embed(web)
    embed.queue(default_concurrency_limit=1, max_size=settings.queue_size)
    gr.mount_gradio_app(app, embed, path="/embed", **{**common, "root_path": f"{settings.root_path}/embed" if settings.root_path else None})
    full = build_app(web)
    full.queue(default_concurrency_limit=1, max_size=settings.queue_size)
    gr.mount_gradio_app(app, full, path="", **common)
    api_names.update(fn.api_name for blocks in (full, embed) for fn in blocks.fns.values() if fn.api_visibility == "public" and fn.api_name)

    app.state.web = web
    return app


def serve(settings: Settings, allow_remote: bool = False, allow_anonymous: bool = False) -> None:
    import uvicorn

    from core.errors import CasebookError

    if settings.host not in ("127.0.0.1", "localhost", "::1") and not allow_remote:
        raise CasebookError(
            f"refusing to listen on {settings.host}: the app binds to localhost unless you pass --allow-remote "
            "(and then put it behind the portal's proxy with CASEBOOK_AUTH or CASEBOOK_AUTH_HEADER)"
        )
    remote = settings.host not in ("127.0.0.1", "localhost", "::1")
    if remote and not (settings.auth or settings.auth_header) and not allow_anonymous:
        raise CasebookError(
            f"refusing to listen on {settings.host} without a login: set CASEBOOK_AUTH, or CASEBOOK_AUTH_HEADER with "
            "CASEBOOK_TRUSTED_PROXIES, or pass --allow-anonymous if everyone on the network may use it"
        )
    if settings.auth_header and not settings.proxies:
        log.warning("CASEBOOK_AUTH_HEADER is set but CASEBOOK_TRUSTED_PROXIES is empty: the header is ignored")
    started = time.perf_counter()
    app = create_app(settings)
    log.warning(
        "casebook ready in %.1f s at http://%s:%d%s/", time.perf_counter() - started, settings.host, settings.port, settings.root_path
    )
    print(
        f"casebook: http://{settings.host}:{settings.port}{settings.root_path}/  "
        f"(埋め込み: {settings.root_path}/embed/ , widget: {settings.root_path}/widget.js)",
        flush=True,
    )
    # X-Forwarded-For is believed only from the configured proxies (uvicorn's default trusts loopback)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        proxy_headers=bool(settings.proxies),
        forwarded_allow_ips=",".join(settings.proxies) or "",
        root_path="",
        timeout_graceful_shutdown=5,
    )
