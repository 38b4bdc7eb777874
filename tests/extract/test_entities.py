"""Names, kinds and cross-article merging (hand-made sentences plus the seed articles)."""

from __future__ import annotations

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
