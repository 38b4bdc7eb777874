"""Anchoring against the document creation time (DCT): calendar arithmetic, the tense of a clause, the rule
registry.

Relative expressions ("Friday", "Feb. 1", "the quarter") are resolved against the DCT; which occurrence is meant
(before or after it) follows the tense of the clause around the expression (:meth:`_Ctx.tense`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable

from ._timex_lexicon import _CLAUSE_END, _TENSE


# --- calendar helpers -------------------------------------------------------------------------------------


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _month_shift(d: date, n: int) -> tuple[int, int]:
    m = d.year * 12 + d.month - 1 + n
    return m // 12, m % 12 + 1


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _last_quarter(d: date) -> str:
    """The last completed quarter: what "the quarter" means in an earnings report."""
    q = _quarter(d) - 1
    return f"{d.year - 1}-Q4" if q == 0 else f"{d.year}-Q{q}"


def _nearest_year(dct: date, month: int, day: int | None, tense: str | None, direction: int = 0) -> int:
    """Year for a month (and day) given without one: in a future-tense clause the first occurrence at or after
    the DCT; in a past-tense clause last year's when this year's lies ``_PAST_AHEAD_MONTHS`` or more ahead ("was
    rescued in November" in April); otherwise the DCT's year unless that lies more than ``_FAR_DAYS`` ahead
    ("since mid-October" in January is last October). A past cue alone does not move a month just ahead of the
    DCT: a past verb often governs another phrase ("said it would pay in June"). ``direction`` -1/+1
    ("last July", "next July") asks for the occurrence strictly before/after the DCT."""
    ref = dct if day else dct.replace(day=1)
    try:
        this_year = date(dct.year, month, day or 1)
    except ValueError:
        return dct.year
    if direction < 0:
        return dct.year if this_year < ref else dct.year - 1
    if direction > 0:
        return dct.year if this_year > ref else dct.year + 1
    if tense == "future":
        return dct.year if this_year >= ref else dct.year + 1
    if tense == "past" and month - dct.month >= _PAST_AHEAD_MONTHS:
        return dct.year - 1
    if (this_year - ref).days > _FAR_DAYS:
        return dct.year - 1
    return dct.year


# Calibrated on TBAQ: without a tense cue a same-year month up to ~8 months ahead of the DCT was still meant as
# this year's; with a past cue, one a quarter or more ahead was last year's (45 of 49 past-cued months).
_PAST_AHEAD_MONTHS = 3
_FAR_DAYS = 240


def _weekday(dct: date, wd: int, mode: str) -> date:
    """``mode`` past: the latest such day at or before the DCT; future: the first after; ahead: the first at or
    after; this: in DCT's week."""
    if mode == "this":
        return dct + timedelta(days=wd - dct.isoweekday())
    if mode == "future":
        return dct + timedelta(days=(wd - dct.isoweekday() - 1) % 7 + 1)
    if mode == "ahead":  # future tense without "next": "will meet Monday" in Monday's paper is that day
        return dct + timedelta(days=(wd - dct.isoweekday()) % 7)
    if mode == "last":
        return dct - timedelta(days=(dct.isoweekday() - wd - 1) % 7 + 1)
    return dct - timedelta(days=(dct.isoweekday() - wd) % 7)


# A sentence comparing a multi-quarter period compares it with the year before, not with a quarter.
_LONGER_PERIOD = re.compile(r"\b(?:nine|six)\s+months\b|\bfirst\s+half\b", re.I)


class _Ctx:
    def __init__(self, text: str, dct: date | None) -> None:
        self.text = text
        self.dct = dct

    def quarterly(self, s: int) -> bool:
        """Is this earnings copy about a quarter? ("a year ago" then means the same quarter last year)."""
        if "quarter" not in self.text[max(0, s - 1500) : s + 200].casefold():
            return False
        # ... unless its own sentence compares a longer period ("in the first nine months, ... a year earlier")
        lo = max(self.text.rfind(". ", 0, s), self.text.rfind("\n", 0, s), 0)
        hi = min(x for x in (self.text.find(". ", s), self.text.find("\n", s), len(self.text)) if x >= 0)
        return not _LONGER_PERIOD.search(self.text, lo, hi)

    def tense(self, s: int, e: int) -> str | None:
        """"future", "past" or None, from the tense cue nearest to ``text[s:e]`` within its clause."""
        lo, hi = max(0, s - 80), min(len(self.text), e + 40)
        for b in _CLAUSE_END.finditer(self.text, lo, s):
            lo = b.end() - 1
        stop = _CLAUSE_END.search(self.text, e, hi)
        hi = stop.start() + 3 if stop else hi
        best: tuple[int, str] | None = None
        for m in _TENSE.finditer(self.text, lo, hi):
            if m.start() < e and m.end() > s:
                continue
            # a cue after the expression counts a little less: the governing verb usually precedes it
            dist = s - m.end() if m.end() <= s else (m.start() - e) * 1.5
            kind = "future" if m.group("future") else "past"
            if best is None or dist < best[0]:
                best = (dist, kind)
        return best[1] if best else None

    def future(self, s: int, e: int) -> bool:
        return self.tense(s, e) == "future"


Resolver = Callable[[re.Match, _Ctx], "tuple[str, str] | None"]
_RULES: list[tuple[re.Pattern, Resolver]] = []


def _rule(pattern: str) -> Callable[[Resolver], Resolver]:
    def deco(fn: Resolver) -> Resolver:
        _RULES.append((re.compile(pattern, re.I), fn))
        return fn

    return deco


def year_back(ctx: _Ctx, pos: int) -> tuple[str, str] | None:
    """One year before the document: in quarterly results copy the same quarter a year back."""
    if ctx.dct is None:
        return None
    if ctx.quarterly(pos):
        last = _last_quarter(ctx.dct)
        return f"{int(last[:4]) - 1}{last[4:]}", "DATE"
    return str(ctx.dct.year - 1), "DATE"
