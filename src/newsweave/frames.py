"""pandas DataFrames of the store (the ``data`` extra): the same rows as the exports.

    >>> import newsweave
    >>> nw = newsweave.open("newsweave.db")
    >>> newsweave.frames.claims(nw.store).query("slot == 'killed'")
"""

from __future__ import annotations

from typing import Any

from .errors import require
from .report import rows as _rows

__all__ = ["events", "articles", "claims", "quotes", "acled", "FRAMES"]


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...] | None = None) -> Any:
    pd = require("pandas", "data")
    return pd.DataFrame(rows, columns=list(columns) if columns else None)


def events(store: Any) -> Any:
    """One row per event (the events export's columns)."""
    return _frame(_rows.event_rows(store))


def articles(store: Any) -> Any:
    """One row per article: id, path, url, title, outlet, published, wire, text, segments, raw_text."""
    frame = _frame(_rows.article_rows(store), _rows.ARTICLE_FIELDS)
    if "published" in frame:
        frame["published"] = frame["published"].astype("string")
    return frame


def claims(store: Any) -> Any:
    """One row per claim with event, article, outlet, independent source, value and evidence span."""
    return _frame(_rows.claim_rows(store), _rows.CLAIM_FIELDS)


def quotes(store: Any) -> Any:
    """One row per quote with speaker, content and evidence span."""
    return _frame(_rows.quote_rows(store), _rows.QUOTE_FIELDS)


def acled(store: Any) -> Any:
    """The ACLED-compatible event table."""
    from .report._acled import COLUMNS

    return _frame(_rows.acled_rows(store), COLUMNS)


FRAMES = {"events": events, "articles": articles, "claims": claims, "quotes": quotes, "acled": acled}
