"""The rule grammar behind :func:`newsweave.extract.dates.find_time_expressions`.

Written by hand because no installable library tags *and* normalises English news time expressions with
offsets offline (HeidelTime/SUTime need a JVM, spaCy needs a model download, dateparser's ``search_dates`` has
neither offsets nor TimeML values). Each rule is a regex plus a resolver; all matches are collected and the
leftmost-longest win, then a time of day ("10 p.m.") is glued to an adjacent day ("Wednesday").
Month and weekday names must be capitalised: "may", "march", "sun" are words first.

The grammar is spread over private modules: :mod:`._timex_lexicon` (word tables, regex fragments, tense cues),
:mod:`._timex_anchor` (calendar arithmetic against the DCT, clause tense, the rule registry), the rules in
:mod:`._timex_dates` (calendar expressions), :mod:`._timex_durations` (durations, sets, clock times),
:mod:`._timex_more` (rarer shapes, vetoes) and :mod:`._timex_anaphora` (expressions anchored to the previous
reference time); this module runs them and picks among the matches.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

# Rules register in import order, which breaks ties between equally long matches at one offset: keep it.
from . import _timex_dates, _timex_durations  # noqa: F401  (registers rules)
from ._timex_anaphora import resolve as resolve_anaphora
from ._timex_anchor import _RULES, _Ctx
from ._timex_lexicon import _WEEKDAY
from ._timex_more import reject

__all__ = ["scan"]


# --- the scanner ------------------------------------------------------------------------------------------

# Modifiers that leave a TIMEX3 value unchanged (TimeML puts them in ``mod``) but belong to the span.
_PREFIX = re.compile(
    r"(?:\b(?:early|late|earlier|later|mid|the end of|the beginning of|the start of|the middle of|end of|"
    r"beginning of|start of|middle of)[\s-]+)$",
    re.I,
)


def _pick(cands: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[tuple[int, int, str, str]] = []
    last_end = -1
    for c in cands:
        if c[0] >= last_end:
            out.append(c)
            last_end = c[1]
    return out


def _merge_times(text: str, items: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Glue "10 p.m." to an adjacent day ("10 p.m. Wednesday", "Friday at noon"): one TIMEX, the day's date."""
    out: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(items):
        cur = items[i]
        if i + 1 < len(items):
            nxt = items[i + 1]
            gap = text[cur[1] : nxt[0]]
            if len(gap) <= 6 and re.fullmatch(r"\s*(?:,|on|at|,\s*on|,\s*at)?\s*", gap):
                day, clock = None, None
                if cur[3] == "TIME" and len(nxt[2]) == 10 and nxt[3] == "DATE":
                    clock, day = cur, nxt
                elif nxt[3] == "TIME" and len(cur[2]) == 10 and cur[3] == "DATE":
                    day, clock = cur, nxt
                if day and clock and "T" in clock[2] and clock[2].split("T")[1][:1].isdigit():
                    out.append((cur[0], nxt[1], day[2] + "T" + clock[2].split("T")[1], "TIME"))
                    i += 2
                    continue
            # "Monday, Oct. 26": the explicit date decides, the weekday only names it.
            if (
                re.fullmatch(r",?\s*", gap)
                and re.fullmatch(_WEEKDAY, text[cur[0] : cur[1]], re.I)
                and nxt[3] == "DATE"
                and len(nxt[2]) == 10
            ):
                out.append((cur[0], nxt[1], nxt[2], "DATE"))
                i += 2
                continue
        out.append(cur)
        i += 1
    return out


# How far before a scanned range to look for the reference time of "that year": a few paragraphs.
_LOOKBACK = 3000


def scan(text: str, dct: date | None, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, str, str]]:
    """Yield (start, end, value, TIMEX3 type) for every expression in ``text[start:end]``."""
    end = len(text) if end is None else end
    ctx = _Ctx(text, dct)
    cands: list[tuple[int, int, str, str]] = []
    for pattern, resolve in _RULES:
        for m in pattern.finditer(text, start, end):
            if m.end() == m.start():
                continue
            got = resolve(m, ctx)
            if got is not None and not reject(text, m.start(), m.end(), got[0], got[1]):
                cands.append((m.start(), m.end(), got[0], got[1]))
    picked = _merge_times(text, _pick(cands))
    # "that year", "the following month" need the last date named before them, possibly before ``start``
    lookback = lambda: scan(text, dct, max(0, start - _LOOKBACK), start)  # noqa: E731
    for s, e, value, kind in resolve_anaphora(picked, lookback):
        p = _PREFIX.search(text, max(start, s - 24), s)
        if p and kind in ("DATE", "TIME") and p.start() >= start:
            s = p.start()
        yield s, e, value, kind
