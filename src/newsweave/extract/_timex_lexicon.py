"""Word tables and regex fragments of the TIMEX grammar (:mod:`._timex_rules`), and amounts/units to TIMEX3.

Month and weekday names must be capitalised: "may", "march", "sun" are words first.
"""

from __future__ import annotations

import re

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
    r"|(?-i:[a-z]{3,}ed)(?<!eed)(?<!hundred)|(?-i:agreed|freed|guaranteed))\b)",
    re.I,
)
# A past participle/preterite is a lower-case word in -ed, but not "need", "succeed", "exceed", "hundred", nor
# a name ("Mohammed", "United").
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
