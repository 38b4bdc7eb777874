from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..errors import NewsweaveError, NotFoundError, require

__all__ = ["create_app"]

HERE = Path(__file__).parent
# Uploads larger than this are refused before they are read whole: news files are kilobytes to a few MB; a WARC
# of a day's crawl is the largest thing a person drops on this page.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
UPLOAD_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom", ".warc", ".warc.gz", ".gz")

# Article text is hostile input. Everything is autoescaped by Jinja2; the CSP is a second wall: no inline script,
# no plugins, no remote anything. Links from articles are shown, never followed by script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def tune_gc() -> None:
    """Garbage-collector settings for a serving process (``serve`` calls this once the app is built).

    Pages parse records and comparisons of tens of kilobytes into thousands of short-lived dicts, which
    reference counting frees; the cyclic collector's default thresholds still ran a collection every few
    hundred of them and a full one, of 20-40 ms, every ~170 event pages: 0.4 ms a page, and the full ones
    stalled every request queued behind them. The app's own long-lived objects are frozen out of collection.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 100)


class Readers:
    """Read-only store connections, one per thread: the event loop's (pages and per-item API calls run on
    it) and each worker thread's (heavier listings). In WAL mode a reader never waits for a writer or for
    another reader's lock, and sees every write as soon as it commits, so a correction shows on the next
    request, in every worker process."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self._local = threading.local()

    def get(self) -> Any:
        if self._store.path == ":memory:":  # a private database: there is nothing else to connect to
            return self._store
        reader = getattr(self._local, "store", None)
        if reader is None:
            from ..store import SQLiteStore

            reader = self._local.store = SQLiteStore(self._store.path, check_same_thread=False, read_only=True)
        return reader


class SecurityHeaders:
    """Pure ASGI middleware adding fixed headers to every HTTP response. (Starlette's ``@app.middleware``
    wraps each response body in extra tasks and streams: it cost more than some whole API responses.)"""

    def __init__(self, app: Any, headers: list[tuple[bytes, bytes]]) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k for k, _ in self.headers}
                message["headers"] = [h for h in message.get("headers", []) if h[0].lower() not in names] + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csp(tile_origin: str | None = None) -> str:
    """The Content-Security-Policy; images may also come from the tile server when one is configured."""
    return CSP.replace("img-src 'self' data:", f"img-src 'self' data: {tile_origin}") if tile_origin else CSP


def create_app(
    db: str = "newsweave.db", *, tile_url: str | None = None, tile_attribution: str | None = None
) -> Any:
    """Build the FastAPI app over the store at ``db``. ``tile_url`` (default: the ``map_tile_url`` setting)
    puts the event map on raster tiles from that server; without it the map is drawn offline."""
    fastapi = require("fastapi", "web")
    from fastapi.responses import JSONResponse
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException
    from fastapi.exceptions import RequestValidationError

    from .._api import Newsweave
    from ..store import SQLiteStore
    from ._api import api_router
    from ._pages import pages_router

    # Writes (edits, ingest jobs) share one connection; SQLiteStore serialises access with its own lock.
    nw = Newsweave(SQLiteStore(db, check_same_thread=False))
    app = fastapi.FastAPI(
        title="newsweave",
        version=__import__("newsweave").__version__,
        description="Deduplicated, sourced events from many outlets, and how the sources compare.",
    )
    app.state.nw = nw
    app.state.readers = Readers(nw.store)
    settings = nw.settings
    app.state.tile_url = (tile_url if tile_url is not None else settings.map_tile_url) or None
    app.state.tile_attribution = (
        tile_attribution if tile_attribution is not None else settings.map_tile_attribution
    ) or None
    origin = None
    if app.state.tile_url:
        from ._map import tile_origin

        try:
            origin = tile_origin(app.state.tile_url)
        except ValueError as exc:
            raise NewsweaveError(str(exc)) from exc
    app.state.jobs = {}
    app.state.upload_dir = None

    app.add_middleware(SecurityHeaders, headers=[
        (b"content-security-policy", csp(origin).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    ])

    @app.exception_handler(NotFoundError)
    async def not_found(request: Any, exc: NotFoundError) -> Any:
        return JSONResponse({"error": "not_found", "message": str(exc)}, status_code=404)

    @app.exception_handler(NewsweaveError)
    async def bad_request(request: Any, exc: NewsweaveError) -> Any:
        return JSONResponse({"error": "bad_request", "message": str(exc)}, status_code=400)

    @app.exception_handler(ValueError)
    async def value_error(request: Any, exc: ValueError) -> Any:
        return JSONResponse({"error": "bad_request", "message": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Any, exc: RequestValidationError) -> Any:
        msgs = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return JSONResponse({"error": "invalid_request", "message": msgs}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Any, exc: StarletteHTTPException) -> Any:
        return JSONResponse({"error": "http_error", "message": str(exc.detail)}, status_code=exc.status_code)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    return app
