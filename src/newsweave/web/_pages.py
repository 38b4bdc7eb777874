"""HTML pages, rendered server-side with Jinja2 (autoescaped: article text is hostile input)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jinja2
from markupsafe import Markup
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from ..errors import NewsweaveError
from ..store.queries import article_briefs, event_briefs, event_rows_for, story_rows
from ._api import apply_edit
from ._json import loads
from ._map import svg_map

__all__ = ["pages_router"]

pages_router = APIRouter(include_in_schema=False)

_DICT_ATTRS = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """Jinja's ``x.name`` tries ``getattr`` first and catches the AttributeError before trying ``x["name"]``: on
    the dicts the pages render (stored JSON) that exception was raised for almost every value shown. For a
    plain dict the outcome is the same when the item is looked up first, unless ``name`` is a dict method."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRS:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def cite(e: dict[str, Any] | None) -> Markup:
    """A citation link to the cited span of an article (written in Python, not as a macro: pages with many
    claims and quotes call it dozens of times)."""
    if not e:
        return Markup("")
    label = e.get("outlet") or (e.get("article_id") or "")[:8]
    return Markup(
        f'<a class="cite" href="/articles/{escape(str(e["article_id"]))}#s{escape(str(e["start"]))}" '
        f'title="{escape(str(e.get("sentence") or ""))}">[{escape(str(label))} {escape(str(e["start"]))}–'
        f'{escape(str(e["end"]))}]</a>'
    )


def timeline_items(siblings: list[dict[str, Any]], current: str) -> Markup:
    """The story's timeline, one ``<li>`` per event (up to 60 per page: written in Python for speed)."""
    out = []
    for e in siblings:
        cls = ' class="current"' if e["id"] == current else ""
        out.append(f'<li{cls}><span class="date">{escape(e["date"] or "undated")}</span> '
                   f'<a href="/events/{escape(e["id"])}">{escape(e["title"])}</a></li>')
    return Markup("".join(out))


# The lists below grow with an event's claims and quotes (thousands on the largest events), so they are
# written in Python rather than as template loops; the output is what the loops wrote, escaped the same way.


def _t(x: Any) -> str:
    """A value as ``{{ x }}`` shows it, escaped."""
    return escape(str(x))


def claim_items(claims: list[dict[str, Any]]) -> Markup:
    """Who says so, one ``<li>`` per claim of an agreement/conflict table row."""
    out = []
    for c in claims:
        ref = c.get("cite")
        link = (f'<a class="cite" href="/articles/{_t(ref["article_id"])}#s{_t(ref["start"])}">'
                f'[{_t(ref["start"])}–{_t(ref["end"])}]</a>') if ref else ""
        out.append(f'<li title="{_t(c.get("sentence"))}">{_t(c.get("claimant") or "unattributed")} · '
                   f'{_t(c.get("outlet"))}\n{link}</li>')
    return Markup("".join(out))


def claim_rows(claims: list[dict[str, Any]]) -> Markup:
    """The record's claims table, one ``<tr>`` per claim."""
    out = []
    for c in claims:
        if c.get("negated"):
            figure = "none reported"
        elif c.get("unknown"):
            figure = "not said"
        else:
            figure = _t(c.get("low")) + (f'–{_t(c.get("high") or "")}' if c.get("high") != c.get("low") else "")
        out.append(f'<tr><td>{_t(c.get("slot"))}</td><td>{figure}</td>\n<td>{_t(c.get("claimant") or "—")}</td>'
                   f'<td>{_t(c.get("subject") or "—")}</td><td>{cite(c.get("evidence"))}</td></tr>')
    return Markup("".join(out))


def quote_blocks(quotes: list[dict[str, Any]]) -> Markup:
    """The record's quotes, one ``<blockquote>`` each."""
    out = []
    for q in quotes:
        cue = f' ({_t(q["cue"])})' if q.get("cue") else ""
        out.append(f'<blockquote><p>{_t(q.get("content"))}</p><footer>— {_t(q.get("speaker") or "unattributed")}'
                   f'{cue} {cite(q.get("evidence"))}</footer></blockquote>')
    return Markup("".join(out))


templates = Jinja2Templates(env=_Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")), autoescape=True,
    auto_reload=False,  # templates ship with the package: compile once, never stat them per request
))


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered as links; ``javascript:`` and friends are shown as text."""
    if not url:
        return None
    return url if urlparse(url.strip()).scheme.lower() in ("http", "https") else None


templates.env.filters["safe_url"] = safe_url
templates.env.globals.update(
    cite=cite, timeline_items=timeline_items, claim_items=claim_items, claim_rows=claim_rows, quote_blocks=quote_blocks
)


def _render(request: Request, name: str, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx)


STORIES_PER_PAGE = 50
EVENTS_PER_STORY = 12


@pages_router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, after: str | None = None) -> HTMLResponse:
    """Stories newest first, 50 a page, each with its newest events (a 10,000-article store has stories of
    thousands of events; each event page's timeline shows 60 of its story)."""
    store = request.app.state.readers.get()
    rows = story_rows(store)
    ids = [r["id"] for r in rows]
    start = ids.index(after) + 1 if after in ids else 0
    page = rows[start : start + STORIES_PER_PAGE]
    shown = {s["id"]: s["event_ids"] for s in page}
    wanted = [e for evs in shown.values() for e in evs]
    # Titles, dates and sizes from the events' columns: decoding every event cost more than the whole page.
    events: dict[str, dict[str, Any]] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        events.update({r["id"]: r for r in store.query(
            f"SELECT id, title, date, n_articles FROM events WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )})
    for sid, evs in shown.items():
        newest = sorted(evs, key=lambda e: (events[e]["date"] or "", e), reverse=True)[:EVENTS_PER_STORY]
        shown[sid] = sorted(newest, key=lambda e: (events[e]["date"] or "", e))
    nxt = page[-1]["id"] if start + STORIES_PER_PAGE < len(rows) and page else None
    return _render(request, "stories.html", stories=page, shown=shown, events=events, next_after=nxt)


# Pages of events whose record and comparison hold more JSON than this (a few percent: long pages that list
# many incidents yield thousands of claims) render in a worker thread, so the ordinary pages queued behind
# one on the event loop are not held up for its tens of milliseconds.
HEAVY_EVENT_JSON = 256 * 1024


@pages_router.get("/events/{event_id}", response_class=HTMLResponse)
async def event_page(request: Request, event_id: str) -> HTMLResponse:
    store = request.app.state.readers.get()
    # The event, its record and comparison as stored JSON: the template reads them as mappings, so decoding
    # them into nouns would be wasted work (it was a third of the page's time on a 10,000-article store).
    ev = store.event_body(event_id)
    rec_text = store.record_json(ev["id"])
    cmp_text = store.comparison_json(ev["id"])
    if len(rec_text or "") + len(cmp_text or "") > HEAVY_EVENT_JSON:
        return await run_in_threadpool(_event_page, request, ev, rec_text, cmp_text)
    return _event_page(request, ev, rec_text, cmp_text)


def _event_page(request: Request, ev: dict[str, Any], rec_text: str | None, cmp_text: str | None) -> HTMLResponse:
    store = request.app.state.readers.get()
    arts = article_briefs(store, ev["article_ids"])
    row = event_rows_for(store, [ev], articles=arts)[0]
    record = loads(rec_text) if rec_text else None
    comparison = loads(cmp_text) if cmp_text else {}
    group_ids = {a["copy_group"] for a in row["articles"] if a["copy_group"]}
    groups = {g["id"]: g for g in store.copy_group_bodies(group_ids)}
    # Sources side by side: one column per independent source, copies collapsed under their wire group.
    sources = []
    by_source: dict[str, list[str]] = {}
    for a in row["articles"]:
        by_source.setdefault(a["copy_group"] or a["id"], []).append(a["id"])
    for key, members in by_source.items():
        group = groups.get(key)
        lead = arts.get(group["canonical"]) if group and group["canonical"] in arts else arts.get(members[0])
        if lead is not None:
            sources.append({"lead": lead, "members": [arts[m] for m in members if m in arts], "group": group})
    # The story's timeline and map; a story can hold thousands of events, the page shows the newest 60.
    siblings = event_briefs(store, story_id=ev["story_id"], limit=60) if ev.get("story_id") else []
    siblings.sort(key=lambda e: (e["date"] or "", e["id"]))
    points = [
        {"lat": e["lat"], "lon": e["lon"], "label": e["place"], "current": e["id"] == ev["id"]}
        for e in siblings
        if e["lat"] is not None and e["lon"] is not None
    ]
    if not siblings and record and record.get("location") and record["location"].get("lat") is not None:
        loc = record["location"]
        points = [{"lat": loc["lat"], "lon": loc["lon"], "label": loc["name"], "current": True}]
    from ..report.briefing import comparison_table

    return _render(
        request, "event.html", ev=ev, row=row, record=record, comparison=comparison, sources=sources,
        table=comparison_table(comparison) if comparison else [],
        siblings=siblings, merge_options=_merge_options(store, ev["id"], siblings),
        map_svg=svg_map(points, tile_url=request.app.state.tile_url, attribution=request.app.state.tile_attribution),
        edits=store.edits_of(ev["id"]),
    )


def _option(e: dict[str, Any]) -> str:
    # Written here rather than as a template macro: a page lists up to 150 of them, and a Jinja macro call
    # per option cost more than the rest of the form.
    return f'<option value="{escape(e["id"])}">{escape(e["title"][:70])} ({escape(e["date"] or "undated")})</option>'


def _merge_options(store: Any, event_id: str, siblings: list[dict[str, Any]]) -> Markup:
    """Merge targets: the story's other events first, then the newest events overall, at most 150. The newest
    events' options are the same on every page: rendered once per store version, not once per page."""
    def newest() -> list[tuple[str, str]]:
        return [(e["id"], _option(e)) for e in event_briefs(store, limit=100, located=False)]

    seen = {event_id}
    out = []
    for e in siblings:
        if e["id"] not in seen:
            seen.add(e["id"])
            out.append(_option(e))
    for eid, html in store.memo("web.newest_options", newest):
        if eid not in seen:
            seen.add(eid)
            out.append(html)
    return Markup("".join(out[:150]))


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
async def article_page(request: Request, article_id: str) -> HTMLResponse:
    store = request.app.state.readers.get()
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
