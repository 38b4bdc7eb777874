"""Read publication date, wire agency, outlet and byline from the labelled lines.

Wire copy is decided on *credit syntax*, not on any mention of an agency:

- a copyright notice naming an agency ("© AFP 2024", "Copyright 2016 The Associated Press"), a bare closing
  credit ("— AFP", "(Reuters)"), a dateline credit ("WASHINGTON (Reuters) -", "(CBSNewYork/AP) —") or an
  agency byline ("By The Associated Press") make the article wire copy;
- an agency named inside a sentence ("told AFP news agency", "AFP said", "according to Reuters") is a
  *source* the outlet cites, as is "The Associated Press contributed to this report": the text is the
  outlet's own, so these never set ``wire``. Photo credits ("© US Air Force/AFP/Getty Images") are captions.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Sequence

from ..models import Segment
from . import _patterns as P

__all__ = ["published_date", "parse_date", "wire_agency", "outlet_named", "byline_of"]

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}
# Keys that name the first publication rank above "Updated" ones; a bare date line ranks last.
_PUBLISHED_KEY = re.compile(r"(?i)\b(?:date[d]?|published|posted|first\s+published|originally\s+published|created|released)\b")
_UPDATED_KEY = re.compile(r"(?i)\b(?:updated|modified)\b")
_COPYRIGHT_HOLDER = re.compile(
    r"(?i)^[(\[]?\s*(?:™\s*(?:and|&)\s*)?(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\*?\s*)?(?:by\s+)?"
    r"(?P<holder>[^.()\n]{2,60}?)\s*(?:\d{4})?\s*(?:[.,)\-–—|]|all rights|$)"
)
_ROLE = re.compile(r"(?i)\b(?:staff|writer|reporter|correspondent|editor|press|news|agency|wire|service|contributor)\b")


def parse_date(text: str) -> str | None:
    """ISO date of the first absolute date in ``text`` (the date runs the patterns matched), or None.

    The span was already matched by a pattern that captures day, month and year, so the parts are read from
    its groups; dateparser would guess again at a millisecond per call and a second to import.
    """
    m = P.DATE_PARTS.search(text)
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["y1"]:
            y, mo, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        elif g["y2"]:
            y, mo, d = int(g["y2"]), _MONTHS[g["mon2"].casefold()], int(g["d2"])
        elif g["y3"]:
            y, mo, d = int(g["y3"]), _MONTHS[g["mon3"].casefold()], int(g["d3"])
        else:  # numeric dates in English-language news are US order (M/D/Y)
            y, mo, d = int(g["y4"]), int(g["m4"]), int(g["d4"])
            if y < 100:
                y += 2000 if y < 70 else 1900
        return _dt.date(y, mo, d).isoformat()
    except (KeyError, ValueError):
        return None


def published_date(raw: str, segments: Sequence[Segment]) -> str | None:
    """Publication date from metadata segments: "Published"/"date" runs first, then "Updated", then a bare date."""
    ranked: list[tuple[int, int, str]] = []
    for s in segments:
        if s.kind != "metadata":
            continue
        text = raw[s.start : s.end]
        if P.COPYRIGHT.match(text):
            continue
        for m in P.KEYED_DATE.finditer(text):
            iso = parse_date(m.group("dt"))
            if iso is None:
                continue
            key = m.group("key") or ""
            rank = 0 if _PUBLISHED_KEY.search(key) else 1 if _UPDATED_KEY.search(key) else 2
            ranked.append((rank, s.start + m.start(), iso))
    return min(ranked)[2] if ranked else None


def wire_agency(raw: str, segments: Sequence[Segment]) -> str | None:
    """The wire agency whose copy this is, from credit syntax only (see the module docstring)."""
    for s in segments:
        text = raw[s.start : s.end]
        if s.kind == "metadata":
            if P.COPYRIGHT.match(text) or P.AGENCY_LINE.match(text):
                agency = P.agency_in(text)
                if agency:
                    return agency
            m = P.BYLINE.match(text)
            if m and P.agency_in(text):
                return P.agency_in(text)
    for s in segments:
        if s.kind not in ("body", "title"):
            continue
        m = P.DATELINE_CREDIT.match(raw, s.start, s.end)
        if m:
            for part in re.split(r"[/,]", m.group(1)):
                agency = P.agency_in(part.strip())
                if agency and P.AGENCY_LINE.match(part.strip()):
                    return agency
        break  # only the lead carries a dateline
    return None


def outlet_named(raw: str, segments: Sequence[Segment]) -> str | None:
    """The outlet the text names: an aggregator's "..., reports BBC." or a non-agency copyright holder."""
    for s in segments:
        if s.kind != "body":
            continue
        for line in raw[s.start : s.end].splitlines():
            m = P.OUTLET_REPORTS.search(line)
            if m and not P.agency_in(m.group("name")):
                return m.group("name").rstrip(".")
    for s in segments:
        if s.kind != "metadata":
            continue
        text = raw[s.start : s.end]
        if not P.COPYRIGHT.match(text) or P.agency_in(text):
            continue
        m = _COPYRIGHT_HOLDER.match(text)
        if m:
            holder = m.group("holder").strip(" ,-–—")
            if holder and len(holder.split()) <= 5 and not re.fullmatch(r"[\d\s*]+", holder):
                return holder
    return None


def byline_of(raw: str, segments: Sequence[Segment]) -> str | None:
    """Author names from a "By ..." metadata line, without roles and organisations."""
    for s in segments:
        if s.kind != "metadata":
            continue
        text = raw[s.start : s.end]
        m = P.BYLINE.match(P.DATE_SUFFIX.sub("", text).strip())
        if not m:
            continue
        parts = [p.strip() for p in re.split(r"\s*(?:,|\||\s[-–—]\s)\s*", m.group("names").strip()) if p.strip()]
        # "By JANE DOE, Associated Press" -> the person; "By The Associated Press" -> the agency.
        names = [p for p in parts if not _ROLE.search(p)] or [p for p in parts if P.agency_in(p)]
        if names:
            return ", ".join(names)
    return None
