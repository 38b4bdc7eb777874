"""REST API: the library's nouns as JSON, in the same shapes as the exports."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, BackgroundTasks, File, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..corrections import validate_edit
from ..errors import NotFoundError
from ..store.queries import (
    article_row,
    decode_cursor,
    encode_cursor,
    entity_rows,
    event_row,
    event_rows_for,
    find_articles,
    find_event_rows_json,
    record_items,
    story_rows,
)
from ._jobs import load_job, pipeline_lock, start_ingest
from ._json import json_response, spliced, spliced_list

__all__ = ["api_router"]

api_router = APIRouter(prefix="/api", tags=["api"])

Limit = Query(50, ge=1, le=500, description="Page size")


def _nw(request: Request) -> Any:
    return request.app.state.nw


def _store(request: Request) -> Any:
    """The calling thread's read-only connection (see ``_app.Readers``); writes go through ``_nw``."""
    return request.app.state.readers.get()


def _page(items: list[Any], nxt: str | None) -> dict[str, Any]:
    return {"items": items, "next_cursor": nxt}


@api_router.get("/stories", summary="Story threads, newest first")
def list_stories(request: Request, cursor: str | None = None, limit: int = Limit) -> dict[str, Any]:
    rows = story_rows(_store(request))
    start = 0
    if cursor:
        ids = [r["id"] for r in rows]
        if cursor not in ids:
            raise ValueError("malformed cursor")
        start = ids.index(cursor) + 1
    page = rows[start : start + limit]
    nxt = page[-1]["id"] if start + limit < len(rows) and page else None
    return _page(page, nxt)


@api_router.get("/stories/{story_id}", summary="One story with its events in time order")
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    store = _store(request)
    for row in story_rows(store):
        if row["id"] == story_id:
            evs = sorted(store.events(row["event_ids"]), key=lambda e: (e.date or "", e.id))
            return json_response(row | {"events": event_rows_for(store, evs)})  # type: ignore[return-value]
    raise NotFoundError(f"no story {story_id!r}")


@api_router.get("/events", summary="Events, newest first, filtered")
async def list_events(
    request: Request,
    entity: str | None = None,
    place: str | None = None,
    date_from: str | None = Query(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    date_to: str | None = Query(None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
    outlet: str | None = None,
    event_type: str | None = None,
    q: str | None = None,
    story_id: str | None = None,
    cursor: str | None = None,
    limit: int = Limit,
) -> dict[str, Any]:
    def page() -> tuple[list[str], str | None]:
        return find_event_rows_json(
            _store(request), entity=entity, place=place, date_from=date_from, date_to=date_to, outlet=outlet,
            event_type=event_type, q=q, story_id=story_id, cursor=cursor, limit=limit,
        )

    # Text and record searches scan the store (up to a second on 10,000 articles): they run in a worker
    # thread, so they never hold up the event loop; plain and date/story pages are index walks of ~1 ms.
    searching = any(x is not None for x in (entity, place, outlet, event_type, q))
    rows, nxt = await run_in_threadpool(page) if searching else page()
    # The rows are stored JSON already: joined as text, never decoded.
    return spliced_list(rows, nxt)  # type: ignore[return-value]


@api_router.get("/events/{event_id}", summary="One event with its record and source comparison")
async def get_event(request: Request, event_id: str) -> dict[str, Any]:
    store = _store(request)
    ev = store.event_body(event_id)
    # The record and comparison are stored as the JSON this endpoint returns (the record's fields in sorted
    # order rather than the dataclass's): they are spliced in as text, never decoded.
    return spliced(event_row(store, ev), {  # type: ignore[return-value]
        "record": store.record_json(ev["id"]),
        "comparison": store.comparison_json(ev["id"]),
    })


@api_router.get("/articles", summary="Articles in ingest order")
def list_articles(
    request: Request, outlet: str | None = None, q: str | None = None, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    items, nxt = find_articles(_store(request), outlet=outlet, q=q, cursor=cursor, limit=limit)
    return _page(items, nxt)


@api_router.get("/articles/{article_id}", summary="One article with raw text and labelled segments")
async def get_article(request: Request, article_id: str) -> dict[str, Any]:
    store = _store(request)
    a = store.article(article_id)
    return article_row(a) | {"event_id": store.event_id_of(a.id)}


@api_router.get("/claims", summary="Claims with who claims them and their evidence")
def list_claims(
    request: Request, event_id: str | None = None, slot: str | None = None, cursor: str | None = None,
    limit: int = Limit,
) -> dict[str, Any]:
    keep = (lambda c: c["slot"] == slot) if slot is not None else None
    items, nxt = record_items(_store(request), "claims", event_id=event_id, keep=keep, cursor=cursor, limit=limit)
    return json_response(_page(items, nxt))  # type: ignore[return-value]


@api_router.get("/quotes", summary="Quotes with resolved speakers and their evidence")
def list_quotes(
    request: Request, event_id: str | None = None, speaker: str | None = None, cursor: str | None = None,
    limit: int = Limit,
) -> dict[str, Any]:
    keep = (lambda x: speaker.casefold() in (x.get("speaker") or "").casefold()) if speaker is not None else None
    items, nxt = record_items(_store(request), "quotes", event_id=event_id, keep=keep, cursor=cursor, limit=limit)
    return json_response(_page(items, nxt))  # type: ignore[return-value]


@api_router.get("/entities", summary="Named entities merged across articles, with aliases")
def list_entities(
    request: Request, q: str | None = None, kind: str | None = None, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    items = entity_rows(_store(request), q=q, kind=kind)
    key = decode_cursor(cursor)
    if key is not None:
        if len(key) != 2 or not all(isinstance(k, str) for k in key):
            raise ValueError("malformed cursor")
        items = [e for e in items if ((e["name"] or ""), e["id"]) > (key[0], key[1])]
    page = items[:limit]
    nxt = encode_cursor(page[-1]["name"] or "", page[-1]["id"]) if len(items) > limit else None
    return json_response(_page(page, nxt))  # type: ignore[return-value]


class EditIn(BaseModel):
    kind: str = Field(description="merge | split | move | edit")
    into: str | None = None
    event: str | None = None
    articles: list[str] | None = None
    article: str | None = None
    to: str | None = None
    field: str | None = None
    value: Any = None


def apply_edit(nw: Any, body: dict[str, Any]) -> dict[str, Any]:
    """Validate, store and apply one correction, then refresh what depends on events."""
    kind = body.pop("kind")
    validate_edit(kind, body)
    with pipeline_lock(nw.store.path):  # never alongside an upload's run, in this or another worker
        edit_id = nw.store.add_edit(kind, body)
        nw.run([], only=["corrections", "extract", "compare"], show_progress=False, on_message=lambda m: None)
    return {"id": edit_id, "kind": kind, **body}


@api_router.post("/edits", status_code=201, summary="Record a correction (kept across re-runs)")
def post_edit(request: Request, edit: EditIn) -> dict[str, Any]:
    body = {k: v for k, v in edit.model_dump().items() if v is not None}
    return apply_edit(_nw(request), body)


@api_router.get("/edits", summary="Corrections made by people, oldest first")
def list_edits(request: Request) -> dict[str, Any]:
    return _page(_store(request).edits(), None)


@api_router.post("/ingest", status_code=202, summary="Upload a file to ingest and run the pipeline on")
async def post_ingest(request: Request, background: BackgroundTasks, file: UploadFile = File(...)) -> dict[str, Any]:
    job = await start_ingest(request.app, file, background)
    return job


@api_router.get("/jobs/{job_id}", summary="Progress of an ingest job")
def get_job(request: Request, job_id: str) -> dict[str, Any]:
    job = load_job(request.app, job_id)
    if job is None:
        raise NotFoundError(f"no job {job_id!r}")
    return job
