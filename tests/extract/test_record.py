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


def _undated(articles: dict[str, Article], *keys: str, published: dict[str, str] | None = None) -> list[Article]:
    import dataclasses

    return [dataclasses.replace(articles[k], published=(published or {}).get(k)) for k in keys]


def test_2021_location_is_the_border_region_from_a_reporting_sentence(articles: dict[str, Article]) -> None:
    event = Event(id="e2021", title="US strikes", article_ids=_2021)
    rec = build_record(event, _undated(articles, *_2021), {}, say=lambda m: None)
    loc = rec.location
    assert loc is not None and loc.precision == "region" and set(loc.countries) == {"IQ", "SY"}
    # cited from 004's report of the strikes, not 003's sentence about Israel's own campaign
    assert loc.evidence.article_id == "004" and "Iraq-Syria border region" in loc.evidence.sentence
    assert "Israel" not in loc.evidence.sentence
    # a point on the border computed from the gazetteer, between the two countries' centres
    assert 33.0 < loc.lat < 37.5 and 38.5 < loc.lon < 43.8
    # Israel's airstrikes are another actor's campaign: no place or figure of that sentence is an event field
    israel = articles["003"].raw_text.index("Israel, meanwhile")
    assert not any(c.evidence.article_id == "003" and c.evidence.start >= israel and c.evidence.start < israel + 200
                   for c in rec.claims)
    # no article has a date of its own: unknown, not a guess
    assert rec.date is None or (rec.date.value is None and rec.date.precision == "unknown")


def test_a_copy_group_is_one_source_that_pools_its_members_date_and_places(articles: dict[str, Article]) -> None:
    # 001 has no publication date; its wire copy 002 has one and says the strikes came "today"
    arts = _undated(articles, "001", "002", published={"002": "2024-01-23"})
    event = Event(id="e2024", title="US strikes", article_ids=("001", "002"))
    rec = build_record(event, arts, {"001": "g", "002": "g"}, say=lambda m: None)
    assert rec.date is not None and (rec.date.value, rec.date.precision) == ("2024-01-23", "day")
    assert rec.date.evidence is not None and rec.date.evidence.article_id == "002"
    # the copy's "about 60 kilometres south of Baghdad" is finer than "in Iraq" and is that source's word
    loc = rec.location
    assert loc is not None and loc.country == "IQ" and loc.precision in ("point", "city", "country")
    assert loc.evidence.article_id in ("001", "002")
    # without the dated copy the event stays undated
    alone = build_record(Event(id="e", title="t", article_ids=("001",)), arts[:1], {}, say=lambda m: None)
    assert alone.date is None or alone.date.value is None
