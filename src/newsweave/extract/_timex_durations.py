"""Rules for "two weeks ago", durations, sets ("every Friday", "weekly") and clock times.

Each registers itself with :func:`._timex_anchor._rule`.
"""

from __future__ import annotations

import re
from datetime import timedelta

from ._timex_anchor import _Ctx, _last_quarter, _month_shift, _quarter, _rule, _week
from ._timex_lexicon import _NUM, _NUMWORD, _UNITS, _duration, _num, _unit


# --- "two weeks ago", durations, sets -----------------------------------------------------------------------


@_rule(
    rf"\b(?:(?:about|nearly|almost|more than|less than|some|just|only|roughly|around|over)\s+)?(?P<n>{_NUM})\s+"
    rf"(?P<u>{_UNITS})\s+(?P<dir>ago|earlier|before|later|from now|hence)\b"
)
def _ago(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    n = _num(m.group("n"))
    direction = m.group("dir").casefold()
    sign = 1 if direction in ("later", "from now", "hence") else -1
    code, is_time = _unit(m.group("u"))
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "DATE"
    dct = ctx.dct
    if dct is None or is_time:
        return None
    k = int(round(n)) * sign
    if code == "D":
        return (dct + timedelta(days=k)).isoformat(), "DATE"
    if code == "W":
        return _week(dct + timedelta(weeks=k)), "DATE"
    if code == "M":
        y, mo = _month_shift(dct, k)
        return f"{y}-{mo:02d}", "DATE"
    if code == "Q":
        q = _quarter(dct) - 1 + k
        return f"{dct.year + q // 4}-Q{q % 4 + 1}", "DATE"
    if code == "Y":
        if k == -1 and ctx.quarterly(m.start()):
            # Earnings copy: "a year earlier" compares with the same quarter of last year.
            last = _last_quarter(dct)
            return f"{int(last[:4]) - 1}{last[4:]}", "DATE"
        return str(dct.year + k), "DATE"
    if code == "DE":
        return str(dct.year // 10 + k), "DATE"
    return None


@_rule(
    rf"\b(?:(?:the|these|those|its|their|his|her)\s+)?(?:(?:past|last|next|first|previous|coming|latest|final|"
    rf"initial|following|remaining|recent|same)\s+)?(?:(?:about|nearly|almost|more than|less than|at least|up to|"
    rf"over|some|only|just|roughly|around|another|no more than)\s+)?(?P<n>{_NUM})(?:\s+(?:to|or)\s+{_NUM})?\s+"
    rf"(?:more\s+|full\s+|straight\s+|consecutive\s+|trading\s+|business\s+|working\s+)?(?P<u>{_UNITS})\b(?!-)"
)
def _duration_rule(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    word = m.group("n").casefold()
    unit = m.group("u").casefold()
    if word in ("some", "many") and unit.endswith("s") is False:
        return None
    n = _num(word)
    if word.isdigit() and len(word) == 4 and unit.rstrip("s") == "year":
        return None  # "2021 year" is not a duration
    return _duration(n, unit), "DURATION"


@_rule(
    rf"\b(?P<n>\d+|{_NUMWORD}|several|multi)-(?P<u>second|minute|hour|day|week|month|year|decade)s?"
    r"(?P<old>-(?:old|long))?\b"
)
def _adjectival_duration(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    if m.group("old") and m.group("old").casefold() == "-old":
        return None  # "a 6-year-old boy": an age, which TimeML does not annotate
    return _duration(_num(m.group("n")) if m.group("n").casefold() != "multi" else None, m.group("u")), "DURATION"


@_rule(
    r"\b(?:(?:in\s+)?recent\s+|the\s+early\s+|the\s+)?"
    r"(?P<u>years|months|weeks|days|decades|hours|minutes|centuries)\b(?!-)"
)
def _vague_duration(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    surface = m.group(0).casefold()
    if surface.startswith("the") and "early" not in surface:
        return None  # "the days" alone is too vague to be worth a guess
    return _duration(None, m.group("u")), "DURATION"


@_rule(r"\bthe\s+(?:fiscal\s+)?year\b(?![-\s]*(?:earlier|ago|before|\d))")
def _the_year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    # "the year ended Sept. 30" is a twelve-month period; "for the year", "the end of the year" the DCT's year
    if ctx.dct is None or re.match(r"\s+(?:ended|ending|to)\b", ctx.text[m.end() : m.end() + 8], re.I):
        return "P1Y", "DURATION"
    return str(ctx.dct.year), "DATE"


# "quarterly" and "annually" are left out: in business copy ("quarterly dividend", "$5 million annually") they
# were annotated less often than not on TBAQ.
_SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "hourly": "PT1H"}


@_rule(r"\b(?:daily|nightly|weekly|monthly|yearly|hourly)\b")
def _set_adverb(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    return _SET_WORDS[m.group(0).casefold()], "SET"


@_rule(r"\b(?:every|each|per|a)\s+(?P<u>second|minute|hour|day|week|month|quarter|year)\b")
def _set_every(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    return _duration(1, m.group("u")), "SET" if not m.group(0).casefold().startswith("a ") else "DURATION"


# --- times of day -----------------------------------------------------------------------------------------


@_rule(
    r"\b(?:(?:about|around|at|approximately|shortly (?:before|after))\s+)?(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*"
    r"(?P<ap>[ap])\.?\s?m\b\.?(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local time))?|\b(?P<word>noon|midnight|midday)\b"
)
def _clock(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    if m.group("word"):
        hhmm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("word").casefold()]
    else:
        h = int(m.group("h"))
        if not 1 <= h <= 12:
            return None
        mi = m.group("mi") or "00"
        if m.group("ap").casefold() == "p" and h != 12:
            h += 12
        elif m.group("ap").casefold() == "a" and h == 12:
            h = 0
        hhmm = f"{h:02d}:{mi}"
    day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return f"@C{day}T{hhmm}", "TIME"  # the day is the reference time's, else this fallback (see _timex_anaphora)
