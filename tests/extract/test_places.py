"""Toponym detection and resolution on hand-made sentences, roles, and the event location across articles."""

from __future__ import annotations

import pytest

from newsweave.extract.places import event_location, find_places, find_toponyms, resolve
from newsweave.models import Article, Evidence, Place, Segment


def resolved(text: str) -> dict[str, object]:
    mentions = find_toponyms(text)
    return {m.text: e for m, e in zip(mentions, resolve(text, mentions))}


def test_baghdad_is_a_city_in_iraq() -> None:
    e = resolved("Rockets hit a base near Baghdad on Monday.")["Baghdad"]
    assert e.kind == "city" and e.cc == "IQ"
    assert abs(e.lat - 33.3) < 0.5 and abs(e.lon - 44.4) < 0.5


def test_city_state_pattern_beats_population() -> None:
    e = resolved("The fair opened in Paris, Texas, on Saturday.")["Paris"]
    assert e.cc == "US" and e.admin1 == "TX"
    assert resolved("The summit opened in Paris on Saturday.")["Paris"].cc == "FR"


def test_georgia_follows_the_document() -> None:
    us = resolved("Storms hit Alabama and Tennessee before reaching Georgia, where Atlanta lost power.")["Georgia"]
    assert us.kind == "admin1" and us.cc == "US"
    caucasus = resolved("Russian troops moved from Tbilisi toward the border as Georgia mobilised.")["Georgia"]
    assert caucasus.kind == "country" and caucasus.cc == "GE"


def test_demonyms_lean_the_document() -> None:
    # "Tripoli" is the Libyan capital unless the text is about Lebanon
    assert resolved("Lebanese troops deployed in Tripoli after clashes.")["Tripoli"].cc == "LB"
    assert resolved("Libyan militias fought in Tripoli.")["Tripoli"].cc == "LY"


def test_people_and_common_words_are_not_places() -> None:
    text = "Defence Secretary Lloyd Austin said the strikes were over. Austin said more would follow."
    assert "Austin" not in resolved(text)
    assert "Mobile" not in resolved("Mobile phones were banned while reading the news.")
    assert "Jackson" not in resolved("Witnesses told Michael Jackson about the fire.")


def _article(text: str, aid: str = "a1") -> Article:
    return Article(aid, text, (Segment(0, len(text), "body"),), "text", outlet="Wire")


def test_find_places_roles_evidence_and_offset_point() -> None:
    text = (
        "Aerial strikes today targeted a militia about 60 kilometres south of Baghdad, killing two. "
        "Officials in Washington declined to comment."
    )
    places = find_places(_article(text))
    by_name = {p.name: p for p in places}
    point = next(p for p in places if p.precision == "point")
    assert point.role == "event" and point.country == "IQ"
    assert 32.5 < point.lat < 33.0  # about 0.54 degrees south of Baghdad
    assert text[point.evidence.start : point.evidence.end] == "60 kilometres south of Baghdad"
    assert by_name["Baghdad"].role == "mentioned"
    assert by_name["Washington"].role == "mentioned"
    for p in places:
        assert p.evidence is not None and text[p.evidence.start : p.evidence.end] == p.evidence.text
    us = find_places(_article("US forces struck targets in Iraq."))
    assert us[0].name == "US" and us[0].country == "US" and us[0].precision == "country"


_AT = {"Iraq": (33.0, 43.8), "Syria": (35.0, 38.5), "Iraq–Syria border": (34.45, 40.95), "Idlib": (35.9, 36.6),
       "Baghdad": (33.3, 44.4)}


def _p(name: str, precision: str, country: str | None, role: str = "event", aid: str = "a") -> Place:
    spans = ("IQ", "SY") if "border" in name else ()
    return Place(name, *_AT[name], precision, country, role, Evidence(aid, None, 0, 1, name), spans)


def test_event_location_prefers_corroborated_then_finer() -> None:
    a = [_p("Iraq", "country", "IQ", aid="a"), _p("Syria", "country", "SY", aid="a")]
    b = [_p("Iraq", "country", "IQ", aid="b"), _p("Syria", "country", "SY", aid="b"),
         _p("Iraq–Syria border", "region", None, aid="b")]
    c = [_p("Iraq", "country", "IQ", aid="c"), _p("Syria", "country", "SY", aid="c"),
         _p("Idlib", "city", "SY", aid="c"), _p("Iraq–Syria border", "region", None, aid="c")]
    best = event_location([a, b, c])
    assert best is not None and best.name == "Iraq–Syria border" and best.role == "event"
    # an article that wrote "Iraqi-Syrian border" names the same place
    c2 = [*c[:3], Place("Iraqi-Syrian border", 34.45, 40.95, "region", None, "event", Evidence("c", None, 0, 1, "x"),
                        ("IQ", "SY"))]
    assert event_location([a, b, c2]).lat == 34.45
    # one article's stray city does not beat what all articles say
    assert event_location([a, a, c]).name != "Idlib"


def test_event_location_ignores_mentioned_places() -> None:
    assert event_location([[_p("Baghdad", "city", "IQ", role="mentioned")]]) is None
    assert event_location([]) is None


def test_one_sense_per_discourse_for_city_state() -> None:
    text = "The fair opened in Paris, Texas, on Saturday. Crowds in Paris were larger than last year."
    mentions = find_toponyms(text)
    pairs = [(m.text, e) for m, e in zip(mentions, resolve(text, mentions))]
    paris = [e for t, e in pairs if t == "Paris"]
    assert len(paris) == 2 and all(e.cc == "US" and e.admin1 == "TX" for e in paris)


def test_non_us_provinces_are_places() -> None:
    ontario = resolved("Flooding closed roads across Ontario on Tuesday.")["Ontario"]
    assert ontario.kind == "admin1" and ontario.cc == "CA"
    assert 42 < ontario.lat < 57 and -95 < ontario.lon < -74
    nsw = resolved("Bushfires burned in New South Wales overnight.")["New South Wales"]
    assert nsw.kind == "admin1" and nsw.cc == "AU"
    # "London, Ontario" names the province, not the British capital
    london = resolved("He grew up in London, Ontario, before moving south.")["London"]
    assert london.cc == "CA"


def test_counties_sit_in_their_county_not_at_the_state_centre() -> None:
    e = resolved("Deputies in Laurel County, Ky., arrested two men.")["Laurel County"]
    assert e.cc == "US" and e.admin1 == "KY"
    assert abs(e.lat - 37.1) < 0.5 and abs(e.lon + 84.1) < 0.5  # near London, Ky., not mid-Kentucky


def test_a_name_does_not_vote_for_itself() -> None:
    # a bare "Lebanon" in local news with a state named is the town there, not the country
    e = resolved("Police in Lebanon said the Pennsylvania man was arrested near Harrisburg.")["Lebanon"]
    assert e.cc == "US" and e.admin1 == "PA"
    assert resolved("Israeli jets struck targets in Lebanon on Sunday.")["Lebanon"].cc == "LB"


# --- borders between two countries ---------------------------------------------------------------------------


def _near_towns_of(lat: float, lon: float, cc: str, km: float) -> bool:
    from newsweave.extract._gazetteer import gazetteer, haversine_km

    return any(e.kind == "city" and e.cc == cc and haversine_km(lat, lon, e.lat, e.lon) <= km
               for e in gazetteer().entries)


@pytest.mark.parametrize(
    "phrase",
    ["the Iraq-Syria border region", "the Iraqi-Syrian border", "the Syria–Iraq border area",
     "the border between Iraq and Syria", "Syria's border with Iraq"],
)
def test_a_border_between_two_countries_is_one_region_on_that_border(phrase: str) -> None:
    text = f"Jets struck depots on {phrase} on Sunday, officials said."
    (place,) = [p for p in find_places(_article(text)) if p.precision == "region"]
    assert set(place.countries) == {"IQ", "SY"} and place.country is None
    assert place.role == "event"
    assert text[place.evidence.start : place.evidence.end] == place.evidence.text
    # computed from the gazetteer's towns: on the border, i.e. close to towns of both countries
    assert _near_towns_of(place.lat, place.lon, "IQ", 60) and _near_towns_of(place.lat, place.lon, "SY", 60)
    # every spelling resolves to the same point, so articles that write it differently name one place
    first = find_places(_article("Jets struck depots on the Iraq-Syria border region on Sunday."))
    assert (place.lat, place.lon) == next((p.lat, p.lon) for p in first if p.precision == "region")


def test_border_points_are_computed_for_any_pair_and_absent_without_a_land_border() -> None:
    from newsweave.extract._gazetteer import border_point

    lat, lon = border_point("US", "MX")
    assert 25 < lat < 33 and -118 < lon < -97
    assert _near_towns_of(lat, lon, "US", 60) and _near_towns_of(lat, lon, "MX", 60)
    assert border_point("MX", "US") == (lat, lon)
    assert border_point("FR", "AU") is None
    assert border_point("IQ", "IQ") is None
    us_mx = [p for p in find_places(_article("Migrants crossed the US-Mexico border near El Paso.")) if p.precision == "region"]
    assert us_mx and set(us_mx[0].countries) == {"US", "MX"}


def test_a_border_region_named_by_one_article_is_corroborated_by_articles_naming_both_countries() -> None:
    region = Place("Iraq–Syria border region", 34.5, 40.9, "region", None, "event", Evidence("c", None, 0, 1, "x"),
                   ("IQ", "SY"))
    a = [_p("Iraq", "country", "IQ", aid="a"), _p("Syria", "country", "SY", aid="a")]
    b = [_p("Iraq", "country", "IQ", aid="b"), _p("Syria", "country", "SY", aid="b")]
    c = [_p("Iraq", "country", "IQ", aid="c"), _p("Syria", "country", "SY", aid="c"), region]
    best = event_location([a, b, c])
    assert best is not None and best.precision == "region" and best.evidence.article_id == "c"
    # ... but not by articles that name only one of its countries
    only_iraq = [[_p("Iraq", "country", "IQ", aid=x)] for x in "ab"]
    assert event_location([*only_iraq, c]).name == "Iraq"


def test_a_news_agency_is_not_a_place() -> None:
    text = "Syrian state news agency Sana reported that a child had died in the strikes in Syria."
    assert "Sana" not in {p.evidence.text for p in find_places(_article(text))}


def test_a_country_owning_the_targets_is_not_where_the_event_happened() -> None:
    text = ("Militias attacked US forces in Iraq on Monday. The strikes were a response to attacks against US and "
            "coalition personnel in Syria.")
    roles = {(p.evidence.text, p.role) for p in find_places(_article(text))}
    assert ("US", "event") not in roles
    assert ("Iraq", "event") in roles and ("Syria", "event") in roles
