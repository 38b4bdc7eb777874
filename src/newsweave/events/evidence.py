"""Incident facts that tell two same-kind incidents apart, and the pair adjustment they give.

TF-IDF cosine says two reports talk alike; on a corpus of one kind of incident (every article a US shooting)
two different shootings in one city, a week apart, talk alike too. What separates them are a few hard facts
each report states about *its* incident:

- ``day``      the incident's date, resolved against the publication date ("on Tuesday", "March 3", "last
               night"): a date that names the incident ("Saturday's shooting", "the March 20 shooting") or
               the first one in a sentence that tells of the harm and of nothing after it (not "charged
               Monday", "a vigil on Friday"); ``day_sure`` then, else the first date expression of the head.
               A follow-up published three weeks later that says "on March 3" points back at the same day;
- ``ages``     victims' and suspects' ages ("a 17-year-old", "John Smith, 23,");
- ``times``    times of day ("around 9:45 p.m.", "at 2 a.m."): reports of one incident give its hour;
- ``streets``  street names ("Collins Avenue", "the 1900 block of 5th Street");
- ``venues``   the kind of place of the first lines ("bar", "school", "apartment", "car"), agreement only;
- ``places``   the dateline ("GRAND RAPIDS, Mich. --") and the places the headline names ("... shot in
               Plaquemine"); the body's places are left out (they name hospitals, other towns, the outlet);
- ``agencies`` the authorities that answered, by the place that names them ("Milwaukee police", "the Palm
               Beach County Sheriff's Office" -> "milwaukee", "palm beach"), conflict only.

:func:`pair_adjustment` turns them into an additive term on the locally scaled similarity of
:mod:`.cluster`, between *dated* reports only:

- time proximity ``PROXIMITY - DECAY * ln(1 + gap)``: a bonus on the same day, neutral about 3.5 days
  apart, a penalty beyond; ``gap`` is the publication gap, or the incident-date gap when both reports resolve
  an incident day and it is smaller (the follow-up that names the incident's day);
- facts: ``+AGREE`` per kind of fact both reports state and share (ages at ``AGE_AGREE`` of it), ``-AGREE``
  per kind both state without sharing, nothing when either is silent (venues agree only, agencies conflict
  only);
- one outlet: ``-SAME_OUTLET`` (its pages share furniture that reads as likeness).

Undated pairs get none of these: without dates a report cannot be told from a retrospective, and on the
undated corpora these facts cost 0.001-0.002 B3 F1 (ecbplus-dev, whose 153 dated articles do get the
evidence; neus-dev, all undated). They get the weekdays and numbers their heads state instead
(events/undated.py), and the years (events/years.py).

Measured on gva-a (end to end, window 60 days, threshold 0.02): B3 F1 0.909 -> 0.937, pairwise F1 0.738 ->
0.813. The time term is most of it: facts off 0.927 / 0.783 (with the earlier PROXIMITY 0.02). Among
candidate pairs (scaled similarity > 0) with both incident days known, 95% of the pairs on the same day
report one incident, 28% of those 4-30 days apart; but the incident day as a fact of its own (agree within a
day, conflict beyond three) cost 0.001-0.008 B3 F1 (the first date expression is often the wrong one).

Hand-written rather than :mod:`newsweave.extract.dates` because stages do not import each other and the
events stage must stay fast (the extract grammar and dateparser cost more than the whole events stage).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np
from scipy import sparse

from ..models import Article
from .features import MONTH_NAMES, MONTH_NUMBERS, ArticleFields

__all__ = [
    "IncidentFacts", "incident_facts", "without_common", "pair_adjustment", "agreement", "add_agreement", "AGREE",
    "AGE_AGREE", "DECAY", "PROXIMITY",
]

# Weights in units of the scaled similarity (the event threshold is 0.02), tuned on gva-a end to end and
# checked on the two halves of its events (crc32 of the event id): every step below moved both halves the same
# way. AGREE 0.015 / 0.03 / 0.045 (0.03 best), DECAY 0.015 / 0.02 / 0.025; PROXIMITY 0.02 -> 0.025 -> 0.03 took
# B3 F1 0.9468 -> 0.9474 -> 0.9477 on one half and 0.9355 -> 0.9369 -> 0.9393 on the other (pairwise
# 0.854 -> 0.859 and 0.764 -> 0.791).
AGREE = 0.03
DECAY = 0.02
PROXIMITY = 0.03
# A shared age is weaker evidence than a shared street (every city has its 17-year-olds), a conflicting one is
# not: ages agree at half weight. gva-a B3 F1 / pairwise 0.9340 / 0.797 (full) -> 0.9350 / 0.799 (half).
AGE_AGREE = 0.5
# Times of day agree and conflict at half weight (the hour a report gives may be the call, the arrival, the
# death): gva-a B3 F1 / pairwise 0.9352 / 0.810 -> 0.9372 / 0.813 (0.9365 / 0.811 at full weight).
TIME_WEIGHT = 0.5
# A street or place stated by more than this share of the articles in play (and COMMON_MIN) is no evidence.
# Ages and times are exempt: small numbers repeat across any large corpus, and removing them (17, 18, 20, ... each in
# more than 1% of gva-a) threw away the conflicts that tell two shootings apart.
COMMON_SHARE = 0.01
COMMON_MIN = 10

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DATE = re.compile(
    rf"\b(?:(?P<wd>{'|'.join(_WEEKDAYS)})(?:,?\s+(?P<m1>{MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})\b)?"
    rf"|(?P<m2>{MONTH_NAMES})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    r"|(?P<rel>yesterday|today|tonight|this morning|this afternoon|this evening|last night))",
    re.IGNORECASE,
)
# ``_DATE`` for lower-cased text, skipping positions no date word starts with: the incident day reads every date
# of the head, and this is three times faster than the case-blind pattern (0.11 s against 0.33 s on gva-a).
_DATE_LOWER = re.compile(r"\b(?=[mtwfsyljadon])(?:" + _DATE.pattern.removeprefix(r"\b") + ")")
# A date in a sentence that tells of harm and of nothing that follows the incident is the incident's own ("was
# shot Saturday night"), not a hearing's, an arrest's or a funeral's. gva-a, same-incident pairs in one predicted
# event that both resolve a day this way: 86% within a day of each other, 12% more than three days apart (the
# first date expression of the head: 61% / 31%). It resolves 1,825 of 2,849 articles (the first expression
# 2,548, which stays the fallback for the time proximity). Time proximity on this day: B3 F1 0.9495 -> 0.9498.
_HARM = re.compile(
    r"\b(?:shot|shoot\w*|gunfire|gunshots?|gunned|opened fire|fired|killed|killing|slain|slaying|murder(?:ed)?"
    r"|homicide|wounded|injured|hurt|stabbed|died|dead|attack(?:ed)?|explosion|blast|bomb\w*|crash\w*|struck"
    r"|collided|collapsed?|fire broke|burned)\b",
    re.IGNORECASE,
)
_AFTERMATH = re.compile(
    r"\b(?:charged|charges|arraign\w*|court|hearing|trial|sentenc\w*|arrest\w*|booked|indicted|jury|plead\w*"
    r"|guilty|custody|released|identified|vigil|funeral|memorial|services?|scheduled|appear\w*|bond|bail|warrants?"
    r"|surrender\w*|turned (?:himself|herself) in)\b",
    re.IGNORECASE,
)
# What follows a date that names the incident: "Saturday's shooting", "Sunday night's crash", "the March 20
# shooting".
_NAMES_INCIDENT = re.compile(
    r"(?:'s|’s)?,?\s+(?:(?:early|late)\s+)?(?:night|morning|afternoon|evening)?(?:'s|’s)?\s*"
    r"(?:(?:deadly|fatal|double|triple|quadruple|mass|drive-by|early-morning|officer-involved)\s+)?"
    r"(?:shootings?|homicide|killings?|slaying|attack|crash|explosion|bombing|stabbing)\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*([ap])\.?\s?m\b", re.IGNORECASE)
_AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b|,\s(\d{1,2}),")
_STREET = re.compile(
    r"\b((?:[A-Z][a-z]+(?:[A-Z][a-z]+)?|\d+(?:st|nd|rd|th))(?: [A-Z][a-z]+)?) "
    r"(?:Street|St\b|Avenue|Ave\b|Road|Rd\b|Drive|Dr\b|Boulevard|Blvd|Lane|Ln\b|Way|Place|Parkway|Pkwy|Highway|Hwy"
    r"|Circle|Terrace|Trail)"
)
# "JACKSONVILLE, Fla. -", "SAN ANTONIO -", "GRAND RAPIDS, Mich. (WOOD) --": a capitalised place opening the body.
_DATELINE = re.compile(
    r"^\W*([A-Z][A-Z.'\- ]{2,}?)\s*(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*(?:\([^)]{1,20}\))?\s*[-—–_:]"
)
# "Teen shot in Lebanon", "Man killed near Fort Worth": up to three capitalised words after a place preposition.
_TITLE_PLACE = re.compile(r"\b(?:in|near|of|at|outside)\s+((?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+)")
_NOT_PLACE_WORDS = {
    *_WEEKDAYS, "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "police", "the", "a", "an", "this", "that", "his", "her", "their",
}
_NOT_PLACES = {"update", "updated", "breaking", "watch", "video", "photos", "editor's note", "note"}
# The head of the body read for the facts: the incident's own report sits there.
_HEAD_CHARS = 1500


_DIRECTIONS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "n", "s", "e", "w", "ne", "nw",
    "se", "sw", "old", "new",
}
_ORDINALS = dict(zip(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(),
    "1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th 11th 12th".split(),
))


def _street_key(street: str) -> str:
    """One spelling per street: reports of one incident write "North Main", "Main", "Sixth" and "6th", "Ocean
    Front" and "Oceanfront"; the direction, the numeral's spelling and the spacing do not tell streets apart
    often enough to be worth the false conflicts (on gva-a, 99 same-incident pairs in one predicted event had
    conflicting streets, mostly spellings)."""
    words = street.lower().removeprefix("the ").split()
    while len(words) > 1 and words[0] in _DIRECTIONS:
        words = words[1:]
    return "".join(_ORDINALS.get(w, w) for w in words)


_VENUE = re.compile(
    r"\b(bar|nightclub|club|school|church|apartments?|apartment complex|park|mall|party|gas station|restaurant|store"
    r"|motel|hotel|parking lot|playground|barbershop|festival|funeral|vigil|casino|theater|daycare|campus"
    r"|high school|middle school|elementary|convenience store|liquor store|grocery|home|house|residence|car|vehicle"
    r"|truck|highway|interstate)\b",
    re.IGNORECASE,
)
_VENUE_GROUP = {
    "apartments": "apartment", "apartment complex": "apartment", "house": "home", "residence": "home",
    "vehicle": "car", "truck": "car", "nightclub": "club", "bar": "club", "high school": "school",
    "middle school": "school", "elementary": "school", "campus": "school", "convenience store": "store",
    "liquor store": "store", "grocery": "store", "gas station": "store", "interstate": "highway",
}
# Venues ("at a bar", "outside an apartment complex", "in a car") from the headline and the first sentence or
# two: agreement only, at VENUE_WEIGHT of AGREE, never a conflict (one report's "party" is another's "home").
# gva-a B3 F1 0.9491 -> 0.9495 (0.9493 / 0.9494 at 0.2 / 0.4; 0.9488 at 0.5; as a conflict too, at 0.5:
# 0.9448 against 0.9452 then; the first 400 characters instead of 200: worse).
VENUE_CHARS = 200
VENUE_WEIGHT = 0.3
# Pages of one site share furniture the cleaner leaves in (video players, newsletter boxes, "related" links,
# bylines), which TF-IDF reads as likeness: on gva-a, pairs of different incidents within the window have a
# median scaled similarity of -0.022 from one outlet against -0.048 from two (90th percentile 0.038 against
# -0.032), and one outlet's pairs were 49 of the 134 wrongly merged pairs but 228 of the 1,664 rightly merged
# ones. Taken off every dated pair of one outlet, B3 F1 (with the fourth bridge tier) 0.9517 -> 0.9523 (pairwise
# 0.878 -> 0.879); 0.01 / 0.02 / 0.025: 0.9523 / 0.9524 / 0.9517. ecbplus-dev and neus-dev unchanged.
SAME_OUTLET = 0.015
# Two reports whose authorities are named by different places ("Roswell police" and "Milwaukee police") tell of
# two incidents: a conflict at AGENCY_CONFLICT x AGREE, never an agreement (one city's police answer all its
# shootings). On gva-a's report pairs just above the threshold (scaled similarity 0.02-0.08) such a conflict
# is stated by 4% of same-incident pairs and 12% of the others. B3 F1 0.9523 -> 0.9528 (pairwise 0.879 ->
# 0.880); weight 0.5 / 1.5: 0.9526 / 0.9525; the first 300 / 1,500 characters: 0.9527 / 0.9526; as an agreement
# too (weight 0.5, before the bridge tier and the outlet): 0.9503 -> 0.9479. ecbplus-dev, neus-dev unchanged.
AGENCY_CONFLICT = 1.0


@dataclass(frozen=True, slots=True)
class IncidentFacts:
    day: int | None  # proleptic ordinal of the incident date
    ages: frozenset[str]
    times: frozenset[str]
    streets: frozenset[str]
    places: frozenset[str]
    venues: frozenset[str] = frozenset()
    day_sure: bool = False  # ``day`` is the incident's own (see :func:`_incident_day`), not the first date said
    agencies: frozenset[str] = frozenset()


def _resolve(m: re.Match[str], published: int | None) -> int | None:
    """One match of ``_DATE`` as an ordinal relative to ``published``; None when it cannot be resolved.

    A month-day without a year takes the publication year, or the year before when that would put it more
    than two days after publication. Weekdays are the latest such day on or before publication.
    """
    month, day = m.group("m1") or m.group("m2"), m.group("d1") or m.group("d2")
    if month and day:
        try:
            if m.group("y2"):
                return _dt.date(int(m.group("y2")), MONTH_NUMBERS[month[:3].lower()], int(day)).toordinal()
            if published is None:
                return None
            pub = _dt.date.fromordinal(published)
            d = _dt.date(pub.year, MONTH_NUMBERS[month[:3].lower()], int(day))
            if d.toordinal() > published + 2:
                d = _dt.date(pub.year - 1, d.month, d.day)
            return d.toordinal()
        except ValueError:  # "February 30", "Feb 29" of a common year
            return None
    if published is None:
        return None
    if m.group("wd"):
        return published - (_dt.date.fromordinal(published).weekday() - _WEEKDAYS.index(m.group("wd").lower())) % 7
    return published - 1 if m.group("rel").lower() in ("yesterday", "last night") else published


def _incident_day(text: str, published: int | None) -> tuple[int | None, bool]:
    """The incident's day and whether it is the incident's own (``day_sure``): a date that names it
    ("Saturday's shooting"), else the first date in a sentence that tells of harm and of nothing after the
    incident (see ``_HARM``, ``_AFTERMATH``); else, not sure, the first date of ``text`` that resolves; None
    without one. One pass over the dates."""
    best = first = None
    text = text.lower()  # _DATE_LOWER; the other patterns are case-blind
    for m in _DATE_LOWER.finditer(text):
        day = _resolve(m, published)
        if day is None:
            continue
        if first is None:
            first = day
        if _NAMES_INCIDENT.match(text, m.end()):
            return day, True
        if best is None:
            start = text.rfind(". ", 0, m.start()) + 1
            end = text.find(". ", m.end())
            sentence = text[start : end if end >= 0 else len(text)]
            if _HARM.search(sentence) and not _AFTERMATH.search(sentence):
                best = day
    return (best, True) if best is not None else (first, False)


# "Milwaukee police", "Orange County Sheriff's Office", "Wichita Police Department", "Shelby County Coroner":
# the capitalised words before the authority, without the words that name its kind or open a sentence.
_AGENCY = re.compile(
    r"((?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s){1,4})(?:[Pp]olice|Sheriff|[Ss]heriff's|PD\b|Fire (?:Department|Rescue)"
    r"|Coroner|Medical Examiner)"
)
_AGENCY_DROP = {
    "the", "metro", "metropolitan", "city", "state", "county", "parish", "township", "department", "according", "said",
    "when", "after", "and", "local", "area", "university", "campus", "transit", "park", "district", "borough",
    "village", "town",
}
_AGENCY_WEAK = {"the", "according", "when", "after", "and", "but", "as", "while", "if", "then", "officers", "lt", "sgt",
                "officer", "detective", "said"}
# The head read for agencies: the first report of an incident names who answered it at once.
AGENCY_CHARS = 600


def _agencies(text: str) -> frozenset[str]:
    """The places that name the authorities of ``text`` ("Orlando police said" -> "orlando")."""
    out = set()
    for m in _AGENCY.finditer(text):
        w = m.group(1).split()
        while w and w[0].lower() in _AGENCY_WEAK:
            w = w[1:]
        w = [x.lower() for x in w if x.lower() not in _AGENCY_DROP]
        if w:
            out.add(" ".join(w))
    return frozenset(out)


def incident_facts(article: Article, fields: ArticleFields, published: int | None) -> IncidentFacts:
    """The facts of :class:`IncidentFacts` from the headline and the reporting (non-recap) sentences."""
    head = f"{fields.title} . {fields.lead[:_HEAD_CHARS]}"
    ages = {a or b for a, b in _AGE.findall(head)}
    streets = {_street_key(s) for s in _STREET.findall(head) if s.lower() != "the"} - {""}
    places = {p.lower() for p in _TITLE_PLACE.findall(fields.title) if p.split()[0].lower() not in _NOT_PLACE_WORDS}
    m = _DATELINE.match(article.text[:80])
    if m and m.group(1).strip().lower() not in _NOT_PLACES:
        places.add(m.group(1).strip().lower())
    times = {f"{int(h)}:{m or '00'}{ap.lower()}" for h, m, ap in _TIME.findall(head) if 1 <= int(h) <= 12}
    found = (m.group(1).lower() for m in _VENUE.finditer(head[:VENUE_CHARS]))
    venues = frozenset(_VENUE_GROUP.get(v, v) for v in found)
    day, sure = _incident_day(head, published)
    return IncidentFacts(
        day, frozenset(ages), frozenset(times), frozenset(streets), frozenset(places), venues, sure,
        _agencies(f"{fields.title} . {fields.lead[:AGENCY_CHARS]}"),
    )


def without_common(facts: Sequence[IncidentFacts]) -> list[IncidentFacts]:
    """``facts`` without the streets and places that more than ``COMMON_SHARE`` of the articles (and at least
    ``COMMON_MIN``) state: "WASHINGTON --" opens 146 of neus-dev's 8,277 political reports and tells none of
    them apart, "Supreme Court" is no street, while gva-a's busiest dateline (Houston, 26 of 2,849) still
    names a city's incidents."""
    limit = max(COMMON_MIN, COMMON_SHARE * len(facts))
    df: Counter[str] = Counter()
    for f in facts:
        df.update(f"s:{x}" for x in f.streets)
        df.update(f"p:{x}" for x in f.places)
        df.update(f"a:{x}" for x in f.agencies)
    common = {k for k, v in df.items() if v > limit}
    if not common:
        return list(facts)
    return [
        replace(
            f,
            streets=frozenset(x for x in f.streets if f"s:{x}" not in common),
            places=frozenset(x for x in f.places if f"p:{x}" not in common),
            agencies=frozenset(x for x in f.agencies if f"a:{x}" not in common),
        )
        for f in facts
    ]


def _incidence(sets: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [vocabulary[x] for s in sets for x in sorted(s)]
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(1, len(vocabulary))))


def add_agreement(
    out: np.ndarray,
    a: Sequence[frozenset[str]],
    b: Sequence[frozenset[str]],
    weight: float,
    conflict: float | None = None,
) -> None:
    """``out += weight`` where both rows state the fact and share a value, ``-= conflict`` (default ``weight``)
    where both state it and share none. In place, touching only rows that state the fact (bounded memory)."""
    conflict = weight if conflict is None else conflict
    ha = np.flatnonzero([bool(s) for s in a])
    hb = np.flatnonzero([bool(s) for s in b])
    if not len(ha) or not len(hb):
        return
    vocabulary: dict[str, int] = {}
    for s in (*a, *b):
        for x in sorted(s):
            vocabulary.setdefault(x, len(vocabulary))
    out[np.ix_(ha, hb)] -= conflict
    shared = (_incidence(a, vocabulary) @ _incidence(b, vocabulary).T).tocoo()
    out[shared.row, shared.col] += weight + conflict


def agreement(a: Sequence[IncidentFacts], b: Sequence[IncidentFacts]) -> np.ndarray:
    """The facts' evidence per pair in units of ``AGREE``: per kind of fact, + its weight where both state it
    and share a value, - its conflict weight where both state it and share none (ages, times, streets,
    places, venues, agencies)."""
    out = np.zeros((len(a), len(b)), dtype=np.float32)
    _add_facts(out, a, b, 1.0)
    return out


def _add_facts(out: np.ndarray, a: Sequence[IncidentFacts], b: Sequence[IncidentFacts], weight: float) -> None:
    add_agreement(out, [f.ages for f in a], [f.ages for f in b], weight * AGE_AGREE, weight)
    add_agreement(out, [f.times for f in a], [f.times for f in b], weight * TIME_WEIGHT)
    add_agreement(out, [f.streets for f in a], [f.streets for f in b], weight)
    add_agreement(out, [f.places for f in a], [f.places for f in b], weight)
    add_agreement(out, [f.venues for f in a], [f.venues for f in b], weight * VENUE_WEIGHT, 0.0)
    add_agreement(out, [f.agencies for f in a], [f.agencies for f in b], 0.0, weight * AGENCY_CONFLICT)


def pair_adjustment(
    a: Sequence[IncidentFacts], b: Sequence[IncidentFacts], days_a: Sequence[int | None], days_b: Sequence[int | None],
    sims: np.ndarray, outlets_a: Sequence[str] | None = None, outlets_b: Sequence[str] | None = None,
) -> np.ndarray:
    """``sims`` (scaled similarities, ``len(a) x len(b)``) with the facts' evidence added (module docstring),
    and ``SAME_OUTLET`` taken off pairs of one outlet (``outlets_*``, "" for unknown); updated in place and
    returned."""
    ra = np.flatnonzero([d is not None for d in days_a])
    rb = np.flatnonzero([d is not None for d in days_b])
    if not len(ra) or not len(rb):
        return sims  # undated pairs get no evidence
    whole = len(ra) == sims.shape[0] and len(rb) == sims.shape[1]
    # Facts count between dated reports only: within the time window they tell one incident's reports from
    # another's; undated collections mix reports with retrospectives and with stories that are not incidents
    # (neus-dev's politics), where they cost 0.001-0.002 B3 F1 (ecbplus-dev, neus-dev).
    block = sims if whole else sims[np.ix_(ra, rb)]
    _add_facts(block, [a[i] for i in ra], [b[j] for j in rb], AGREE)
    # Time proximity is evidence both ways between dated reports: ``PROXIMITY`` on the same day, neutral
    # about two days apart, against beyond. The gap is the publication gap, or the incident-date gap when
    # both reports resolve one and it is smaller (a follow-up that names the incident's day).
    da = np.array([days_a[i] for i in ra], dtype=np.float32)
    db = np.array([days_b[j] for j in rb], dtype=np.float32)
    gap = np.abs(da[:, None] - db[None, :])
    ia = np.array([np.nan if a[i].day is None else a[i].day for i in ra], dtype=np.float64)
    ib = np.array([np.nan if b[j].day is None else b[j].day for j in rb], dtype=np.float64)
    incident = np.abs(ia[:, None] - ib[None, :]).astype(np.float32)
    np.fmin(gap, incident, out=gap)  # fmin: a NaN (unknown incident day) keeps the publication gap
    del incident
    np.log1p(gap, out=gap)
    gap *= -DECAY
    gap += PROXIMITY
    block += gap
    if outlets_a is not None and outlets_b is not None and SAME_OUTLET:
        code: dict[str, int] = {}
        ca = np.array([code.setdefault(outlets_a[i], len(code)) if outlets_a[i] else -1 for i in ra])
        cb = np.array([code.setdefault(outlets_b[j], len(code)) if outlets_b[j] else -2 for j in rb])
        block[ca[:, None] == cb[None, :]] -= SAME_OUTLET
    if not whole:
        sims[np.ix_(ra, rb)] = block
    return sims
