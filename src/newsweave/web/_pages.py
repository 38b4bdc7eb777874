"""HTML pages, rendered server-side with Jinja2 (autoescaped: article text is hostile input)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlparse

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..errors import NewsweaveError
from ..store.queries import event_briefs, event_row, story_rows
from ._api import apply_edit
from ._map import svg_map

__all__ = ["pages_router"]

pages_router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(__import__("pathlib").Path(__file__).parent / "templates"))


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered as links; ``javascript:`` and friends are shown as text."""
    if not url:
        return None
    return url if urlparse(url.strip()).scheme.lower() in ("http", "https") else None


templates.env.filters["safe_url"] = safe_url


def _render(request: Request, name: str, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx)


@pages_router.get("/", response_class=HTMLResponse)
def stories_page(request: Request) -> HTMLResponse:
    store = request.app.state.nw.store
    rows = story_rows(store)
    titles = {e.id: e for e in store.events()}
    return _render(request, "stories.html", stories=rows, events=titles)


@pages_router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    store = request.app.state.nw.store
    ev = store.event(event_id)
    row = event_row(store, ev)
    # The record as stored JSON: the template reads it as a mapping, so decoding it into nouns is wasted work.
    rec_rows = store.query("SELECT body FROM records WHERE event_id = ?", (ev.id,))
    record = json.loads(rec_rows[0]["body"]) if rec_rows else None
    comparison = store.comparison(ev.id) or {}
    groups = {g.id: g for g in store.copy_groups_by_id({a["copy_group"] for a in row["articles"] if a["copy_group"]})}
    arts = {a.id: a for a in store.articles(ev.article_ids)}
    # Sources side by side: one column per independent source, copies collapsed under their wire group.
    sources = []
    by_source: dict[str, list[str]] = {}
    for a in row["articles"]:
        by_source.setdefault(a["copy_group"] or a["id"], []).append(a["id"])
    for key, members in by_source.items():
        group = groups.get(key)
        lead = arts.get(group.canonical) if group and group.canonical in arts else arts.get(members[0])
        if lead is not None:
            sources.append({"lead": lead, "members": [arts[m] for m in members if m in arts], "group": group})
    # The story's timeline and map; a story can hold thousands of events, the page shows the newest 60.
    siblings = event_briefs(store, story_id=ev.story_id, limit=60) if ev.story_id else []
    siblings.sort(key=lambda e: (e["date"] or "", e["id"]))
    points = [
        {"lat": e["lat"], "lon": e["lon"], "label": e["place"], "current": e["id"] == ev.id}
        for e in siblings
        if e["lat"] is not None and e["lon"] is not None
    ]
    if not siblings and record and record.get("location") and record["location"].get("lat") is not None:
        loc = record["location"]
        points = [{"lat": loc["lat"], "lon": loc["lon"], "label": loc["name"], "current": True}]
    # Merge targets: the story's other events first, then the newest events overall.
    others = [e for e in [*siblings, *event_briefs(store, limit=100)] if e["id"] != ev.id]
    others = list({e["id"]: e for e in others}.values())[:150]
    from ..report.briefing import comparison_table

    return _render(
        request, "event.html", ev=ev, row=row, record=record, comparison=comparison, sources=sources,
        table=comparison_table(comparison) if comparison else [],
        siblings=siblings, map_svg=svg_map(points), others=others, edits=[
            d for d in store.edits() if ev.id in (d.get("event"), d.get("into"), d.get("to"))
        ],
    )


@pages_router.post("/events/{event_id}/edit")
def event_edit(
    request: Request,
    event_id: str,
    kind: str = Form(...),
    other: str | None = Form(None),
    articles: list[str] | None = Form(None),
    article: str | None = Form(None),
    field: str | None = Form(None),
    value: str | None = Form(None),
) -> RedirectResponse:
    nw = request.app.state.nw
    body: dict[str, Any] = {"kind": kind}
    if kind == "merge":
        body |= {"into": event_id, "event": other}
    elif kind == "split":
        body |= {"event": event_id, "articles": articles or []}
    elif kind == "move":
        body |= {"article": article, "to": other}
    elif kind == "edit":
        body |= {"event": event_id, "field": field, "value": value}
    else:
        raise NewsweaveError(f"unknown edit kind {kind!r}")
    apply_edit(nw, {k: v for k, v in body.items() if v is not None})
    target = event_id if kind != "move" else (other or event_id)
    return RedirectResponse(f"/events/{target}", status_code=303)


@pages_router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = request.app.state.nw.store
    a = store.article(article_id)
    pieces = []
    pos = 0
    for s in a.segments:
        if s.start > pos:
            pieces.append({"kind": None, "text": a.raw_text[pos : s.start]})
        pieces.append({"kind": s.kind, "text": a.raw_text[s.start : s.end], "start": s.start, "end": s.end})
        pos = s.end
    if pos < len(a.raw_text):
        pieces.append({"kind": None, "text": a.raw_text[pos:]})
    return _render(request, "article.html", a=a, pieces=pieces, event_id=store.event_id_of(a.id))


@pages_router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request) -> HTMLResponse:
    return _render(request, "ingest.html", jobs=list(request.app.state.jobs.values()))
