from __future__ import annotations

import pytest

from newsweave.corrections import apply_edits, validate_edit
from newsweave.corrections.stage import STAGE
from newsweave.errors import NewsweaveError
from newsweave.models import Event
from newsweave.pipeline import Context
from newsweave.store import SQLiteStore


def _events() -> list[Event]:
    return [
        Event("e1", "Flood", ("a", "b")),
        Event("e2", "Flood again", ("c",)),
        Event("e3", "Landslide", ("d", "e", "f")),
    ]


def test_merge_split_move_edit() -> None:
    edits = [
        {"kind": "merge", "into": "e1", "event": "e2"},
        {"kind": "split", "event": "e3", "articles": ["f"]},
        {"kind": "move", "article": "e", "to": "e1"},
        {"kind": "edit", "event": "e1", "field": "title", "value": "Dam breaks"},
    ]
    out, touched = apply_edits(_events(), edits)
    by = {e.id: e for e in out}
    assert "e2" not in by
    assert by["e1"].article_ids == ("a", "b", "c", "e")
    assert by["e1"].title == "Dam breaks"
    assert by["e3"].article_ids == ("d",)
    split = [e for e in out if e.id.startswith("ev-u")]
    assert len(split) == 1 and split[0].article_ids == ("f",)
    assert set(touched) >= {"e1", "e2", "e3", split[0].id}


def test_replay_is_idempotent() -> None:
    edits = [{"kind": "merge", "into": "e1", "event": "e2"}, {"kind": "split", "event": "e3", "articles": ["f"]}]
    once, _ = apply_edits(_events(), edits)
    twice, _ = apply_edits(once, edits)
    assert once == twice


def test_stale_edits_are_skipped() -> None:
    out, touched = apply_edits(_events(), [{"kind": "merge", "into": "gone", "event": "e2"},
                                           {"kind": "move", "article": "zz", "to": "e1"}])
    assert out == sorted(_events(), key=lambda e: e.id) and touched == []


@pytest.mark.parametrize(
    "kind,body",
    [("merge", {"into": "e1"}), ("split", {"event": "e1", "articles": []}), ("edit", {"event": "e1", "field": "id", "value": 1}),
     ("explode", {})],
)
def test_validate_rejects_malformed(kind, body) -> None:
    with pytest.raises(NewsweaveError):
        validate_edit(kind, body)


def test_stage_rewrites_store() -> None:
    store = SQLiteStore(":memory:")
    store.replace_events(_events())
    store.add_edit("merge", {"kind": "merge", "into": "e1", "event": "e2"})
    STAGE.run(Context(store=store))
    assert [e.id for e in store.events()] == ["e1", "e3"]
    assert store.event_of()["c"] == "e1"
