"""Exports analysts load: JSONL, JSON, CSV, Parquet, ACLED-compatible CSV, GeoJSON.

``export(store, what, fmt)`` returns the file's content (str, or bytes for Parquet); with ``out`` (a path or
a file object) it writes there instead and returns None. CSV goes through the csv module, Parquet through
pandas/pyarrow (the ``data`` extra), so quoting and types are theirs, not ours.
"""

from __future__ import annotations

import csv
import io
import json
import os
from typing import IO, Any, Callable

from ..errors import NewsweaveError, require
from . import rows as _rows

__all__ = ["export", "WHATS", "FORMATS", "formats_for"]

FORMATS = ("jsonl", "json", "csv", "parquet", "geojson")

_TABLES: dict[str, Callable[[Any], list[dict[str, Any]]]] = {
    "articles": _rows.article_rows,
    "events": _rows.event_rows,
    "claims": _rows.claim_rows,
    "quotes": _rows.quote_rows,
    "acled": _rows.acled_rows,
    "records": _rows.record_rows,
}
WHATS = (*_TABLES, "geojson")

_ALLOWED: dict[str, tuple[str, ...]] = {
    "articles": ("jsonl", "json", "csv", "parquet"),
    "events": ("jsonl", "json", "csv", "parquet"),
    "claims": ("jsonl", "json", "csv", "parquet"),
    "quotes": ("jsonl", "json", "csv", "parquet"),
    "acled": ("csv", "jsonl", "json", "parquet"),
    "geojson": ("geojson", "json"),
    "records": ("jsonl", "json"),  # nested evidence: no flat table
}


def formats_for(what: str) -> tuple[str, ...]:
    return _ALLOWED.get(what, ())


def _cell(v: Any) -> Any:
    # CSV cells are flat: nested values (segments, id lists, evidence) become JSON text.
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)
    return "" if v is None else v


def _csv(rows: list[dict[str, Any]], fields: tuple[str, ...] | None) -> str:
    cols = list(fields or (rows[0].keys() if rows else ()))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(r.get(k)) for k in cols})
    return buf.getvalue()


def _parquet(rows: list[dict[str, Any]], fields: tuple[str, ...] | None) -> bytes:
    pd = require("pandas", "data")
    require("pyarrow", "data")
    cols = list(fields or (rows[0].keys() if rows else ()))
    frame = pd.DataFrame(rows, columns=cols)
    for c in cols:
        # Dicts (evidence) as JSON text: Parquet needs one schema per column and evidence may be null.
        if frame[c].map(lambda v: isinstance(v, dict)).any():
            frame[c] = frame[c].map(lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True) if v is not None else None)
    buf = io.BytesIO()
    frame.to_parquet(buf, engine="pyarrow", index=False)
    return buf.getvalue()


def _jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


_FIELDS: dict[str, tuple[str, ...]] = {
    "articles": _rows.ARTICLE_FIELDS,
    "claims": _rows.CLAIM_FIELDS,
    "quotes": _rows.QUOTE_FIELDS,
}


def render(store: Any, what: str, fmt: str) -> str | bytes:
    """The export's content: str for text formats, bytes for Parquet."""
    if what not in _ALLOWED:
        raise NewsweaveError(f"unknown export {what!r}; choose one of {', '.join(WHATS)}")
    if fmt not in _ALLOWED[what]:
        raise NewsweaveError(f"{what} cannot be exported as {fmt!r}; choose one of {', '.join(_ALLOWED[what])}")
    if what == "geojson":
        return json.dumps(_rows.geojson(store), ensure_ascii=False, indent=1) + "\n"
    rows = _TABLES[what](store)
    fields = _FIELDS.get(what)
    if what == "acled":
        from ._acled import COLUMNS

        fields = COLUMNS
    if fmt == "jsonl":
        return _jsonl(rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return _csv(rows, fields)
    return _parquet(rows, fields)


def export(store: Any, what: str, fmt: str, out: str | os.PathLike[str] | IO[Any] | None = None) -> str | bytes | None:
    """Export ``what`` (articles, events, claims, quotes, acled, geojson, records) as ``fmt`` (jsonl, json, csv,
    parquet, geojson). Without ``out`` the content is returned; with a path or file object it is written there
    (text formats as UTF-8)."""
    content = render(store, what, fmt)
    if out is None:
        return content
    data = content.encode("utf-8") if isinstance(content, str) else content
    if isinstance(out, (str, os.PathLike)):
        with open(out, "wb") as fh:
            fh.write(data)
        return None
    if isinstance(out, io.TextIOBase):
        if isinstance(content, bytes):
            raise NewsweaveError("Parquet is binary: give a path or a file opened in binary mode")
        out.write(content)
    else:
        out.write(data)
    return None
