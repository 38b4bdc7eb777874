"""ACLED vocabulary: column order, disorder types, actor-type codes, regions.

From the ACLED codebook (acledR data, see eval/extraction/acled/SOURCE); written out here because the package
must not read evaluation files at run time. Only the taxonomy is reproduced, no data rows.
"""

from __future__ import annotations

import re

__all__ = ["COLUMNS", "disorder_type", "inter_code", "interaction", "region_of", "time_precision", "geo_precision"]

# Column order of ACLED's event export (acled_old_dummy.csv header).
COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

_POLITICAL_VIOLENCE = {"battles", "explosions/remote violence", "violence against civilians"}


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type from the event categories table (political violence / demonstrations /
    strategic developments; mob violence and excessive force are both violence and demonstration)."""
    et = (event_type or "").strip().casefold()
    sub = (sub_event_type or "").strip().casefold()
    if et in _POLITICAL_VIOLENCE:
        return "Political violence"
    if et == "riots":
        return "Political violence; Demonstrations" if sub == "mob violence" else "Demonstrations"
    if et == "protests":
        return "Political violence; Demonstrations" if sub.startswith("excessive force") else "Demonstrations"
    if et.startswith("strategic"):
        return "Strategic developments"
    return ""


# Actor type (inter1/inter2) from the actor's name. Keyword rules because actor typing is not in the record;
# an actor that matches none is left blank rather than guessed.
_INTER_RULES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (6, re.compile(r"\bprotest", re.I)),
    (5, re.compile(r"\briot", re.I)),
    (7, re.compile(r"\bcivilian", re.I)),
    (3, re.compile(r"militia|brigade|hezbollah|kata.?ib|ketaeb|hashd|hashed|mobili[sz]ation|\bgroup\b", re.I)),
    (2, re.compile(r"\brebel|insurg|liberation|islamic state|\bIS\b|al-qaeda|taliban", re.I)),
    (1, re.compile(r"military|armed forces|\bforces\b|\barmy\b|\bpolice\b|government|ministry|pentagon|"
                   r"department of defen[cs]e|air force|\bnavy\b", re.I)),
)


def inter_code(actor: str | None) -> int | None:
    if not actor:
        return None
    for code, pat in _INTER_RULES:
        if pat.search(actor):
            return code
    return None


def interaction(inter1: int | None, inter2: int | None, has_actor2: bool = True) -> int | None:
    """ACLED interaction code: the two actor-type digits, lower first; a lone actor is ``inter1 * 10``.
    Unknown when a named actor has no type (a guessed code would be worse than a blank)."""
    if inter1 is None or (has_actor2 and inter2 is None):
        return None
    if not has_actor2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))  # type: ignore[type-var]
    return lo * 10 + hi


def time_precision(precision: str | None) -> int | None:
    """1 = actual date, 2 = week or weekend, 3 = month (ACLED has no coarser code)."""
    return {"day": 1, "week": 2, "month": 3, "year": 3}.get(precision or "")


def geo_precision(precision: str | None) -> int | None:
    """1 = particular town, 2 = part of a region / near a town, 3 = larger portion of a region."""
    return {"point": 1, "city": 1, "admin2": 2, "district": 2, "admin1": 3, "country": 3, "region": 3}.get(
        precision or ""
    )


# ACLED regions by ISO 3166 alpha-2; countries not listed fall back to their continent (see region_of).
_REGIONS: dict[str, str] = {}
for _region, _codes in {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH CY IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "North America": "US CA GL BM PM",
}.items():
    for _c in _codes.split():
        _REGIONS[_c] = _region

_CONTINENT_REGION = {"EU": "Europe", "OC": "Oceania", "SA": "South America", "NA": "Caribbean", "AN": "Antarctica"}


def region_of(iso2: str | None, continent: str | None) -> str:
    if not iso2:
        return ""
    return _REGIONS.get(iso2.upper()) or _CONTINENT_REGION.get(continent or "", "")
