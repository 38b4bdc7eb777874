"""The years two reports are dated by, as pair evidence where one of them has no publication date.

Two look-alike undated reports (two Qeshm earthquakes, two emergency Internet Explorer patches, ECB+'s
topics) share their words and names; what tells them apart is when. An undated report often writes its own
date at the top ("Posted 11 / 27 / 2005", "September 17, 2013 4: 16 PM ET"): features.py ``years`` holds
those years, or a dated report's publication year (``dated``).

:func:`year_adjustment` adds ``BONUS`` to the scaled similarity of a pair whose years meet and subtracts
``PENALTY`` from one whose years are disjoint, but only when both reports carry years and at least one of
them is undated. Between an undated report whose head writes a full date and a dated report, the years meet
only when that date lies within ``NEAR_DAYS`` of the publication day (same year, further apart: no change).
Everything else keeps its similarity:

- two dated reports: their dates already act through the time window and the incident evidence
  (events/evidence.py); the years would count them twice (gva-a 0.9495 -> 0.9405 B3 F1 when a years vector
  block was on in all-dated runs) and split pairs across a New Year;
- a report without years: nothing is known about when it was written, so it is neither pulled nor pushed.

This replaces a vector block of the years (session 9), which switched on for a whole run as soon as one report
was undated and then changed every pair, dated-dated ones included, and every year-carrying report's cosine to a
year-less one (through the row normalisation): gva-a with 5% of its dates removed 0.9408 -> 0.9378 B3 F1.
On ecbplus-dev the block scored 0.9490 against 0.9302 here: most of its gain came from pushing the reports
that write a date apart from those that write none (ECB+'s earlier events write one in 7 of 391 reports, the
later ones in 315 of 381), which says how a corpus was collected, not when a report was written (measured
as pair evidence: a 0.04 penalty between undated reports with and without years gives 0.9410).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Sequence

import numpy as np

from .features import MONTH_NAMES, MONTH_NUMBERS, YEAR_HEAD_CHARS, ArticleFields

__all__ = ["year_adjustment", "head_days", "BONUS", "PENALTY", "NEAR_DAYS"]

# In units of the scaled similarity (event threshold 0.02), calibrated on ecbplus-dev end to end (B3 F1 from
# 0.9237 without the years; year-level matching, no NEAR_DAYS): BONUS 0.01 / 0.02 / 0.03 / 0.04 / 0.05 / 0.06 /
# 0.08 / 0.1 / 0.15 (PENALTY 0) -> 0.9249 / 0.9249 / 0.9270 / 0.9288 / 0.9302 / 0.9302 / 0.9302 / 0.9289 /
# 0.9138; PENALTY 0 / 0.02 / 0.04 / 0.08 (BONUS 0.05 or 0.08) -> 0.9302 / 0.9302 / 0.9290 / 0.9290 (BONUS 0:
# 0.9237 / 0.9237 / 0.9226 / 0.9226: several reports of one ECB+ event write different years, so disjoint
# years are weak evidence there). Most of the gain is the bonus between an undated report and a dated one
# (undated pairs alone: 0.9247). gva-a with 5% of its dates removed (0.9408 without the years) lost 0.0003 to
# the year alone at BONUS 0.05-0.06 (three undated reports joined a dated one of their year, another
# shooting), hence NEAR_DAYS: 2 / 7 / 14 / 30 / 90 -> ecbplus-dev 0.9290 / 0.9302 / 0.9302 / 0.9302 / 0.9302,
# gva-a 5% undated 0.9406 / 0.9410 / 0.9410 / 0.9410 / 0.9408; nothing (0) rather than the penalty beyond it
# (-0.02 at 30 days: ecbplus-dev 0.9293). At NEAR_DAYS 14: BONUS 0.04 / 0.1 -> 0.9288 / 0.9302 (gva-a 5%
# undated 0.9410 / 0.9407), PENALTY 0.04 -> 0.9290; neus-dev (all undated, 42 heads with a year) 0.8115
# throughout; gva-a (all dated) 0.9495, untouched.
BONUS = 0.05
PENALTY = 0.02
NEAR_DAYS = 14

# The forms of features.py's head dates that name a day ("November 27, 2005", "27 November 2005",
# "11 / 27 / 2005", "11/27/05", "2005-11-27"), read to the day; numeric ones month first (the US order of the
# eval corpora), day first when the first number cannot be a month.
_MONC = rf"({MONTH_NAMES})\b\.?"
_FULL_DATE = re.compile(
    rf"\b{_MONC}\s*(\d{{1,2}})(?:st|nd|rd|th)?\s*[,.\-]?\s*((?:19|20)\d\d)\b"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONC}\s*,?\s*((?:19|20)\d\d)\b"
    r"|\b(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*((?:19|20)\d\d|\d\d)\b(?!\s*/)"
    r"|\b((?:19|20)\d\d)\s*[\-.]\s*(\d\d)\s*[\-.]\s*(\d\d)\b",
    re.IGNORECASE,
)


def head_days(f: ArticleFields) -> tuple[int, ...]:
    """Day ordinals of the full dates the head writes out (US month/day order for numeric dates)."""
    out = []
    for m in _FULL_DATE.finditer(f"{f.title} {f.lead[:YEAR_HEAD_CHARS]}"):
        g = m.groups()
        if g[0]:
            mo, d, y = MONTH_NUMBERS[g[0][:3].lower()], int(g[1]), g[2]
        elif g[3]:
            d, mo, y = int(g[3]), MONTH_NUMBERS[g[4][:3].lower()], g[5]
        elif g[6]:
            mo, d, y = int(g[6]), int(g[7]), g[8]
            if mo > 12:
                mo, d = d, mo
        else:
            y, mo, d = g[9], int(g[10]), int(g[11])
        yy = int(y) if len(y) == 4 else (1900 if int(y) >= 70 else 2000) + int(y)
        try:
            out.append(_dt.date(yy, mo, d).toordinal())
        except ValueError:
            continue
    return tuple(out)


def year_adjustment(
    a: Sequence[ArticleFields], b: Sequence[ArticleFields], days_a: Sequence[int | None],
    days_b: Sequence[int | None], sims: np.ndarray,
) -> np.ndarray:
    """``sims`` (scaled similarities, ``len(a) x len(b)``) with the years' evidence added (module docstring);
    updated in place and returned. ``days_*`` are the publication days (``None``: undated)."""
    undated_a = [i for i, f in enumerate(a) if f.years and not f.dated]
    undated_b = [j for j, f in enumerate(b) if f.years and not f.dated]
    if not undated_a and not undated_b:
        return sims  # no pair qualifies (every all-dated run): nothing to build
    # The qualifying pairs, in two disjoint blocks whose size follows the undated reports, not the run: the
    # undated rows of ``a`` against every column with years, the dated rows against the undated columns.
    _add(sims, a, b, days_a, days_b, undated_a, [j for j, f in enumerate(b) if f.years])
    _add(sims, a, b, days_a, days_b, [i for i, f in enumerate(a) if f.years and f.dated], undated_b)
    return sims


def _add(
    sims: np.ndarray, a: Sequence[ArticleFields], b: Sequence[ArticleFields], days_a: Sequence[int | None],
    days_b: Sequence[int | None], rows: list[int], cols: list[int],
) -> None:
    if not rows or not cols:
        return
    years_a, years_b = [a[i].years for i in rows], [b[j].years for j in cols]
    vocabulary = {y: c for c, y in enumerate(sorted({y for ys in (*years_a, *years_b) for y in ys}))}
    shared = _indicator(years_a, vocabulary) @ _indicator(years_b, vocabulary).T > 0
    delta = np.where(shared, BONUS, -PENALTY).astype(sims.dtype)
    # An undated report whose head writes a full date meets a dated report near that day, not anywhere in the
    # year: on gva-a (one kind of incident, a few years) the year alone joined undated reports to other events.
    far = _far([() if a[i].dated else head_days(a[i]) for i in rows], [days_b[j] for j in cols])
    far |= _far([() if b[j].dated else head_days(b[j]) for j in cols], [days_a[i] for i in rows]).T
    delta[shared & far] = 0
    sims[np.ix_(rows, cols)] += delta


def _indicator(years: Sequence[tuple[str, ...]], vocabulary: dict[str, int]) -> np.ndarray:
    """Rows x ``vocabulary`` columns, 1 where the row holds the year."""
    out = np.zeros((len(years), len(vocabulary)), dtype=np.float32)
    for r, ys in enumerate(years):
        out[r, [vocabulary[y] for y in ys]] = 1.0
    return out


def _far(heads: Sequence[tuple[int, ...]], days: Sequence[int | None]) -> np.ndarray:
    """``len(heads) x len(days)``: True where a head writes full dates, the day is known, and no date is within
    ``NEAR_DAYS`` of it."""
    out = np.zeros((len(heads), len(days)), dtype=bool)
    rows = [r for r, h in enumerate(heads) if h]
    cols = [c for c, d in enumerate(days) if d is not None]
    if not rows or not cols:
        return out
    d = np.array([days[c] for c in cols], dtype=np.int64)
    near = np.zeros((len(rows), len(cols)), dtype=bool)
    for k in range(max(len(heads[r]) for r in rows)):
        h = np.array([heads[r][k] if k < len(heads[r]) else -(10**9) for r in rows], dtype=np.int64)
        near |= np.abs(h[:, None] - d[None, :]) <= NEAR_DAYS
    out[np.ix_(rows, cols)] = ~near
    return out
