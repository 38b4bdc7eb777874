from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "report"))

import world  # noqa: E402

from newsweave.audit import audit, check_span  # noqa: E402


def test_clean_world_has_no_unsupported_items():
    assert audit(world.build_store()) == []


def test_tampered_claim_span_is_flagged():
    store = world.build_store(run_compare=False)
    rec = world.record()
    c = rec.claims[0]
    shifted = dataclasses.replace(c, evidence=dataclasses.replace(c.evidence, start=c.evidence.start + 4))
    store.put_records([dataclasses.replace(rec, claims=(shifted,) + rec.claims[1:])])
    bad = audit(store)
    assert any(b["kind"] == "record" and b["field"] == "claims[0].evidence" for b in bad)


def test_place_that_does_not_read_in_its_span_is_flagged():
    store = world.build_store(run_compare=False)
    rec = world.record()
    wrong = dataclasses.replace(rec.places[0], name="Otherville")
    store.put_records([dataclasses.replace(rec, places=(wrong,) + rec.places[1:])])
    assert [b["field"] for b in audit(store)] == ["places[0].evidence"]


def test_tampered_comparison_and_missing_article_are_flagged():
    store = world.build_store()
    body = store.comparison("ev-1")
    ev = body["conflicts"][0]["claims"][0]["evidence"]
    ev["text"] = "70 people were killed"
    body["agreements"][0]["claims"][0]["evidence"]["article_id"] = "no-such-article"
    store.put_comparison("ev-1", body)
    reasons = [b["reason"] for b in audit(store) if b["kind"] == "comparison"]
    assert any("stored text" in r for r in reasons)
    assert any("does not exist" in r for r in reasons)


def test_check_span_bounds_and_sentence():
    art = world.articles()["art-a"]
    assert "out of bounds" in check_span(art, {"article_id": "art-a", "start": 5, "end": 10_000, "text": "x"})
    ok = {"article_id": "art-a", "start": 0, "end": 5, "text": art.raw_text[:5]}
    assert check_span(art, ok) is None
    outside = {**ok, "sentence": art.raw_text[100:120], "sentence_start": 100, "sentence_end": 120}
    assert "outside its sentence" in check_span(art, outside)
