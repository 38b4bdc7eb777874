from __future__ import annotations

import dataclasses
import hashlib
from typing import Any, Iterable, Mapping

from ..errors import NewsweaveError
from ..models import Event

__all__ = ["EDIT_KINDS", "apply_edits", "validate_edit"]

EDIT_KINDS = ("merge", "split", "move", "edit")
# Fields of an event a person may overwrite; everything else is derived from articles.
EDITABLE_FIELDS = ("title", "date", "date_precision")


def validate_edit(kind: str, body: Mapping[str, Any]) -> None:
    """Raise a clear error for a malformed edit before it is stored."""
    need = {
        "merge": ("into", "event"),
        "split": ("event", "articles"),
        "move": ("article", "to"),
        "edit": ("event", "field", "value"),
    }
    if kind not in need:
        raise NewsweaveError(f"unknown edit kind {kind!r}; expected one of {', '.join(EDIT_KINDS)}")
    missing = [k for k in need[kind] if k not in body]
    if missing:
        raise NewsweaveError(f"{kind} edit needs {', '.join(missing)}")
    if kind == "split" and not (isinstance(body["articles"], list) and body["articles"]):
        raise NewsweaveError("split edit needs a non-empty list of article ids")
    if kind == "edit" and body["field"] not in EDITABLE_FIELDS:
        raise NewsweaveError(f"field {body['field']!r} cannot be edited; editable: {', '.join(EDITABLE_FIELDS)}")


def _split_id(event_id: str, articles: Iterable[str]) -> str:
    h = hashlib.sha256((event_id + "|" + ",".join(sorted(articles))).encode()).hexdigest()[:12]
    return f"ev-u{h}"


def apply_edits(events: list[Event], edits: Iterable[Mapping[str, Any]]) -> tuple[list[Event], list[str]]:
    """Replay ``edits`` (oldest first) over ``events``. Returns the corrected events and the ids of events the
    corrections touched. An edit naming an event or article that no longer exists is skipped."""
    by_id: dict[str, Event] = {e.id: e for e in events}
    touched: set[str] = set()

    def owner(article_id: str) -> str | None:
        for e in by_id.values():
            if article_id in e.article_ids:
                return e.id
        return None

    def put(e: Event, **changes: Any) -> None:
        by_id[e.id] = dataclasses.replace(e, **changes)
        touched.add(e.id)

    for ed in edits:
        kind = ed.get("kind")
        if kind == "merge":
            into, other = by_id.get(ed["into"]), by_id.get(ed["event"])
            if into is None or other is None or into.id == other.id:
                continue
            arts = tuple(sorted(set(into.article_ids) | set(other.article_ids)))
            put(into, article_ids=arts, assignments=into.assignments + other.assignments)
            del by_id[other.id]
            touched.add(other.id)
        elif kind == "split":
            src = by_id.get(ed["event"])
            if src is None:
                continue
            moving = tuple(sorted(a for a in ed["articles"] if a in src.article_ids))
            if not moving or len(moving) == len(src.article_ids):
                continue
            new_id = _split_id(src.id, moving)
            put(src, article_ids=tuple(a for a in src.article_ids if a not in moving))
            title = ed.get("title") or f"{src.title} (split)"
            by_id[new_id] = Event(id=new_id, title=title, article_ids=moving, date=src.date,
                                  date_precision=src.date_precision, story_id=src.story_id)
            touched.add(new_id)
        elif kind == "move":
            art, dest = ed["article"], by_id.get(ed["to"])
            src_id = owner(art)
            if dest is None or src_id is None or src_id == dest.id:
                continue
            src = by_id[src_id]
            rest = tuple(a for a in src.article_ids if a != art)
            if rest:
                put(src, article_ids=rest)
            else:
                del by_id[src_id]
                touched.add(src_id)
            put(by_id[dest.id], article_ids=tuple(sorted(set(dest.article_ids) | {art})))
        elif kind == "edit":
            e = by_id.get(ed["event"])
            if e is None or ed["field"] not in EDITABLE_FIELDS:
                continue
            put(e, **{ed["field"]: ed["value"]})
    return sorted(by_id.values(), key=lambda e: e.id), sorted(touched)
