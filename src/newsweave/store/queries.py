"""Read-side queries shared by the CLI, the web app and the exports: filtering, keyset pagination and the
JSON shapes of events and articles (the same shapes the exports write)."""

from __future__ import annotations

import base64
import json
from typing import Any, Sequence

from ..models import Event
from . import _codec
from ._sqlite import in_chunks

try:  # orjson (the web extra) decodes a page of stored events several times faster; optional
    from orjson import loads as _loads
except ImportError:  # pragma: no cover
    _loads = json.loads

__all__ = [
    "encode_cursor",
    "decode_cursor",
    "event_row",
    "event_rows_for",
    "find_events",
    "find_event_rows",
    "find_event_rows_json",
    "article_briefs",
    "find_articles",
    "event_briefs",
    "article_row",
    "story_rows",
    "event_rows_json",
    "record_items",
    "quotes_by_speaker",
    "entity_rows",
    "entity_page",
    "merge_entity_mentions",
    "independent_sources",
]


def encode_cursor(*key: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> list[Any] | None:
    """Decode a cursor from a previous page; raise ValueError for a malformed one."""
    if not cursor:
        return None
    pad = "=" * (-len(cursor) % 4)
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + pad))
    except Exception as exc:  # noqa: BLE001 - any decoding failure is the client's malformed cursor
        raise ValueError("malformed cursor") from exc
    if not isinstance(key, list):
        raise ValueError("malformed cursor")
    return key


def independent_sources(article_ids: Sequence[str], copy_group_of: dict[str, str]) -> int:
    """Copies of one text count once: an article without a copy group is its own source."""
    return len({copy_group_of.get(a, a) for a in article_ids})


_ARTICLE_META = ("id", "path", "url", "outlet", "published", "title")


def _article_meta(store: Any, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Light article rows (no text) with their copy group: what event rows and pages show of an article."""
    if not ids:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for chunk, marks in in_chunks(ids):
        rows = store.query(
            "SELECT a.id, a.path, a.url, a.outlet, a.published, a.title, a.wire, c.group_id AS copy_group "
            "FROM articles a LEFT JOIN article_copy c ON c.article_id = a.id "
            f"WHERE a.id IN ({marks})",
            chunk,
        )
        out.update({r["id"]: r for r in rows})
    return out


def article_briefs(store: Any, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """id -> id, path, url, outlet, published, title, wire and copy_group of the stored ``ids``."""
    return _article_meta(store, ids)


def _explanation(a: dict[str, Any]) -> dict[str, Any]:
    # Assignment.as_dict() on a stored assignment, without building the dataclass (the defaults are the model's).
    return {
        "article_id": a["article_id"],
        "event_id": a["event_id"],
        "score": round(a["score"], 4),
        "opened": a["opened"],
        "shared_terms": list(a.get("shared_terms") or ()),
        "shared_names": list(a.get("shared_names") or ()),
        "matched_article": a.get("matched_article"),
        "note": a.get("note", ""),
    }


def event_row(store: Any, event: Event | dict[str, Any]) -> dict[str, Any]:
    """The export/API shape of one event."""
    return event_rows_for(store, [event])[0]


def event_rows_for(
    store: Any, events: Sequence[Event | dict[str, Any]], *, articles: dict[str, dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The export/API shape of events given as nouns or as their stored JSON decoded (``json.loads`` of the
    events table's body): the web app skips building nouns it would only turn back into dicts. ``articles``
    may pass :func:`article_briefs` of their articles when the caller has them already."""
    fields = []
    for e in events:
        if isinstance(e, Event):
            fields.append((e.id, e.title, e.date, e.date_precision, e.story_id, e.article_ids,
                           [a.as_dict() for a in e.assignments]))
        else:
            fields.append((e["id"], e["title"], e.get("date"), e.get("date_precision", "unknown"), e.get("story_id"),
                           e["article_ids"], [_explanation(a) for a in e.get("assignments") or ()]))
    meta = articles if articles is not None else _article_meta(store, [a for f in fields for a in f[5]])
    rows = []
    for eid, title, date, precision, story_id, article_ids, explanation in fields:
        arts = []
        groups: dict[str, list[str]] = {}
        for aid in article_ids:
            m = meta.get(aid, {"id": aid})
            cg = m.get("copy_group")
            arts.append({k: m.get(k) for k in _ARTICLE_META} | {"copy_group": cg})
            groups.setdefault(cg or aid, []).append(aid)
        rows.append(
            {
                "id": eid,
                "title": title,
                "date": {"value": date, "precision": precision},
                "story_id": story_id,
                "articles": arts,
                # Only real groups (two or more copies of one text); an article without copies is its own
                # source and is counted in independent_sources, listed in articles.
                "copy_groups": sorted(sorted(g) for g in groups.values() if len(g) > 1),
                "independent_sources": len(groups),
                "explanation": explanation,
            }
        )
    return rows


def _find_event_bodies(
    store: Any,
    *,
    entity: str | None = None,
    place: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    outlet: str | None = None,
    event_type: str | None = None,
    q: str | None = None,
    story_id: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
    with_rows: bool = False,
) -> tuple[list[dict[str, Any]], str | None]:
    """Events newest first, filtered (entity, place, outlet, event type and free text match substrings), as
    their stored JSON (``body``, and ``row`` from event_rows ``with_rows``); returns the page and the cursor
    of the next page (None at the end)."""
    where: list[str] = []
    params: list[Any] = []
    if date_from:
        where.append("e.date >= ?")
        params.append(date_from)
    if date_to:
        where.append("e.date <= ?")
        params.append(date_to + "\uffff")
    if story_id:
        where.append("e.story_id = ?")
        params.append(story_id)
    if outlet:
        where.append(
            "EXISTS (SELECT 1 FROM event_articles ea JOIN articles a ON a.id = ea.article_id "
            "WHERE ea.event_id = e.id AND a.outlet = ? COLLATE NOCASE)"
        )
        params.append(outlet)
    # Type, place and entity filters read narrow per-record tables (migrations 3, 6 and 8), not the records'
    # JSON: a filter that matches few events walks all of them, which over whole records took up to a second.
    if event_type:
        where.append(
            "EXISTS (SELECT 1 FROM record_types t WHERE t.event_id = e.id AND (t.event_type = ? COLLATE NOCASE "
            "OR t.sub_event_type = ? COLLATE NOCASE))"
        )
        params += [event_type, event_type]
    if place:
        where.append(
            "(EXISTS (SELECT 1 FROM record_places p WHERE p.event_id = e.id AND p.place LIKE ?) OR "
            "EXISTS (SELECT 1 FROM record_place_names p WHERE p.event_id = e.id AND p.name LIKE ?))"
        )
        params += [f"%{place}%", f"%{place}%"]
    if entity:
        where.append(
            "EXISTS (SELECT 1 FROM record_entities en WHERE en.event_id = e.id AND "
            "(en.name LIKE ? OR en.aliases LIKE ?))"
        )
        params += [f"%{entity}%", f"%{entity}%"]
    if q:
        where.append(
            "(e.title LIKE ? OR EXISTS (SELECT 1 FROM event_articles ea JOIN articles a ON a.id = ea.article_id "
            "WHERE ea.event_id = e.id AND (a.title LIKE ? OR a.text LIKE ?)))"
        )
        params += [f"%{q}%"] * 3
    key = decode_cursor(cursor)
    if key is not None and (len(key) != 2 or not all(k is None or isinstance(k, (str, int)) for k in key)):
        raise ValueError("malformed cursor")
    # Keyset on (date DESC, id DESC) with undated events last, so the (date, id) index serves the order. The
    # dated rows after a cursor are a row-value range (a search in the index, not a scan from the newest);
    # undated ones, which sort last, are a second query when the dated ones do not fill the page.
    base, base_params = list(where), list(params)
    if key is not None:
        if key[0] is None:
            where.append("(e.date IS NULL AND e.id < ?)")
            params.append(str(key[1]))
        else:
            where.append("(e.date, e.id) < (?, ?)")
            params += [str(key[0]), str(key[1])]
    rows = _event_page_rows(store, where, params, limit + 1, with_rows)
    if key is not None and key[0] is not None and len(rows) <= limit:
        rows += _event_page_rows(store, [*base, "e.date IS NULL"], base_params, limit + 1 - len(rows), with_rows)
    nxt = encode_cursor(rows[limit - 1]["d"], rows[limit - 1]["id"]) if len(rows) > limit else None
    return rows[:limit], nxt


def _event_page_rows(store: Any, where: list[str], params: list[Any], n: int, with_rows: bool) -> list[dict[str, Any]]:
    sql = "SELECT e.body, e.date AS d, e.id" + (
        ", r.body AS row FROM events e LEFT JOIN event_rows r ON r.event_id = e.id" if with_rows else " FROM events e"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    return store.query(sql + " ORDER BY e.date DESC, e.id DESC LIMIT ?", [*params, n])


def find_events(store: Any, **filters: Any) -> tuple[list[Event], str | None]:
    """Events newest first, filtered (see :func:`find_event_rows` for the filters); returns the page as nouns
    and the cursor of the next page (None at the end)."""
    rows, nxt = _find_event_bodies(store, **filters)
    return [_codec.loads(Event, r["body"]) for r in rows], nxt


def find_event_rows_json(store: Any, **filters: Any) -> tuple[list[str], str | None]:
    """Like :func:`find_events` but the page is in the export/API shape as JSON text: the rows the store keeps
    current (migration 4), or built from the event's stored JSON where one is missing."""
    rows, nxt = _find_event_bodies(store, with_rows=True, **filters)
    missing = [r for r in rows if r["row"] is None]
    built = {x["id"]: json.dumps(x, ensure_ascii=False, separators=(",", ":"))
             for x in event_rows_for(store, [_loads(r["body"]) for r in missing])} if missing else {}
    return [r["row"] if r["row"] is not None else built[r["id"]] for r in rows], nxt


def find_event_rows(store: Any, **filters: Any) -> tuple[list[dict[str, Any]], str | None]:
    """Like :func:`find_event_rows_json`, the rows decoded."""
    texts, nxt = find_event_rows_json(store, **filters)
    return [_loads(t) for t in texts], nxt


def event_briefs(
    store: Any, *, story_id: str | None = None, limit: int = 100, located: bool = True
) -> list[dict[str, Any]]:
    """Id, title, date and (with ``located``) the place, lat and lon of events, newest first, without decoding
    whole events: for timelines, maps and pick lists, which show many events and need little of each."""
    inner = "SELECT id, title, date FROM events"
    params: list[Any] = []
    if story_id:
        inner += " WHERE story_id = ?"
        params.append(story_id)
    # NULL dates sort last under DESC, as in find_events; the (story_id, date, id) index serves this order.
    inner += " ORDER BY date DESC, id DESC LIMIT ?"
    params.append(limit)
    if not located:
        return store.query(inner, params)
    sql = (
        "SELECT b.id, b.title, b.date, p.place, p.lat, p.lon "
        f"FROM ({inner}) b LEFT JOIN record_places p ON p.event_id = b.id ORDER BY b.date DESC, b.id DESC"
    )
    return store.query(sql, params)


def article_row(article: Any, *, with_raw: bool = True) -> dict[str, Any]:
    """The export/API shape of one article."""
    row = {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published,
        "wire": article.wire,
        "text": article.text,
        "segments": [s.as_dict() for s in article.segments],
    }
    if with_raw:
        row["raw_text"] = article.raw_text
    return row


def find_articles(
    store: Any, *, outlet: str | None = None, q: str | None = None, cursor: str | None = None, limit: int = 50
) -> tuple[list[dict[str, Any]], str | None]:
    where, params = [], []  # type: ignore[var-annotated]
    if outlet:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if q:
        where.append("(a.title LIKE ? OR a.text LIKE ?)")
        params += [f"%{q}%", f"%{q}%"]
    key = decode_cursor(cursor)
    if key is not None:
        where.append("d.seq > ?")
        params.append(int(key[0]))
    sql = (
        "SELECT a.id, a.path, a.url, a.title, a.outlet, a.published, a.wire, d.seq FROM articles a "
        "JOIN documents d ON d.id = a.id"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY d.seq LIMIT ?"
    params.append(limit + 1)
    rows = store.query(sql, params)
    nxt = encode_cursor(rows[limit - 1]["seq"]) if len(rows) > limit else None
    return [{k: v for k, v in r.items() if k != "seq"} for r in rows[:limit]], nxt


def story_rows(store: Any) -> list[dict[str, Any]]:
    """Stories newest first with their event count, independent sources and conflict count, without
    decoding events into nouns or parsing comparisons (conflicts are counted in comparison_counts). Each row's
    ``newest`` holds its newest events' ids (up to :data:`NEWEST_PER_STORY`, in ``event_ids`` order), which
    lists and pages show instead of thousands of ids. Computed once per store version (150 ms for the 625
    stories of a 10,000-article store): the rows are shared, callers must not change them."""
    memo = getattr(store, "memo", None)
    return memo("queries.story_rows", lambda: _story_rows(store)) if memo is not None else _story_rows(store)


NEWEST_PER_STORY = 20


def _story_rows(store: Any) -> list[dict[str, Any]]:
    dates = {r[0]: r[1] for r in store.query_rows("SELECT id, date FROM events")}
    arts: dict[str, list[str]] = {}
    # The events' own article lists (as their JSON says), unpacked by SQLite: a few ms for 10,000 events.
    for eid, aid in store.query_rows("SELECT e.id, j.value FROM events e, json_each(e.body, '$.article_ids') j"):
        arts.setdefault(eid, []).append(aid)
    cg = store.copy_group_of()
    conflicts = {r[0]: r[1] for r in store.query_rows("SELECT event_id, conflicts FROM comparison_counts")}
    out = []
    for r in store.query_rows("SELECT body FROM stories ORDER BY id"):
        s = json.loads(r[0])
        evs = [i for i in s["event_ids"] if i in dates]
        story_arts = [a for e in evs for a in arts.get(e, ())]
        newest = set(sorted(evs, key=lambda e: (dates[e] or "", e), reverse=True)[:NEWEST_PER_STORY])
        out.append(
            {
                "id": s["id"],
                "title": s["title"],
                "event_ids": evs,
                "n_events": len(evs),
                "n_articles": len(story_arts),
                "independent_sources": independent_sources(story_arts, cg),
                "conflicts": sum(conflicts.get(e, 0) for e in evs),
                "latest": max((dates[e] or "" for e in evs), default=""),
                "newest": [e for e in evs if e in newest],
            }
        )
    out.sort(key=lambda r: (r["latest"], r["id"]), reverse=True)
    return out


def event_rows_json(store: Any, ids: Sequence[str]) -> list[str]:
    """The export/API rows of events ``ids`` as JSON text, in time order (undated first, then by id): the
    stored rows, or built from the event's stored JSON where one is missing."""
    rows: list[Any] = []
    for chunk, marks in in_chunks(ids):
        rows += store.query_rows(
            "SELECT e.id, e.date, e.body, r.body AS row FROM events e LEFT JOIN event_rows r ON r.event_id = e.id "
            f"WHERE e.id IN ({marks})", chunk)
    rows.sort(key=lambda r: (r["date"] or "", r["id"]))
    missing = [r for r in rows if r["row"] is None]
    built = {x["id"]: json.dumps(x, ensure_ascii=False, separators=(",", ":"))
             for x in event_rows_for(store, [_loads(r["body"]) for r in missing])} if missing else {}
    return [r["row"] if r["row"] is not None else built[r["id"]] for r in rows]


def record_items(
    store: Any,
    attr: str,
    *,
    event_id: str | None = None,
    keep: Any = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], str | None]:
    """Items of one list field of the events' records (``claims``, ``quotes``, ``entities``...), each with its
    ``event_id``, in (event id, position) order; ``keep`` filters them. With ``limit`` a keyset page and the
    cursor of the next (None at the end): records are read a batch at a time, never all at once."""
    key = decode_cursor(cursor)
    if key is not None and (len(key) != 2 or not isinstance(key[0], str) or not isinstance(key[1], int)):
        raise ValueError("malformed cursor")
    after_event, after_pos = key if key is not None else ("", -1)
    items: list[dict[str, Any]] = []
    last: tuple[str, int] | None = None
    while True:
        if event_id is not None:
            sql = "SELECT event_id, body FROM records WHERE event_id = ? AND event_id >= ?"
            params = [event_id, after_event]
        else:
            sql, params = "SELECT event_id, body FROM records WHERE event_id >= ?", [after_event]
        rows = store.query_rows(sql + " ORDER BY event_id LIMIT 64", params)
        for eid, body in rows:
            for pos, x in enumerate(_loads(body).get(attr) or ()):
                if (eid, pos) <= (after_event, after_pos):
                    continue
                if keep is None or keep(x):
                    if limit is not None and len(items) == limit:
                        return items, encode_cursor(*last)  # type: ignore[misc]
                    items.append(x | {"event_id": eid})
                    last = (eid, pos)
        if len(rows) < 64 or event_id is not None:
            return items, None
        after_event, after_pos = rows[-1][0], 1 << 62  # the next batch starts after the last record read


def quotes_by_speaker(
    store: Any, speaker: str, *, event_id: str | None = None, cursor: str | None = None, limit: int = 50
) -> tuple[list[dict[str, Any]], str | None]:
    """Like ``record_items(store, "quotes", keep=...)`` keeping quotes whose speaker contains ``speaker``
    (case-insensitive), with the same cursors: the matches are found in the narrow record_speakers table
    (migration 8) and only the records holding a page's quotes are read, not every record."""
    key = decode_cursor(cursor)
    if key is not None and (len(key) != 2 or not isinstance(key[0], str) or not isinstance(key[1], int)):
        raise ValueError("malformed cursor")
    sql = "SELECT event_id, pos FROM record_speakers WHERE instr(speaker, ?) > 0"
    params: list[Any] = [speaker.casefold()]
    if event_id is not None:
        sql += " AND event_id = ?"
        params.append(event_id)
    if key is not None:
        sql += " AND (event_id, pos) > (?, ?)"
        params += [key[0], key[1]]
    hits = store.query_rows(sql + " ORDER BY event_id, pos LIMIT ?", [*params, limit + 1])
    events = list(dict.fromkeys(h[0] for h in hits[:limit]))
    quotes = {}
    if events:
        rows = store.query_rows(
            f"SELECT event_id, body FROM records WHERE event_id IN ({','.join('?' * len(events))})", events)
        quotes = {eid: _loads(body).get("quotes") or () for eid, body in rows}
    items = [quotes[eid][pos] | {"event_id": eid} for eid, pos in hits[:limit]]
    nxt = encode_cursor(hits[limit - 1][0], hits[limit - 1][1]) if len(hits) > limit else None
    return items, nxt


# Separates the names in an entity's stored search text. A search for text holding it is checked name by name.
_SEARCH_SEP = "\x1f"


def merge_entity_mentions(mentions: Sequence[Any]) -> list[tuple[dict[str, Any], str]]:
    """Merge entity mentions (event_id, entity_id, kind, name, aliases JSON rows of record_entities, in
    (event id, position) order) by entity id: each entity's API row (kind and name of its first mention, the
    union of aliases, the events it occurs in, both sorted) and its search text (every name and alias
    case-folded). What the store keeps in its entities table."""
    seen: dict[str, dict[str, Any]] = {}
    for event_id, entity_id, kind, name, aliases_json in mentions:
        aliases = _loads(aliases_json) if aliases_json != "[]" else ()
        ent = seen.get(entity_id)
        if ent is None:
            ent = seen[entity_id] = {"id": entity_id, "kind": kind, "name": name, "aliases": set(), "events": set(),
                                     "names": set()}
        ent["aliases"].update(aliases)
        ent["events"].add(event_id)
        ent["names"].add(name or "")
    out = []
    for e in seen.values():
        names = sorted({n.casefold() for n in (*e.pop("names"), *e["aliases"])})
        out.append((e | {"aliases": sorted(e["aliases"]), "events": sorted(e["events"])}, _SEARCH_SEP.join(names)))
    return out


def entity_page(
    store: Any, *, q: str | None = None, kind: str | None = None, cursor: str | None = None, limit: int = 50
) -> tuple[list[str], str | None]:
    """A page of the entity list as JSON text (stored rows, see :func:`merge_entity_mentions`), sorted by name
    then id, after ``cursor``; and the next page's cursor (None at the end). ``q`` keeps entities with a name
    or alias containing it (case-insensitive), ``kind`` those of that kind. A page is a range of an index;
    a search scans the stored rows in that order until the page is full (21,847 rows at most here)."""
    key = decode_cursor(cursor)
    if key is not None and (len(key) != 2 or not all(isinstance(k, str) for k in key)):
        raise ValueError("malformed cursor")
    after = tuple(key) if key is not None else None
    needle = q.casefold() if q else None
    out: list[tuple[str, str, str]] = []
    while True:
        where, params = [], []  # type: ignore[var-annotated]
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if after is not None:
            where.append("(sort_name, entity_id) > (?, ?)")
            params += list(after)
        if needle is not None:
            where.append("instr(search, ?) > 0")
            params.append(needle)
        sql = "SELECT sort_name, entity_id, search, body FROM entities"
        if where:
            sql += " WHERE " + " AND ".join(where)
        batch = limit + 1 - len(out)
        rows = store.query_rows(sql + " ORDER BY sort_name, entity_id LIMIT ?", [*params, batch])
        for sort_name, entity_id, search, body in rows:
            # instr may match across two names when the search text holds the separator: check name by name.
            if needle is None or _SEARCH_SEP not in needle or any(needle in n for n in search.split(_SEARCH_SEP)):
                out.append((sort_name, entity_id, body))
        if len(rows) < batch or len(out) > limit:
            break
        after = (rows[-1][0], rows[-1][1])
    nxt = encode_cursor(out[limit - 1][0], out[limit - 1][1]) if len(out) > limit else None
    return [b for _, _, b in out[:limit]], nxt


def entity_rows(store: Any, *, q: str | None = None, kind: str | None = None) -> list[dict[str, Any]]:
    """Every entity (see :func:`entity_page`), decoded: for exports and small stores."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page, cursor = entity_page(store, q=q, kind=kind, cursor=cursor, limit=5000)
        items += [_loads(b) for b in page]
        if cursor is None:
            return items
