"""REST API: the library's nouns as JSON, in the same shapes as the exports."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, BackgroundTasks, File, Query, Request, UploadFile
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ..corrections import validate_edit
from ..errors import NotFoundError
from ..store.queries import (
    article_row,
    entity_page,
    event_row,
    event_rows_json,
    find_articles,
    find_event_rows_json,
    quotes_by_speaker,
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


class StoryRow(BaseModel):
    """A story in the list. A story can hold thousands of events: ``event_ids`` lists its newest
    ``NEWEST_PER_STORY`` (20) in the story's order, ``n_events`` counts them all and ``events_url`` pages
    through them all (``/api/events?story_id=...``, newest first)."""

    id: str
    title: str
    event_ids: list[str] = Field(description="The story's newest events (at most 20), in the story's order")
    event_ids_truncated: bool = Field(description="True when the story has more events than event_ids lists")
    events_url: str = Field(description="Every event of the story, newest first, paged: /api/events?story_id=")
    n_events: int
    n_articles: int
    independent_sources: int
    conflicts: int
    latest: str = Field(description="Date of the newest event ('' when none is dated)")


class StoryPage(BaseModel):
    items: list[StoryRow]
    next_cursor: str | None


class StoryDetail(StoryRow):
    """One story: ``event_ids`` lists every event here (never truncated), ``events`` their rows in time order."""

    events: list[dict[str, Any]]


def _story_out(row: dict[str, Any], *, every_event: bool = False) -> dict[str, Any]:
    ids = row["event_ids"] if every_event else row["newest"]
    return {
        "id": row["id"], "title": row["title"], "event_ids": ids, "event_ids_truncated": len(ids) < row["n_events"],
        "events_url": "/api/events?" + urlencode({"story_id": row["id"]}),
        **{k: row[k] for k in ("n_events", "n_articles", "independent_sources", "conflicts", "latest")},
    }


@api_router.get("/stories", summary="Story threads, newest first", response_model=StoryPage)
def list_stories(request: Request, cursor: str | None = None, limit: int = Limit) -> Any:
    rows = story_rows(_store(request))  # computed once per store version, shared: not changed here
    start = 0
    if cursor:
        ids = [r["id"] for r in rows]
        if cursor not in ids:
            raise ValueError("malformed cursor")
        start = ids.index(cursor) + 1
    page = rows[start : start + limit]
    nxt = page[-1]["id"] if start + limit < len(rows) and page else None
    return json_response(_page([_story_out(r) for r in page], nxt))


@api_router.get("/stories/{story_id}", summary="One story with its events in time order", response_model=StoryDetail)
def get_story(request: Request, story_id: str) -> Any:
    store = _store(request)
    for row in story_rows(store):
        if row["id"] == story_id:
            # The events' stored rows, spliced as text: thousands of events for the largest stories.
            events = "[" + ",".join(event_rows_json(store, row["event_ids"])) + "]"
            return spliced(_story_out(row, every_event=True), {"events": events})
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
    store = _store(request)
    if speaker is not None:  # found in a narrow table of speakers, not by reading every record
        items, nxt = quotes_by_speaker(store, speaker, event_id=event_id, cursor=cursor, limit=limit)
    else:
        items, nxt = record_items(store, "quotes", event_id=event_id, cursor=cursor, limit=limit)
    return json_response(_page(items, nxt))  # type: ignore[return-value]


@api_router.get("/entities", summary="Named entities merged across articles, with aliases")
def list_entities(
    request: Request, q: str | None = None, kind: str | None = None, cursor: str | None = None, limit: int = Limit
) -> dict[str, Any]:
    """Entities sorted by name then id, each merged across every record that mentions it (kind, name, the
    union of aliases, the events it occurs in). ``q`` keeps entities with a name or alias containing it
    (case-insensitive), ``kind`` those of one kind; ``next_cursor`` continues the list."""
    # Stored merged rows (migration 7), spliced as text: a page is a range of an index, not a merge of all.
    items, nxt = entity_page(_store(request), q=q, kind=kind, cursor=cursor, limit=limit)
    return spliced_list(items, nxt)  # type: ignore[return-value]


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
