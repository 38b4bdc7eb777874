"""Temporal expressions in news, resolved against the document creation time (DCT), and the event date.

Detection is a rule grammar in :mod:`._timex_rules` (why by hand: dateparser's ``search_dates`` gives no
character offsets, no precision and no TimeML values, and misreads news deixis such as "Friday" or "the
quarter"; spaCy/HeidelTime need models or a JVM). dateparser is used where it is good: normalising the zoo of
explicit numeric/ordinal date formats ("27/06/2021", "June 27th, 2021", "2021-06-27") to a calendar date.

Values follow TimeML TIMEX3: ``YYYY-MM-DD``, ``YYYY-MM-DDThh:mm`` / ``...TMO`` (time of day), ``YYYY-Www``,
``YYYY-MM``, ``YYYY-Qn``, ``YYYY-SU`` (season), ``YYYY``, ``YYY`` (decade), ``PRESENT_REF``/``PAST_REF``/
``FUTURE_REF``, durations ``P2W``/``PT5H``/``PXY`` and sets. Without a DCT, relative expressions keep the
TimeML underspecified form (``XXXX-WXX-5`` for "Friday") and precision ``unknown``: never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import NamedTuple, Sequence

from ..models import Article, EventDate, Evidence
from ..text import body_sentences
from ._timex_rules import scan

__all__ = ["TimeExpression", "find_time_expressions", "article_event_date", "event_date", "precision_of"]


class TimeExpression(NamedTuple):
    start: int
    end: int
    surface: str
    value: str
    precision: str  # time|day|week|month|quarter|season|year|decade|century|ref|duration|set|unknown


_EVENT_PRECISIONS = ("day", "week", "month", "year")
_RANK = {p: i for i, p in enumerate(_EVENT_PRECISIONS)}  # 0 = finest

# How far before the DCT a day-level date may lie and still be the date of the reported event: news reports
# events of the last few days ("on Sunday" in Monday's paper); anything older is recap. Same window as the
# events stage groups articles by (settings.event_window_days).
_EVENT_WINDOW_DAYS = 7

# Recap cues. Checked on the expression itself ("earlier this month", "two weeks ago") and just before it
# ("since mid-October", "after Friday's attack"); a whole-sentence test threw away "airstrikes early Monday
# morning ... in recent weeks".
_RECAP_BEFORE = re.compile(r"\b(?:since|after|before|following|until|by|from|as of)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_RECAP_IN = re.compile(r"\b(?:earlier|ago|last|previous|past|before)\b", re.I)
_RECAP_SENTENCE = re.compile(r"\b(?:anniversary|had been|in the past)\b", re.I)


# Words that report an event happening (not a statement about it): the sentence that carries the event's date.
_EVENT_CUE = re.compile(
    r"\b(?:strikes?|struck|air\s?strikes?|attack(?:ed|s)?|bomb\w*|explo\w+|kill\w*|shell\w*|raid\w*|clash\w*"
    r"|fighting|fired|shot|shoot\w*|target(?:ed|ing)|hit|launched|carried out|conducted|crash\w*|stormed"
    r"|protest\w*|died|wounded|injured|arrested)\b",
    re.I,
)


_SPEECH_BEFORE = re.compile(r"\b(?:said|says|announced|told|stated|added|reported)\s+(?:on\s+)?$", re.I)


def precision_of(value: str, kind: str = "DATE") -> str:
    """Granularity of a TIMEX3 value string ("day" for ``2021-06-27``, "duration" for ``P2W`` ...)."""
    if kind == "SET":
        return "set"
    if kind == "DURATION" or (value.startswith("P") and not value.endswith("_REF")):
        return "duration"
    if value.endswith("_REF"):
        return "ref"
    if "X" in value:
        return "unknown"
    if "T" in value:
        return "time"
    if "-W" in value:
        return "week"
    parts = value.split("-")
    if len(parts) >= 3:
        return "day"
    if len(parts) == 2:
        tail = parts[1]
        if tail.startswith("Q") or tail.startswith("H"):
            return "quarter"
        if tail in ("SP", "SU", "FA", "WI"):
            return "season"
        return "month"
    if len(value) == 4:
        return "year"
    if len(value) == 3:
        return "decade"
    if len(value) == 2:
        return "century"
    return "unknown"


def find_time_expressions(text: str, dct: date | None, start: int = 0, end: int | None = None) -> list[TimeExpression]:
    """Temporal expressions in ``text[start:end]`` with offsets into ``text``, resolved against ``dct``."""
    end = len(text) if end is None else end
    out: list[TimeExpression] = []
    for s, e, value, kind in scan(text, dct, start, end):
        out.append(TimeExpression(s, e, text[s:e], value, precision_of(value, kind)))
    return out


# --- the event date --------------------------------------------------------------------------------------


def _event_level(expr: TimeExpression) -> tuple[str, str] | None:
    """(value, precision) usable as an event date, or None (durations, sets, refs, unresolved)."""
    if expr.precision == "time":
        return expr.value[:10], "day"
    if expr.precision in _EVENT_PRECISIONS:
        return expr.value, expr.precision
    return None


def _start_day(value: str, precision: str) -> date | None:
    try:
        if precision == "day":
            return date.fromisoformat(value)
        if precision == "week":
            y, w = value.split("-W")
            return date.fromisocalendar(int(y), int(w[:2]), 1)
        if precision == "month":
            return date(int(value[:4]), int(value[5:7]), 1)
        if precision == "year":
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _end_day(first: date, precision: str) -> date:
    if precision == "day":
        return first
    if precision == "week":
        return first + timedelta(days=6)
    if precision == "month":
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return date(first.year, 12, 31)


def _parse_dct(dct: date | str | None, article: Article) -> date | None:
    if isinstance(dct, date):
        return dct
    raw = dct or article.published
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw)[:10])
    except ValueError:
        return None


def article_event_date(article: Article, dct: date | str | None = None) -> EventDate:
    """The date of the event an article reports, from its reporting (non-background) body sentences.

    Candidates are resolved dates no later than the DCT and, for day/week precision, within
    ``_EVENT_WINDOW_DAYS`` before it; sentences with recap cues are skipped. The finest precision wins, then the
    most frequent value, then the earliest mention (the lede). No candidate -> precision "unknown".
    """
    ref = _parse_dct(dct, article)
    if ref is None:
        return EventDate(None, "unknown")
    found: list[tuple[int, int, str, str, Evidence]] = []  # (rank, order, value, precision, evidence)
    for sent in body_sentences(article):
        if _RECAP_SENTENCE.search(sent.text):
            continue
        for expr in find_time_expressions(article.raw_text, ref, sent.start, sent.end):
            level = _event_level(expr)
            if level is None or _RECAP_IN.search(expr.surface):
                continue
            if _RECAP_BEFORE.search(article.raw_text, max(sent.start, expr.start - 30), expr.start):
                continue
            value, precision = level
            first = _start_day(value, precision)
            if first is None or first > ref or _end_day(first, precision) < ref - timedelta(days=_EVENT_WINDOW_DAYS):
                continue  # in the future, or a period that ended before the window ("in 2018")
            ev = Evidence(
                article.id, article.outlet, expr.start, expr.end, expr.surface, sent.text, sent.start, sent.end
            )
            # sentences that name the event ("strikes today targeted") outrank "Austin said this evening"
            # ... and a time right after a speech verb dates the statement, not the event
            spoken = _SPEECH_BEFORE.search(article.raw_text, max(sent.start, expr.start - 14), expr.start)
            cue = 0 if _EVENT_CUE.search(sent.text) and not spoken else 1
            found.append((cue, _RANK[precision], len(found), value, precision, ev))
    if not found:
        return EventDate(None, "unknown")
    best = min((f[0], f[1]) for f in found)
    finest = [f for f in found if (f[0], f[1]) == best]
    counts = Counter(f[3] for f in finest)
    top = max(finest, key=lambda f: (counts[f[3]], -f[2]))
    return EventDate(top[3], top[4], top[5])


def _project(value: str, precision: str, level: str) -> str | None:
    """``value`` coarsened to ``level`` (day -> month -> year; a week counts at week and, by its Thursday, at
    month and year, the ISO rule for which month/year a week belongs to)."""
    if _RANK[precision] > _RANK[level]:
        return None
    if precision == level:
        return value
    if precision == "week":
        y, w = value.split("-W")
        thursday = date.fromisocalendar(int(y), int(w[:2]), 4)
        value, precision = thursday.isoformat(), "day"
    if level == "week":
        d = date.fromisoformat(value)
        iso = d.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    return value[:7] if level == "month" else value[:4]


def event_date(candidates: Sequence[EventDate]) -> EventDate:
    """Combine per-article event dates: the strict-majority value at the finest precision that has one.

    Articles with an unknown date abstain. Evidence is the first candidate carrying the winning value.
    """
    known = [c for c in candidates if c.value is not None and c.precision in _RANK]
    for level in _EVENT_PRECISIONS:
        projected = [
            (p, c) for c in known if (p := _project(c.value, c.precision, level)) is not None  # type: ignore[arg-type]
        ]
        if not projected:
            continue
        counts = Counter(p for p, _ in projected)
        (top, n), *rest = counts.most_common()
        if rest and rest[0][1] == n:
            continue  # a tie at this precision: try a coarser one
        # Coarser candidates ("June 2021" next to "27 June 2021") vote for the value they are compatible with.
        proto = next(c for p, c in projected if p == top)
        support = n + sum(
            1
            for c in known
            if _RANK[c.precision] > _RANK[level]
            and _project(proto.value, proto.precision, c.precision) == c.value  # type: ignore[arg-type]
        )
        if support * 2 > len(known):
            return EventDate(top, level, proto.evidence)
    return EventDate(None, "unknown")
