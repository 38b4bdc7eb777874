"""Numeric and casualty claims: slots, bounds, subjects, claimants, negated and unknown figures."""

from __future__ import annotations

import pytest

from newsweave.extract.claims import find_claims, parse_number

from .test_entities import make_article, seed_articles


def only(claims, **want):
    hits = [c for c in claims if all(getattr(c, k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, [(c.slot, c.low, c.high, c.subject, c.claimant) for c in claims])
    return hits[0]


@pytest.mark.parametrize("text,value", [("five", 5), ("2,500", 2500), ("twenty-five", 25), ("a", 1),
                                        ("two hundred", 200), ("one hundred and twelve", 112), ("3 million", 3_000_000),
                                        ("banana", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("sentence,slot,low,high,subject", [
    ("At least five militia fighters were killed in the strike.", "killed", 5, None, "militia fighters"),
    ("Five militia fighters were killed in the strike on Sunday.", "killed", 5, 5, "militia fighters"),
    ("A child had died in the attack on the village overnight.", "killed", 1, 1, "child"),
    ("The raid left two people killed and the compound destroyed.", "killed", 2, 2, "people"),
    ("Three civilians were wounded when the rocket hit the market.", "injured", 3, 3, "civilians"),
    ("US forces have been targeted in more than 150 attacks since October.", "attacks", 151, None, "attacks"),
    ("The jets hit three facilities used by the militia group.", "facilities", 3, 3, "facilities"),
    ("Dozens of fighters were killed in the clashes near the border.", "killed", 24, None, "fighters"),
    ("Up to 10 soldiers were injured in the blast at the base.", "injured", None, 10, "soldiers"),
    ("Between 3 and 5 civilians were killed in the shelling of the town.", "killed", 3, 5, "civilians"),
])
def test_figures(sentence, slot, low, high, subject):
    art = make_article(sentence, outlet="Wire")
    c = only(find_claims(art), slot=slot)
    assert (c.low, c.high, c.subject) == (low, high, subject)
    assert c.claimant == "Wire" and c.claimant_evidence is None  # unattributed: the outlet claims it
    assert art.raw_text[c.evidence.start:c.evidence.end] == c.evidence.text
    assert c.evidence.sentence == sentence


def test_years_money_and_durations_are_not_counts():
    art = make_article("In 2019 the group paid $9 for each of the 30 days of training in 2015.")
    assert find_claims(art) == []


def test_troops_with_place_ellipsis():
    art = make_article("The United States has around 2,500 troops in Iraq and 900 in Syria as part of the mission.")
    claims = [c for c in find_claims(art) if c.slot == "troops"]
    assert [(c.low, c.subject) for c in claims] == [(2500, "troops in Iraq"), (900, "troops in Syria")]


def test_claimant_from_attribution():
    art = make_article("A security official told AFP that two people were killed in the strike.\n"
                       "According to the Syrian Observatory, at least five fighters died.")
    k = only(find_claims(art), low=2)
    assert k.claimant == "A security official" and k.claimant_evidence.text == "A security official"
    s = only(find_claims(art), low=5)
    assert s.slot == "killed" and s.claimant == "Syrian Observatory"


def test_negated_and_unknown():
    art = make_article("There were no immediate reports of casualties, officials said.\n"
                       "The Pentagon did not say whether anyone was killed or injured in the attacks.")
    claims = find_claims(art)
    neg = only(claims, negated=True)
    assert (neg.slot, neg.low, neg.high) == ("killed", 0, 0)
    assert neg.claimant == "officials"
    unknown = [c for c in claims if c.unknown]
    assert {c.slot for c in unknown} == {"killed", "injured"}
    assert {c.claimant for c in unknown} == {"Pentagon"}


def test_seed_claims(seeds_dir):
    arts = seed_articles(seeds_dir)
    c000 = find_claims(arts["000"])
    sohr = only(c000, slot="killed", low=5)
    assert sohr.claimant == "Syrian Observatory for Human Rights" and sohr.subject == "militia fighters"
    child = only(c000, slot="killed", low=1)
    assert child.subject == "child" and child.claimant == "Sana"
    wounded = only(c000, slot="injured", low=3, subject="people")
    assert wounded.high is None and wounded.claimant == "Sana"
    assert {c.claimant for c in c000 if c.unknown} == {"Pentagon"}
    c004 = find_claims(arts["004"])
    neg = [c for c in c004 if c.negated and "casualties" in c.evidence.text]
    assert len(neg) == 1 and neg[0].slot == "killed" and "Pentagon" in neg[0].claimant
    c002 = find_claims(arts["002"])
    two = only(c002, slot="killed", low=2)
    assert two.claimant_evidence is not None and "security official" in two.claimant
    assert any(c.slot == "facilities" and c.low == 3 for c in c002)
