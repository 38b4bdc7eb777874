"""The offline gazetteer: the packaged GeoNames-derived table (see ``_gazetteer_build``) plus a short hand-written
list of regions that no gazetteer package carries as points ("Middle East", "Gaza Strip"). Borders between two
countries ("the Iraq-Syria border") are not listed: :func:`border_point` computes them from the towns on either
side.

Loaded lazily once per process (~1-2 s); pure reads of package data, no network.
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Entry", "Gazetteer", "gazetteer", "key", "haversine_km", "border_point", "REGIONS", "US_STATE_ABBREV"]


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # country | admin1 | admin2 | city | continent | region
    name: str
    lat: float
    lon: float
    cc: str  # ISO country code ("" for continents and multi-country regions)
    admin1: str
    pop: int
    countries: tuple[str, ...] = ()  # for regions spanning countries


def key(name: str) -> str:
    """Lookup key: accents stripped, case folded, punctuation and dashes to single spaces."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[’'`]", "", s.casefold())
    return re.sub(r"[\s\-–—.,]+", " ", s).strip()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


# Hand-written: regions news names that are not administrative units. Points are rough centroids (degrees,
# read off a map); ``countries`` lets a border region be corroborated by articles naming both countries.
REGIONS: tuple[tuple[str, tuple[str, ...], float, float, tuple[str, ...]], ...] = (
    ("Middle East", ("Mideast", "Middle East"), 29.3, 42.5, ()),
    ("Persian Gulf", ("Gulf", "the Gulf", "Arabian Gulf", "Persian Gulf"), 26.6, 51.9, ()),
    ("Gulf of Mexico", ("Gulf of Mexico",), 25.0, -90.0, ()),
    ("Gaza Strip", ("Gaza Strip",), 31.42, 34.38, ("PS",)),
    ("West Bank", ("West Bank",), 31.95, 35.25, ("PS",)),
    ("Iraqi Kurdistan", ("Kurdistan", "Kurdistan Region", "Iraqi Kurdistan"), 36.4, 44.3, ("IQ",)),
    ("Levant", ("Levant",), 33.5, 36.5, ()),
    ("Horn of Africa", ("Horn of Africa",), 8.0, 46.0, ()),
    ("Sahel", ("Sahel",), 15.0, 0.0, ()),
    ("Balkans", ("Balkans",), 43.0, 21.0, ()),
    ("Caucasus", ("Caucasus",), 42.5, 44.5, ()),
    ("Central Asia", ("Central Asia",), 43.0, 65.0, ()),
    ("Southeast Asia", ("Southeast Asia", "South East Asia"), 10.0, 106.0, ()),
    ("Latin America", ("Latin America",), -10.0, -65.0, ()),
    ("North Africa", ("North Africa",), 28.0, 10.0, ()),
    ("West Africa", ("West Africa",), 11.0, -3.0, ()),
    ("East Africa", ("East Africa",), 1.0, 36.0, ()),
    ("Korean Peninsula", ("Korean Peninsula",), 38.0, 127.5, ()),
    ("Donbas", ("Donbas", "Donbass"), 48.0, 38.5, ("UA",)),
    ("Crimea", ("Crimea",), 45.3, 34.4, ("UA",)),
    ("Kashmir", ("Kashmir",), 34.5, 75.5, ()),
    ("Golan Heights", ("Golan Heights", "Golan"), 33.0, 35.75, ()),
    ("Sinai", ("Sinai", "Sinai Peninsula"), 29.5, 33.8, ("EG",)),
    ("Darfur", ("Darfur",), 13.5, 24.0, ("SD",)),
    ("Strait of Hormuz", ("Strait of Hormuz",), 26.6, 56.3, ()),
    ("Red Sea", ("Red Sea",), 20.0, 38.5, ()),
    ("Mediterranean", ("Mediterranean", "Mediterranean Sea"), 35.0, 18.0, ()),
    ("Black Sea", ("Black Sea",), 43.4, 34.0, ()),
    ("South China Sea", ("South China Sea",), 12.0, 113.0, ()),
    ("Taiwan Strait", ("Taiwan Strait",), 24.0, 119.5, ()),
    ("Western Europe", ("Western Europe",), 48.0, 5.0, ()),
    ("Eastern Europe", ("Eastern Europe",), 52.0, 30.0, ()),
    ("Scandinavia", ("Scandinavia",), 62.0, 15.0, ()),
    ("Midwest", ("Midwest",), 41.5, -90.0, ("US",)),
    ("New England", ("New England",), 43.5, -71.5, ("US",)),
)

# AP-style and postal state abbreviations (AP Stylebook), for "Springfield, Ill." and "Paris, TX".
US_STATE_ABBREV = {
    "ala": "AL", "ariz": "AZ", "ark": "AR", "calif": "CA", "cal": "CA", "colo": "CO", "conn": "CT", "del": "DE",
    "fla": "FL", "ga": "GA", "ill": "IL", "ind": "IN", "kan": "KS", "kans": "KS", "ky": "KY", "la": "LA",
    "md": "MD", "mass": "MA", "mich": "MI", "minn": "MN", "miss": "MS", "mo": "MO", "mont": "MT", "neb": "NE",
    "nebr": "NE", "nev": "NV", "n h": "NH", "n j": "NJ", "n m": "NM", "n y": "NY", "n c": "NC", "n d": "ND",
    "okla": "OK", "ore": "OR", "pa": "PA", "penn": "PA", "r i": "RI", "s c": "SC", "s d": "SD", "tenn": "TN",
    "tex": "TX", "vt": "VT", "va": "VA", "wash": "WA", "w va": "WV", "wis": "WI", "wisc": "WI", "wyo": "WY",
    "d c": "DC",
}

# Short forms news uses for countries that the gazetteer spells out (or spells differently).
_COUNTRY_ALIASES = {
    "US": ("U S", "U S A", "US", "USA", "America", "the United States", "United States"),
    "GB": ("UK", "U K", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "KR": ("South Korea",), "KP": ("North Korea",), "RU": ("Russia",), "SY": ("Syria",), "IR": ("Iran",),
    "CD": ("Congo", "DR Congo", "DRC"), "CZ": ("Czech Republic",), "AE": ("UAE", "Emirates"),
    "PS": ("Palestine", "Palestinian Territories"), "VN": ("Vietnam",), "LA": ("Laos",), "BO": ("Bolivia",),
    "VE": ("Venezuela",), "TZ": ("Tanzania",), "MD": ("Moldova",), "TW": ("Taiwan",), "CI": ("Ivory Coast",),
    "MK": ("Macedonia",), "NL": ("Holland",), "VA": ("Vatican",),
}
_DEMONYM_EXTRA = {"US": ("U.S.", "American", "Americans"), "GB": ("British", "English"), "IQ": ("Iraqi", "Iraqis")}


class Gazetteer:
    def __init__(self, entries: list[Entry], names: dict[str, list[Entry]], demonyms: dict[str, str]) -> None:
        self.names = names
        self.demonyms = demonyms
        self.countries = {e.cc: e for e in entries if e.kind == "country"}
        self.states = {e.admin1: e for e in entries if e.kind == "admin1" and e.cc == "US"}
        self.max_tokens = max(len(k.split()) for k in names)
        self.entries = entries

    def lookup(self, name: str) -> list[Entry]:
        return self.names.get(key(name), [])


def _add(names: dict[str, list[Entry]], name: str, e: Entry) -> None:
    k = key(name)
    if k:
        bucket = names.setdefault(k, [])
        if e not in bucket:
            bucket.append(e)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    entries: list[Entry] = []
    names: dict[str, list[Entry]] = {}
    demonyms: dict[str, str] = {}
    state_pop: dict[str, int] = {}
    raw = resources.files("newsweave.extract").joinpath("data/gazetteer.tsv.gz").read_bytes()
    rows = [line.split("\t") for line in gzip.decompress(raw).decode("utf-8").splitlines()]
    for r in rows:
        if r[0] == "city" and r[4] == "US":
            state_pop[r[5]] = state_pop.get(r[5], 0) + int(r[6] or 0)
    for kind, name, lat, lon, cc, admin1, pop, alts, dem in rows:
        p = int(pop or 0)
        if kind == "admin1" and cc == "US":
            p = state_pop.get(admin1, 0)
        e = Entry(kind, name, float(lat), float(lon), cc, admin1, p)
        entries.append(e)
        _add(names, name, e)
        for a in alts.split("|") if alts else ():
            _add(names, a, e)
        if dem:
            demonyms[key(dem)] = cc
        if kind == "admin1":
            _add(names, f"{name} State", e)
            _add(names, f"State of {name}", e)
    countries = {e.cc: e for e in entries if e.kind == "country"}
    for cc, aliases in _COUNTRY_ALIASES.items():
        if cc in countries:
            for a in aliases:
                _add(names, a, countries[cc])
    for cc, dems in _DEMONYM_EXTRA.items():
        for d in dems:
            demonyms[key(d)] = cc
    for name, aliases, lat, lon, ccs in REGIONS:
        e = Entry("region", name, lat, lon, ccs[0] if len(ccs) == 1 else "", "", 0, ccs)
        entries.append(e)
        for a in (name, *aliases):
            _add(names, a, e)
    # "Avoyelles", "Otter Tail": a county named without "County"/"Parish", only where nothing else has that name
    # (a bare "Douglas" or "Clay" is far more often a town or a person).
    taken = set(names)
    for e in entries:
        if e.kind == "admin2":
            bare = re.sub(r"\s+(?:County|Parish|Borough|Census Area|Municipality)$", "", e.name)
            if bare != e.name and key(bare) not in taken:
                _add(names, bare, e)
    return Gazetteer(entries, names, demonyms)


# Towns closer than this to a town across the border mark the border area. Wide enough for empty desert
# borders (Iraq-Syria, Mali-Niger), narrow enough that a long border's inland towns do not pull the point away.
_BORDER_PAIR_KM = (40.0, 100.0, 250.0)
_GRID_DEG = 0.2


def border_point(cc_a: str, cc_b: str) -> tuple[float, float] | None:
    """A point in the border area of two countries, from the gazetteer's towns: the midpoints of town pairs
    that face each other across the border (each town with its nearest town of the other country, when that is
    close), and of those the one nearest their mean, so the point lies on the border itself, not in the
    centroid of a curved one. None when the countries have no towns near each other (no land border)."""
    a, b = sorted((cc_a.upper(), cc_b.upper()))
    return _border_point(a, b) if a != b else None


@lru_cache(maxsize=256)
def _border_point(cc_a: str, cc_b: str) -> tuple[float, float] | None:
    by_cc = _towns_by_country()
    towns = {cc: by_cc.get(cc, []) for cc in (cc_a, cc_b)}
    if not towns[cc_a] or not towns[cc_b]:
        return None
    grids = {cc: _grid(pts) for cc, pts in towns.items()}
    for limit in _BORDER_PAIR_KM:
        mids = [m for here, there in ((cc_a, cc_b), (cc_b, cc_a)) for m in _facing(towns[here], grids[there], limit)]
        if mids:
            lat = sum(m[0] for m in mids) / len(mids)
            lon = sum(m[1] for m in mids) / len(mids)
            best = min(mids, key=lambda m: haversine_km(lat, lon, m[0], m[1]))
            return round(best[0], 4), round(best[1], 4)
    return None


@lru_cache(maxsize=1)
def _towns_by_country() -> dict[str, list[tuple[float, float]]]:
    out: dict[str, list[tuple[float, float]]] = {}
    for e in gazetteer().entries:
        if e.kind == "city":
            out.setdefault(e.cc, []).append((e.lat, e.lon))
    return out


def _grid(points: list[tuple[float, float]]) -> dict[tuple[int, int], list[tuple[float, float]]]:
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lat, lon in points:
        grid.setdefault((math.floor(lat / _GRID_DEG), math.floor(lon / _GRID_DEG)), []).append((lat, lon))
    return grid


def _facing(points: list[tuple[float, float]], other: dict[tuple[int, int], list[tuple[float, float]]],
            limit_km: float) -> list[tuple[float, float]]:
    """Midpoints between each point and its nearest point of ``other`` when that is within ``limit_km``."""
    reach = math.ceil(limit_km / (111.0 * _GRID_DEG))
    cells = list(other)
    lo_i, hi_i = min(c[0] for c in cells) - reach, max(c[0] for c in cells) + reach
    lo_j, hi_j = min(c[1] for c in cells), max(c[1] for c in cells)
    out = []
    for lat, lon in points:
        ci, cj = math.floor(lat / _GRID_DEG), math.floor(lon / _GRID_DEG)
        if not lo_i <= ci <= hi_i:
            continue  # too far north or south of every town of the other country
        # a degree of longitude shrinks with latitude: search as many columns as the distance needs there
        reach_j = math.ceil(limit_km / (111.0 * max(0.05, math.cos(math.radians(abs(lat) + reach * _GRID_DEG))) * _GRID_DEG))
        if not lo_j - reach_j <= cj <= hi_j + reach_j:
            continue
        best, best_d = None, limit_km
        for di in range(-reach, reach + 1):
            for dj in range(-reach_j, reach_j + 1):
                for q in other.get((ci + di, cj + dj), ()):
                    d = haversine_km(lat, lon, q[0], q[1])
                    if d <= best_d:
                        best, best_d = q, d
        if best is not None:
            out.append(((lat + best[0]) / 2, (lon + best[1]) / 2))
    return out
