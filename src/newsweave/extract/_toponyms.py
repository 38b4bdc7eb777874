"""Toponym detection: capitalised n-grams looked up in the offline gazetteer and filtered for person names,
common words, institutions' and newspapers' names; AP state abbreviations; named regions; borders between two
countries; and the readings of a given span (the scorer's gold spans), with fallbacks for demonyms, residents'
names and features named after a place. Disambiguation is :mod:`.places`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ._gazetteer import REGIONS, US_STATE_ABBREV, Entry, Gazetteer, border_point, gazetteer, key

__all__ = ["Mention", "find_toponyms", "candidates", "parent_after", "COUNTY_WORD"]

# "Laurel County", "Red River Parish", "Loudon Co.": the name says it is a county
COUNTY_WORD = re.compile(r"\b(?:county|parish|borough|co|census area|municipality)\b")
# Below this population a one-word town needs a locative ("in", "near") to count in free text: cities500 holds
# thousands of villages named like words and surnames ("See", "Force", "Kirby").
_SMALL_TOWN = 15000

# Capitalised words; a hyphen ends one ("California-based", "Washington-Moscow"; "Winston-Salem" is two joined by
# _JOIN) and so does a possessive ("Dublin's").
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z](?:[\w’']*\w)?(?<![’']s)(?<![’']S)")
_JOIN = re.compile(r"(?:\s+|-|\s+(?:of|de|del|la|el|al|upon|on|the|and)\s+|\s+(?:al|el)-)$")
_FEATURE_WORDS = {"county", "parish", "province", "region", "river", "city", "state", "district", "governorate",
                  "valley", "island", "islands", "mountains", "lake", "bay", "desert", "border", "airport"}
# "Texas Department of Transportation", "Laurel County Sheriff", "Paris High School": a place followed by one of
# these is still that place (the institution is in it), unlike "Washington Post" or "Jordan Peterson".
_INSTITUTIONS = {"department", "dept", "coalition", "association", "house", "senate", "assembly", "legislature",
                 "division", "board", "commission", "commissioners", "commissioner", "highway", "patrol", "police",
                 "fire", "sheriff", "sheriffs", "courthouse", "jail", "court", "high", "middle", "elementary",
                 "school", "schools", "university", "college", "community", "public", "health", "hospital",
                 "medical", "mayor", "judge", "clerk", "auditor", "prosecutor", "council", "township", "chamber",
                 "regional", "memorial", "attorney", "office", "bureau", "agency", "authority", "transit", "water",
                 "utilities", "library", "museum", "zoo", "symphony", "parks", "historical", "housing", "emergency",
                 "economic", "development", "tourism", "visitors", "humane", "extension", "superintendent",
                 "coroner", "treasurer", "assessor", "administrator", "officials", "residents", "voters",
                 "democrats", "republicans", "lawmakers", "legislators", "delegation", "governor", "gov",
                 "manager", "metropolitan", "metro", "district", "international", "festival", "fair", "arts",
                 "national", "guard", "crown", "services", "transportation", "convention", "business", "area",
                 "environmental", "neighbors", "neighborhood", "police department", "volunteer", "rescue"}
# First names that are also states or countries: before a capitalised word they are more often a person.
_FIRST_NAMES = {"georgia", "virginia", "washington", "indiana", "jordan", "chad", "israel", "victoria", "montana",
                "dakota", "nevada", "carolina", "florida", "kent", "paris", "sydney", "austin", "lincoln"}
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


def parent_after(text: str, end: int, gaz: Gazetteer) -> str | None:
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


# AP state abbreviations as places: "S.C.", "W.Va.", "D.C." anywhere; a one-word one ("Ind.", "Pa.", "Ga.") only
# where it can only be a state: after "Town, " or in a party tag ("D-Ind.", "R-Ga.").
_STATE_ABBREV_RE = re.compile(r"(?<![\w.])(?:(?P<multi>[A-Z][a-z]?\.\s?[A-Z][a-z]?\.)|(?<=, )(?P<one>[A-Z][a-z]{1,4}\.)"
                              r"|(?<=\b[DRI]-)(?P<tag>[A-Z][a-z]{1,4}\.))")


def _state_abbrev(phrase: str, gaz: Gazetteer) -> Entry | None:
    """The US state (or Washington, D.C.) an AP abbreviation written with its full stop stands for."""
    if not phrase.rstrip().endswith("."):
        return None
    code = US_STATE_ABBREV.get(key(phrase))
    if code == "DC":
        return next((e for e in gaz.lookup("Washington") if e.admin1 == "DC" and e.kind == "city"), None)
    return gaz.states.get(code) if code else None


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
    for m in _STATE_ABBREV_RE.finditer(text, start, end):
        state = _state_abbrev(m.group(0), gaz)
        if state is not None and not any(a <= m.start() < b for a, b in taken):
            out.append(Mention(m.start(), m.end(), m.group(0), (state,)))
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
            out.append(Mention(s0, e0, surface, tuple(cands), parent_after(text, e0, gaz)))
        i += n
    # "Washington, D.C." is one name: drop the abbreviation found inside it
    out = [m for m in out if not any(o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start
                                     for o in out)]
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
    if k in _COMMON or k in _TITLES or k in surnames or len(k) < 3 and surface not in ("US", "UK", "U.S.", "U.K.", "EU"):
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
    # a bare county name that is also a town's ("Clay", "Douglas") is no safer than the small town
    bare_county = not COUNTY_WORD.search(k)
    small = any(c.kind == "city" for c in cands) and all(
        (c.kind == "city" and c.pop < _SMALL_TOWN) or (c.kind == "admin2" and bare_county) for c in cands)
    if small and n == 1 and not parent_after(text, e0, gazetteer()):
        locative = r"\b(?:in|at|near|from|to|outside|of|into|through|between)\s+(?:the\s+)?$"
        if not re.search(locative, text[max(0, s0 - 14) : s0]):
            return False  # a small-town name with no locative before it is more often a word or a surname
    nxt = re.match(r" ([A-Z][\w’'\-]*)", text[e0 : e0 + 30])
    # a county, or a state or country that is no first name, is itself whatever follows ("Minnesota National Guard")
    named_unit = COUNTY_WORD.search(k) is not None or (big and k not in _FIRST_NAMES)
    if nxt and not named_unit and nxt.group(1).casefold() not in _FEATURE_WORDS | _INSTITUTIONS \
            and not any(c.kind != "city" or c.pop >= _SMALL_TOWN for c in gazetteer().lookup(nxt.group(1))):
        # "Washington Post", "Jordan Peterson", "Austin Powers": part of another name
        if not _sentence_start(text, e0 + 1):
            return False
    if nxt and nxt.group(1).casefold() in _MASTHEADS and not COUNTY_WORD.search(k):
        return False  # "The Washington Post", "Sun Herald": a newspaper ("Post" is also a Texas town)
    return True


_MASTHEADS = {"post", "times", "herald", "tribune", "journal", "gazette", "chronicle", "examiner", "inquirer",
              "courier", "telegraph", "dispatch", "bee", "globe", "sentinel", "register", "star-telegram"}


_MEDIA_BEFORE = re.compile(r"\b(?:agency|newspaper|daily|broadcaster|channel|network|outlet|website|magazine)\s+$")

_STOP = {"in", "the", "a", "of", "and", "to", "from", "at", "on", "near", "by", "for", "with", "as", "into",
         "across", "outside", "inside", "but", "or", "while", "when", "since", "after", "before", "both", "said",
         "says", "told", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west"}


def candidates(phrase: str) -> tuple[Entry, ...]:
    """Gazetteer readings of a given place phrase, falling back to demonyms ("Iraqi", "Russians" -> the country)
    and AP state abbreviations ("W.Va.", "Ill."). Used when the span is given (the scorer's gold spans);
    :func:`find_toponyms` does not report demonyms as places."""
    gaz = gazetteer()
    state = _state_abbrev(phrase, gaz)
    if state is not None:
        return (state,)  # "Kan." is Kansas, not the town Kan
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
    return _resident_place(k, gaz) or _feature_of_place(k, gaz)


# "Neches River", "Lake Lanier", "Readington Township", "South Los Angeles": a feature or part named after a
# place is near it; the place's readings stand in when the gazetteer lacks the feature itself.
_FEATURE_PREFIX = re.compile(r"^(?:lake|mount|mt|port of|town of|city of|township of|north|south|east|west|downtown"
                             r"|upper|lower|greater)\s+(?P<name>.{5,})$")
# (not "Grove", "Springs", "Heights", "Colony": those end town names, "Meadow Grove" is no part of "Meadow")
_FEATURE_SUFFIX = re.compile(r"^(?P<name>.{4,}?)\s+(?:river|creek|lake|valley|township|twp|city|park|islands?|harbor"
                             r"|harbour|bay|falls|mountains?|national park|area|metro|county|co|parish|sound)$")


def _feature_of_place(k: str, gaz: Gazetteer) -> tuple[Entry, ...]:
    for rx in (_FEATURE_PREFIX, _FEATURE_SUFFIX):
        m = rx.match(k)
        if m and key(m.group("name")) not in _COMMON:
            found = gaz.lookup(m.group("name"))
            if found:
                return tuple(e for e in found if e.kind in ("city", "admin2", "admin1")) or ()
    return ()


# "Ohioans", "Texan", "Ontarians", "Londoner", "Richmondites": the suffix off, the place's ending back on
_RESIDENT = re.compile(r"^(?P<stem>[a-z ]{3,}?)(?:ians?|ans?|ers?|ites?)$")
_RESIDENT_ENDINGS = ("", "a", "o", "ia", "io", "as", "e")


def _resident_place(k: str, gaz: Gazetteer) -> tuple[Entry, ...]:
    """The state, province, country or large city a word for its people names, else ()."""
    m = _RESIDENT.match(k)
    if not m:
        return ()
    for ending in _RESIDENT_ENDINGS:
        found = [e for e in gaz.lookup(m.group("stem") + ending)
                 if e.kind in ("admin1", "country") or e.kind == "city" and e.pop >= 100_000]
        if found:
            return tuple(found)
    return ()
