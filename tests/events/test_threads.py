"""Incremental story threads (events/threads.py): the graph kept in the store gives build_stories' stories from an
empty graph, later runs link only what changed, and runs in parts give the stories of one run over the same
events (the stored candidate pairs are scored again under each run's idf)."""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

import newsweave
import numpy as np

from newsweave.events._tfidf import counts, idf, tfidf_rows
from newsweave.events.stories import build_stories, story_id, story_words
from newsweave.events.threads import update_stories
from newsweave.models import Event
from newsweave.store import open_store

_WORDS = ("militia strike border drone base airstrike rocket convoy flood river valley levee storm rain dam "
          "council budget vote school board teacher fire warehouse crews blaze court jury trial verdict judge").split()


def _store(tmp_path, name="s.db"):
    return open_store(tmp_path / name)


def _put(store, texts, titles=None):
    """Events with summaries (None: no summary, the title stands in)."""
    titles = titles or {}
    store.put_events([Event(e, titles.get(e, f"title {e}"), (f"a-{e}",), "2024-01-01") for e in texts])
    store.put_event_summaries({e: t for e, t in texts.items() if t is not None})


def _batch(store, threshold):
    heads = store.event_heads()
    summaries = store.event_summaries()
    return build_stories({e: summaries.get(e, t) for e, t, _ in heads}, {e: t for e, t, _ in heads}, threshold)


def _random_texts(n, seed):
    """Events on six topics (five words each) with random filler words: at 0.3, many stories, several of 3+."""
    rng = random.Random(seed)
    out = {}
    for i in range(n):
        topic = rng.randrange(6)
        words = [_WORDS[topic * 5 + rng.randrange(5)] for _ in range(rng.randrange(1, 4))]
        words += [f"x{rng.randrange(300)}" for _ in range(rng.randrange(2, 6))]
        out[f"ev-{i:03d}"] = " ".join(words)
    return out


def _columns(store):
    return {e: s for e, _, s in store.event_heads()}


def test_single_run_equals_build_stories(tmp_path):
    store = _store(tmp_path)
    texts = _random_texts(120, 1)
    texts["ev-050"] = None  # no summary yet: its title stands in, as in build_stories' caller
    texts["ev-051"] = ""  # an empty summary: no terms, a story of its own
    _put(store, texts)
    stats = update_stories(store, 0.3)
    expected = _batch(store, 0.3)
    assert stats["stories_rebuilt"] and len(expected) > 5 and any(len(s.event_ids) > 2 for s in expected)
    assert store.stories() == sorted(expected, key=lambda s: s.id)
    story_of = {e: s.id for s in expected for e in s.event_ids}
    assert _columns(store) == story_of
    # Nothing changed: the next run links nothing and rewrites nothing.
    again = update_stories(store, 0.3)
    assert again["stories_relinked"] == 0 and again["stories_written"] == 0 and again["events_restoried"] == 0
    assert store.stories() == sorted(expected, key=lambda s: s.id)
    # An event's story column written by something else is set back to its story's.
    (e,) = store.events(["ev-007"])
    store.put_events([replace(e, story_id="st-other")])
    assert update_stories(store, 0.3)["events_restoried"] == 1 and _columns(store) == story_of


def _scores(texts):
    """Every pair's cosine as build_stories computes it, bit for bit (float32 rows of the smooth idf, columns in
    the terms' alphabetical order): {(a, b): score}, a < b."""
    ids = sorted(texts)
    vocabulary: dict[str, int] = {}
    c = counts((story_words(texts[e]) for e in ids), vocabulary)
    order = np.argsort(np.array(list(vocabulary) or [""], dtype=object), kind="stable")
    x = tfidf_rows(c[:, order], idf(c)[order]).astype(np.float32)
    p = (x @ x.T).tocoo()
    return {(ids[i], ids[j]): float(v) for i, j, v in zip(p.row, p.col, p.data) if i < j}


def _texts(store):
    heads = store.event_heads()
    summaries = store.event_summaries()
    return {e: summaries.get(e, t) for e, t, _ in heads}


def _pairs(path):
    """The stored candidate pairs as (smaller event id, larger event id), checking the rows: each pair is held by
    its newer node, names only present nodes, and comes once."""
    con = sqlite3.connect(path)
    number = dict(con.execute("SELECT n, event_id FROM story_nodes").fetchall())
    rows = con.execute("SELECT n, older FROM story_pairs").fetchall()
    con.close()
    out = []
    for n, blob in rows:
        older = np.frombuffer(blob, dtype="<i8").tolist()
        assert n in number and older and all(m in number and m < n for m in older)
        out += [tuple(sorted((number[n], number[m]))) for m in older]
    assert len(out) == len(set(out))
    return set(out)


def _check_graph(store, path, threshold):
    """The stored stories and the events' story columns are one run's (build_stories over today's texts), and the
    candidates hold every pair at or above the threshold today."""
    stories = store.stories()
    assert stories == sorted(_batch(store, threshold), key=lambda s: s.id)
    assert _columns(store) == {e: s.id for s in stories for e in s.event_ids}
    pairs = _pairs(path)
    assert {p for p, v in _scores(_texts(store)).items() if v >= threshold} <= pairs
    return pairs


def test_runs_with_additions_edits_and_deletions_keep_stories_the_components_of_the_links(tmp_path):
    """Runs over growing input, with summaries rewritten and events deleted between them (corrections): the
    stories stay exactly the components of the stored links, and the links those of today's texts for every
    event changed since (scores drift with the idf for the others; the structure must not)."""
    store = _store(tmp_path)
    texts = _random_texts(150, 2)
    more = _random_texts(150, 9)
    rng = random.Random(5)
    ids = sorted(texts)
    for r, part in enumerate((ids[:40], ids[40:70], ids[70:100], ids[100:125], ids[125:])):
        _put(store, {e: texts[e] for e in part})
        if r:
            present = [e for e, _, _ in store.event_heads()]
            edited = rng.sample(present, 6)
            store.put_event_summaries({e: more[e.replace("ev-", "ev-")] for e in edited})
            store.delete_events(rng.sample([e for e in present if e not in edited], 3))
        update_stories(store, 0.3)
        _check_graph(store, tmp_path / "s.db", 0.3)
    assert any(len(s.event_ids) > 3 for s in store.stories())


def test_an_event_linking_two_stories_merges_them(tmp_path):
    store = _store(tmp_path)
    _put(store, {"ev-b": "militia airstrike border convoy", "ev-a": "flood river levee valley"})
    update_stories(store, 0.3)
    before = {s.id: s.event_ids for s in store.stories()}
    assert before == {story_id("ev-a"): ("ev-a",), story_id("ev-b"): ("ev-b",)}
    _put(store, {"ev-c": "militia airstrike border convoy flood river levee valley"})
    stats = update_stories(store, 0.3)
    assert stats["stories_relinked"] == 1
    stories = store.stories()
    assert [(s.id, s.event_ids) for s in stories] == [(story_id("ev-a"), ("ev-a", "ev-b", "ev-c"))]
    assert stories == sorted(_batch(store, 0.3), key=lambda s: s.id)
    assert set(_columns(store).values()) == {story_id("ev-a")}


def test_a_changed_summary_drops_its_old_links(tmp_path):
    store = _store(tmp_path)
    _put(store, {"ev-a": "militia airstrike border convoy", "ev-b": "militia airstrike border rocket",
                 "ev-c": "council budget school vote"})
    update_stories(store, 0.3)
    assert [s.event_ids for s in store.stories()] == [("ev-a", "ev-b"), ("ev-c",)] or \
        sorted(s.event_ids for s in store.stories()) == [("ev-a", "ev-b"), ("ev-c",)]
    assert _pairs(tmp_path / "s.db") == {("ev-a", "ev-b")}
    # ev-a's summary now tells another story: its link to ev-b goes, one to ev-c comes.
    store.put_event_summaries({"ev-a": "council budget school teacher"})
    stats = update_stories(store, 0.3)
    assert stats["stories_relinked"] == 1
    assert _pairs(tmp_path / "s.db") == {("ev-a", "ev-c")}
    assert sorted(s.event_ids for s in store.stories()) == [("ev-a", "ev-c"), ("ev-b",)]
    assert _columns(store) == {"ev-a": story_id("ev-a"), "ev-c": story_id("ev-a"), "ev-b": story_id("ev-b")}
    # The first run's story of ev-a and ev-b (named after ev-a) now holds ev-a and ev-c: rewritten, not kept.
    assert {s.id: s.event_ids for s in store.stories()}[story_id("ev-a")] == ("ev-a", "ev-c")


def test_a_deleted_event_leaves_its_story_and_splits_it(tmp_path):
    store = _store(tmp_path)
    _put(store, {"ev-a": "militia airstrike border", "ev-b": "militia airstrike border convoy rocket",
                 "ev-c": "convoy rocket drone"})
    update_stories(store, 0.3)
    assert [s.event_ids for s in store.stories()] == [("ev-a", "ev-b", "ev-c")]
    store.delete_events(["ev-b"])  # a correction's merge or split removes events
    update_stories(store, 0.3)
    assert sorted(s.event_ids for s in store.stories()) == [("ev-a",), ("ev-c",)]
    assert _columns(store) == {"ev-a": story_id("ev-a"), "ev-c": story_id("ev-c")}


def test_an_old_store_and_a_new_threshold_rebuild_the_graph(tmp_path):
    store = _store(tmp_path)
    texts = _random_texts(60, 3)
    _put(store, texts)
    update_stories(store, 0.3)
    store.close()
    # An old store: the stories are there, the graph's migration is not.
    con = sqlite3.connect(tmp_path / "s.db")
    for table in ("story_nodes", "story_pairs", "story_terms"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM migrations WHERE version IN (12, 13, 14)")
    con.execute("DELETE FROM state WHERE name = 'stories.graph'")
    con.commit()
    con.close()
    store = _store(tmp_path)
    stats = update_stories(store, 0.3)
    assert stats["stories_rebuilt"] and stats["stories_relinked"] == 60
    assert store.stories() == sorted(_batch(store, 0.3), key=lambda s: s.id)
    # Another threshold: every link is scored again (the stored links hold only those above the old one).
    said: list[str] = []
    stats = update_stories(store, 0.2, said.append)
    assert stats["stories_rebuilt"] and said and "building the link graph" in said[0]
    assert store.stories() == sorted(_batch(store, 0.2), key=lambda s: s.id)
    assert len(store.stories()) < len(_batch(store, 0.3))
    assert _columns(store) == {e: s.id for s in _batch(store, 0.2) for e in s.event_ids}


def test_the_graph_is_rebuilt_when_the_events_double(tmp_path):
    store = _store(tmp_path)
    texts = _random_texts(100, 4)
    ids = sorted(texts)
    _put(store, {e: texts[e] for e in ids[:30]})
    assert update_stories(store, 0.3)["stories_rebuilt"]
    _put(store, {e: texts[e] for e in ids[30:60]})  # 60 events: not more than twice 30
    stats = update_stories(store, 0.3)
    assert "stories_rebuilt" not in stats and stats["stories_relinked"] == 30
    _put(store, {e: texts[e] for e in ids[60:]})  # 100 > 2 x 30: every pair scored again, one run's stories
    stats = update_stories(store, 0.3)
    assert "30 to 100" in stats["stories_rebuilt"] and stats["stories_relinked"] == 100
    assert store.stories() == sorted(_batch(store, 0.3), key=lambda s: s.id)


def test_a_new_title_of_a_story_founder_renames_the_story(tmp_path):
    store = _store(tmp_path)
    _put(store, {"ev-a": "militia airstrike border", "ev-b": "militia airstrike border convoy"})
    update_stories(store, 0.3)
    assert [s.title for s in store.stories()] == ["title ev-a"]
    (a,) = store.events(["ev-a"])
    store.put_events([replace(a, title="Strikes at the border")])  # a correction's title edit
    stats = update_stories(store, 0.3)
    assert stats["stories_relinked"] == 1
    assert [(s.title, s.event_ids) for s in store.stories()] == [("Strikes at the border", ("ev-a", "ev-b"))]


def test_seed_strikes_linked_a_run_apart_stay_one_story(tmp_path):
    """The seeds' 2021 and 2024 strikes, their events written by one pipeline run, reach the graph in two runs."""
    seeds = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds not present")
    nw = newsweave.open(str(tmp_path / "seeds.db"))
    nw.run([str(seeds)], only=["ingest", "clean", "dedup", "events"])
    events = nw.store.events()
    summaries = nw.store.event_summaries()
    assert len(events) == 2 and len({e.story_id for e in events}) == 1
    store = _store(tmp_path, "two.db")
    for e in sorted(events, key=lambda e: e.id, reverse=True):  # the later id first: the story is renamed
        store.put_events([replace(e, story_id=None)])
        store.put_event_summaries({e.id: summaries[e.id]})
        update_stories(store, nw.settings.story_threshold)
    assert [(s.id, set(s.event_ids)) for s in store.stories()] == [(events[0].story_id, {e.id for e in events})]
    assert set(_columns(store).values()) == {events[0].story_id}


def test_pages_and_passes_change_nothing(tmp_path, monkeypatch):
    """Small pages and blocks (the nodes scored 5 at a time against 3 changed events, the pairs re-scored 7 at a
    time): the same stories as build_stories, and the same candidates as one page gives."""
    import newsweave.events.threads as threads

    texts = _random_texts(80, 6)
    whole = _store(tmp_path, "whole.db")
    _put(whole, texts)
    update_stories(whole, 0.3)
    monkeypatch.setattr(threads, "_PAGE", 5)
    monkeypatch.setattr(threads, "_BLOCK", 3)
    monkeypatch.setattr(threads, "_RESCORE", 7)
    store = _store(tmp_path)
    _put(store, texts)
    update_stories(store, 0.3)
    assert store.stories() == sorted(_batch(store, 0.3), key=lambda s: s.id) == whole.stories()
    assert _check_graph(store, tmp_path / "s.db", 0.3) == _check_graph(whole, tmp_path / "whole.db", 0.3)
    # And a later run in small pages: some summaries rewritten, one event more.
    store.put_event_summaries({"ev-003": texts["ev-040"], "ev-041": texts["ev-007"]})
    _put(store, {"ev-900": texts["ev-010"] + " " + texts["ev-060"]})
    update_stories(store, 0.3)
    _check_graph(store, tmp_path / "s.db", 0.3)


def test_a_hub_similar_to_many_does_not_chain_them_into_one_story(tmp_path):
    """A generic event sharing a word with every topic links (above the threshold) to every event, which single
    link would chain into one story; it is among none of their STORY_K nearest (each has closer siblings), so
    the topics stay apart, in the batch definition and in the graph."""
    topics = [_WORDS[t * 5 : t * 5 + 5] for t in range(6)]
    texts = {}
    for t, words in enumerate(topics):
        for i in range(4):
            texts[f"ev-{t}{i}"] = " ".join(words[:4]) + f" y{t}{i}"
    texts["ev-hub"] = " ".join(words[0] for words in topics)
    store = _store(tmp_path)
    _put(store, texts)
    update_stories(store, 0.15)
    _check_graph(store, tmp_path / "s.db", 0.15)
    # Linked to all (at or above the threshold): single link would give one story.
    assert sum("ev-hub" in p for p, v in _scores(texts).items() if v >= 0.15) == 24
    expected = sorted([tuple(f"ev-{t}{i}" for i in range(4)) for t in range(6)] + [("ev-hub",)])
    assert sorted(s.event_ids for s in store.stories()) == expected
    assert sorted(s.event_ids for s in _batch(store, 0.15)) == expected


def test_a_new_nearer_event_pushes_out_a_neighbour_and_splits_its_story(tmp_path):
    """ev-a's third nearest is ev-b, and ev-b's nearest include ev-a: one story. A new event nearer to ev-a than ev-b
    takes ev-b's place among ev-a's nearest; the pair ev-a, ev-b (both unchanged) is no longer mutual, so ev-b
    leaves the story though no link of it changed."""
    store = _store(tmp_path)
    base = "militia strike border drone"
    _put(store, {"ev-a": base, "ev-c": base + " rocket", "ev-d": base + " convoy",
                 "ev-b": "militia strike base levee storm rain"})
    update_stories(store, 0.15)
    _check_graph(store, tmp_path / "s.db", 0.15)
    before = {e: s.id for s in store.stories() for e in s.event_ids}
    assert before["ev-b"] == before["ev-a"]
    _put(store, {"ev-f": base + " base"})
    stats = update_stories(store, 0.15)
    _check_graph(store, tmp_path / "s.db", 0.15)
    after = {e: s.id for s in store.stories() for e in s.event_ids}
    assert after["ev-b"] != after["ev-a"] and stats["stories_relinked"] == 1
    assert sorted(s.event_ids for s in store.stories()) == sorted(s.event_ids for s in _batch(store, 0.15))


def test_a_graph_of_session_11_is_replaced_and_rebuilt(tmp_path, monkeypatch):
    """A store whose graph held scored links (migrations 12 and 13, graph version 2): opening it replaces the tables
    (migration 14), and the next run builds the graph again into one run's stories."""
    from newsweave.store import _sqlite
    from newsweave.store.schema import MIGRATIONS

    with monkeypatch.context() as m:
        m.setattr(_sqlite, "MIGRATIONS", [x for x in MIGRATIONS if x[0] <= 13])
        store = _store(tmp_path)
        _put(store, _random_texts(60, 7))
        store.put_events([replace(e, story_id="st-old") for e in store.events()])
        with store.transaction():
            store.execute("INSERT INTO story_docs VALUES ('ev-000', 'x', 'title ev-000', 'st-old', x'', x'')")
            store.execute("INSERT INTO story_links VALUES ('ev-000', 'ev-001', 0.5)")
            store.execute("INSERT INTO story_near VALUES ('ev-000', 'ev-001', 0.5)")
            store.set_state("stories.graph", {"threshold": 0.3, "version": 2, "k": 3, "built": 60})
        store.close()
    store = _store(tmp_path)
    stats = update_stories(store, 0.3)
    assert stats["stories_rebuilt"] == "no link graph yet" and stats["events_restoried"] == 60
    _check_graph(store, tmp_path / "s.db", 0.3)


# --- runs in parts against one run: the drift of scores under an older idf


def test_a_link_the_idf_weakens_goes_though_neither_event_changed(tmp_path):
    """ev-a and ev-b share only "alpha", rare when they are linked (score 0.42 at 0.3). Ten events mentioning
    alpha come later (no doubling, so no rebuild): alpha's idf falls and the pair scores 0.15 today, so one run
    over the same events keeps them apart. Kept with the score of its run, the link would hold them together."""
    store = _store(tmp_path)
    first = {"ev-a": "alpha beta", "ev-b": "alpha gamma", **{f"ev-f{i}": f"filler{i} other{i}" for i in range(8)}}
    _put(store, first)
    update_stories(store, 0.3)
    assert [s.event_ids for s in store.stories() if "ev-a" in s.event_ids] == [("ev-a", "ev-b")]
    later = {f"ev-m{i}": f"alpha zz{i}" for i in range(10)}
    _put(store, later)
    stats = update_stories(store, 0.3)
    assert "stories_rebuilt" not in stats and stats["stories_relinked"] == 10
    then = _scores(first)[("ev-a", "ev-b")]
    now = _scores({**first, **later})[("ev-a", "ev-b")]
    assert then >= 0.3 > now
    assert {e: s.id for s in store.stories() for e in s.event_ids}["ev-b"] == story_id("ev-b")
    _check_graph(store, tmp_path / "s.db", 0.3)


def test_a_pair_the_idf_strengthens_past_the_threshold_joins(tmp_path):
    """ev-p and ev-q score 0.29 when linked (below 0.3, above the candidates' margin): not a story link then.
    As alpha grows common, ev-p's other words weigh more and the pair scores 0.33: one story, as in one run."""
    store = _store(tmp_path)
    first = {"ev-p": "kappa alpha sigma", "ev-q": "kappa omega psi", "ev-a": "alpha beta", "ev-b": "alpha gamma",
             **{f"ev-f{i}": f"filler{i} other{i}" for i in range(6)}}
    _put(store, first)
    update_stories(store, 0.3)
    story_of = {e: s.id for s in store.stories() for e in s.event_ids}
    assert story_of["ev-p"] != story_of["ev-q"]
    later = {f"ev-m{i}": f"alpha zz{i}" for i in range(10)}
    _put(store, later)
    assert "stories_rebuilt" not in update_stories(store, 0.3)
    then = _scores(first)[("ev-p", "ev-q")]
    now = _scores({**first, **later})[("ev-p", "ev-q")]
    assert 0.9 * 0.3 <= then < 0.3 <= now
    story_of = {e: s.id for s in store.stories() for e in s.event_ids}
    assert story_of["ev-p"] == story_of["ev-q"]
    _check_graph(store, tmp_path / "s.db", 0.3)


@pytest.mark.parametrize("parts", [3, 7])
def test_runs_in_parts_give_one_runs_stories(tmp_path, parts):
    """A made-up corpus whose vocabulary shifts as it grows (later events lean on some topics' words, so their idf
    falls and others' rises) fed in parts without a rebuild after the first: after every run, the stories (ids,
    members, titles, terms) and the events' story columns are those of one run over the events so far."""
    rng = random.Random(11 + parts)
    texts = _random_texts(80, 20 + parts)
    ids = sorted(texts)
    # The later half repeats topics 0 and 1's words: their idf falls as the store grows.
    for e in ids[len(ids) // 2 :]:
        texts[e] += " " + " ".join(rng.choice(_WORDS[:10]) for _ in range(2))
    order = ids[:]
    rng.shuffle(order)
    first = 40  # then 40 more in ``parts`` runs: never more than twice the graph's 40, so never rebuilt
    _put(store := _store(tmp_path), {e: texts[e] for e in order[:first]})
    update_stories(store, 0.3)
    rest = order[first:]
    for i in range(parts):
        _put(store, {e: texts[e] for e in rest[i * len(rest) // parts : (i + 1) * len(rest) // parts]})
        stats = update_stories(store, 0.3)
        assert "stories_rebuilt" not in stats
        _check_graph(store, tmp_path / "s.db", 0.3)
    assert any(len(s.event_ids) > 2 for s in store.stories())


def test_pair_scores_are_the_products_bit_for_bit():
    """Re-scored pairs equal what ``x @ x.T`` gives them to the last bit (a pair's products added one at a time in
    column order; summing them pairwise, as np.add.reduceat does, differs in the last bits for half of these
    pairs, which share ~14 columns), so that a pair scored again ranks and thresholds as a fresh product would."""
    from scipy import sparse

    from newsweave.events.stories import pair_scores

    rng = np.random.default_rng(1)
    x = sparse.random(300, 40, density=0.6, format="csr", random_state=2, dtype=np.float32)
    x.data = rng.random(len(x.data)).astype(np.float32)
    a, b = rng.integers(0, 300, 3000), rng.integers(0, 300, 3000)
    expected = np.asarray((x @ x.T).toarray()[a, b], dtype=np.float32)
    assert np.array_equal(pair_scores(x, a, b, chunk=500), expected)
    assert np.array_equal(pair_scores(x, a, b), expected)


def test_the_graph_scores_pairs_as_build_stories_does_bit_for_bit(tmp_path):
    """Long texts sharing most of their words, fed in two runs so that the terms' ids do not follow their
    alphabetical order (the second run's words sort first): every stored pair, scored again, is build_stories'
    product to the last bit. A pair's products must be added in the terms' alphabetical order: in id order they
    differ in the last bits (scipy's astype sorts coded rows by term id)."""
    import newsweave.events.threads as threads
    from newsweave.events.stories import pair_scores

    rng = random.Random(3)
    late, early = [f"zz{i:02d}" for i in range(40)], [f"aa{i:02d}" for i in range(40)]
    texts = {f"ev-{i:03d}": " ".join(rng.sample(late, 30) * rng.randrange(1, 3)) for i in range(30)}
    texts.update({f"ev-{i:03d}": " ".join(rng.sample(late, 15) + rng.sample(early, 15)) for i in range(30, 60)})
    store = _store(tmp_path)
    _put(store, {e: t for e, t in texts.items() if e < "ev-030"})
    update_stories(store, 0.3)
    _put(store, {e: t for e, t in texts.items() if e >= "ev-030"})
    assert "stories_rebuilt" not in update_stories(store, 0.3)
    graph = threads._Graph(store)
    pairs = sorted(_pairs(tmp_path / "s.db"))
    assert len(pairs) > 500
    row = {e: i for i, e in enumerate(graph.ids)}
    got = pair_scores(graph.x, np.array([row[a] for a, _ in pairs]), np.array([row[b] for _, b in pairs]))
    expected = _scores(texts)
    assert [float(v) for v in got] == [expected[p] for p in pairs]
    # And a changed event's pairs, scored by the product in blocks (as the runs above scored theirs).
    a, b, got = graph.link(np.arange(len(graph.ids)), 0.3)
    assert len(got) > 500
    assert [float(v) for v in got] == [expected[tuple(sorted((graph.ids[i], graph.ids[j])))] for i, j in zip(a, b)]
    _check_graph(store, tmp_path / "s.db", 0.3)
