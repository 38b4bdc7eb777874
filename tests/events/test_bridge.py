"""Bridges across the time window: aged names, the bridging rule, and the stored name index across runs."""

from __future__ import annotations

import json
from pathlib import Path

import newsweave
from newsweave.events.bridge import aged_names, bridges
from newsweave.events.features import ArticleFields


def _fields(title: str, lead: str) -> ArticleFields:
    return ArticleFields(title=title, lead=lead, recap="", names=())


def test_aged_names() -> None:
    f = _fields(
        "Man charged in death of Beloit teen",
        "Police said 18-year-old Hugo Martinez, of Beloit, was arrested. Marcus Seichter, 17, died at the scene."
        " A man from Santa Cruz, 23, was also hurt.",
    )
    assert aged_names(f) == {"hugo martinez", "marcus seichter"}
    # First and last word, a generational suffix dropped.
    assert aged_names(_fields("Plea", "John Henry Burnsworth III, 14, entered a plea.")) == {"john burnsworth"}
    # A name that is one of the article's places is no person.
    assert aged_names(f, frozenset({"hugo martinez"})) == {"marcus seichter"}


def test_bridges_join_only_events_the_window_closed() -> None:
    # Rows 0-1: June event; row 2: a December trial report naming the same person; row 3: a July report
    # naming them too (within the window of the June event: left to the similarity, no bridge).
    days = [100, 101, 300, 130]
    seichter = frozenset({"marcus seichter"})
    names = [seichter, frozenset(), seichter, seichter]
    members = [[0, 1], [3], [2]]
    out = bridges(members, days, names, first_new=1, window_days=60)
    assert [(b.event, b.into, b.name, b.row, b.matched) for b in out] == [(2, 0, "marcus seichter", 2, 0)]
    # The earlier event is stored and outside the run: it comes as (index, last day, {name: article id}).
    out = bridges([[], [2]], days, names, first_new=1, window_days=60, closed=[(0, 101, {"marcus seichter": "a0"})])
    assert [(b.event, b.into, b.matched) for b in out] == [(1, 0, "a0")]
    # Undated reports never bridge.
    assert bridges(members, [None, None, None, None], names, first_new=1, window_days=60) == []


def _record(rid: str, date: str, title: str, text: str) -> dict[str, str]:
    return {"id": rid, "title": title, "text": text, "date": date, "url": None, "source": f"outlet-{rid}"}


def test_later_run_joins_closed_event_by_aged_name(tmp_path: Path) -> None:
    first = tmp_path / "june.jsonl"
    later = tmp_path / "december.jsonl"
    first.write_text(json.dumps(_record(
        "r1", "2016-06-03", "Teen killed in Beloit shooting",
        "BELOIT, Wis. - Marcus Seichter, 17, was shot and killed on Friday night at a home on Elm Street. Police"
        " said the shooting was accidental and that a friend had been handling the gun in the kitchen.",
    )) + "\n", encoding="utf-8")
    later.write_text(json.dumps(_record(
        "r2", "2016-12-14", "Jury hears closing arguments in manslaughter trial",
        "Prosecutors told the jury that the defendant pointed the loaded pistol at Marcus Seichter, 17, before it"
        " fired. The defence said the teenager's death was a tragic accident and asked for an acquittal.",
    )) + "\n", encoding="utf-8")
    nw = newsweave.open(str(tmp_path / "db.sqlite"))
    nw.run([str(first)], only=["ingest", "clean", "dedup", "events"])
    nw.run([str(later)], only=["ingest", "clean", "dedup", "events"])
    events = nw.store.events()
    assert len(events) == 1 and len(events[0].article_ids) == 2
    bridged = [a for a in events[0].assignments if a.note.startswith("joined across the time window")]
    assert len(bridged) == 1 and bridged[0].shared_names == ("marcus seichter",)
    assert bridged[0].matched_article == events[0].article_ids[0]
    assert events[0].date == "2016-06-03"
