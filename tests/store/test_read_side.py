"""The read side the web app leans on: read-only connections, the store version and memo, record places,
event rows built from stored JSON, keyset pages, edits of one event."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newsweave.models import Article, Assignment, CopyGroup, Event, EventRecord, Place
from newsweave.store import SQLiteStore, _codec
from newsweave.store.queries import event_briefs, event_rows_for, find_event_rows, find_events


def _place(name: str, lat: float | None, lon: float | None) -> Place:
    return Place(name, lat, lon, "city", None, "event")


def _store(path) -> SQLiteStore:
    s = SQLiteStore(path)
    s.put_events([
        Event("e1", "one", ("a1", "a2"), "2031-01-01", "day", "st", (Assignment("a1", "e1", 0.123456, True, ("x",)),)),
        Event("e2", "two", ("a3",), "2031-01-02", "day", "st"),
        Event("e3", "three", ("a4",), None, "unknown", "st"),
    ])
    s.replace_copy_groups([CopyGroup("cg", "a1", ("a1", "a2"), "AP")])
    s.put_articles([Article(a, "text", (), "text", outlet=f"outlet {a}", title=f"title {a}")
                    for a in ("a1", "a2", "a3")])
    return s


def test_record_places_follow_records(tmp_path) -> None:
    s = _store(tmp_path / "p.db")
    s.put_records([EventRecord("e1", location=_place("Vell", 45.0, 10.0)), EventRecord("e2")])
    briefs = {b["id"]: b for b in event_briefs(s, story_id="st")}
    assert (briefs["e1"]["place"], briefs["e1"]["lat"], briefs["e1"]["lon"]) == ("Vell", 45.0, 10.0)
    assert briefs["e2"]["place"] is None and briefs["e3"]["lat"] is None
    s.put_records([EventRecord("e1")])  # the location was corrected away
    assert next(b for b in event_briefs(s) if b["id"] == "e1")["place"] is None
    s.put_records([EventRecord("e1", location=_place("Ost", 1.0, 2.0))])
    s.delete_events(["e1"])
    assert s.query("SELECT count(*) AS n FROM record_places")[0]["n"] == 0
    assert set(event_briefs(s, limit=10, located=False)[0]) == {"id", "title", "date"}


def test_migration_3_backfills_record_places(tmp_path) -> None:
    path = tmp_path / "m.db"
    s = _store(path)
    s.put_records([EventRecord("e1", location=_place("Vell", 45.0, 10.0)), EventRecord("e2")])
    s.close()
    con = sqlite3.connect(path)  # back to schema 2, as a store written before migration 3
    con.execute("DROP TABLE record_places")
    con.execute("DELETE FROM migrations WHERE version = 3")
    con.commit()
    con.close()
    s = SQLiteStore(path)
    assert s.schema_version >= 3
    assert s.query("SELECT event_id, place, lat, lon FROM record_places") == [
        {"event_id": "e1", "place": "Vell", "lat": 45.0, "lon": 10.0}
    ]


def test_read_only_connection_sees_commits_and_refuses_writes(tmp_path) -> None:
    path = tmp_path / "r.db"
    writer = _store(path)
    reader = SQLiteStore(path, read_only=True)
    assert reader.event("e1").title == "one"
    v0 = reader.version()
    calls = []
    newest = lambda: calls.append(1) or [b["id"] for b in event_briefs(reader, limit=1)]  # noqa: E731
    assert reader.memo("newest", newest) == ["e2"] and reader.memo("newest", newest) == ["e2"] and len(calls) == 1
    writer.put_events([Event("e9", "nine", ("a9",), "2031-02-01")])
    assert reader.version() != v0
    assert reader.memo("newest", newest) == ["e9"] and len(calls) == 2  # recomputed after another's commit
    with pytest.raises(sqlite3.OperationalError):
        reader.execute("DELETE FROM events")
    assert writer.count("events") == 4


def test_memo_sees_own_writes(tmp_path) -> None:
    s = SQLiteStore(":memory:")
    assert s.memo("n", lambda: s.count("events")) == 0
    s.put_events([Event("e1", "one", ("a1",))])
    assert s.memo("n", lambda: s.count("events")) == 1


def test_event_rows_from_stored_json_equal_rows_from_nouns(tmp_path) -> None:
    s = _store(tmp_path / "j.db")
    bodies = [r["body"] for r in s.query("SELECT body FROM events ORDER BY id")]
    from_nouns = event_rows_for(s, [_codec.loads(Event, b) for b in bodies])
    assert event_rows_for(s, [json.loads(b) for b in bodies]) == from_nouns
    assert from_nouns[0]["explanation"][0]["score"] == 0.1235 and from_nouns[0]["copy_groups"] == [["a1", "a2"]]
    assert from_nouns[0]["independent_sources"] == 1 and from_nouns[0]["articles"][1]["outlet"] == "outlet a2"
    assert from_nouns[2]["articles"] == [{"id": "a4", "path": None, "url": None, "outlet": None, "published": None,
                                          "title": None, "copy_group": None}]  # an article not in the store
    assert s.event_body("e1") == json.loads(bodies[0])


def test_keyset_pages_walk_dated_then_undated_once(tmp_path) -> None:
    s = SQLiteStore(tmp_path / "k.db")
    s.put_events([Event(f"e{i:02d}", str(i), (f"a{i}",), None if i % 4 == 0 else f"2031-01-{i % 3 + 1:02d}")
                  for i in range(1, 23)])
    expected = [e.id for e in sorted(s.events(), key=lambda e: (e.date is not None, e.date or "", e.id), reverse=True)]
    for limit in (1, 3, 7, 50):
        seen, cursor = [], None
        while True:
            rows, cursor = find_event_rows(s, cursor=cursor, limit=limit)
            seen += [r["id"] for r in rows]
            if not cursor:
                break
        assert seen == expected, limit
    page, _ = find_events(s, limit=5)
    assert [e.id for e in page] == expected[:5]


def test_malformed_cursors_are_value_errors(tmp_path) -> None:
    from newsweave.store.queries import encode_cursor

    s = _store(tmp_path / "c.db")
    for bad in ("%%%", encode_cursor("2031-01-01"), encode_cursor(1, 2, 3), encode_cursor([1], "x")):
        with pytest.raises(ValueError):
            find_event_rows(s, cursor=bad)


def test_edits_of_one_event(tmp_path) -> None:
    s = _store(tmp_path / "ed.db")
    s.add_edit("merge", {"into": "e1", "event": "e2"})
    s.add_edit("edit", {"event": "e10", "field": "title", "value": "e1 lookalike"})
    s.add_edit("move", {"article": "a3", "to": "e1"})
    assert [d["kind"] for d in s.edits_of("e1")] == ["merge", "move"]
    assert [d["kind"] for d in s.edits_of("e2")] == ["merge"]
    assert s.edits_of("e_") == [] and s.edits_of('we"ird') == []


def _stored_rows(s: SQLiteStore) -> dict[str, dict]:
    return {r["event_id"]: json.loads(r["body"]) for r in s.query("SELECT event_id, body FROM event_rows")}


def _fresh_rows(s: SQLiteStore) -> dict[str, dict]:
    return {r["id"]: r for r in event_rows_for(s, s.events())}


def test_stored_event_rows_follow_every_write_they_depend_on(tmp_path) -> None:
    s = _store(tmp_path / "rows.db")
    assert _stored_rows(s) == _fresh_rows(s) and len(_stored_rows(s)) == 3
    s.replace_copy_groups([CopyGroup("cg2", "a2", ("a2", "a3"), "AFP")])  # a1 leaves its group, a3 joins one
    assert _stored_rows(s)["e1"]["copy_groups"] == [] and _stored_rows(s)["e2"]["articles"][0]["copy_group"] == "cg2"
    s.put_articles([Article("a3", "text", (), "text", outlet="renamed", title="new title")])
    assert _stored_rows(s)["e2"]["articles"][0]["outlet"] == "renamed"
    s.put_events([Event("e2", "two, corrected", ("a3", "a1"), "2031-01-02", "day", "st")])
    s.delete_events(["e3"])
    assert _stored_rows(s) == _fresh_rows(s) and set(_stored_rows(s)) == {"e1", "e2"}
    s.put_events([Event("e8", "eight", ("a1",), "2031-01-05")])  # a1 now also listed by e8; e1 not re-put
    s.put_articles([Article("a1", "text", (), "text", outlet="moved outlet")])
    assert _stored_rows(s) == _fresh_rows(s) and _stored_rows(s)["e2"]["articles"][1]["outlet"] == "moved outlet"
    s.replace_events([Event("e7", "seven", ("a2",), "2031-03-01")])
    assert _stored_rows(s) == _fresh_rows(s) and set(_stored_rows(s)) == {"e7"}
    rows, _ = find_event_rows(s)
    assert rows == [_fresh_rows(s)["e7"]]


def test_missing_event_rows_are_built_and_migration_4_backfills(tmp_path) -> None:
    path = tmp_path / "m4.db"
    s = _store(path)
    s.execute("DELETE FROM event_rows WHERE event_id = 'e1'")
    rows, _ = find_event_rows(s)  # a missing row is built, not skipped
    assert {r["id"]: r for r in rows} == _fresh_rows(s)
    s.close()
    con = sqlite3.connect(path)
    con.execute("DROP TABLE event_rows")
    con.execute("DELETE FROM migrations WHERE version = 4")
    con.commit()
    con.close()
    s = SQLiteStore(path)
    assert s.schema_version >= 4 and _stored_rows(s) == _fresh_rows(s)


def test_stored_event_rows_match_after_the_pipeline_and_corrections(tmp_path) -> None:
    from pathlib import Path

    import newsweave

    demo = Path(__file__).resolve().parents[2] / "examples" / "demo"
    with newsweave.open(str(tmp_path / "demo.db")) as nw:
        nw.run([str(demo)], show_progress=False, on_message=lambda m: None)
        s = nw.store
        assert _stored_rows(s) == _fresh_rows(s) and len(_stored_rows(s)) >= 2
        events = s.events()
        big = max(events, key=lambda e: len(e.article_ids))
        other = next(e for e in events if e.id != big.id)
        s.add_edit("merge", {"into": big.id, "event": other.id})
        s.add_edit("split", {"event": big.id, "articles": [big.article_ids[0]]})
        nw.run([], only=["corrections", "extract", "compare"], show_progress=False, on_message=lambda m: None)
        assert other.id not in {e.id for e in s.events()} and s.event_id_of(big.article_ids[0]) != big.id
        assert _stored_rows(s) == _fresh_rows(s)
        nw.run([str(demo)], show_progress=False, on_message=lambda m: None)  # re-ingest: nothing changes
        assert _stored_rows(s) == _fresh_rows(s)


def test_story_rows_count_conflicts_from_comparison_counts(tmp_path) -> None:
    from newsweave.models import Story
    from newsweave.store.queries import story_rows

    path = tmp_path / "st.db"
    s = _store(path)
    s.replace_stories([Story("st", "a story", ("e1", "e2", "e3", "gone"))])
    s.put_comparison("e1", {"conflicts": [{"slot": "killed"}, {"slot": "injured"}]})
    s.put_comparison("e2", {"conflicts": []})
    row = story_rows(s)[0]
    assert (row["event_ids"], row["n_articles"], row["conflicts"]) == (["e1", "e2", "e3"], 4, 2)
    assert row["latest"] == "2031-01-02"
    assert row["independent_sources"] == 3  # a1 and a2 are one copy group
    s.put_comparison("e1", {"conflicts": [{"slot": "killed"}]})
    assert story_rows(s)[0]["conflicts"] == 1
    s.delete_events(["e1"])
    assert story_rows(s)[0]["conflicts"] == 0 and s.query("SELECT count(*) AS n FROM comparison_counts")[0]["n"] == 1
    s.put_comparison("e2", {"conflicts": [{"slot": "killed"}] * 3})
    s.close()
    con = sqlite3.connect(path)  # back to schema 4: migration 5 counts from the stored comparisons
    con.execute("DROP TABLE comparison_counts")
    con.execute("DELETE FROM migrations WHERE version = 5")
    con.commit()
    con.close()
    assert story_rows(SQLiteStore(path))[0]["conflicts"] == 3


def test_record_entities_follow_records_and_migration_6_backfills(tmp_path) -> None:
    from newsweave.models import Entity
    from newsweave.store.queries import entity_rows

    path = tmp_path / "ent.db"
    s = _store(path)
    bell = Entity("p-bell", "person", "Ana Bell", ("Governor Bell",))
    s.put_records([EventRecord("e1", entities=(bell, Entity("o-un", "org", "UN"))),
                   EventRecord("e2", entities=(Entity("p-bell", "person", "Ana Bell", ("Ms Bell",)),))])
    rows = entity_rows(s)
    assert [(e["id"], e["events"], e["aliases"]) for e in rows] == [
        ("p-bell", ["e1", "e2"], ["Governor Bell", "Ms Bell"]), ("o-un", ["e1"], [])]
    assert [e["id"] for e in entity_rows(s, q="GOVERNOR")] == ["p-bell"]
    assert entity_rows(s, q="governor")[0]["events"] == ["e1"]
    assert [e["id"] for e in entity_rows(s, kind="org")] == ["o-un"]
    s.put_records([EventRecord("e1")])  # e1's record no longer names anyone
    assert [(e["id"], e["events"]) for e in entity_rows(s)] == [("p-bell", ["e2"])]
    s.delete_events(["e2"])
    assert entity_rows(s) == []
    s.put_records([EventRecord("e1", entities=(bell,))])
    s.close()
    con = sqlite3.connect(path)
    con.execute("DROP TABLE record_entities")
    con.execute("DELETE FROM migrations WHERE version = 6")
    con.commit()
    con.close()
    assert [(e["id"], e["aliases"]) for e in entity_rows(SQLiteStore(path))] == [("p-bell", ["Governor Bell"])]
