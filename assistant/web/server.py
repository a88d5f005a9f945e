"""The web server: the Gradio app at /, the compact chat at /embed/, the widget script at
/widget.js, Gradio's web component loader at /gradio.js, and /healthz — all from one
origin, so a page on a closed network loads nothing from elsewhere.

Around it: a per-client rate limit (the queue makes users wait; the limit stops one client
flooding it), frame-ancestors for the portal's origins, optional login (Gradio's own, or
a user header set by the portal's reverse proxy), and the root path for a proxy prefix.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from pathlib import Path

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


def create_app(settings: Settings, web=None):
    """The FastAPI application (the assistant opened if `web` is not given)."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr
    from fastapi import FastAPI, Request
    from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, RedirectResponse

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

    @app.middleware("http")
    async def guard(request: Request, call_next):
        path = request.url.path
        client = request.client.host if request.client else "unknown"
        if "/upload" in path or any(path.endswith(closed) for closed in CLOSED_PATHS):
            # nothing in the app uploads; schema and monitoring pages are not for the intranet
            return PlainTextResponse("このページは利用できません。", status_code=404)
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
    embed.queue(default_concurrency_limit=1)
    gr.mount_gradio_app(app, embed, path="/embed", **{**common, "root_path": f"{settings.root_path}/embed" if settings.root_path else None})
    full = build_app(web)
    full.queue(default_concurrency_limit=1)
    gr.mount_gradio_app(app, full, path="", **common)

    @app.exception_handler(404)
    async def not_found(request: Request, exc):
        return PlainTextResponse("ページが見つかりません。", status_code=404)

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
