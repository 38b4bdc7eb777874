"""Names, kinds and cross-article merging (hand-made sentences plus the seed articles)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.extract.entities import canonical_key, find_mentions, make_resolver, merge_entities
from newsweave.models import Article, Segment


def make_article(text: str, aid: str = "a1", outlet: str = "Test Outlet") -> Article:
    """One body segment per line."""
    segs, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            segs.append(Segment(pos, pos + len(line), "body"))
        pos += len(line) + 1
    return Article(id=aid, raw_text=text, segments=tuple(segs), source_format="txt", outlet=outlet)


def seed_articles(seeds_dir: Path) -> dict[str, Article]:
    """Seeds as articles with a body segment per line of at least six words."""
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        segs, pos = [], 0
        for line in raw.split("\n"):
            if len(line.split()) >= 6:
                segs.append(Segment(pos, pos + len(line), "body"))
            pos += len(line) + 1
        out[path.name[:3]] = Article(id=path.name[:3], raw_text=raw, segments=tuple(segs), source_format="txt",
                                     outlet=f"outlet-{path.name[:3]}")
    return out


def entity_of(entities, alias):
    hits = [e for e in entities if alias in e.aliases]
    assert hits, f"no entity has alias {alias!r}"
    return hits[0]


def test_mentions_have_kinds_and_raw_offsets():
    art = make_article("The strikes were ordered by President Joe Biden, the Pentagon said on Monday.\n"
                       "The Syrian Observatory for Human Rights (SOHR) reported deaths in Iraq.")
    found = find_mentions(art)
    kinds = {s: k for s, k, _ in found}
    assert kinds["President Joe Biden"] == "person"
    assert kinds["Pentagon"] == "org"
    assert kinds["Syrian Observatory for Human Rights"] == "org"
    assert kinds["SOHR"] == "org"
    assert kinds["Iraq"] == "place"
    for surface, _, ev in found:
        assert art.raw_text[ev.start:ev.end] == surface == ev.text
        assert ev.sentence_start <= ev.start and ev.end <= ev.sentence_end


def test_sentence_initial_common_word_is_not_a_name():
    art = make_article("Missiles were fired at the base overnight by unknown attackers.")
    assert "Missiles" not in {s for s, _, _ in find_mentions(art)}


def test_person_variants_merge_across_articles():
    a = make_article("President Joe Biden ordered the strikes late on Friday night.", "a")
    b = make_article("Mr. Biden said the strikes were necessary and proportionate.", "b")
    c = make_article("The decision was taken by Biden after weeks of attacks on troops.", "c")
    entities, mapping = merge_entities({x.id: find_mentions(x) for x in (a, b, c)})
    biden = entity_of(entities, "Mr. Biden")
    assert biden.name == "Joe Biden" and biden.kind == "person"
    assert {"President Joe Biden", "Biden"} <= set(biden.aliases)
    assert mapping[("c", c.raw_text.index("Biden"))] == biden.id


def test_role_links_to_person_within_article():
    art = make_article("Defence Secretary Lloyd Austin said the strikes hit three facilities.\n"
                       "Later the Defence Secretary told reporters that more could follow, Mr Austin added.")
    entities, _ = merge_entities({art.id: find_mentions(art)})
    austin = entity_of(entities, "Mr Austin")
    assert austin.name == "Lloyd Austin"
    assert "Defence Secretary" in austin.aliases


def test_transliteration_and_translation_variants_are_one_org():
    arts = [make_article(t, f"a{i}") for i, t in enumerate([
        "The strikes hit Kataib Hezbollah positions near the border overnight.",
        "Officials blamed Ketaeb Hezbollah for the rocket attack on the base.",
        "Kata'ib Hezbollah denied any role in the attack on Sunday evening.",
        "Aerial strikes targeted the Hezbollah Brigades south of the capital today.",
        "Hamas said it was not involved in the fighting near the border.",
    ])]
    entities, _ = merge_entities({a.id: find_mentions(a) for a in arts})
    kh = entity_of(entities, "Ketaeb Hezbollah")
    assert {"Kataib Hezbollah", "Kata'ib Hezbollah", "Hezbollah Brigades"} <= set(kh.aliases)
    assert "Hamas" not in kh.aliases
    assert canonical_key("Kataib Hezbollah", "org") == canonical_key("Hezbollah Brigades", "org")


def test_acronym_defined_or_matching_initials():
    a = make_article("The Syrian Observatory for Human Rights (SOHR) said five fighters died.", "a")
    b = make_article("According to SOHR, the strikes hit a weapons depot near the border.", "b")
    entities, _ = merge_entities({x.id: find_mentions(x) for x in (a, b)})
    assert "SOHR" in entity_of(entities, "Syrian Observatory for Human Rights").aliases


def test_entity_ids_are_stable_and_resolver_completes_names():
    arts = {"a": find_mentions(make_article("Lloyd Austin spoke to reporters. Mr Austin said more may come.", "a"))}
    first, _ = merge_entities(arts)
    second, _ = merge_entities(arts)
    assert [e.id for e in first] == [e.id for e in second]
    resolve = make_resolver(first)
    assert resolve("Mr Austin") == "Lloyd Austin"
    assert resolve("Austin") == "Lloyd Austin"
    assert resolve("Somebody Else") is None


def test_seed_variants_merge(seeds_dir):
    arts = seed_articles(seeds_dir)
    entities, _ = merge_entities({aid: find_mentions(a) for aid, a in arts.items()})
    kh = entity_of(entities, "Kataib Hezbollah")
    assert {"Ketaeb Hezbollah", "Kata’ib Hezbollah", "Hezbollah Brigades"} <= set(kh.aliases)
    biden = entity_of(entities, "Joe Biden")
    assert {"President Biden", "Mr. Biden", "Biden"} <= set(biden.aliases)
    assert {"Mr Austin", "Austin"} <= set(entity_of(entities, "Defence Secretary Lloyd Austin").aliases)
    assert "Mr. Kirby" in entity_of(entities, "John F. Kirby").aliases
    assert "SOHR" in entity_of(entities, "Syrian Observatory for Human Rights").aliases


@pytest.mark.parametrize("text", ["", "no capitals here at all, just words."])
def test_no_mentions_in_plain_text(text):
    assert find_mentions(make_article(text)) == []


# --- junk from capitals, positions and common nouns -------------------------------------------------------------


def _names(text: str) -> dict[str, str]:
    return {s: k for s, k, _ in find_mentions(make_article(text))}


def test_a_shouted_lead_yields_only_the_names_the_article_writes_elsewhere():
    got = _names("US FORCES HAVE targeted facilities used by militants in Iraq.\n"
                 "Defence Secretary Lloyd Austin said US military forces conducted the strikes.")
    assert "US FORCES HAVE" not in got and not any("FORCES" in s or "HAVE" in s for s in got)
    assert got["US"] == "place"
    headline = _names("BREAKING: IRAN LAUNCHES MISSILES AT ISRAEL\nIran said it fired missiles at Israel overnight.")
    assert headline.get("IRAN") == "place" and headline.get("ISRAEL") == "place"
    assert not any("LAUNCHES" in s or "MISSILES" in s for s in headline)
    # capitals that are not shouting: acronyms side by side stay one name
    assert "US CENTCOM" in _names("Officials at US CENTCOM said the strikes hit three sites.")


def test_position_common_nouns_and_compounds_are_not_names():
    got = _names('On Sunday, Kirby said:\n"Given the ongoing series of attacks, the president acted."')
    assert "Given" not in got
    got = _names("Militias used one-way attack UAV (drone) capabilities and an IED near the Iraq-Syria border.")
    assert not {"UAV", "IED", "Iraq-Syria"} & set(got)
    got = _names("Officials worry about the drones, also called unmanned aerial vehicles, or U.A.V.’s, they said.")
    assert not any(s.startswith("U.A.V") for s in got)
    # a bare role with no name is no entity
    entities, _ = merge_entities({"a": find_mentions(make_article("There were no casualties, a spokesperson said."))})
    assert not any(e.name == "spokesperson" for e in entities)


def test_names_get_their_kind_from_context():
    got = _names("Syrian state news agency Sana reported that a child had died.")
    assert got["Sana"] == "org"
    got = _names("Residents of Morrow Ford began clearing mud as the River Vessa fell in the Tarn Valley.")
    assert "Residents of Morrow Ford" not in got and "Morrow Ford" in got
    assert got["River Vessa"] == got["Tarn Valley"] == "place"
    assert _names("Two people drowned near Brannock in 2009.")["Brannock"] == "place"
    assert _names("MORROW FORD, Kaldmark (FPA) - At least 12 people were killed.")["MORROW FORD"] == "place"
    assert _names("Documents seen by the Kaldmark Review show the warning.")["Kaldmark Review"] == "org"
    # a title still makes a person, whatever the preposition before it
    assert _names("The decision was taken in President Biden's office.")["President Biden"] == "person"


def test_one_kind_per_name_across_mentions():
    arts = {"a": find_mentions(make_article("Water reached Morrow Ford on Monday. Morrow Ford residents fled.")),
            "b": find_mentions(make_article("The river fell in Morrow Ford on Thursday."))}
    entities, _ = merge_entities(arts)
    (mf,) = [e for e in entities if e.name == "Morrow Ford"]
    assert mf.kind == "place"


def test_country_short_forms_are_one_entity():
    arts = {"a": find_mentions(make_article("The US said the strikes in Syria were over.")),
            "b": find_mentions(make_article("The United States and the U.S. Congress were briefed, Iraq said."))}
    entities, _ = merge_entities(arts)
    us = [e for e in entities if {"US", "United States"} & set(e.aliases)]
    assert len(us) == 1 and us[0].kind == "place"


def test_one_id_per_entity_across_separately_merged_events(seeds_dir):
    """Records are built per event: the same group must keep one id whichever spelling won each record."""
    arts = seed_articles(seeds_dir)
    ev2021, _ = merge_entities({k: find_mentions(arts[k]) for k in ("000", "003", "004")})
    ev2024, _ = merge_entities({k: find_mentions(arts[k]) for k in ("001", "002")})
    kh21 = entity_of(ev2021, "Kataib Hezbollah")
    kh24 = entity_of(ev2024, "Ketaeb Hezbollah")
    assert kh21.id == kh24.id
    assert "Hezbollah Brigades" in kh24.aliases
    assert canonical_key("Ketaeb Hezbollah", "org") == canonical_key("Kataib Hezbollah", "org")


def test_seed_entities_hold_no_junk(seeds_dir):
    arts = seed_articles(seeds_dir)
    for group in (("000", "003", "004"), ("001", "002")):
        entities, _ = merge_entities({k: find_mentions(arts[k]) for k in group})
        names = {e.name for e in entities} | {a for e in entities for a in e.aliases}
        assert not {"US FORCES HAVE", "Given", "UAV", "U.A.V.", "Iraq-Syria", "Iraqi-Syrian"} & names, names
        # no name holds a word in capitals that the articles otherwise use as an ordinary lower-case word
        lower = {w for k in group for w in re.findall(r"\b[a-z]+\b", arts[k].raw_text)}
        for alias in names:
            assert not [w for w in alias.split() if len(w) >= 3 and w.isalpha() and w.isupper() and w.lower() in lower], alias
    kirby = entity_of(merge_entities({k: find_mentions(arts[k]) for k in ("003", "004")})[0], "Mr. Kirby")
    assert {"John Kirby", "John F. Kirby"} <= set(kirby.aliases)


def test_each_alias_is_cited_where_an_article_writes_it():
    arts = {"a": make_article("Defence Secretary Lloyd Austin spoke. Mr Austin said more may come."),
            "b": make_article("Lloyd Austin said the strikes were over.", "b")}
    entities, _ = merge_entities({k: find_mentions(a) for k, a in arts.items()})
    austin = entity_of(entities, "Mr Austin")
    cited = {(ev.article_id, ev.text) for ev in austin.evidence}
    assert cited == {("a1", "Defence Secretary Lloyd Austin"), ("a1", "Mr Austin"), ("b", "Lloyd Austin")}
    for ev in austin.evidence:
        raw = arts["a" if ev.article_id == "a1" else "b"].raw_text
        assert raw[ev.start : ev.end] == ev.text and ev.text in ev.sentence
