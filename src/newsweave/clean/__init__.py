"""The clean stage: label every stretch of an article's raw text, never rewriting it.

Each visible character of ``raw_text`` lands in exactly one :class:`~newsweave.models.Segment` -- title, body,
boilerplate, caption, metadata, related or commentary -- so later stages read the body through
``Article.text`` while every offset still points into the untouched raw text.
"""

from __future__ import annotations

from ._document import clean_document
from ._meta import byline_of, outlet_named, parse_date, published_date, wire_agency
from ._repeated import repeated_lines
from ._segment import segment

__all__ = [
    "segment",
    "clean_document",
    "repeated_lines",
    "published_date",
    "parse_date",
    "wire_agency",
    "outlet_named",
    "byline_of",
]
