"""Plain-text articles (one article per file, as pasted or scraped): pick a title, keep the text whole."""

from __future__ import annotations

import re
from typing import Any

from ..models import RawDocument
from ..text import split_sentences

__all__ = ["plain_document", "pick_title", "leading_date"]

# Scrapers often prepend the publication date as " date 2024-01-23 " before the first sentence.
_DATE_PREFIX = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
# Photo credits and captions: "© Agency/Getty Images", "Photo: ...", "(Image credit: ...)".
_CREDIT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b|photo\s*:|image\s*:|picture\s*:|\(?image credit)", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

# A line of fewer words than this is a section label ("International", "Jet fighter") when a longer line
# follows within the next few lines; news headlines are rarely under four words.
_MIN_TITLE_WORDS = 4
_LOOKAHEAD_LINES = 3
# A first line this long is a lead paragraph, not a headline: its first sentence stands in for the title.
_MAX_TITLE_WORDS = 25
_MAX_TITLE_CHARS = 200


def leading_date(text: str) -> tuple[str | None, int]:
    """The ISO date of a leading "date YYYY-MM-DD" prefix and where the text after it starts."""
    m = _DATE_PREFIX.match(text)
    if not m:
        return None, 0
    return m.group(1), m.end()


def _n_words(line: str) -> int:
    return len(_WORD.findall(line))


def _shorten(line: str) -> str:
    if _n_words(line) <= _MAX_TITLE_WORDS and len(line) <= _MAX_TITLE_CHARS:
        return line
    sentences = split_sentences(line)
    first = sentences[0].text if sentences else line
    if len(first) > _MAX_TITLE_CHARS:
        first = first[:_MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return first


def pick_title(text: str) -> str | None:
    """The first line that reads like a headline, skipping section labels and photo credits."""
    _, start = leading_date(text)
    lines = [ln.strip() for ln in text[start:].splitlines()]
    lines = [ln for ln in lines if ln and _n_words(ln) > 0 and not _CREDIT.match(ln)]
    for i, line in enumerate(lines):
        if _n_words(line) < _MIN_TITLE_WORDS:
            following = lines[i + 1 : i + 1 + _LOOKAHEAD_LINES]
            if any(_n_words(f) >= _MIN_TITLE_WORDS for f in following):
                continue
        return _shorten(line)
    return None


def plain_document(text: str, path: str | None, extra: dict[str, Any] | None = None) -> RawDocument:
    published, _ = leading_date(text)
    return RawDocument(
        raw_text=text,
        source_format="text",
        path=path,
        title=pick_title(text),
        published=published,
        extra=dict(extra or {}),
    )
