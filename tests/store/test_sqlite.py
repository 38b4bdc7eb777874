from __future__ import annotations

import sqlite3

import pytest

from newsweave.errors import MigrationError, NotFoundError
from newsweave.models import (
    Article,
    Assignment,
    Claim,
    CopyDiff,
    CopyGroup,
    Event,
    EventRecord,
    Evidence,
    RawDocument,
    Rejection,
    Segment,
    Story,
)
from newsweave.store import SQLiteStore, Store, open_store


def _doc(text: str, **kw) -> RawDocument:
    return RawDocument(raw_text=text, source_format="text", **kw)


def test_store_satisfies_protocol() -> None:
    assert isinstance(SQLiteStore(":memory:"), Store)


def test_documents_insert_once_and_keep_order(tmp_path) -> None:
    s = open_store(tmp_path / "a.db")
    assert s.add_documents([("b", _doc("second")), ("a", _doc("first"))]) == 2
    assert s.add_documents([("a", _doc("first")), ("c", _doc("third"))]) == 1
    assert [i for i, _ in s.documents()] == ["b", "a", "c"]
    assert s.count("documents") == 3


def test_wal_and_migrations_recorded(tmp_path) -> None:
    path = tmp_path / "w.db"
    s = open_store(path)
    assert s.schema_version >= 1
    s.close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT count(*) FROM migrations").fetchone()[0] >= 1
    con.execute("INSERT INTO migrations VALUES (999, 'from the future', datetime('now'))")
    con.commit()
    con.close()
    with pytest.raises(MigrationError):
        open_store(path)


def test_failed_transaction_rolls_back_and_keeps_committed(tmp_path) -> None:
    path = tmp_path / "t.db"
    s = open_store(path)
    s.add_documents([("a", _doc("kept"))])
    with pytest.raises(RuntimeError):
        with s.transaction():
            s.add_documents([("b", _doc("lost"))])
            raise RuntimeError("crash mid-batch")
    s.close()
    s2 = open_store(path)
    assert [i for i, _ in s2.documents()] == ["a"]


def test_articles_round_trip_and_prefix_lookup() -> None:
    s = SQLiteStore(":memory:")
    raw = "Title line\n\nBody text here.\nOops! Something went wrong."
    s.add_documents([("abc123", _doc(raw, outlet="X"))])
    assert [i for i, _ in s.documents(uncleaned=True)] == ["abc123"]
    art = Article(
        id="abc123",
        raw_text=raw,
        segments=(Segment(0, 10, "title"), Segment(12, 27, "body"), Segment(28, len(raw), "boilerplate")),
        source_format="text",
        outlet="X",
        published="2024-01-23",
    )
    s.put_articles([art])
    assert list(s.documents(uncleaned=True)) == []
    got = s.article("abc")
    assert got == art
    assert got.text == "Body text here."
    with pytest.raises(NotFoundError):
        s.article("zzz")


def test_rejections_deduplicated() -> None:
    s = SQLiteStore(":memory:")
    r = Rejection("bad.bin", "binary file (NUL bytes)")
    s.add_rejection(r)
    s.add_rejection(r)
    s.add_rejection(Rejection("x.jsonl", "malformed JSON", record="3"))
    assert s.rejections() == [r, Rejection("x.jsonl", "malformed JSON", record="3")]


def test_events_stories_records_round_trip() -> None:
    s = SQLiteStore(":memory:")
    ev = Event(
        id="ev-1",
        title="Strikes",
        article_ids=("a", "b"),
        date="2024-01-23",
        date_precision="day",
        story_id="st-1",
        assignments=(Assignment("b", "ev-1", 0.52, False, ("strike",), ("Austin",), "a"),),
    )
    s.replace_events([ev])
    assert s.events() == [ev]
    assert s.event_of() == {"a": "ev-1", "b": "ev-1"}
    st = Story("st-1", "US strikes", ("ev-1",), ("strike",))
    s.replace_stories([st])
    assert s.stories() == [st]
    cg = CopyGroup("cg-a", "a", ("a", "b"), "AFP", (CopyDiff("b", added=("x",), changed=(("p", "q"),)),), {"b": 0.7})
    s.replace_copy_groups([cg])
    assert s.copy_groups() == [cg]
    assert s.copy_group_of() == {"a": "cg-a", "b": "cg-a"}
    evd = Evidence("a", "AFP", 3, 6, "two", "with two killed", 0, 15)
    rec = EventRecord("ev-1", event_type="Explosions/Remote violence", claims=(Claim("killed", 2, 2, "AFP", None, evd),))
    s.put_records([rec])
    assert s.records() == [rec]
    s.delete_events(["ev-1"])
    assert s.events() == [] and s.records() == []


def test_state_and_edits() -> None:
    s = SQLiteStore(":memory:")
    assert s.get_state("x", 5) == 5
    s.set_state("x", {"a": [1, 2]})
    s.set_state("x", {"a": [3]})
    assert s.get_state("x") == {"a": [3]}
    eid = s.add_edit("merge", {"events": ["e1", "e2"]})
    assert s.edits()[0]["id"] == eid and s.edits()[0]["events"] == ["e1", "e2"]


def test_event_people_summaries_and_migration_9_backfills(tmp_path) -> None:
    path = tmp_path / "p.db"
    s = open_store(path)
    s.add_event_people([("ann lee", 0, "e1", "a1", 736000), ("bo li", 0, "e2", "a3", None),
                        ("ann lee", 1, "e3", "a5", 736100)])
    s.put_event_summaries({"e1": "fire at the mill", "e2": "flood"})
    assert s.event_people(["ann lee", "nobody", "ann lee"]) == {
        "ann lee": [("e1", "a1", 736000), ("e3", "a5", 736100)]
    }
    assert s.event_summaries(["e2", "e9"]) == {"e2": "flood"} and len(s.event_summaries()) == 2
    s.close()
    con = sqlite3.connect(path)  # back to schema 8: the stage's memory in state JSON, as it was kept then
    con.execute("DROP TABLE event_people")
    con.execute("DROP TABLE event_summaries")
    con.execute("DELETE FROM migrations WHERE version = 9")
    con.execute("INSERT INTO state VALUES ('events.people', ?)",
                ('{"ann lee": [["e1", "a1", 736000], ["e3", "a5", 736100]], "bo li": [["e2", "a3", null]]}',))
    con.execute("INSERT INTO state VALUES ('events.summaries', ?)", ('{"e1": "fire at the mill", "e2": "flood"}',))
    con.commit()
    con.close()
    s = open_store(path)
    assert s.schema_version >= 9
    assert s.event_people(["bo li", "ann lee"]) == {
        "ann lee": [("e1", "a1", 736000), ("e3", "a5", 736100)], "bo li": [("e2", "a3", None)]
    }
    assert s.event_summaries() == {"e1": "fire at the mill", "e2": "flood"}
    assert s.get_state("events.people") is None and s.get_state("events.summaries") is None


def test_events_by_id_in_batches_keep_one_order() -> None:
    s = SQLiteStore(":memory:")
    events = [Event(f"e{i:04d}", f"t{i}", (f"a{i}",), None if i % 7 == 0 else f"2020-0{1 + i % 9}-1{i % 10}")
              for i in range(1300)]
    s.put_events(events)
    wanted = [e.id for e in events[::-1] if not e.id.endswith("3")] + ["e0001", "nope"]
    got = s.events(wanted)
    assert [e.id for e in got] == [e.id for e in s.events() if e.id in set(wanted)]
    assert len(got) == len(set(wanted)) - 1
    assert s.event_order(wanted) == [e.id for e in got]  # the same order, without decoding
    heads = s.event_heads()
    assert len(heads) == 1300 and heads[0] == ("e0000", "t0", None)


def test_documents_page_through_every_document_in_order() -> None:
    s = SQLiteStore(":memory:")
    ids = [f"d{i:04d}" for i in range(1234)][::-1]  # ingest order is not id order
    s.add_documents([(i, _doc(f"text {i}")) for i in ids])
    assert [i for i, _ in s.documents()] == ids
    s.put_articles([Article(i, f"text {i}", (), "text") for i in ids[::3]])
    assert [i for i, _ in s.documents(uncleaned=True)] == [i for k, i in enumerate(ids) if k % 3]
    assert [i for i, _ in s.unassigned_articles()] == ids[::3]
    s.put_events([Event("e1", "one", (ids[0], ids[3]))])
    assert [i for i, _ in s.unassigned_articles()] == ids[6::3] and s.count("event_articles") == 2
