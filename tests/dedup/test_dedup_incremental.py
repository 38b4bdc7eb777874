"""The incremental dedup stage gives find_copy_groups' groups over the store's articles, however they arrive."""

from __future__ import annotations

import dataclasses
import random

import numpy as np
import pytest
from dedup_helpers import filler, make_article

import newsweave.dedup.stage as stage
from newsweave.dedup import ShingleHasher, find_copy_groups
from newsweave.dedup._bands import band_keys, shared_band_pairs
from newsweave.dedup._groups import _candidates
from newsweave.models import Article, RawDocument
from newsweave.pipeline import Context
from newsweave.settings import Settings
from newsweave.store import open_store


def _corpus() -> list[Article]:
    """Copies, partial copies (a hub quoting two texts), wire credits, undated articles and loners."""
    p = [filler(10 + i) for i in range(4)]
    q = [filler(20 + i) for i in range(4)]
    base = filler(1, sentences=6)
    arts = [
        make_article("a1", base, published="2024-01-02"),
        make_article("a2", base + " " + filler(2, sentences=1), published="2024-01-01"),
        make_article("a3", base, published=None),
        make_article("a4", base, published="2024-01-02", wire="AFP"),
        make_article("hub", " ".join(p[:3] + q[:3]), published="2024-01-01"),
        make_article("p", " ".join(p), published="2024-01-02"),
        make_article("q", " ".join(q), published="2024-01-03"),
        make_article("q2", " ".join(q[:3]), published="2024-01-03", wire="Reuters"),
        make_article("empty", "Too short."),
    ]
    arts += [make_article(f"z{i}", filler(100 + i, sentences=5)) for i in range(6)]
    return arts


@pytest.fixture
def store(tmp_path, monkeypatch):
    # Tiny batches, so that batches, stored partners and regroup steps all come into play.
    monkeypatch.setattr(stage, "_BATCH", 3)
    monkeypatch.setattr(stage, "_PARTNERS", 2)
    monkeypatch.setattr(stage, "_CACHED_ARTICLES", 5)  # later batches recompute stored partners
    s = open_store(tmp_path / "t.db")
    yield s
    s.close()


def _put(store, arts: list[Article]) -> None:
    store.add_documents((a.id, RawDocument(raw_text=a.raw_text, source_format="txt")) for a in arts)
    store.put_articles(arts)


def _run(store) -> dict:
    return stage.run(Context(store=store, settings=Settings()))


def _tables(store) -> dict[str, list]:
    return {t: sorted(tuple(r) for r in store.query_rows(f"SELECT * FROM {t}"))
            for t in ("copy_groups", "article_copy", "dedup_sketched", "dedup_bands", "dedup_pairs", "dedup_dirty")}


def test_band_keys_give_datasketch_candidates():
    rng = random.Random(7)
    texts = [filler(rng.randrange(40), sentences=rng.randrange(1, 6)) + " " + filler(i, sentences=2)
             for i in range(60)]
    hasher = ShingleHasher(Settings().shingle_size)
    shingles = [hasher(t) for t in texts] + [np.empty(0, dtype=np.uint64)]
    expected = _candidates(shingles, Settings())
    assert len(expected) > 20  # the test means something: many pairs share a bucket
    assert shared_band_pairs(band_keys(shingles, Settings())) == expected


def test_runs_over_parts_give_the_batch_groups(store):
    arts = _corpus()
    expected = find_copy_groups(arts)
    assert len(expected) == 2 and any(len(g.members) == 4 for g in expected)
    order = sorted(arts, key=lambda a: a.id, reverse=True)  # the canonicals arrive after their copies
    for k in range(0, len(order), 4):
        _put(store, order[k : k + 4])
        _run(store)
        assert store.copy_groups() == find_copy_groups(list(store.articles()))
    assert store.copy_groups() == expected
    assert store.query_rows("SELECT count(*) FROM dedup_dirty")[0][0] == 0


def test_a_second_run_with_nothing_new_changes_nothing(store):
    _put(store, _corpus())
    first = _run(store)
    before = _tables(store)
    second = _run(store)
    assert second == {**first, "sketched": 0}
    assert _tables(store) == before
    # Writing the same articles again (a re-ingest that re-cleans them) forgets no sketch either.
    _put(store, _corpus())
    assert _run(store)["sketched"] == 0
    assert _tables(store) == before


def _rewrite(article: Article, body: str, **changes) -> Article:
    other = make_article(article.id, body, published=article.published, wire=article.wire)
    return dataclasses.replace(other, **changes)


def test_a_rewritten_article_is_sketched_again_and_its_old_group_regrouped(store):
    arts = {a.id: a for a in _corpus()}
    _put(store, list(arts.values()))
    _run(store)
    (big,) = [g for g in store.copy_groups() if "a1" in g.members]
    assert big.canonical == "a2" and big.members == ("a1", "a2", "a3", "a4")

    # The canonical's text becomes unrelated: its group goes, the others regroup under the next canonical.
    arts["a2"] = _rewrite(arts["a2"], filler(77, sentences=6))
    store.put_articles([arts["a2"]])
    assert store.query_rows("SELECT count(*) FROM dedup_sketched WHERE article_id = 'a2'")[0][0] == 0
    assert _run(store)["sketched"] == 1
    groups = store.copy_groups()
    assert groups == find_copy_groups(list(arts.values()))
    (big,) = [g for g in groups if "a1" in g.members]
    assert big.canonical == "a4" and big.members == ("a1", "a3", "a4")  # a4: dated, and credits a wire
    assert "a2" not in store.copy_group_of()

    # A copy's text changes but it stays a copy of the same canonical: its diff is computed again, the
    # others' are kept.
    arts["a1"] = _rewrite(arts["a1"], arts["a1"].text + " " + filler(78, sentences=1))
    store.put_articles([arts["a1"]])
    assert _run(store)["sketched"] == 1
    assert store.copy_groups() == find_copy_groups(list(arts.values()))
    (big,) = [g for g in store.copy_groups() if "a1" in g.members]
    assert big.canonical == "a4" and [len(d.added) for d in big.diffs] == [1, 0]

    # A changed date alone moves the canonical: a3, undated until now, becomes the earliest.
    arts["a3"] = _rewrite(arts["a3"], arts["a3"].text, published="2023-12-31")
    store.put_articles([arts["a3"]])
    assert _run(store)["sketched"] == 1
    groups = store.copy_groups()
    assert groups == find_copy_groups(list(arts.values()))
    assert [g.canonical for g in groups if "a1" in g.members] == ["a3"]
    # The forgotten sketches' keys are gone once a run has started: no key without its sketch.
    assert store.query_rows("SELECT count(*) FROM dedup_orphans")[0][0] == 0
    assert store.query_rows(
        "SELECT count(*) FROM dedup_bands WHERE n NOT IN (SELECT n FROM dedup_sketched)")[0][0] == 0


def test_a_store_from_before_the_band_tables_gets_the_batch_groups(tmp_path):
    path = tmp_path / "old.db"
    arts = _corpus()
    s = open_store(path)
    _put(s, arts)
    # As the old stage left it: groups, one of them stale (a group the articles no longer support), and no
    # dedup tables at all.
    real = find_copy_groups(arts)
    stale = dataclasses.replace(real[0], id="cg-stale", canonical="z0", members=("z0", "z1"))
    s.replace_copy_groups([real[0], stale])
    with s.transaction():
        for t in ("dedup_sketched", "dedup_bands", "dedup_pairs", "dedup_dirty", "dedup_orphans"):
            s.execute(f"DROP TABLE {t}")
        s.execute("DELETE FROM migrations WHERE version = 10")
    s.close()
    s = open_store(path)  # migration 10 again: empty tables, every article unsketched
    try:
        assert s.schema_version >= 10
        stats = _run(s)
        assert stats["sketched"] == len(arts)
        assert s.copy_groups() == find_copy_groups(arts)
        assert "z0" not in s.copy_group_of()
    finally:
        s.close()


def test_other_settings_redo_every_sketch_and_group(store):
    arts = _corpus()
    _put(store, arts)
    _run(store)
    assert len(store.copy_groups()) == 2
    strict = Settings(copy_containment=0.95)  # the hub, three of p's four sentences, is no longer a copy
    stats = stage.run(Context(store=store, settings=strict))
    assert stats["sketched"] == len(arts)
    assert store.copy_groups() == find_copy_groups(arts, strict) != find_copy_groups(arts)
