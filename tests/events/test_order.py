"""Undated reports are processed in an order taken from their words, never from the order the files came in."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

import newsweave
from newsweave.events import order as order_mod
from newsweave.events.order import content_order, text_rows
from newsweave.settings import load_settings

# Four made-up stories, three differently worded reports each, all undated.
_STORIES = {
    "fire": [
        ("Warehouse fire in Dunmore burns through the night", "Crews fought a blaze at a Dunmore paper warehouse"
         " until dawn; the roof collapsed and smoke closed Route 6."),
        ("Dunmore warehouse blaze collapses roof", "Firefighters from four towns battled flames at the paper"
         " warehouse in Dunmore, where the roof fell in before sunrise."),
        ("Smoke from Dunmore fire shuts Route 6", "A paper warehouse fire in Dunmore sent smoke over Route 6"
         " overnight as crews poured water on the collapsed roof."),
    ],
    "quake": [
        ("Earthquake rattles Port Elsie harbour", "A magnitude 5.8 earthquake shook Port Elsie, cracking the"
         " harbour wall and toppling cranes at the container terminal."),
        ("Port Elsie quake damages container terminal", "Cranes fell at the Port Elsie container terminal when a"
         " 5.8 magnitude earthquake cracked the harbour wall."),
        ("Aftershocks follow Port Elsie earthquake", "Residents of Port Elsie felt aftershocks after the 5.8"
         " earthquake that damaged the harbour wall and terminal cranes."),
    ],
    "budget": [
        ("Lakeview council passes parks budget", "The Lakeview city council voted 6-3 to pass a parks budget that"
         " adds two pools and cuts library hours."),
        ("Library hours cut as Lakeview budget passes", "Lakeview councillors approved the parks budget by six"
         " votes to three, trimming library hours to pay for two pools."),
        ("Two new pools in Lakeview parks budget", "A parks budget with two new pools won a 6-3 council vote in"
         " Lakeview despite cuts to library hours."),
    ],
    "final": [
        ("Riverside wins regional football final", "Riverside beat Hillcrest 3-1 in the regional football final"
         " with two late goals from its captain."),
        ("Late goals hand Riverside regional title", "Riverside's captain scored twice late on as Riverside"
         " defeated Hillcrest 3-1 in the regional final."),
        ("Hillcrest falls to Riverside in final", "Hillcrest lost the regional football final 3-1 to Riverside,"
         " whose captain struck twice in the closing minutes."),
    ],
}


def _records() -> list[dict]:
    return [
        {"id": f"{story}-{k}", "title": title, "text": text, "date": None, "url": None, "source": None}
        for story, reports in _STORIES.items()
        for k, (title, text) in enumerate(reports)
    ]


def _events(tmp_path: Path, name: str, records: list[dict]) -> list[frozenset[str]]:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    # Chunks of four: a run of twelve reports takes three chunks, each meeting only the one before.
    nw = newsweave.open(str(tmp_path / f"{name}.db"), settings=load_settings(event_chunk=4))
    nw.run([str(path)], only=["ingest", "clean", "dedup", "events"])
    record_of = {r["id"]: json.loads(r["extra"])["id"] for r in nw.store.query("SELECT id, extra FROM documents")}
    return sorted((frozenset(record_of[a] for a in e.article_ids) for e in nw.store.events()), key=sorted)


def test_events_do_not_depend_on_the_file_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(order_mod, "LEAF", 2)
    grouped = _records()
    shuffled = grouped[:]
    random.Random(4).shuffle(shuffled)
    interleaved = [grouped[s * 3 + k] for k in range(3) for s in range(4)]  # fire, quake, budget, final, fire...
    runs = [_events(tmp_path, name, recs) for name, recs in
            [("grouped", grouped), ("shuffled", shuffled), ("interleaved", interleaved)]]
    assert runs[0] == runs[1] == runs[2]
    # And the order the words give keeps each story's reports within reach of each other.
    assert runs[0] == sorted((frozenset(f"{s}-{k}" for k in range(3)) for s in _STORIES), key=sorted)


def test_content_order_puts_topics_side_by_side() -> None:
    texts = [t + " " + x for reports in _STORIES.values() for t, x in reports]
    interleaved = [texts[s * 3 + k] for k in range(3) for s in range(4)]
    got = content_order(text_rows(interleaved), leaf=3)
    # Each run of three in the new order is one story (row r of ``interleaved`` is story r % 4).
    assert [len({r % 4 for r in got[i : i + 3]}) for i in range(0, 12, 3)] == [1, 1, 1, 1]


def test_content_order_is_a_permutation_and_deterministic() -> None:
    rng = np.random.default_rng(3)
    m = sparse.random(300, 50, density=0.1, random_state=rng, format="csr")
    first = content_order(m, leaf=16)
    assert sorted(first) == list(range(300))
    assert content_order(m, leaf=16) == first
    assert content_order(sparse.csr_matrix((5, 3))) == [0, 1, 2, 3, 4]  # nothing to split on: as given


def _ordered(records: list[tuple[str, str, str | None]]) -> list[str]:
    """The stage's processing order of (id, text, published) rows, read through a stand-in store."""
    from types import SimpleNamespace

    from newsweave.events.stage import _processing_order
    from newsweave.models import Article, Segment

    by_id = {
        i: Article(i, text, (Segment(0, len(text), "body"),), "text", title="", published=published)
        for i, text, published in records
    }
    store = SimpleNamespace(articles=lambda ids: [by_id[i] for i in sorted(ids, reverse=True)])
    rows = [(i, published) for i, _, published in records]
    return [rows[k][0] for k in _processing_order(SimpleNamespace(store=store), rows)]


def test_an_undated_report_goes_beside_the_dated_reports_it_resembles() -> None:
    fire, quake = " ".join(_STORIES["fire"][0]), " ".join(_STORIES["quake"][0])
    records = [
        ("q1", _STORIES["quake"][1][1], "2021-06-10"),
        ("f1", _STORIES["fire"][1][1], "2021-01-05"),
        ("u-fire", fire, None),
        ("f2", _STORIES["fire"][2][1], "2021-01-06"),
        ("u-quake", quake, None),
        ("q2", _STORIES["quake"][2][1], "2021-06-11"),
        ("x", "Nothing in common with anything else here at all", None),
    ]
    # Each undated report right after its nearest dated one (f2, q1); "x" resembles nothing dated: first.
    want = ["x", "f1", "f2", "u-fire", "q1", "u-quake", "q2"]
    assert _ordered(records) == want
    assert _ordered(records[::-1]) == want
    assert _ordered(records[3:] + records[:3]) == want


def test_an_undated_run_is_ordered_by_its_words_whatever_the_file_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(order_mod, "LEAF", 3)
    records = [(f"{s}-{k}", t + " " + x, None) for s, reports in _STORIES.items() for k, (t, x) in enumerate(reports)]
    got = _ordered(records)
    assert _ordered(records[::-1]) == got == _ordered(records[5:] + records[:5])
    assert [len({i.split("-")[0] for i in got[k : k + 3]}) for k in range(0, 12, 3)] == [1, 1, 1, 1]
