"""Passage roles: is a body sentence reporting the event, quoting someone, recapping the past, or opinion?

Every sentence of the body (and of ``commentary`` segments) gets one role, by priority

* ``commentary`` -- inside a commentary segment (the clean stage's "Comment:" paragraphs), or opening with an
  editorial label / first-person opinion marker outside quotation marks;
* ``quote`` -- at least half of its letters lie inside quotation marks;
* ``background`` -- a recap of earlier events, or a scraped cross-reference ("See: ..."): a past date relative to the article ("In February", "in 2018",
  "a 2015 nuclear deal", "Since 2009"), or a recap phrase ("the second time", "had only once before", "last
  year", "earlier this month", "since the ... invasion");
* ``reporting`` -- everything else.

Background and commentary sentences must never create an event field (claims, places, dates): the record
builder filters on these roles. Written by hand: no library labels discourse roles, and the cues are short
lists of news-style wording rather than a model.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ..models import Passage
from ..text import split_sentences

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Article

__all__ = ["ROLES", "passage_roles", "quote_spans", "role_of_span"]

ROLES = ("reporting", "quote", "background", "commentary")

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
            ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
            ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

# A month used as a time adverbial ("In February, ...", "in late February", "since April"), not a date with a
# day ("on June 27") -- a day-level date is the event's own date far more often than a recap.
_MONTH_ADVERB = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ll]ast|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?:(?:early|late|mid)-?\s*)?"
    + r"(" + _MONTH_RE + r")\b(?!\s+\d)(?:\s+((?:19|20)\d\d))?"
)
# A year as a time adverbial or attributive ("in 2003", "Since 2009", "early 2020", "a 2015 nuclear deal").
_YEAR = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?|[Aa]|[Tt]he|[Ii]ts)\s+"
    r"(?:(?:early|late|mid)-?\s*)?((?:19|20)\d\d)\b(?!\s*(?:%|people|troops))"
)
# Recap phrases: each names another, earlier occurrence or a span of past time.
_RECAP = re.compile(
    r"\b(?:"
    r"(?:the|a) (?:second|third|fourth|fifth|first) (?:time|round|such)"
    r"|(?:had )?(?:only )?once before|twice before|(?:had|has) previously|previous(?:ly)?|in the past"
    r"|last (?:year|month|week|summer|winter|spring|autumn|fall|time)"
    r"|(?:earlier|late|early) (?:this|last) (?:month|year)"
    r"|\d+ (?:years?|months?|decades?) ago|years? earlier|decades?"
    r"|since (?:the|taking|he|she|it|they) "
    r"|former (?:US |U\.S\. )?(?:president|prime minister|leader)"
    r"|in recent (?:months|years)"
    # "The strikes came just days after troops were targeted ...": the sentence's news is the earlier attack
    r"|(?:just |only |a few |several |two |three )?(?:days|weeks|months) (?:after|before)"
    r")",
    re.I,
)
# Weaker recaps: in the lead they usually describe the build-up to the new event, so they only count outside it.
# A tally in the present perfect ("Israel has carried out dozens of airstrikes on ...") sums up a campaign, not
# the one new event.
_WEAK_RECAP = re.compile(
    r"\b(?:in recent (?:weeks|days)|over recent (?:months|weeks)|since (?:mid-)?" + _MONTH_RE
    + r"|(?:has|have) (?:\w+ )?(?:carried out|conducted|launched|staged|mounted|fired|made|claimed)"
    r" (?:dozens|hundreds|scores|thousands|numerous|several|a (?:series|string|wave|spate|number))"
    r")\b",
    re.I,
)
# Opinion markers outside quotes: an editorial label, or first-person evaluation.
_OPINION = re.compile(
    r"^\W*(?:comment|opinion|editor'?s note|analysis|my view|our view)\s*:"
    r"|\b(?:in my (?:opinion|view)|I (?:think|believe|would argue|suspect)|we (?:think|believe) that"
    r"|it is (?:clear|obvious) that|make no mistake)\b",
    re.I,
)
# A cross-reference to another story ("See: ...", "Read more: ...") left in the body by scraping: it names
# another event, so it is background, never reporting.
_XREF = re.compile(r"^\W*(?:see also|see|read more|read also|related|watch|more on this)\s*:", re.I)
# News leads put the new event first; the first sentences are protected from weak recap cues.
_LEAD = 2

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` inside quotation marks (curly pairs, or alternating straight quotes)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    i = start
    open_at: int | None = None
    closer = ""
    while i < end:
        ch = text[i]
        if open_at is None:
            if ch in _OPEN_CLOSE:
                open_at, closer = i, _OPEN_CLOSE[ch]
            elif ch == '"':
                open_at, closer = i, '"'
        elif ch == closer:
            spans.append((open_at, i + 1))
            open_at = None
        i += 1
    return spans


def _inside_share(s: int, e: int, raw: str, spans: list[tuple[int, int]]) -> float:
    letters = sum(1 for ch in raw[s:e] if ch.isalnum())
    if not letters:
        return 0.0
    inside = 0
    for qs, qe in spans:
        a, b = max(s, qs), min(e, qe)
        if a < b:
            inside += sum(1 for ch in raw[a:b] if ch.isalnum())
    return inside / letters


def _outside_quotes(raw: str, s: int, e: int, spans: list[tuple[int, int]]) -> str:
    chars = list(raw[s:e])
    for qs, qe in spans:
        for k in range(max(s, qs), min(e, qe)):
            chars[k - s] = " "
    return "".join(chars)


def _published(article: "Article") -> date | None:
    try:
        return date.fromisoformat((article.published or "")[:10])
    except ValueError:
        return None


def _is_past_date(text: str, published: date | None) -> bool:
    """A month or year adverbial naming a time before the article's own month (any, when undated)."""
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if published is None or year < published.year:
            return True
    for m in _MONTH_ADVERB.finditer(text):
        month = _MONTHS[m.group(1).casefold()]
        year = int(m.group(2)) if m.group(2) else None
        if published is None:
            return True
        y = year if year is not None else (published.year if month <= published.month else published.year - 1)
        if (y, month) < (published.year, published.month):
            return True
    return False


def _segments(article: "Article") -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.kind) for s in article.segments if s.kind in ("body", "commentary")]


def passage_roles(article: "Article") -> list[Passage]:
    """One :class:`Passage` per sentence of the body and commentary segments, in text order."""
    raw = article.raw_text
    published = _published(article)
    out: list[Passage] = []
    n_body = 0
    for s0, e0, kind in sorted(_segments(article)):
        spans = quote_spans(raw, s0, e0)
        for sent in split_sentences(raw, s0, e0):
            role = _role(raw, sent.start, sent.end, kind, spans, published, lead=n_body < _LEAD)
            if kind == "body":
                n_body += 1
            out.append(Passage(article.id, sent.start, sent.end, role))
    return out


def _role(
    raw: str, s: int, e: int, kind: str, spans: list[tuple[int, int]], published: date | None, *, lead: bool
) -> str:
    if kind == "commentary":
        return "commentary"
    outside = _outside_quotes(raw, s, e, spans)
    if _OPINION.search(outside):
        return "commentary"
    if _XREF.search(raw[s:e]):
        return "background"
    if _inside_share(s, e, raw, spans) >= 0.5:
        return "quote"
    if _is_past_date(outside, published) or _RECAP.search(outside):
        return "background"
    if not lead and _WEAK_RECAP.search(outside):
        return "background"
    return "reporting"


def role_of_span(passages: list[Passage], article_id: str, start: int, end: int) -> str | None:
    """The role of the passage holding ``raw_text[start:end]`` of ``article_id`` (None when no passage does,
    e.g. a span in the title)."""
    for p in passages:
        if p.article_id == article_id and p.start <= start < p.end:
            return p.role
    return None
