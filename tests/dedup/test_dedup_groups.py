from __future__ import annotations

import dataclasses
import random

from dedup_helpers import filler, make_article

from newsweave.dedup import ShingleHasher, containment, find_copy_groups, group_id
from newsweave.settings import Settings

WIRE = (
    "Rescue teams reached the flooded village of Marlow Creek on Tuesday after the river burst its banks overnight, "
    "the regional emergency office said in a statement. "
    "Around 300 residents were moved to a school gymnasium on higher ground while engineers inspected the "
    "damaged railway bridge north of the village. "
    "The office said two people were missing and that helicopters would resume the search at first light. "
    "Forecasters expect more heavy rain across the valley until the end of the week, raising fears for "
    "neighbouring farms along the lower river. "
    "The governor visited the shelter in the afternoon and promised emergency funds for families who lost "
    "their homes."
)

# The same wire story as rewritten by a second outlet: one sentence reworded, the last cut, a paragraph added.
REWRITE = (
    "Rescue teams reached the flooded village of Marlow Creek on Tuesday after the river burst its banks overnight, "
    "the regional emergency office said in a statement. "
    "About 300 residents were moved to a school gymnasium on higher ground while engineers inspected the "
    "damaged railway bridge north of the village. "
    "The office said two people were missing and that helicopters would resume the search at first light. "
    "Forecasters expect more heavy rain across the valley until the end of the week, raising fears for "
    "neighbouring farms along the lower river.\n\n"
    "Local shopkeepers told our reporter they had moved their stock upstairs as the water rose past the "
    "church steps shortly after midnight."
)

# An independent report of the same flood: same facts, its own words.
INDEPENDENT = (
    "Floodwater swept through Marlow Creek overnight, forcing hundreds of people from their homes. "
    "Emergency officials, speaking on Tuesday, put the number of evacuated residents at roughly three hundred "
    "and said a pair of villagers had not been accounted for. "
    "A bridge carrying the railway line was damaged, and inspectors were assessing whether it could reopen. "
    "Meteorologists warned that rain would keep falling over the valley for several days. "
    "The governor toured a temporary shelter and pledged money to help those affected."
)


def _ids(groups):
    return [set(g.members) for g in groups]


def test_exact_copy_is_one_group_with_full_score():
    a = make_article("aaa", WIRE, published="2024-01-23")
    b = make_article("bbb", WIRE, published="2024-01-24")
    (g,) = find_copy_groups([a, b])
    assert g.canonical == "aaa"
    assert g.members == ("aaa", "bbb")
    assert g.scores == {"aaa": 1.0, "bbb": 1.0}
    (d,) = g.diffs
    assert d.article_id == "bbb" and d.added == () and d.cut == () and d.changed == ()
    assert g.id == group_id("aaa") and g.id.startswith("cg-")


def test_edited_wire_copy_is_grouped_and_diffed():
    canon = make_article("w1", WIRE, published="2024-01-23", wire="AFP")
    copy = make_article("w2", REWRITE, published="2024-01-23")
    (g,) = find_copy_groups([copy, canon])
    # Same day: the member crediting the wire is canonical, and the group takes its agency.
    assert g.canonical == "w1" and g.wire == "AFP"
    assert 0.5 <= g.scores["w2"] < 1.0
    (d,) = g.diffs
    assert d.article_id == "w2"
    assert len(d.changed) == 1 and d.changed[0][0].startswith("Around 300") and d.changed[0][1].startswith("About 300")
    assert len(d.cut) == 1 and d.cut[0].startswith("The governor visited")
    assert len(d.added) == 1 and d.added[0].startswith("Local shopkeepers")


def test_independent_report_of_same_event_is_not_grouped():
    groups = find_copy_groups([make_article("w1", WIRE), make_article("ind", INDEPENDENT)])
    assert groups == []


def test_shared_quotation_alone_does_not_make_a_copy():
    quote = '"' + filler(7, sentences=3) + '"'
    a = make_article("q1", f"{filler(1, sentences=1)} The minister said: {quote}")
    b = make_article("q2", f"{filler(2, sentences=1)} In a statement the minister said {quote}")
    hasher = ShingleHasher(Settings().shingle_size)
    # Over all shingles the shared quotation would pass for a copy ...
    assert containment(hasher(a.text), hasher(b.text)) >= Settings().copy_containment
    # ... but the reporting around it is independent.
    assert find_copy_groups([a, b]) == []


def test_boilerplate_outside_the_body_is_ignored():
    shared_footer = filler(99, sentences=10)
    a = make_article("f1", filler(1))
    b = make_article("f2", filler(2))
    a = dataclasses.replace(a, raw_text=a.raw_text + shared_footer)
    b = dataclasses.replace(b, raw_text=b.raw_text + shared_footer)
    assert find_copy_groups([a, b]) == []


def test_chain_of_partial_copies_is_not_merged():
    p = [filler(10 + i) for i in range(4)]
    q = [filler(20 + i) for i in range(4)]
    a = make_article("a", " ".join(p), published="2024-01-01")
    b = make_article("b", " ".join(p[:3] + q[:3]), published="2024-01-02")
    c = make_article("c", " ".join(q), published="2024-01-03")
    groups = find_copy_groups([a, b, c])
    # b copies both, a and c share nothing: a (earliest) takes b, c is left alone.
    assert _ids(groups) == [{"a", "b"}]
    assert groups[0].canonical == "a"


def test_every_member_is_confirmed_against_its_canonical():
    p = [filler(10 + i) for i in range(4)]
    q = [filler(20 + i) for i in range(4)]
    hub = make_article("hub", " ".join(p[:3] + q[:3]), published="2024-01-01")
    a = make_article("a", " ".join(p), published="2024-01-02")
    c = make_article("c", " ".join(q), published="2024-01-03")
    unrelated = make_article("z", filler(50, sentences=8))
    settings = Settings()
    hasher = ShingleHasher(settings.shingle_size)
    groups = find_copy_groups([a, c, hub, unrelated], settings)
    assert _ids(groups) == [{"hub", "a", "c"}]  # a star around the earliest article, not a chain
    texts = {x.id: x.text for x in (a, c, hub)}
    for g in groups:
        for m in g.members:
            assert containment(hasher(texts[g.canonical]), hasher(texts[m])) >= settings.copy_containment


def test_undated_articles_come_after_dated_ones_as_canonical():
    a = make_article("a-undated", WIRE, published=None)
    b = make_article("b-dated", WIRE + " " + filler(3, sentences=1), published="2024-02-01")
    (g,) = find_copy_groups([a, b])
    assert g.canonical == "b-dated"


def test_shuffled_input_gives_identical_groups():
    arts = [make_article("w1", WIRE, wire="AFP"), make_article("w2", REWRITE), make_article("ind", INDEPENDENT)]
    p = [filler(10 + i) for i in range(4)]
    arts += [make_article(f"dup{i}", " ".join(p), published=f"2024-01-0{i + 1}") for i in range(3)]
    arts += [make_article(f"solo{i}", filler(100 + i)) for i in range(5)]
    expected = find_copy_groups(arts)
    assert len(expected) == 2
    rng = random.Random(0)
    for _ in range(5):
        shuffled = arts[:]
        rng.shuffle(shuffled)
        assert find_copy_groups(shuffled) == expected


def test_settings_control_the_bar():
    copy = make_article("w2", REWRITE)
    canon = make_article("w1", WIRE)
    strict = dataclasses.replace(Settings(), copy_containment=0.99)
    assert find_copy_groups([canon, copy], strict) == []
    assert len(find_copy_groups([canon, copy], Settings())) == 1


def test_empty_and_tiny_inputs():
    assert find_copy_groups([]) == []
    tiny = [make_article("t1", "Too short."), make_article("t2", "Too short.")]
    assert find_copy_groups(tiny) == []
