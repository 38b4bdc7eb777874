"""Article records in JSON Lines, JSON arrays and single JSON objects (news-please, newspaper, GDELT-ish
exports, NewsAPI, hand-made datasets): map the usual field names onto :class:`RawDocument`.

This path must stay cheap (thousands of records per second): plain-text fields are used as they are, and
only fields that carry markup go through the light fragment converter, never trafilatura.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Mapping

from ..models import RawDocument, Rejection
from ._dates import iso_date
from ._html import fragment_to_text, looks_like_html

__all__ = ["record_document", "record_item", "jsonl_line", "read_jsonl", "read_json"]

# Field names in order of preference, matched case-insensitively. "description" comes last for text because
# it is usually a teaser, used only when nothing fuller is there.
_URL = ("url", "link", "uri", "weburl", "canonical_url", "article_url")
_TITLE = ("title", "headline", "webtitle", "title_text")
_TEXT = ("text", "maintext", "body", "content", "article", "full_text", "fulltext", "article_text", "description",
         "summary", "lead")
_DATE = ("date", "date_publish", "published", "publish_date", "pubdate", "published_at", "publishedat",
         "date_published", "datetime", "publication_date", "seendate", "webpublicationdate")
_OUTLET = ("source", "source_domain", "outlet", "site_name", "sitename", "publisher", "source_name", "domain")
_LANGUAGE = ("language", "lang")
_BYLINE = ("byline", "author", "authors", "creator", "by")
_KNOWN = frozenset(_URL + _TITLE + _TEXT + _DATE + _OUTLET + _LANGUAGE + _BYLINE)
# Gold labels of labelled corpora: the pipeline must never see them (scorers read the files themselves and
# map back through the record's own "id", which is kept in ``extra``).
_LABELS = frozenset({"event", "label", "labels", "gold", "gold_event"})


def _first(rec: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for n in names:
        v = rec.get(n)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # paragraphs as a list
        value = "\n\n".join(str(v) for v in value if isinstance(v, (str, int, float)) and str(v).strip())
    elif isinstance(value, dict):  # {"name": ...} / {"content": ...}
        value = _first({k.lower(): v for k, v in value.items()}, ("name", "title", "text", "content", "value"))
        return _as_text(value) if not isinstance(value, dict) else None
    elif not isinstance(value, str):
        value = str(value)
    value = value.strip()
    return value or None


def _byline(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_as_text(v) for v in value]
        return ", ".join(n for n in names if n) or None
    return _as_text(value)


def record_document(rec: Mapping[str, Any], *, path: str | None, record: str | None, source_format: str) -> RawDocument:
    """The document of one record; raises ValueError naming what is missing."""
    low = {str(k).lower(): v for k, v in rec.items()}
    title = _as_text(_first(low, _TITLE))
    text = _as_text(_first(low, _TEXT))
    if text and looks_like_html(text):
        text = fragment_to_text(text) or None
    if title and looks_like_html(title):
        title = fragment_to_text(title).replace("\n\n", " ") or None
    if not text:
        if not title:
            raise ValueError(f"record has no text (looked for {', '.join(_TEXT[:6])}, ... and a title)")
        # Headline-only records (headline feeds, headline+lead corpora) are still reports of something.
        text = title
    extra = {
        k: v
        for k, v in rec.items()
        if str(k).lower() not in _KNOWN and str(k).lower() not in _LABELS
        and (v is None or isinstance(v, (str, int, float, bool)))
    }
    return RawDocument(
        raw_text=text,
        source_format=source_format,
        path=path,
        record=record,
        url=_as_text(_first(low, _URL)),
        title=title,
        outlet=_as_text(_first(low, _OUTLET)),
        published=iso_date(_first(low, _DATE)),
        language=_as_text(_first(low, _LANGUAGE)),
        byline=_byline(_first(low, _BYLINE)),
        extra=extra,
    )


def record_item(rec: Any, path: str, record: str | None, fmt: str) -> RawDocument | Rejection:
    """The document of one parsed record, or its rejection (not an object, no text)."""
    if not isinstance(rec, dict):
        return Rejection(path, f"expected a JSON object, found {type(rec).__name__}", record)
    try:
        return record_document(rec, path=path, record=record, source_format=fmt)
    except ValueError as exc:
        return Rejection(path, str(exc), record)


def jsonl_line(line: str, n: int, path: str) -> RawDocument | Rejection | None:
    """The document of JSON Lines line ``n`` (1-based), its rejection, or None for a blank line."""
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(path, f"malformed JSON line: {exc.msg} at column {exc.colno}", str(n))
    return record_item(rec, path, str(n), "jsonl")


def read_jsonl(text: str, path: str) -> Iterator[RawDocument | Rejection]:
    """One document per line; a malformed line is rejected alone (``record`` = its 1-based line number)."""
    for n, line in enumerate(text.splitlines(), 1):
        item = jsonl_line(line, n, path)
        if item is not None:
            yield item


def read_json(text: str, path: str) -> Iterator[RawDocument | Rejection]:
    """A JSON array of records (``record`` = index), an object holding one (``articles``/``items``/...), or a
    single record. A ``.json`` file that is really JSON Lines is read as such."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(text, path)
            return
        yield Rejection(path, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "results", "data", "documents", "docs", "records"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, list):
        if not data:
            yield Rejection(path, "JSON array holds no records")
        for i, rec in enumerate(data):
            yield record_item(rec, path, str(i), "json")
        return
    if isinstance(data, dict):
        yield record_item(data, path, None, "json")
        return
    yield Rejection(path, f"JSON holds a {type(data).__name__}, not article records")
