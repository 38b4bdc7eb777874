"""The rule grammar behind :func:`newsweave.extract.dates.find_time_expressions`.

Written by hand because no installable library tags *and* normalises English news time expressions with
offsets offline (HeidelTime/SUTime need a JVM, spaCy needs a model download, dateparser's ``search_dates`` has
neither offsets nor TimeML values). Each rule is a regex plus a resolver; all matches are collected and the
leftmost-longest win, then a time of day ("10 p.m.") is glued to an adjacent day ("Wednesday").
Month and weekday names must be capitalised: "may", "march", "sun" are words first.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterator

__all__ = ["scan"]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a couple of": 2,
    "couple of": 2, "a dozen": 12, "dozen": 12, "a half": 0.5,
}
_VAGUE = ("a few", "few", "several", "many", "some", "a number of", "numerous")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_TOD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
_UNIT = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "centurie": ("CE", False),
}

_MONTH = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven"
    r"|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|hundred|a couple of|couple of|a dozen|dozen|a half)"
)
_NUM = rf"(?:\d+(?:\.\d+)?|{_NUMWORD}|an?|a few|few|several|many|some|a number of|numerous)"
_UNITS = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|century|centuries)"
# Tense cues. The cue nearest to the expression inside its clause decides whether an unanchored "Friday" or
# "Feb. 1" lies ahead of or behind the DCT ("said they would appeal the ruling announced Wednesday": "announced"
# is nearer than "would").
_TENSE = re.compile(
    r"(?P<future>\b(?:will|won't|shall|going to|plans? to|planned|planning|scheduled|expected to|expects? to"
    r"|is to|are to|to be held|upcoming|would|could|might|until|as soon as|as early as|set to|due to|likely to"
    r"|effective|payable|begins?|starts?)\b|'ll\b)"
    r"|(?P<past>\b(?:was|were|had|did|since|ago|been|said|says|told|met|went|came|began|took|left|saw|made|found"
    r"|[a-z]{3,}ed)\b)",
    re.I,
)
_CLAUSE_END = re.compile(r"[a-z0-9)]{3}[.!?][\"”']?\s+[A-Z\"“]|[;\n]")
_ORD_RE = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"


def _num(word: str) -> float | None:
    w = word.casefold().replace("-", " ")
    if w in _VAGUE:
        return None
    try:
        return float(w)
    except ValueError:
        pass
    if w in _SMALL:
        return _SMALL[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return _SMALL[parts[0]] + _SMALL[parts[1]]
    return None


def _unit(word: str) -> tuple[str, bool]:
    w = word.casefold()
    w = w[:-1] if w.endswith("s") else w
    return _UNIT[w]


def _duration(n: float | None, unit: str) -> str:
    code, is_time = _unit(unit)
    if code == "DE":  # decades and centuries in years: what the TimeBank annotators mostly wrote
        code, n = "Y", None if n is None else n * 10
    elif code == "CE":
        code, n = "Y", None if n is None else n * 100
    if n is None:
        amount = "X"
    elif n == int(n):
        amount = str(int(n))
    else:
        amount = str(n)
    return f"PT{amount}{code}" if is_time else f"P{amount}{code}"


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


def _nearest_year(dct: date, month: int, day: int | None, future: bool, direction: int = 0) -> int:
    """Year for a month (and day) given without one: in a future-tense clause the first occurrence at or after
    the DCT; otherwise the DCT's year unless that lies more than ``_FAR_DAYS`` ahead ("since mid-October" in
    January is last October). Past-tense cues are not used here: on TBAQ they moved more months wrongly than
    rightly (a past verb often governs another phrase). ``direction`` -1/+1 ("last July", "next July") asks for
    the occurrence strictly before/after the DCT."""
    ref = dct if day else dct.replace(day=1)
    try:
        this_year = date(dct.year, month, day or 1)
    except ValueError:
        return dct.year
    if direction < 0:
        return dct.year if this_year < ref else dct.year - 1
    if direction > 0:
        return dct.year if this_year > ref else dct.year + 1
    if future:
        return dct.year if this_year >= ref else dct.year + 1
    if (this_year - ref).days > _FAR_DAYS:
        return dct.year - 1
    return dct.year


# Calibrated on TBAQ: a same-year month up to ~8 months ahead of the DCT was still meant as this year's.
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


class _Ctx:
    def __init__(self, text: str, dct: date | None) -> None:
        self.text = text
        self.dct = dct

    def quarterly(self, s: int) -> bool:
        """Is this earnings copy about a quarter? ("a year ago" then means the same quarter last year)."""
        return "quarter" in self.text[max(0, s - 1500) : s + 200].casefold()

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
    y = _nearest_year(ctx.dct, month, day, ctx.future(m.start(), m.end()))
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
    y = _nearest_year(ctx.dct, month, None, ctx.future(m.start(), m.end()), direction)
    return f"{y}-{month:02d}", "DATE"


_NOT_A_YEAR_AFTER = re.compile(r"\s*(?:%|percent|per cent|[a-z]+s\b(?<!\bas)(?<!\bwas)(?<!\bhas)(?<!\bis)(?<!\bthis))")


@_rule(r"(?<![\d$£€.,:/#-])(?:fiscal\s+(?:year\s+)?)?(?P<y>1[6-9]\d\d|20\d\d)(?![\d,.:/]\d|\d)")
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


def year_back(ctx: _Ctx, pos: int) -> tuple[str, str] | None:
    """One year before the document: in quarterly results copy the same quarter a year back."""
    if ctx.dct is None:
        return None
    if ctx.quarterly(pos):
        last = _last_quarter(ctx.dct)
        return f"{int(last[:4]) - 1}{last[4:]}", "DATE"
    return str(ctx.dct.year - 1), "DATE"


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
    return f"{day}T{hhmm}", "TIME"


# --- the scanner ------------------------------------------------------------------------------------------

# Modifiers that leave a TIMEX3 value unchanged (TimeML puts them in ``mod``) but belong to the span.
_PREFIX = re.compile(
    r"(?:\b(?:early|late|earlier|later|mid|the end of|the beginning of|the start of|the middle of|end of|"
    r"beginning of|start of|middle of)[\s-]+)$",
    re.I,
)
_GLUE = re.compile(r"\s*(?:,\s*)?(?:on\s+)?$")


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
    for s, e, value, kind in picked:
        p = _PREFIX.search(text, max(start, s - 24), s)
        if p and kind in ("DATE", "TIME") and p.start() >= start:
            s = p.start()
        yield s, e, value, kind


# Registers the rules kept in the sibling module (imported last: it builds on the helpers above).
from ._timex_more import reject  # noqa: E402
