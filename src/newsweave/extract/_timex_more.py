"""Rules for rarer shapes (holidays, centuries, earnings-copy periods) and the scanner's vetoes (:func:`reject`).

Each rule registers itself with ``_timex_anchor._rule``; :func:`reject` is consulted by the scanner for matches
that an earlier, broader rule produced but TimeML does not annotate (ages, rates). Shapes and values follow the
TimeML/TIMEX3 guidelines as the TempEval-3 (TBAQ) annotators applied them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ._timex_anchor import _Ctx, _last_quarter, _rule, year_back
from ._timex_lexicon import _MONTH, _MONTHS

__all__ = ["reject"]


# --- month + "last year" / "this year" / "next year" -------------------------------------------------------


@_rule(rf"\b(?:(?:early|late|mid-?)\s*)?(?P<m>{_MONTH})\s+(?:of\s+)?(?P<dir>last|this|next)\s+year\b")
def _month_of_relative_year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"June last year" is one expression: the month of the named year, not this year's June plus a year."""
    if ctx.dct is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m.group("dir").casefold()]
    return f"{ctx.dct.year + step}-{_MONTHS[m.group('m').rstrip('.').casefold()]:02d}", "DATE"


# --- earnings copy: "the year-ago period" -------------------------------------------------------------------


@_rule(r"\b(?:the\s+)?(?:comparable\s+|same\s+)?year[- ](?:ago|earlier)\s+(?:period|three\s+months)\b")
def _year_ago_period(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """The period a result is compared with: in quarterly copy the same quarter one year back."""
    return year_back(ctx, m.start())


# --- holidays ---------------------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, wd: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))


def _holiday(name: str, year: int) -> date:
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 4, 4)  # fourth Thursday of November
    if name.startswith("election"):
        return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)  # Tuesday after the first Monday in November
    if name.startswith("christmas eve"):
        return date(year, 12, 24)
    if name.startswith("christmas"):
        return date(year, 12, 25)
    if name.startswith("new year's eve"):
        return date(year, 12, 31)
    if name.startswith("new year"):
        return date(year, 1, 1)
    if name.startswith("independence"):
        return date(year, 7, 4)
    return date(year, 12, 31)


@_rule(
    r"\b(?:(?P<dir>last|next|this)\s+)?(?-i:(?P<h>Thanksgiving(?:\s+Day)?|Election\s+Day|Christmas(?:\s+(?:Day|Eve))?"
    r"|New\s+Year's(?:\s+(?:Day|Eve))?|Independence\s+Day))(?P<y>,?\s+\d{4})?"
)
def _holiday_rule(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """US holidays named in news: the latest occurrence before the DCT unless the tense or "next" says ahead."""
    name = re.sub(r"\s+", " ", m.group("h").casefold())
    if m.group("y"):
        return _holiday(name, int(m.group("y").strip(", "))).isoformat(), "DATE"
    if ctx.dct is None:
        return None
    d = (m.group("dir") or "").casefold()
    ahead = d == "next" or (not d and ctx.future(m.start(), m.end()))
    this_year = _holiday(name, ctx.dct.year)
    if ahead:
        day = this_year if this_year >= ctx.dct else _holiday(name, ctx.dct.year + 1)
    else:
        day = this_year if this_year <= ctx.dct else _holiday(name, ctx.dct.year - 1)
    return day.isoformat(), "DATE"


# --- spelled-out and fractional amounts ---------------------------------------------------------------------


@_rule(r"\bthe\s+year\s+two\s+thousand\b")
def _year_two_thousand(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    return "2000", "DATE"


_FRACTION_UNIT = {"year": ("Y", "M", 12), "month": ("M", "D", 30), "day": ("D", "H", 24), "hour": ("H", "M", 60),
                  "minute": ("MI", "S", 60)}


@_rule(
    r"\b(?:(?P<n>\d+)(?:\s+1/2|\s+and\s+a\s+half)\s+(?P<u>years|months|days|hours|minutes)"
    r"|an?\s+(?P<u1>year|month|day|hour|minute)\s+and\s+a\s+half)\b"
)
def _fraction_duration(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"2 1/2 years" is P2Y6M: TIMEX3 writes a fraction in the next smaller unit."""
    big, small, per = _FRACTION_UNIT[(m.group("u") or m.group("u1")).casefold().rstrip("s")]
    n = m.group("n") or "1"
    if big == "MI":
        return f"PT{n}M{per // 2}S", "DURATION"
    t = "T" if big == "H" else ""
    return f"P{t}{n}{big}{per // 2}{small}", "DURATION"


# --- centuries and spelled decades --------------------------------------------------------------------------


@_rule(r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b")
def _ordinal_century(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"the 20th century" is the hundred years written ``19``."""
    n = int(m.group("n"))
    return (f"{n - 1:02d}", "DATE") if n >= 1 else None


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


@_rule(r"\bthe\s+(?:early\s+|late\s+|mid-?)?(?P<d>twenties|thirties|forties|fifties|sixties|seventies|eighties"
       r"|nineties)\b")
def _decade_word(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"the nineties": the decade of the last century (news of this corpus' era), ``199``."""
    return f"19{_DECADE_WORDS[m.group('d').casefold()]}", "DATE"


# --- seasons without "last"/"this" -------------------------------------------------------------------------

_SEASON = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}


@_rule(r"\bthe\s+(?:(?:early|late)\s+)?(?P<s>spring|summer|fall|autumn|winter)\b(?!\s+of\b)")
def _the_season(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"the summer" in news: the latest such season that has begun by the DCT, or the next in future tense."""
    if ctx.dct is None:
        return None
    code, start = _SEASON[m.group("s").casefold()]
    y = ctx.dct.year
    began = ctx.dct.month >= start or (code == "WI" and ctx.dct.month < 3)
    if ctx.future(m.start(), m.end()):
        y = y if ctx.dct.month < start else y + 1
    elif not began:
        y -= 1
    if code == "WI" and ctx.dct.month < 3 and not ctx.future(m.start(), m.end()):
        y -= 1  # January's "the winter" began last December
    return f"{y}-{code}", "DATE"


# --- vetoes on broader rules -------------------------------------------------------------------------------

_AGE_AFTER = re.compile(r"\s+old\b", re.I)
# "$2 million a year", "four flights a week", "24 hours a day": a rate, not annotated in TimeBank.
_RATE_BEFORE = re.compile(r"(?:\d[\d,.]*|million|billion|thousand|hundred|dozen)(?:\s+[a-z]+)?\s+$", re.I)


def reject(text: str, s: int, e: int, value: str, kind: str) -> bool:
    """Matches that TimeML leaves unannotated."""
    surface = text[s:e].casefold()
    if kind == "DURATION" and value.startswith("P") and _AGE_AFTER.match(text, e):
        return True  # "52 years old": an age
    if kind == "DURATION" and re.fullmatch(r"an?\s+(?:second|minute|hour|day|week|month|year)", surface):
        if surface.endswith("second"):
            return True  # "a second group", "a second betrayal": the ordinal
        if _RATE_BEFORE.search(text, max(0, s - 30), s):
            return True
    if kind == "DURATION" and re.search(r"\b(?:1[6-9]\d\d|20\d\d)\s+(?:second|minute|hour|day|week|month|quarter)s?$", surface):
        return True  # "the 1988 second [quarter]": a year, not 1988 seconds
    return False



# --- earnings copy: quarters and periods named by their year -----------------------------------------------

_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


@_rule(
    r"\b(?:the\s+)?(?:(?P<y>1[6-9]\d\d|20\d\d)|(?P<rel>last|this|next)\s+year's)\s+(?:(?P<ord>first|second|third"
    r"|fourth|1st|2nd|3rd|4th)[\s-]+)?(?P<u>quarter|period|half)\b"
)
def _year_quarter(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"the 1988 third quarter", "next year's first quarter", "the 1988 period" (the same quarter in that year)."""
    if m.group("y"):
        year = int(m.group("y"))
    elif ctx.dct is not None:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m.group("rel").casefold()]
    else:
        return None
    unit = m.group("u").casefold()
    if m.group("ord"):
        n = _ORD[m.group("ord").casefold()]
        if unit == "period" or (unit == "half" and n > 2):
            return None
        return f"{year}-{'H' if unit == 'half' else 'Q'}{n}", "DATE"
    if unit == "half" or ctx.dct is None or not ctx.quarterly(m.start()):
        return None
    return f"{year}-Q{_last_quarter(ctx.dct)[-1]}", "DATE"


@_rule(
    r"\b(?:the\s+)?(?P<which>first|last|second)\s+(?:half|two\s+quarters)\s+of\s+(?P<y>1[6-9]\d\d|20\d\d)\b"
)
def _half_of_year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"the last half of 1989" is ``1989-H2``; "the first two quarters of 1990" ``1990-H1``."""
    n = 1 if m.group("which").casefold() == "first" else 2
    return f"{m.group('y')}-H{n}", "DATE"


@_rule(r"\bthe\s+full\s+(?:fiscal\s+)?year\b(?![-\s]*(?:earlier|ago|before|\d))")
def _full_year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"Sales for the full year" in earnings copy: the current (reporting) year."""
    return (str(ctx.dct.year), "DATE") if ctx.dct else None


@_rule(r"\bthen[- ](?:current|present)\b")
def _then_current(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"the then current market price": present at a past reference time, TimeML's PAST_REF."""
    return "PAST_REF", "DATE"
