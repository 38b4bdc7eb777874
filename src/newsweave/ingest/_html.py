"""HTML pages (files, WARC payloads) through trafilatura and htmldate, and HTML fragments (feed entries,
JSON fields) through a light lxml walk.

Fragments do not go through trafilatura: it is built to find the article inside a whole page and discards
short fragments as navigation, while a feed summary *is* the article text.
"""

from __future__ import annotations

import re
from typing import Any

from ..models import RawDocument

__all__ = ["HtmlError", "html_document", "fragment_to_text", "looks_like_html"]

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr",
    "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt", "dl", "main", "aside",
}
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg")
_TAG = re.compile(r"<(?:/?(?:p|div|br|span|a|b|i|em|strong|li|ul|ol|h[1-6]|img|blockquote|figure|table)\b[^>]*|!--)>?", re.I)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)
_BLANKS = re.compile(r"[ \t\u00a0]+")


class HtmlError(ValueError):
    """A page with no article text in it."""


def looks_like_html(text: str) -> bool:
    """Cheap test for markup in a text field (JSON records, feed summaries)."""
    if "<" not in text and "&" not in text:
        return False
    return bool(_TAG.search(text)) or bool(_ENTITY.search(text))


def _paragraphs(text: str) -> str:
    # trafilatura emits one block per line; downstream stages expect paragraphs split by blank lines.
    return "\n\n".join(ln.strip() for ln in text.splitlines() if ln.strip())


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element, separated by blank lines."""
    if not looks_like_html(fragment):
        return _paragraphs(fragment)
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs(fragment)
    for bad in root.iter(*_DROP_TAGS):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        block = isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    lines = (_BLANKS.sub(" ", ln).strip() for ln in "".join(parts).splitlines())
    return "\n\n".join(ln for ln in lines if ln)


def _find_date(html: str, url: str | None) -> str | None:
    import htmldate

    # Metadata, <time> elements and the URL first; the extensive search scans the text for any date and can
    # pick up a recapped older event, so it is only the fallback.
    for extensive in (False, True):
        try:
            found = htmldate.find_date(
                html, url=url, extensive_search=extensive, original_date=True, outputformat="%Y-%m-%d"
            )
        except Exception:  # noqa: BLE001 - htmldate raises assorted parser errors on broken markup
            found = None
        if found:
            return found
    return None


def html_document(
    html: str,
    *,
    path: str | None,
    url: str | None = None,
    record: str | None = None,
    source_format: str = "html",
    extra: dict[str, Any] | None = None,
) -> RawDocument:
    """Article text and metadata of one HTML page; raises :class:`HtmlError` when there is no text."""
    import trafilatura

    if not html.strip():
        raise HtmlError("empty HTML page")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, as_dict=False
        )
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura errors on hostile markup
        raise HtmlError(f"HTML could not be parsed: {exc}") from exc
    text = _paragraphs(getattr(doc, "text", None) or "") if doc is not None else ""
    if not text:
        # trafilatura drops pages whose text is shorter than its minimum; a short notice is still news.
        fallback = fragment_to_text(_body_of(html))
        text = fallback if len(fallback.split()) >= 5 else ""
    if not text:
        raise HtmlError("HTML with no extractable text")
    language = getattr(doc, "language", None) if doc is not None else None
    return RawDocument(
        raw_text=text,
        source_format=source_format,
        path=path,
        record=record,
        url=(getattr(doc, "url", None) if doc is not None else None) or url,
        title=(getattr(doc, "title", None) if doc is not None else None) or None,
        outlet=(getattr(doc, "sitename", None) if doc is not None else None) or None,
        published=_find_date(html, url),
        language=language or _html_lang(html),
        byline=(getattr(doc, "author", None) if doc is not None else None) or None,
        extra=dict(extra or {}),
    )


_BODY = re.compile(r"<body\b[^>]*>(.*?)(?:</body>|\Z)", re.I | re.S)
_HEADSTUFF = re.compile(r"<(script|style|head|nav|noscript)\b.*?</\1>", re.I | re.S)
_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


def _body_of(html: str) -> str:
    m = _BODY.search(html)
    return _HEADSTUFF.sub(" ", m.group(1) if m else html)


def _html_lang(html: str) -> str | None:
    m = _LANG.search(html[:4096])
    return m.group(1).lower() if m else None
