"""Incident facts (date, ages, streets, dateline) and the pair adjustment they give the clustering."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsweave.events.evidence import AGE_AGREE, AGREE, DECAY, PROXIMITY, IncidentFacts, incident_facts, pair_adjustment
from newsweave.events.features import article_fields
from newsweave.models import Article, Segment


def _article(title: str, body: str, published: str | None) -> Article:
    raw = f"{title}\n\n{body}"
    return Article(
        id=title[:8], raw_text=raw, source_format="txt",
        segments=(Segment(0, len(title), "title"), Segment(len(title) + 2, len(raw), "body")),
        title=title, published=published,
    )


def _facts(title: str, body: str, published: str | None) -> IncidentFacts:
    a = _article(title, body, published)
    day = dt.date.fromisoformat(published).toordinal() if published else None
    return incident_facts(a, article_fields(a), day)


def _ord(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def test_facts_of_a_report() -> None:
    f = _facts(
        "Teen shot in Lackawanna neighborhood",
        "JACKSONVILLE, Fla. - Police are searching for the person who shot a 17-year-old early Sunday morning."
        " The teenager was walking near Burke Street, off McDuff Avenue, about 2:30 a.m. when someone opened fire.",
        "2017-01-30",  # a Monday
    )
    assert f.day == _ord("2017-01-29")
    assert f.ages == {"17"}
    assert f.times == {"2:30a"}
    assert f.streets == {"burke", "mcduff"}
    assert f.places == {"jacksonville", "lackawanna"}


def test_month_day_of_a_later_report_points_back() -> None:
    # A trial report in January about "December 22" means the December before.
    f = _facts("Man charged", "Seichter was shot and killed on Dec. 22 near his home.", "2016-01-15")
    assert f.day == _ord("2015-12-22")
    # Without a publication date only a date with its year resolves.
    assert _facts("Man charged", "He was shot on Friday.", None).day is None
    assert _facts("Man charged", "He was shot on March 3, 2015.", None).day == _ord("2015-03-03")


def test_update_banner_is_no_place() -> None:
    assert _facts("Four dead", "UPDATE - Four people were found dead on Monday.", "2013-01-07").places == set()


def test_adjustment_signs() -> None:
    city = frozenset({"jacksonville"})
    same = IncidentFacts(_ord("2017-01-29"), frozenset({"17"}), frozenset(), frozenset({"burke"}), city)
    other = IncidentFacts(_ord("2017-01-13"), frozenset({"15"}), frozenset(), frozenset({"st. clair"}), city)
    silent = IncidentFacts(None, frozenset(), frozenset(), frozenset(), frozenset())
    day = _ord("2017-01-30")
    zero = np.zeros((1, 3))
    adj = pair_adjustment([same], [same, other, silent], [day], [day, day + 16, day], zero)[0]
    # Same facts on the same day: three agreements (the age at its lower weight) plus the proximity bonus.
    assert np.isclose(adj[0], (2 + AGE_AGREE) * AGREE + PROXIMITY)
    # Same city, other ages and streets, 16 days apart: two conflicts, one agreement, the decay.
    assert np.isclose(adj[1], -AGREE + PROXIMITY - DECAY * np.log1p(16))
    # A report that states nothing: only time counts.
    assert np.isclose(adj[2], PROXIMITY)
    assert adj[0] > adj[2] > adj[1]


def test_undated_pairs_get_no_evidence() -> None:
    a = IncidentFacts(None, frozenset({"17"}), frozenset(), frozenset(), frozenset())
    day = _ord("2017-01-30")
    # Undated on either side: the similarity is left as it is, facts included.
    out = pair_adjustment([a, a], [a, a], [None, day], [None, day], np.full((2, 2), 0.1))
    assert np.isclose(out[0, 0], 0.1) and np.isclose(out[0, 1], 0.1) and np.isclose(out[1, 0], 0.1)
    # Both dated, same day: the shared age and the proximity.
    assert np.isclose(out[1, 1], 0.1 + AGE_AGREE * AGREE + PROXIMITY)


def test_incident_date_narrows_the_gap_of_a_follow_up() -> None:
    # A follow-up three weeks later that names the incident's day is as close as a same-day report.
    first = IncidentFacts(_ord("2016-03-04"), frozenset(), frozenset(), frozenset(), frozenset())
    later = IncidentFacts(_ord("2016-03-04"), frozenset(), frozenset(), frozenset(), frozenset())
    unknown = IncidentFacts(None, frozenset(), frozenset(), frozenset(), frozenset())
    out = pair_adjustment([first], [later, unknown], [_ord("2016-03-04")], [_ord("2016-03-25")] * 2, np.zeros((1, 2)))
    assert np.isclose(out[0, 0], PROXIMITY)
    assert np.isclose(out[0, 1], PROXIMITY - DECAY * np.log1p(21))


def test_one_spelling_per_street() -> None:
    day = "2017-01-30"
    a = _facts("Man shot on North Main", "A man was shot at North Main Street and East Sixth Street on Monday.", day)
    b = _facts("Shooting on Main", "Police said the shooting happened on Main St near 6th Street on Monday.", day)
    assert a.streets == b.streets == {"main", "6th"}
    # A direction alone stays a street ("West Way"), and "Ocean Front" is "Oceanfront".
    c = _facts("Shot", "It happened on Ocean Front Avenue and on West Way on Monday.", day)
    assert c.streets == {"oceanfront", "west"}


def test_venues_agree_but_never_conflict() -> None:
    day = "2017-01-30"
    a = _facts("Two shot at Tulsa nightclub", "Two men were shot outside a bar early Monday.", day)
    b = _facts("Shooting at club", "Police said two men were shot at the club on Monday.", day)
    c = _facts("Man shot at home", "A man was shot inside a house on Monday.", day)
    assert a.venues == b.venues == {"club"} and c.venues == {"home"}
    base = np.zeros((1, 2), dtype=np.float32)
    adj = pair_adjustment([a], [b, c], [_ord(day)], [_ord(day), _ord(day)], base)
    assert adj[0, 1] == pytest.approx(PROXIMITY) and adj[0, 0] > adj[0, 1]  # same day; no cost for "home"


def test_incident_day_is_the_harm_not_what_followed() -> None:
    # The first date said is the charge's; the incident's is the one that names the shooting.
    f = _facts("Teen charged", "Two people were charged Monday in the March 20 shooting of a teenager.", "2016-05-23")
    assert f.day == _ord("2016-03-20") and f.day_sure
    # A date in a sentence about the harm, past one about a court hearing.
    f = _facts(
        "Man arraigned",
        "The man appeared in court on Tuesday. Police said the victim was shot Saturday night outside a bar.",
        "2017-01-25",  # a Wednesday
    )
    assert f.day == _ord("2017-01-21") and f.day_sure
    # Only a hearing's date: the first date stands, and is not the incident's own.
    f = _facts("Hearing set", "A hearing is scheduled for Thursday.", "2017-01-25")
    assert f.day == _ord("2017-01-19") and not f.day_sure


def test_one_outlets_pairs_lose_its_furniture() -> None:
    from newsweave.events.evidence import SAME_OUTLET

    silent = IncidentFacts(_ord("2017-01-29"), frozenset(), frozenset(), frozenset(), frozenset())
    facts, days = [silent] * 3, [_ord("2017-01-29")] * 3
    plain = pair_adjustment(facts, facts, days, days, np.zeros((3, 3)))
    out = pair_adjustment(facts, facts, days, days, np.zeros((3, 3)), ["a.com", "a.com", ""], ["a.com", "b.com", ""])
    assert out[0, 0] == pytest.approx(plain[0, 0] - SAME_OUTLET)  # one outlet
    assert out[1, 1] == pytest.approx(plain[1, 1])  # two outlets
    assert out[2, 2] == pytest.approx(plain[2, 2])  # unknown outlets are not one outlet
    # Undated pairs keep their similarity.
    undated = pair_adjustment(facts, facts, [None] * 3, [None] * 3, np.zeros((3, 3)), ["a.com"] * 3, ["a.com"] * 3)
    assert not undated.any()


def test_agencies_conflict_but_never_agree() -> None:
    from newsweave.events.evidence import AGENCY_CONFLICT, agreement

    a = _facts("Teen shot", "Roswell police said a teen was shot at an apartment complex on Tuesday.", "2017-02-07")
    b = _facts("Teen shot in robbery", "A teen was shot on Monday night, Milwaukee police said.", "2017-02-07")
    c = _facts("Teen dies", "The Roswell Police Department said the teen died on Tuesday.", "2017-02-08")
    assert a.agencies == {"roswell"} and b.agencies == {"milwaukee"} and c.agencies == {"roswell"}
    base = _facts("Teen shot", "A teen was shot on Tuesday.", "2017-02-07")
    assert agreement([a], [b])[0, 0] == pytest.approx(agreement([base], [base])[0, 0] - AGENCY_CONFLICT)
    assert agreement([a], [c])[0, 0] == pytest.approx(agreement([base], [base])[0, 0])
