"""The years two reports are dated by, as pair evidence where one of them has no publication date.

Two look-alike undated reports (two Qeshm earthquakes, two emergency Internet Explorer patches, ECB+'s
topics) share their words and names; what tells them apart is when. An undated report often writes its own
date at the top ("Posted 11 / 27 / 2005", "September 17, 2013 4: 16 PM ET"): features.py ``years`` holds
those years, or a dated report's publication year (``dated``).

:func:`year_adjustment` adds ``BONUS`` to the scaled similarity of a pair whose years meet and subtracts
``PENALTY`` from one whose years are disjoint, but only when both reports carry years and at least one of
them is undated. Everything else keeps its similarity:

- two dated reports: their dates already act through the time window and the incident evidence
  (events/evidence.py); the years would count them twice (gva-a 0.9495 -> 0.9405 B3 F1 when a years vector
  block was on in all-dated runs) and split pairs across a New Year;
- a report without years: nothing is known about when it was written, so it is neither pulled nor pushed.

This replaces a vector block of the years (session 9), which switched on for a whole run as soon as one report
was undated and then changed every pair, dated-dated ones included, and every year-carrying report's cosine to a
year-less one (through the row normalisation): gva-a with 5% of its dates removed 0.9408 -> 0.9378 B3 F1.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .features import ArticleFields

__all__ = ["year_adjustment", "BONUS", "PENALTY"]

# In units of the scaled similarity (event threshold 0.02), calibrated on ecbplus-dev end to end (B3 F1 from
# 0.9237 without the years): BONUS 0.01 / 0.02 / 0.03 / 0.04 / 0.05 / 0.06 / 0.08 / 0.1 / 0.15 (PENALTY 0) ->
# 0.9249 / 0.9249 / 0.9270 / 0.9288 / 0.9302 / 0.9302 / 0.9302 / 0.9289 / 0.9138; PENALTY 0 / 0.02 / 0.04 /
# 0.08 (BONUS 0.05 or 0.08) -> 0.9302 / 0.9302 / 0.9290 / 0.9290 (alone, BONUS 0: 0.9237 / 0.9237 / 0.9226 /
# 0.9226: ECB+'s later event writes a date at its head where the earlier one writes none, and several of its
# reports write different years, so disjoint years are weak evidence there). Most of the gain is the bonus
# between an undated report and a dated one of its year (undated pairs alone: 0.9247). gva-a with 5% of its
# dates removed: 0.9408 without the years, 0.9405 at BONUS 0.05-0.06 (three undated reports join a dated one
# of their year, another event; one joins its own), 0.9408 at 0.04; neus-dev 0.8115 either way.
BONUS = 0.05
PENALTY = 0.02


def year_adjustment(a: Sequence[ArticleFields], b: Sequence[ArticleFields], sims: np.ndarray) -> np.ndarray:
    """``sims`` (scaled similarities, ``len(a) x len(b)``) with the years' evidence added (module docstring);
    updated in place and returned."""
    ra = [i for i, f in enumerate(a) if f.years]
    rb = [j for j, f in enumerate(b) if f.years]
    if not ra or not rb or (all(a[i].dated for i in ra) and all(b[j].dated for j in rb)):
        return sims  # no pair has years on both sides with one side undated (every all-dated run)
    vocabulary = {y: c for c, y in enumerate(sorted({y for f in (*a, *b) for y in f.years}))}
    shared = _indicator([a[i].years for i in ra], vocabulary) @ _indicator([b[j].years for j in rb], vocabulary).T
    undated_a = np.array([not a[i].dated for i in ra])
    undated_b = np.array([not b[j].dated for j in rb])
    qualifies = undated_a[:, None] | undated_b[None, :]
    delta = np.where(shared > 0, BONUS, -PENALTY).astype(sims.dtype)
    delta[~qualifies] = 0
    sims[np.ix_(ra, rb)] += delta
    return sims


def _indicator(years: Sequence[tuple[str, ...]], vocabulary: dict[str, int]) -> np.ndarray:
    """Rows x ``vocabulary`` columns, 1 where the row holds the year."""
    out = np.zeros((len(years), len(vocabulary)), dtype=np.float32)
    for r, ys in enumerate(years):
        out[r, [vocabulary[y] for y in ys]] = 1.0
    return out
