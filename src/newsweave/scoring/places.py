"""Score :mod:`newsweave.extract.places` on geoparsing corpora: LGL (``lgl.xml``) and GeoVirus (``GeoVirus.xml``).

Both files are ``<articles>`` of ``<article>`` with a ``<text>`` and gold toponyms carrying character offsets and
coordinates (LGL: ``toponyms/toponym/{start,end,phrase,gaztag/{lat,lon}}``; GeoVirus:
``locations/location/{name,start,end,lat,lon}``). Gold toponyms without coordinates are skipped; offsets that
do not point at the gold name (GeoVirus is off by a character or two) are snapped to the nearest occurrence.

Two numbers, both "accuracy@161km" (share of gold toponyms resolved within 161 km = 100 miles):

* ``score`` / ``gold_spans``: resolve each *gold* span with the document as context (what Mordecai-style LGL
  results report; Mordecai 3: 0.827). A span the gazetteer does not know counts as a miss.
* ``end_to_end``: run our own toponym detection; a gold toponym counts only if a detected mention overlaps it
  and resolves within 161 km (misses count as failures). Detection precision (share of detected mentions that
  overlap a gold toponym) is reported beside it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..extract._gazetteer import haversine_km
from ..extract.places import Mention, candidates, find_toponyms, resolve

__all__ = ["evaluate", "read_geoparsing", "KM"]

KM = 161.0


def _num(el: ET.Element | None) -> float | None:
    try:
        return float(el.text) if el is not None and el.text else None
    except ValueError:
        return None


def _align(text: str, s: int, e: int, name: str | None) -> tuple[int, int]:
    """GeoVirus offsets are off by one or two characters: snap to the nearest occurrence of the gold name."""
    if not name or text[s:e] == name:
        return s, e
    best = None
    for off in range(-20, 21):
        if text[s + off : s + off + len(name)] == name and (best is None or abs(off) < abs(best)):
            best = off
    return (s + best, s + best + len(name)) if best is not None else (s, e)


def read_geoparsing(path: str | Path) -> list[tuple[str, list[tuple[int, int, str, float, float]]]]:
    """[(text, [(start, end, phrase, lat, lon)])] from an LGL- or GeoVirus-format file."""
    p = Path(path)
    try:
        root = ET.parse(p).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvalError(f"{p}: not a readable geoparsing XML file ({exc})") from exc
    docs = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in list(art.iter("toponym")) + list(art.iter("location")):
            start, end = t.findtext("start"), t.findtext("end")
            g = t.find("gaztag")
            lat = _num(g.find("lat")) if g is not None else _num(t.find("lat"))
            lon = _num(g.find("lon")) if g is not None else _num(t.find("lon"))
            if start is None or end is None or lat is None or lon is None:
                continue
            s, e = _align(text, int(start), int(end), t.findtext("phrase") or t.findtext("name"))
            gold.append((s, e, text[s:e], lat, lon))
        docs.append((text, gold))
    if not docs:
        raise EvalError(f"{p}: no <article> elements")
    return docs


def evaluate(path: str | Path) -> dict[str, Any]:
    """accuracy@161km on gold spans (headline ``score``) and end to end; see the module docstring."""
    n_gold = gold_hits = e2e_hits = n_detected = detected_on_gold = unknown = 0
    for text, gold in read_geoparsing(path):
        detected = find_toponyms(text)
        gold_mentions = [Mention(s, e, phrase, candidates(phrase)) for s, e, phrase, _, _ in gold]
        context = detected + [m for m in gold_mentions if m.candidates]
        for (s, e, _, lat, lon), entry in zip(gold, resolve(text, gold_mentions, context)):
            n_gold += 1
            if entry is None:
                unknown += 1
            elif haversine_km(lat, lon, entry.lat, entry.lon) <= KM:
                gold_hits += 1
        resolved = resolve(text, detected)
        n_detected += len(detected)
        detected_on_gold += sum(1 for m in detected if any(m.start < ge and gs < m.end for gs, ge, *_ in gold))
        for s, e, _, lat, lon in gold:
            hit = next((r for m, r in zip(detected, resolved) if m.start < e and s < m.end and r is not None), None)
            if hit is not None and haversine_km(lat, lon, hit.lat, hit.lon) <= KM:
                e2e_hits += 1
    if not n_gold:
        raise EvalError(f"{path}: no gold toponyms with coordinates")
    return {
        "score": round(gold_hits / n_gold, 4),
        "metric": "accuracy@161km on gold toponym spans",
        "gold_spans": {"acc@161km": round(gold_hits / n_gold, 4), "not_in_gazetteer": unknown},
        "end_to_end": {
            "acc@161km": round(e2e_hits / n_gold, 4),
            "detection_precision": round(detected_on_gold / n_detected, 4) if n_detected else 0.0,
            "n_detected": n_detected,
        },
        "n_gold": n_gold,
    }
