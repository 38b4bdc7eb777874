"""One raw document in, one labelled :class:`Article` out."""

from __future__ import annotations

from ..models import Article, RawDocument
from ._meta import byline_of, outlet_named, published_date, wire_agency
from ._segment import segment_keyed

__all__ = ["clean_document", "clean_document_keyed"]


def clean_document(doc_id: str, doc: RawDocument, *, repeated: frozenset[str] = frozenset()) -> Article:
    """Label ``doc.raw_text`` and fill the article's fields, preferring what the input declared.

    Title, outlet, date and byline come from the document when ingest found them and from the labelled
    lines otherwise; ``wire`` always comes from the text's credit lines (see :mod:`._meta`).
    """
    return clean_document_keyed(doc_id, doc, repeated=repeated, keyed=False)[0]


def clean_document_keyed(
    doc_id: str, doc: RawDocument, *, repeated: frozenset[str] = frozenset(), keyed: bool = True
) -> tuple[Article, frozenset[str]]:
    """:func:`clean_document` and the raw text's line keys (:func:`~._segment.line_keys`), from one pass."""
    raw = doc.raw_text
    # A plain-text file's title is ingest's guess from this same text (often just the lead's first sentence),
    # so it must not steer labelling: the headline rule decides whether the first line is a title. Titles of
    # records, pages and feed entries are declared apart from the text and are matched against it.
    guessed = doc.source_format == "text"
    segs, keys = segment_keyed(raw, title=None if guessed else doc.title, repeated=repeated, keyed=keyed)
    head = next((s for s in segs if s.kind == "title"), None)
    from_text = raw[head.start : head.end] if head else None
    title = (from_text or doc.title) if guessed else (doc.title or from_text)
    art = Article(
        id=doc_id,
        raw_text=raw,
        segments=tuple(segs),
        source_format=doc.source_format,
        path=doc.path,
        record=doc.record,
        url=doc.url,
        title=title,
        outlet=doc.outlet or outlet_named(raw, segs),
        published=doc.published or published_date(raw, segs),
        wire=wire_agency(raw, segs),
        byline=doc.byline or byline_of(raw, segs),
        language=doc.language,
    )
    return art, keys
