"""The briefing: per story, its events in time order; per event an extractive summary with citations, the
agreement/conflict table, the fatality range, quotes with speakers, and commentary and background kept apart
from reporting.

:func:`briefing_data` builds a plain view model from the store; jinja2 templates render it as Markdown or as
one self-contained HTML file. Article text is hostile input: the HTML environment autoescapes everything and
the Markdown one escapes HTML and Markdown control characters.
"""

from __future__ import annotations

import re
from typing import Any, Mapping

import jinja2

from ..errors import NewsweaveError
from ..models import Article, Event, EventRecord
from .summary import summary_sentences

__all__ = ["briefing", "briefing_data", "event_view", "comparison_table"]

_SLOT_NAMES = {
    "killed": "Killed",
    "injured": "Injured",
    "troops": "Troops",
    "facilities": "Facilities",
    "attacks": "Attacks",
    "other": "Other figures",
    "places": "Places",
    "date": "Date",
    "actors": "Actors",
    "blame": "Blame / denial",
}


def _cite(outlet: str | None, article_id: str, start: int, end: int) -> dict[str, Any]:
    return {"outlet": outlet or "unknown outlet", "article_id": article_id, "start": start, "end": end}


def _ev_cite(ev: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not ev:
        return None
    return _cite(ev.get("outlet"), ev["article_id"], ev["start"], ev["end"])


def comparison_table(cmp: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Agreement/conflict table: one row per (slot, value) with status and each source's citation."""
    from ..compare import SLOT_ORDER

    rows = []
    slots = cmp.get("slots", {})
    order = sorted(slots, key=lambda k: (SLOT_ORDER.index(k) if k in SLOT_ORDER else len(SLOT_ORDER), k))
    for slot in order:
        s = slots[slot]
        for v in s.get("values", []):
            if v["kind"] == "unknown":
                status = "not stated"
            elif s.get("conflict"):
                status = "conflict"
            elif v["n_sources"] >= 2:
                status = f"agreed by {v['n_sources']} independent sources"
            else:
                status = "single source"
            rows.append(
                {
                    "slot": _SLOT_NAMES.get(slot, slot),
                    "value": v["value"],
                    "status": status,
                    "claims": [
                        {
                            "outlet": c.get("outlet") or "unknown outlet",
                            "claimant": c.get("claimant"),
                            "sentence": (c.get("evidence") or {}).get("sentence") or (c.get("evidence") or {}).get("text"),
                            "cite": _ev_cite(c.get("evidence")),
                        }
                        for c in v["claims"]
                    ],
                }
            )
    return rows


def _passages(rec: EventRecord | None, arts: Mapping[str, Article], role: str) -> list[dict[str, Any]]:
    out = []
    seen = set()
    if rec:
        for p in rec.passages:
            if p.role == role and p.article_id in arts:
                a = arts[p.article_id]
                seen.add((a.id, p.start, p.end))
                out.append({"text": a.raw_text[p.start : p.end], "cite": _cite(a.outlet, a.id, p.start, p.end)})
    if role == "commentary":
        # Cleaning labels "Comment:" paragraphs as commentary segments even where extraction made no passage.
        for a in arts.values():
            for s in a.segments_of("commentary"):
                if (a.id, s.start, s.end) not in seen and not any(
                    c["cite"]["article_id"] == a.id and c["cite"]["start"] <= s.start < c["cite"]["end"] for c in out
                ):
                    out.append({"text": a.raw_text[s.start : s.end], "cite": _cite(a.outlet, a.id, s.start, s.end)})
    return out


def event_view(
    event: Event, rec: EventRecord | None, cmp: Mapping[str, Any] | None, arts: Mapping[str, Article]
) -> dict[str, Any]:
    """Everything the templates show about one event."""
    cmp = cmp or {}
    fat = cmp.get("fatalities") or {}
    summary = summary_sentences(rec, cmp, arts)
    for s in summary:
        s["cites"] = [
            {**_cite(c["outlet"], c["article_id"], c["start"], c["end"]), "match": c["match"]} for c in s["citations"]
        ]
    quotes = []
    for q in rec.quotes if rec else ():
        ev = q.evidence
        quotes.append(
            {
                "speaker": q.speaker or "unattributed",
                "content": q.content,
                "direct": q.direct,
                "cite": _cite(ev.outlet, ev.article_id, ev.start, ev.end),
            }
        )
    conflicts = [
        {
            "slot": _SLOT_NAMES.get(c["slot"], c["slot"]),
            "claims": [
                {
                    "value": x["value"],
                    "outlet": x.get("outlet") or "unknown outlet",
                    "claimant": x.get("claimant"),
                    "sentence": (x.get("evidence") or {}).get("sentence"),
                    "cite": _ev_cite(x.get("evidence")),
                }
                for x in c["claims"]
            ],
        }
        for c in cmp.get("conflicts", [])
    ]
    omissions = [
        {
            "slot": _SLOT_NAMES.get(o["slot"], o["slot"]),
            "outlets": ", ".join(o["outlets"]) or ", ".join(o["article_ids"]),
            "n_reporting": o["n_reporting"],
            "n_sources": o["n_sources"],
        }
        for o in cmp.get("omissions", [])
    ]
    loc = rec.location if rec else None
    return {
        "id": event.id,
        "title": event.title,
        "date": (rec.date.value if rec and rec.date and rec.date.value else event.date) or "date unknown",
        "date_precision": rec.date.precision if rec and rec.date else event.date_precision,
        "location": loc.name if loc else None,
        "event_type": " / ".join(x for x in (rec.event_type, rec.sub_event_type) if x) if rec else None,
        "actors": [x for x in ((rec.actor1, rec.actor2, *rec.assoc_actors) if rec else ()) if x],
        "sources": [
            {"outlets": ", ".join(s["outlets"]) or "unknown outlet", "article_ids": s["article_ids"]}
            for s in cmp.get("sources", [])
        ]
        or [{"outlets": a.outlet or "unknown outlet", "article_ids": [a.id]} for a in arts.values()],
        "summary": summary,
        "table": comparison_table(cmp),
        "conflicts": conflicts,
        "omissions": omissions,
        "fatalities": {k: fat.get(k) for k in ("low", "best", "high", "conservative")},
        "fatalities_disputed": bool(fat.get("disputed")),
        "dispute": [
            {**d, "cite": _ev_cite(d.get("evidence")), "outlet": d.get("outlet") or "unknown outlet"}
            for d in fat.get("dispute", [])
        ],
        "quotes": quotes,
        "commentary": _passages(rec, arts, "commentary"),
        "background": _passages(rec, arts, "background"),
        "lineage": cmp.get("lineage", []),
        "compared": bool(cmp),
    }


def briefing_data(store: Any, event_id: str | None = None) -> dict[str, Any]:
    """View model: stories (each with its events in time order), then events that belong to no story."""
    events = store.events() if event_id is None else [store.event(event_id)]
    if not events:
        return {"stories": [], "n_events": 0}
    records = {r.event_id: r for r in store.records([e.id for e in events])}
    by_id = {e.id: e for e in events}

    def view(e: Event) -> dict[str, Any]:
        arts = {a.id: a for a in store.articles(list(e.article_ids))}
        return event_view(e, records.get(e.id), store.comparison(e.id), arts)

    def in_time_order(evs: list[Event]) -> list[Event]:
        return sorted(evs, key=lambda e: (e.date or "9999", e.id))

    stories = []
    placed: set[str] = set()
    for s in store.stories():
        mine = [by_id[i] for i in s.event_ids if i in by_id]
        if not mine:
            continue
        placed.update(e.id for e in mine)
        stories.append({"id": s.id, "title": s.title, "events": [view(e) for e in in_time_order(mine)]})
    rest = [e for e in events if e.id not in placed]
    if rest:
        stories.append({"id": None, "title": "Events outside a story thread", "events": [view(e) for e in in_time_order(rest)]})
    return {"stories": stories, "n_events": len(events)}


# --- rendering --------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")


def _md(value: Any) -> str:
    """Escape for Markdown: HTML entities (renderers pass raw HTML through), Markdown control characters,
    and line breaks (a cell or list item must stay on one line)."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def _env(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsweave.report", "templates"),
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _md
    return env


def briefing(store: Any, event_id: str | None = None, fmt: str = "md") -> str:
    """The briefing for every event (or one) as Markdown (``fmt="md"``) or self-contained HTML (``"html"``)."""
    if fmt not in ("md", "html"):
        raise NewsweaveError(f"unknown briefing format {fmt!r}; choose md or html")
    data = briefing_data(store, event_id)
    template = "briefing.html" if fmt == "html" else "briefing_md.txt"
    return _env(fmt == "html").get_template(template).render(**data)
