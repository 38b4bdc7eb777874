"""Expressions anchored to the previous reference time, not to the DCT: "that year", "the following month",
"the next morning", "that same day", and a clock time without a day ("at 10:35 a.m.").

TimeML resolves them against the last date the text named ("fled in June 1998 and returned later that year"
is 1998), as HeidelTime does with its ``UNDEF-REF`` values. A rule here yields a placeholder (``@Y+1``: the
reference's year plus one); :func:`resolve` replaces it once the scanner knows the expressions before it, and
drops the expression when the text named no date fine enough (a guess from the DCT would be wrong more often
than not in a recap).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, Iterable, Iterator

from ._timex_anchor import _Ctx, _month_shift, _rule, _week
from ._timex_lexicon import _TOD

__all__ = ["resolve", "is_placeholder"]

_UNIT_CODE = {"day": "D", "morning": "D", "afternoon": "D", "evening": "D", "night": "D", "week": "W",
              "month": "M", "quarter": "Q", "year": "Y"}
_STEP = {"following": 1, "next": 1, "previous": -1, "preceding": -1}


@_rule(r"\bthat\s+(?:same\s+|very\s+)?(?P<u>day|morning|afternoon|evening|night|week|month|quarter|year)\b(?![-'’])")
def _that_unit(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"that day", "that same year": the unit of the reference time itself."""
    return _placeholder(m.group("u"), 0)


@_rule(
    r"\bthe\s+(?:(?P<fp>following|preceding)\s+(?P<u>day|morning|afternoon|evening|night|week|month|year)"
    r"|(?P<np>next|previous)\s+(?P<u2>day|morning|afternoon|evening|night))\b(?![-'’])"
)
def _following_unit(m: re.Match, ctx: _Ctx) -> tuple[str, str] | None:
    """"the following year", "the next morning". "the next/previous week|month|year" stay with the DCT rules:
    in news they mostly count from the publication date ("over the next year")."""
    word = (m.group("fp") or m.group("np")).casefold()
    return _placeholder(m.group("u") or m.group("u2"), _STEP[word])


def _placeholder(unit: str, step: int) -> tuple[str, str]:
    unit = unit.casefold()
    tod = _TOD.get(unit, "")
    return f"@{_UNIT_CODE[unit]}{step:+d}" + (f"T{tod}" if tod else ""), ("TIME" if tod else "DATE")


def is_placeholder(value: str) -> bool:
    return value.startswith("@")


_ABSOLUTE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q(\d)|-W(\d{2}))?(?:T.*)?$")


def _shift(ref: str, code: str, step: int) -> str | None:
    """The ``code`` unit of reference value ``ref``, moved by ``step``; None if ``ref`` is too coarse."""
    m = _ABSOLUTE.match(ref)
    if not m:
        return None
    year, month, day, quarter, week = m.groups()
    y = int(year)
    if code == "Y":
        return str(y + step)
    if code == "Q":
        if quarter:
            q = int(quarter) - 1 + step
        elif month:
            q = (int(month) - 1) // 3 + step
        else:
            return None
        return f"{y + q // 4}-Q{q % 4 + 1}"
    if code == "M":
        if not month:
            return None
        ny, nm = _month_shift(date(y, int(month), 1), step)
        return f"{ny}-{nm:02d}"
    if not day:
        if code == "W" and week:
            return _week(date.fromisocalendar(y, int(week), 1) + timedelta(weeks=step))
        return None
    d = date(y, int(month), int(day))
    if code == "W":
        return _week(d + timedelta(weeks=step))
    return (d + timedelta(days=step)).isoformat()


Item = tuple[int, int, str, str]


def resolve(items: list[Item], before: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """``items`` (in text order) with placeholders resolved against the last absolute date before each.

    ``before`` yields the expressions preceding the scanned range; it is only called when a placeholder needs
    a reference the range itself does not hold.
    """
    ref: str | None = None
    looked_back = False
    for s, e, value, kind in items:
        if value.startswith("@C"):  # a clock time: on the reference day, else on the DCT
            if ref is None and not looked_back:
                looked_back = True
                for _, _, v, _ in before():
                    ref = _update(ref, v)
            m = _ABSOLUTE.match(ref or "")
            value = f"{ref[:10]}T{value.split('T', 1)[1]}" if m and m.group(3) else value[2:]
        elif is_placeholder(value):
            if ref is None and not looked_back:
                looked_back = True
                for _, _, v, _ in before():
                    ref = _update(ref, v)
            if ref is None:
                continue
            body, _, tod = value[1:].partition("T")
            got = _shift(ref, body[0], int(body[1:]))
            if got is None:
                continue
            value = f"{got}T{tod}" if tod else got
        ref = _update(ref, value)
        yield s, e, value, kind


def _update(ref: str | None, value: str) -> str | None:
    """The new reference time after ``value``: a coarser mention of the same period ("June 1998 ... that year")
    keeps the finer reference."""
    if not _ABSOLUTE.match(value) or (ref is not None and ref.startswith(value)):
        return ref
    return value
