"""The weekdays and numbers two reports state, as pair evidence where one of them has no publication date.

Between dated reports, when a report's incident happened is known to the day (events/evidence.py resolves
"on Tuesday" against the publication date) and the numbers that tell incidents apart are ages, times and
street numbers. An undated report ("headline + lead" collections, archives, pasted text) loses all of it,
and two reports of one busy topic (two Fauci hearings, two Kavanaugh allegations, a vaccine's trial result
and its approval) share their words and names. Two facts still tell them apart without a calendar:

- ``weekdays`` the weekdays the head names ("said on Tuesday"): reports of one happening name its day.
  neus-dev, each report against its 5 nearest neighbours, where both name a weekday: same-story pairs share
  one 89% of the time (5,448 of 6,137), other pairs 30% (3,859 of 13,012);
- ``numbers``  the numbers the head gives ("66% effective", "a 414-page report", "$1,200 checks"), years
  left out (events/years.py reads those): same-story pairs share one 69% of the time (2,097 of 3,033), other
  pairs 37% (2,419 of 6,501). Numbers that many reports state ("1", "2", "10") are dropped as no evidence,
  as evidence.py drops common streets.

:func:`undated_adjustment` adds ``AGREE`` (evidence.py's unit) per fact both reports state and share, and
subtracts it per fact both state without sharing; nothing when either is silent, and nothing between two
dated reports, whose dates say more.

Measured end to end in the order the stage has taken since session 13 (a content order, events/order.py),
B3 F1 (pairwise F1) without -> with: neus-dev 0.7932 (0.653) -> 0.808 (0.678), ecbplus-dev 0.9339 (0.903) ->
0.9400 (0.919). The calibration below was done in session 12 in each file's own line order (which flattered
neus-dev, see order.py); before -> after there (BENCHMARKS.md, "Undated reports: weekdays and numbers"):
neus-dev 0.8346 (0.723) -> 0.8471 (0.745), ecbplus-dev 0.9360 (0.905) -> 0.9422 (0.921), gva-a 0.9535
unchanged (all dated), gva-a with 5% of its dates blanked 0.9446 (0.856) -> 0.9435 (0.861). Calibration: the
head at 200 / 400 / 800 characters: neus-dev 0.8451 / 0.8478 / 0.8483, ecbplus-dev 0.9365 / 0.9388 / 0.9345
(numbers conflicting at half weight); numbers conflicting at 0 / 0.5 / 1 x ``AGREE``: neus-dev 0.8460 /
0.8478 / 0.8471, ecbplus-dev 0.9290 / 0.9388 / 0.9422, so every fact counts alike, as in evidence.py. The
event threshold stays: 0.015 / 0.025 give neus-dev 0.8498 / 0.8457, ecbplus-dev 0.9361 / 0.9387.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

from .evidence import AGREE, COMMON_MIN, COMMON_SHARE, add_agreement
from .features import ArticleFields, numbers_in

__all__ = ["UndatedFacts", "undated_facts", "without_common_numbers", "undated_adjustment", "HEAD_CHARS"]

# The head read: the headline and this many characters of the reporting (non-recap) sentences, where a
# report says what happened and when.
HEAD_CHARS = 400

_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class UndatedFacts:
    weekdays: frozenset[str]
    numbers: frozenset[str]


def undated_facts(fields: ArticleFields) -> UndatedFacts:
    """The weekdays and the numbers (without years) of the headline and the first ``HEAD_CHARS`` characters of
    the reporting sentences."""
    head = f"{fields.title} . {fields.lead[:HEAD_CHARS]}"
    weekdays = frozenset(m.lower() for m in _WEEKDAY.findall(head))
    numbers = frozenset(n for n in (x[1:] for x in numbers_in(head)) if not _YEAR.fullmatch(n))
    return UndatedFacts(weekdays, numbers)


def without_common_numbers(facts: Sequence[UndatedFacts]) -> list[UndatedFacts]:
    """``facts`` without the numbers that more than ``COMMON_SHARE`` of the reports (and ``COMMON_MIN``) state."""
    limit = max(COMMON_MIN, COMMON_SHARE * len(facts))
    df = Counter(n for f in facts for n in f.numbers)
    common = {n for n, c in df.items() if c > limit}
    if not common:
        return list(facts)
    return [replace(f, numbers=f.numbers - common) if f.numbers & common else f for f in facts]


def undated_adjustment(
    a: Sequence[UndatedFacts], b: Sequence[UndatedFacts], days_a: Sequence[int | None],
    days_b: Sequence[int | None], sims: np.ndarray,
) -> np.ndarray:
    """``sims`` (scaled similarities, ``len(a) x len(b)``) with the facts' evidence added on every pair where
    at least one report is undated (``days_*`` ``None``); updated in place and returned."""
    undated_a = [i for i, d in enumerate(days_a) if d is None]
    undated_b = [j for j, d in enumerate(days_b) if d is None]
    if not undated_a and not undated_b:
        return sims  # an all-dated run: nothing qualifies
    # As in years.py: the undated rows against every column, the dated rows against the undated columns.
    _add(sims, a, b, undated_a, list(range(len(b))))
    _add(sims, a, b, [i for i, d in enumerate(days_a) if d is not None], undated_b)
    return sims


def _add(sims: np.ndarray, a: Sequence[UndatedFacts], b: Sequence[UndatedFacts], rows: list[int],
         cols: list[int]) -> None:
    if not rows or not cols:
        return
    whole = len(rows) == sims.shape[0] and len(cols) == sims.shape[1]
    block = sims if whole else sims[np.ix_(rows, cols)]
    fa, fb = [a[i] for i in rows], [b[j] for j in cols]
    add_agreement(block, [f.weekdays for f in fa], [f.weekdays for f in fb], AGREE)
    add_agreement(block, [f.numbers for f in fa], [f.numbers for f in fb], AGREE)
    if not whole:
        sims[np.ix_(rows, cols)] = block
