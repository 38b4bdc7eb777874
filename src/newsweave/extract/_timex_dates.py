"""Rules for calendar expressions: explicit dates, months, years, decades, deixis ("yesterday", "now"),
weekdays, relative periods ("last week") and quarters. Each registers itself with :func:`._timex_anchor._rule`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ._timex_anchor import (
    _Ctx,
    _last_quarter,
    _month_shift,
    _nearest_year,
    _quarter,
    _rule,
    _week,
    _weekday,
    year_back,
)
from ._timex_lexicon import _MONTH, _MONTHS, _ORD_RE, _ORDINALS, _SEASONS, _TOD, _WEEKDAY, _WEEKDAYS, _duration


# --- explicit dates ----------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _dateparser_day(surface: str) -> date | None:
    import dateparser  # lazy: importing it costs ~0.3 s and many texts never need it

    day_first = bool(re.match(r"\s*(?:1[3-9]|2\d|3[01])/", surface))
    parsed = dateparser.parse(
        surface,
        languages=["en"],
        settings={"DATE_ORDER": "DMY" if day_first else "MDY", "PREFER_DAY_OF_MONTH": "first"},
    )
    return parsed.date() if parsed else None


@_rule(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b"
)
def _full_date(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    d = _dateparser_day(m.group(0))
    return (d.isoformat(), "DATE") if d else None


@_rule(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![:.,]?\d)"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})"
)
def _month_day(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    month = _MONTHS[(m.group("m") or m.group("m2")).rstrip(".").casefold()]
    day = int(m.group("d") or m.group("d2"))
    if not 1 <= day <= 31:
        return None
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}", "DATE"
    y = _nearest_year(ctx.dct, month, day, ctx.tense(m.start(), m.end()))
    try:
        return date(y, month, day).isoformat(), "DATE"
    except ValueError:
        return None


@_rule(rf"\b(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>\d{{4}})\b")
def _month_year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    return f"{m.group('y')}-{_MONTHS[m.group('m').rstrip('.').casefold()]:02d}", "DATE"


_MAY_CUE = re.compile(
    r"(?:in|since|until|till|by|early|late|mid-?|last|next|this|of|through|from|before|after|during|and|or)\s+$", re.I
)


@_rule(rf"\b(?:(?P<dir>last|next|this past|this coming|this)\s+)?(?P<m>{_MONTH})")
def _month(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    name = m.group("m").rstrip(".").casefold()
    direction = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get((m.group("dir") or "").casefold(), 0)
    # "May" the modal and "March" the verb start sentences too: only take them after a temporal cue.
    cue = _MAY_CUE.search(ctx.text[max(0, m.start("m") - 12) : m.start("m")])
    if name in ("may", "march") and not direction and not cue:
        return None
    if len(name) <= 4 and name not in ("may", "june", "july") and not m.group("m").endswith("."):
        return None  # a bare "Jan"/"Dec" is more often a name than a month
    month = _MONTHS[name]
    if ctx.dct is None:
        return f"XXXX-{month:02d}", "DATE"
    y = _nearest_year(ctx.dct, month, None, ctx.tense(m.start(), m.end()), direction)
    return f"{y}-{month:02d}", "DATE"


_NOT_A_YEAR_AFTER = re.compile(r"\s*(?:%|percent|per cent|[a-z]+s\b(?<!\bas)(?<!\bwas)(?<!\bhas)(?<!\bis)(?<!\bthis))")


# "mid-1996", "post-1959": a hyphen after a word for a part of or a side of a year still leaves a year
@_rule(
    r"(?:(?<![\d$£€.,:/#-])|(?<=\bmid-)|(?<=\bpre-)|(?<=\bpost-))(?:fiscal\s+(?:year\s+)?)?"
    r"(?P<y>1[6-9]\d\d|20\d\d)(?![\d,.:/]\d|\d)"
)
def _year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    if _NOT_A_YEAR_AFTER.match(ctx.text, m.end()):
        return None  # "2000 troops", "1990 percent"
    return m.group("y"), "DATE"


@_rule(r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?P<y>1[5-9]\d|20\d)0'?s\b|\bthe\s+'(?P<yy>\d)0s\b")
def _decade(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    if m.group("y"):
        return m.group("y"), "DATE"
    return f"19{m.group('yy')}", "DATE"


@_rule(r"\b(?:the\s+)?year[- ](?:earlier|ago)\b(?!\s+(?:quarter|period|nine|six|three))")
def _year_earlier(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    return year_back(ctx, m.start())


_TENS = {"twenty": 2, "thirty": 3, "forty": 4, "fifty": 5, "sixty": 6, "seventy": 7, "eighty": 8, "ninety": 9}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


@_rule(
    r"\bnineteen[- ](?P<t>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?P<o>one|two|three|four|five|six|seven|eight|nine))?\b"
)
def _spoken_year(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """Broadcast transcripts spell years out: "nineteen ninety-six"."""
    ones = _ONES[m.group("o").casefold()] if m.group("o") else 0
    return f"19{_TENS[m.group('t').casefold()]}{ones}", "DATE"


# --- deixis -----------------------------------------------------------------------------------------------


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@_rule(
    r"\b(?:(?P<before>the day before yesterday)|(?P<after>the day after tomorrow)|(?P<w>today|yesterday|tomorrow)"
    r"(?:\s+(?P<tod>morning|afternoon|evening|night))?|(?P<tonight>tonight)|(?P<this>this|last)\s+"
    r"(?P<tod2>morning|afternoon|evening|night))\b"
)
def _deictic_day(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    if m.group("before"):
        off, tod = -2, None
    elif m.group("after"):
        off, tod = 2, None
    elif m.group("tonight"):
        off, tod = 0, "NI"
    elif m.group("this"):
        if m.group("this").casefold() == "last" and m.group("tod2").casefold() != "night":
            return None  # "last evening" is rare and ambiguous
        off = -1 if m.group("this").casefold() == "last" else 0
        tod = _TOD[m.group("tod2").casefold()]
    else:
        off = _DAY_WORDS[m.group("w").casefold()]
        tod = _TOD[m.group("tod").casefold()] if m.group("tod") else None
    if ctx.dct is None:
        return ("XXXX-XX-XX" + (f"T{tod}" if tod else "")), ("TIME" if tod else "DATE")
    d = (ctx.dct + timedelta(days=off)).isoformat()
    return (f"{d}T{tod}", "TIME") if tod else (d, "DATE")


_REFS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "recently": "PAST_REF", "the past": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "future": "FUTURE_REF",
}
# Left out after measuring on TBAQ: bare "recent", "soon", "previously", "formerly" were false positives more
# often than annotated expressions.


@_rule(
    r"\b(?:right now|now|currently|current|at present|presently|nowadays|these days|recently|the past"
    r"|lately|the near future|the future|future)\b(?!-)"
)
def _ref(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    word = m.group(0).casefold()
    if word == "future" and not re.search(r"\b(?:in|near)\s+$", ctx.text[max(0, m.start() - 6) : m.start()], re.I):
        # a bare adjective "future" ("future plans") is only sometimes annotated; keep it after "in"/"near"
        return None
    value = _REFS.get(word)
    return (value, "DATE") if value else None


# --- weekdays ---------------------------------------------------------------------------------------------


@_rule(
    rf"\b(?:(?P<mod>last|this|next|this past|this coming|coming|past|each|every)\s+)?(?P<wd>{_WEEKDAY})(?P<pl>s)?\b"
    r"(?:\s+(?P<tod>morning|afternoon|evening|night))?"
)
def _weekday_rule(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    wd = _WEEKDAYS[m.group("wd").casefold()]
    mod = (m.group("mod") or "").casefold()
    tod = _TOD[m.group("tod").casefold()] if m.group("tod") else ""
    if m.group("pl") or mod in ("each", "every"):
        return f"XXXX-WXX-{wd}" + (f"T{tod}" if tod else ""), "SET"
    if ctx.dct is None:
        return f"XXXX-WXX-{wd}", "DATE"
    if mod in ("last", "this past", "past"):
        mode = "last"
    elif mod in ("next", "this coming", "coming"):
        mode = "future"
    elif mod == "this":
        mode = "this"
    elif re.match(r"['’]s\b", ctx.text[m.end() : m.end() + 3]):
        mode = "past"  # "Wednesday's ruling": a possessive names something that already happened
    else:
        mode = "ahead" if ctx.future(m.start(), m.end()) else "past"
    d = _weekday(ctx.dct, wd, mode).isoformat()
    return (f"{d}T{tod}", "TIME") if tod else (d, "DATE")


# --- relative periods -------------------------------------------------------------------------------------


@_rule(
    r"\b(?P<dir>this|last|next|the past|the previous|the coming|the current|this past|this coming|coming|previous"
    r"|the last|the next|the same)\s+(?P<u>week|weekend|month|year|quarter|summer|fall|autumn|winter|spring"
    r"|decade|century)\b(?!-)"
)
def _relative_period(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    direction = m.group("dir").casefold()
    unit = m.group("u").casefold()
    if direction in ("the past", "the last", "the next", "the coming") and unit not in _SEASONS:
        return _duration(1, unit if unit != "weekend" else "day"), "DURATION"
    if direction == "the same":
        return None
    step = {"last": -1, "previous": -1, "the previous": -1, "this past": -1, "next": 1, "coming": 1,
            "this coming": 1}.get(direction, 0)
    dct = ctx.dct
    if dct is None:
        return None
    if unit == "week":
        return _week(dct + timedelta(weeks=step)), "DATE"
    if unit == "weekend":
        if step == 0:
            step = 1 if ctx.future(m.start(), m.end()) else -1
        sat = _weekday(dct, 6, "future" if step > 0 else "past")
        return _week(sat) + "-WE", "DATE"
    if unit == "month":
        y, mo = _month_shift(dct, step)
        return f"{y}-{mo:02d}", "DATE"
    if unit == "year":
        return str(dct.year + step), "DATE"
    if unit == "quarter":
        q = _quarter(dct) - 1 + step
        return f"{dct.year + q // 4}-Q{q % 4 + 1}", "DATE"
    if unit == "decade":
        return str((dct.year // 10) + step), "DATE"
    if unit == "century":
        return f"{dct.year // 100 + step:02d}", "DATE"
    code, start = _SEASONS[unit]
    y = dct.year
    if step < 0:
        y = dct.year - 1 if dct.month < start + 3 else dct.year
    elif step > 0:
        y = dct.year if dct.month < start else dct.year + 1
    return f"{y}-{code}", "DATE"


@_rule(r"\bthe\s+weekend\b")
def _the_weekend(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    if ctx.dct is None:
        return None
    sat = _weekday(ctx.dct, 6, "future" if ctx.future(m.start(), m.end()) else "past")
    return _week(sat) + "-WE", "DATE"


@_rule(
    rf"\b(?:the\s+)?(?:(?P<fiscal>fiscal)\s+)?(?:(?P<ord>{_ORD_RE})|(?P<rel>latest|current|recent|most recent"
    r"|previous|past|year-earlier|year-ago|last))?[\s-]*(?P<u>quarter|half)\b(?!s)"
    r"(?:\s+(?:of\s+)?(?P<y>\d{4})|\s+(?:a\s+year\s+(?:ago|earlier)))?"
)
def _quarter_rule(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    surface = m.group(0).casefold()
    is_half = m.group("u").casefold() == "half"
    if not (m.group("ord") or m.group("rel") or surface.startswith("the")):
        return None
    if is_half and not m.group("ord"):
        return None
    dct = ctx.dct
    year = int(m.group("y")) if m.group("y") else (dct.year if dct else None)
    back = "year" in surface and ("earlier" in surface or "ago" in surface)
    if m.group("ord"):
        n = _ORDINALS[m.group("ord").casefold()]
        if year is None:
            return (f"XXXX-{'H' if is_half else 'Q'}{n}"), "DATE"
        if not m.group("y") and dct is not None:
            current = (dct.month - 1) // 6 + 1 if is_half else _quarter(dct)
            if n > current and not ctx.future(m.start(), m.end()):
                year -= 1  # "the fourth quarter" in February's past-tense report is last year's
        return f"{year - back}-{'H' if is_half else 'Q'}{n}", "DATE"
    if dct is None:
        return None
    rel = (m.group("rel") or "").casefold()
    if rel == "current":
        return f"{dct.year}-Q{_quarter(dct)}", "DATE"
    last = _last_quarter(dct)
    if rel in ("year-earlier", "year-ago") or back:
        return f"{int(last[:4]) - 1}{last[4:]}", "DATE"
    return last, "DATE"
