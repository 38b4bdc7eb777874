"""Actors of the 2021 seed event and record assembly over seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.extract.actors import event_actors, state_forces
from newsweave.extract.passages import passage_roles
from newsweave.extract.record import build_record, independent_articles
from newsweave.models import Article, Event, Segment

from .test_passages import seed_article

_2021 = ("000", "003", "004")


@pytest.fixture(scope="module")
def articles(seeds_dir: Path) -> dict[str, Article]:
    return {p.name[:3]: seed_article(p, "2021-06-28" if p.name[:3] in _2021 else "2024-01-23")
            for p in sorted(seeds_dir.glob("*.txt"))}


def _pairs(arts: list[Article]) -> list:
    return [(a, p) for a in arts for p in passage_roles(a)]


def test_actors_of_the_2021_strikes(articles: dict[str, Article]) -> None:
    actor1, actor2, assoc, evidence = event_actors(_pairs([articles[k] for k in _2021]))
    assert actor1 == "Military Forces of the United States"
    names = {actor2, *assoc}
    assert actor2 in ("Kataib Hezbollah", "Kata’ib Hezbollah")
    assert any("Sayyid al-Shuhada" in n for n in names)
    for ev in evidence:
        assert articles[ev.article_id].raw_text[ev.start : ev.end] == ev.text


def test_provoking_attack_does_not_make_us_forces_the_target() -> None:
    raw = ("The US launched air strikes against the Free Militia in response to drone attacks by the militia on "
           "US forces, officials said.")
    a = Article("x", raw, (Segment(0, len(raw), "body"),), "txt")
    actor1, actor2, _, _ = event_actors(_pairs([a]))
    assert actor1 == "Military Forces of the United States"
    assert actor2 == "Free Militia"


def test_background_sentences_give_no_actors() -> None:
    raw = "In 2015, Russian warplanes bombed the Sham Legion near the town."
    a = Article("x", raw, (Segment(0, len(raw), "body"),), "txt", published="2021-06-28")
    assert event_actors(_pairs([a]))[:2] == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("US forces", "Military Forces of the United States"), ("The United States", "Military Forces of the United States"),
     ("Israeli warplanes", "Military Forces of Israel"), ("Kataib Hezbollah", None)],
)
def test_state_forces_names(text: str, expected: str | None) -> None:
    assert state_forces(text) == expected


def test_independent_articles_keep_one_per_copy_group(articles: dict[str, Article]) -> None:
    arts = [articles["001"], articles["002"], articles["000"]]
    assert [a.id for a in independent_articles(arts, {"001": "g", "002": "g"})] == ["001", "000"]


def test_build_record_of_the_2021_event(articles: dict[str, Article]) -> None:
    event = Event(id="e2021", title="US strikes", article_ids=_2021)
    rec = build_record(event, [articles[k] for k in reversed(_2021)], {}, say=lambda m: None)
    assert rec.event_id == "e2021"
    assert (rec.event_type, rec.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert rec.type_evidence is not None and rec.type_evidence.article_id in _2021
    assert rec.actor1 == "Military Forces of the United States"
    assert "Hezbollah" in (rec.actor2 or "")
    # passages of every article, commentary kept as commentary
    assert {p.article_id for p in rec.passages} == set(_2021)
    by_span = {(p.article_id, p.start): p.role for p in rec.passages}
    a003 = articles["003"]
    comment_start = a003.raw_text.index("Comment: The SOHR")
    assert by_span[("003", comment_start)] == "commentary"
    # no claim or quote comes from a background or commentary sentence
    for item in (*rec.claims, *rec.quotes):
        ev = item.evidence
        role = next((p.role for p in rec.passages if p.article_id == ev.article_id and p.start <= ev.sentence_start < p.end), None)
        assert role in (None, "reporting", "quote"), (role, ev.sentence)
    # the February 2021 recap ("killed one civilian contractor") must not become a claim
    assert not any("civilian contractor" in c.evidence.sentence for c in rec.claims)


def test_build_record_survives_a_broken_article(articles: dict[str, Article]) -> None:
    broken = Article("bad", "short", (Segment(0, 99, "body"),), "txt", published="not a date")
    event = Event(id="e", title="t", article_ids=("000", "bad"))
    messages: list[str] = []
    rec = build_record(event, [articles["000"], broken], {}, say=messages.append)
    assert rec.sub_event_type == "Air/drone strike"


def test_stage_writes_records_and_dates_and_skips_a_failing_event(
    articles: dict[str, Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave.extract import stage as extract_stage
    from newsweave.models import RawDocument
    from newsweave.pipeline import Context
    from newsweave.store import open_store

    store = open_store(tmp_path / "t.db")
    arts = [articles[k] for k in ("000", "001")]
    store.add_documents((a.id, RawDocument(raw_text=a.raw_text, source_format="txt")) for a in arts)
    store.put_articles(arts)
    store.put_events([Event(id="ok", title="t", article_ids=("001",)), Event(id="boom", title="t", article_ids=("000",))])

    real = extract_stage.build_record

    def flaky(event, *args, **kwargs):
        if event.id == "boom":
            raise RuntimeError("kaput")
        return real(event, *args, **kwargs)

    monkeypatch.setattr(extract_stage, "build_record", flaky)
    messages: list[str] = []
    stats = extract_stage.STAGE.run(Context(store=store, on_message=messages.append))
    assert stats["records"] == 1 and stats["failed"] == 1
    assert any("boom" in m for m in messages)
    (rec,) = store.records()
    assert rec.event_id == "ok" and rec.event_type == "Explosions/Remote violence"
    # "said Tuesday" in a 2024-01-23 article: the stage writes the date back to the undated event
    assert rec.date is not None and rec.date.value == "2024-01-23"
    assert stats["dated"] == 1 and store.event("ok").date == "2024-01-23"
    assert store.event("ok").date_precision == rec.date.precision
    store.close()
