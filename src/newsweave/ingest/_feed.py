"""RSS and Atom feed files: one document per entry, through feedparser (given bytes, so it never fetches)."""

from __future__ import annotations

import re
from typing import Any, Iterator

from ..models import RawDocument, Rejection
from ._dates import iso_date
from ._html import fragment_to_text

__all__ = ["read_feed"]

_PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", re.S | re.I)
_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)")


def _entry_text(entry: Any) -> str:
    # Full content beats the summary; among several content parts prefer HTML/plain over others.
    for part in entry.get("content") or ():
        value = part.get("value") or ""
        if value.strip():
            return fragment_to_text(value)
    return fragment_to_text(entry.get("summary") or entry.get("description") or "")


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return iso_date(entry[key])
    for key in ("published", "updated", "dc_date"):
        if entry.get(key):
            return iso_date(entry[key])
    return None


def read_feed(data: bytes, path: str) -> Iterator[RawDocument | Rejection]:
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser wraps most errors, but not all
        yield Rejection(path, f"not a feed: {exc}")
        return
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not (entries and parsed.get("bozo")):
        # feedparser happily finds <item>s in any XML; without an RSS/Atom root it is not a feed.
        root = _ROOT.search(_PROLOG.sub(b"", data[:4096]))
        found = f" (found <{root.group(1).decode('ascii', 'replace')}>)" if root else ""
        if parsed.get("bozo") and not entries:
            yield Rejection(path, f"not a feed: {parsed.get('bozo_exception') or 'malformed XML'}")
        else:
            yield Rejection(path, f"not a feed: no RSS or Atom root element{found}")
        return
    if not entries:
        if parsed.get("bozo"):
            why = parsed.get("bozo_exception")
            yield Rejection(path, f"not a feed: {why}" if why else "not a feed: malformed XML")
        elif not parsed.get("version"):
            yield Rejection(path, "not a feed: no RSS or Atom root element")
        else:
            yield Rejection(path, "feed has no entries")
        return
    feed = parsed.get("feed") or {}
    outlet = (feed.get("title") or "").strip() or None
    language = (feed.get("language") or "").strip() or None
    fmt = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    for i, entry in enumerate(entries):
        link = entry.get("link") or None
        record = link or entry.get("id") or str(i)
        text = _entry_text(entry)
        title = fragment_to_text(entry.get("title") or "").replace("\n\n", " ") or None
        if not text:
            if not title:
                yield Rejection(path, f"feed entry {i} has no content, summary or title", record)
                continue
            text = title
        authors = [a.get("name") for a in entry.get("authors") or () if a.get("name")]
        extra = {"entry_index": i}
        if entry.get("id") and entry.get("id") != link:
            extra["entry_id"] = entry["id"]
        yield RawDocument(
            raw_text=text,
            source_format=fmt,
            path=path,
            record=record,
            url=link,
            title=title,
            outlet=outlet,
            published=_entry_date(entry),
            language=language,
            byline=", ".join(authors) or (entry.get("author") or None),
            extra=extra,
        )
