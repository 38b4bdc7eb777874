from __future__ import annotations

from dedup_helpers import filler, make_article

from newsweave.dedup import find_copy_groups
from newsweave.dedup.stage import STAGE
from newsweave.models import RawDocument
from newsweave.pipeline import Context
from newsweave.settings import Settings
from newsweave.store import open_store


def test_stage_replaces_copy_groups_in_the_store(tmp_path):
    body = filler(1, sentences=6)
    arts = [
        make_article("a1", body, published="2024-01-01"),
        make_article("a2", body, published="2024-01-02"),
        make_article("a3", body, published="2024-01-03"),
        make_article("b1", filler(2, sentences=6)),
    ]
    store = open_store(tmp_path / "t.db")
    try:
        store.add_documents((a.id, RawDocument(raw_text=a.raw_text, source_format="txt")) for a in arts)
        store.put_articles(arts)
        ctx = Context(store=store, settings=Settings(db=str(tmp_path / "t.db")))
        assert STAGE.name == "dedup" and STAGE.reads == ("articles",) and STAGE.writes == ("copy_groups",)
        stats = STAGE.run(ctx)
        assert stats == {"copy_groups": 1, "copies": 2, "sketched": 4}
        (g,) = store.copy_groups()
        assert g.canonical == "a1" and g.members == ("a1", "a2", "a3")
        assert g == find_copy_groups(arts)[0]  # the store round-trips diffs and scores
        assert store.copy_group_of() == {"a1": g.id, "a2": g.id, "a3": g.id}
        # Re-running sketches nothing and keeps the groups (it neither accumulates nor drops them).
        assert STAGE.run(ctx) == {**stats, "sketched": 0}
        assert store.count("copy_groups") == 1
    finally:
        store.close()
