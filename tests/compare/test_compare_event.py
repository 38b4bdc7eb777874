"""compare_event on a hand-made event: three independent sources, two of the four articles one wire copy."""

from __future__ import annotations

import dataclasses

import pytest
import world

from newsweave.compare import compare_event, fatalities, lineage
from newsweave.models import Claim


@pytest.fixture()
def arts():
    return world.articles()


@pytest.fixture()
def cmp(arts):
    return compare_event(world.record(arts), arts, world.copy_group_of())


def _values(entries, slot):
    return {e["value"]: e for e in entries if e["slot"] == slot}


def test_sources_collapse_copy_group(cmp):
    assert cmp["n_sources"] == 3
    wire = [s for s in cmp["sources"] if s["source"] == "cg-wire"]
    assert wire and wire[0]["article_ids"] == ["art-b", "art-c"]


def test_agreement_needs_two_independent_sources(cmp):
    agreed = _values(cmp["agreements"], "troops")
    # 400 troops: Alpha plus the wire copy (two outlets, one source) = two independent sources.
    assert agreed["400"]["sources"] == ["art-a", "cg-wire"]
    assert agreed["400"]["n_sources"] == 2
    assert len(agreed["400"]["claims"]) == 3


def test_copies_of_one_wire_story_are_not_corroboration(cmp):
    # "3 killed" appears in two articles, both copies of one wire story: unique, not an agreement.
    assert "3" not in _values(cmp["agreements"], "killed")
    unique = _values(cmp["unique"], "killed")["3"]
    assert unique["sources"] == ["cg-wire"]
    assert unique["article_ids"] == ["art-b", "art-c"]


def test_conflict_lists_each_claim_with_claimant_and_span(cmp):
    conflict = next(c for c in cmp["conflicts"] if c["slot"] == "killed")
    assert set(conflict["values"]) == {"7", "3"}
    claimants = {(c["article_id"], c["claimant"]) for c in conflict["claims"]}
    assert ("art-a", "health ministry") in claimants and ("art-b", "rebel spokesman") in claimants
    for c in conflict["claims"]:
        ev = c["evidence"]
        assert world.TEXTS[ev["article_id"]][ev["start"] : ev["end"]] == ev["text"]


def test_negated_claim_is_a_stance_not_a_number(cmp):
    injured = cmp["slots"]["injured"]
    negated = [v for v in injured["values"] if v["kind"] == "negated"]
    assert negated and negated[0]["value"] == "none reported"
    assert injured["conflict"]  # "12 wounded" against "no immediate reports of injuries"


def test_unknown_claim_contradicts_nothing(arts):
    rec = world.record(arts)
    silent = world.claim(arts, "art-d", "troops", "no immediate reports", unknown=True)
    rec = dataclasses.replace(rec, claims=rec.claims + (silent,))
    out = compare_event(rec, arts, world.copy_group_of())
    assert not out["slots"]["troops"]["conflict"]
    assert any(v["value"] == "not stated" for v in out["slots"]["troops"]["values"])


def test_omissions_name_the_silent_source(cmp):
    om = {(o["slot"], o["source"]) for o in cmp["omissions"]}
    assert ("troops", "art-d") in om  # Alpha and the wire report troop numbers, Delta does not
    assert ("injured", "cg-wire") in om
    assert not any(o["source"] == "art-a" for o in cmp["omissions"] if o["slot"] == "killed")


def test_background_figure_is_not_counted(cmp):
    assert all(v["value"] != "30" for v in cmp["slots"]["killed"]["values"])
    assert any(b["value"] == "30" for b in cmp["background"])


def test_fatalities_conservative_is_lowest_credible(cmp):
    f = cmp["fatalities"]
    assert (f["low"], f["best"], f["high"], f["conservative"]) == (3, 7, 7, 3)
    assert f["disputed"]
    assert {d["value"] for d in f["dispute"]} >= {"7", "3", "30"}
    assert not next(d for d in f["dispute"] if d["value"] == "30")["counted"]


def test_fatalities_without_numbers(arts):
    c = world.claim(arts, "art-d", "killed", "no immediate reports of injuries", negated=True)
    f = fatalities([c], {})
    assert f["conservative"] is None and f["best"] is None
    assert f["dispute"][0]["value"] == "none reported"


def test_fatalities_open_range(arts):
    at_least = world.claim(arts, "art-a", "killed", "7 people were killed", 7, None)
    f = fatalities([at_least], {})
    assert (f["low"], f["high"], f["conservative"]) == (7, 7, 7)
    assert f["dispute"][0]["value"] == "at least 7"


def test_actor_and_blame_are_grounded(cmp):
    actors = _values(cmp["unique"], "actors")
    ev = actors["Northern Front"]["claims"][0]["evidence"]
    assert world.TEXTS["art-a"][ev["start"] : ev["end"]] == "Northern Front"
    assert "Northern Front (blamed)" in _values(cmp["unique"], "blame")


def test_lineage_reports_what_each_copy_changed(arts):
    lin = lineage(world.copy_group(), arts)
    assert lin["canonical"]["outlet"] == "Wire Daily"
    copy = next(m for m in lin["members"] if m["role"] == "copy")
    assert copy["outlet"] == "Gamma Times" and copy["containment"] == 0.93
    assert copy["added"] and copy["changed"][0]["to"].endswith("</script>")
    assert lin["outlets"] == ["Gamma Times", "Wire Daily"]


def test_compare_stage_stores_comparisons():
    store = world.build_store()
    body = store.comparison("ev-1")
    assert body and body["event_id"] == "ev-1"
    assert body["lineage"][0]["group_id"] == "cg-wire"


def test_claim_type_is_the_models_claim():
    # Guard: the fixture builds real models.Claim values, so the comparison sees what extraction stores.
    assert isinstance(world.record().claims[0], Claim)
