"""What keeps the events stage's memory with the open window: blockwise similarities that change no bit of the
result, token counting that keeps no token strings, and the stage's memory in indexed store tables."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import newsweave
from newsweave.events._tfidf import counts
from newsweave.events.cluster import ClusterParams, assign
from newsweave.events.evidence import IncidentFacts, pair_adjustment

_TOPICS = ["fire warehouse crews dunmore", "earthquake port elsie aftershock", "council budget parks vote",
           "football final team regional", "school principal board names"]


def _matrix(n: int, seed: int = 7):
    from scipy import sparse

    rng = np.random.default_rng(seed)
    vocab = 60
    rows, cols, vals = [], [], []
    for i in range(n):
        topic = i % len(_TOPICS)
        for j in set(rng.integers(0, vocab, 6)) | {vocab + topic}:
            rows.append(i)
            cols.append(int(j))
            vals.append(float(rng.random()) + (2.0 if j >= vocab else 0.0))
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(n, vocab + len(_TOPICS)), dtype=np.float32)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m, dtype=np.float32)


def _facts(n: int) -> list[IncidentFacts]:
    empty: frozenset[str] = frozenset()
    out = []
    for i in range(n):
        ages = frozenset({str(20 + i % 4)}) if i % 3 else empty
        streets = frozenset({f"elm {i % 2}"}) if i % 4 == 0 else empty
        out.append(IncidentFacts(None if i % 5 else 737000 + i % 7, ages, empty, streets, empty, empty))
    return out


_N = 40
# Mostly dated, some undated, spread over more than the window so that some pairs are cut.
_DAYS = [None if i % 9 == 4 else 737000 + (i * 3) % 50 for i in range(_N)]
_PRIOR = [[0, 5, 10], [1, 6], [2], [3, 8, 13, 18]]  # open events from an earlier chunk
_NEW = [r for r in range(_N) if not any(r in p for p in _PRIOR)]


def _adjust(ra, rb, sims):
    facts = _facts(_N)
    return pair_adjustment([facts[r] for r in ra], [facts[r] for r in rb], [_DAYS[r] for r in ra],
                           [_DAYS[r] for r in rb], sims)


def _whole_matrix(m, prior: list[int], chunk: list[int], params: ClusterParams) -> tuple[np.ndarray, np.ndarray]:
    """The scaled similarities as computed before they went by blocks: whole-matrix arithmetic."""
    import newsweave.events.cluster as cluster

    rows = prior + chunk
    p, n = len(prior), len(rows)
    s = (m[rows] @ m[rows].T).toarray()
    np.fill_diagonal(s, 0.0)
    k = min(cluster.hub_k(m[rows], params), n - 1)
    part = np.partition(s, (n - k - 1, n - k), axis=1)
    hub = part[:, n - k :].mean(axis=1, dtype=np.float64)
    kth, nxt = part[:, n - k].astype(np.float64), part[:, n - k - 1].astype(np.float64)
    cc, cp = s[p:, p:].astype(np.float64), s[p:, :p].copy()
    hc, hp = hub[p:], hub[:p]
    hub_c = (hc, kth[p:], nxt[p:], k)
    level = float(np.median(hub))
    cc -= 0.5 * (cluster._hub_without(cc, *hub_c) + cluster._hub_without(cc.T, *hub_c).T)
    cc *= cluster._relative_scale(hc, hc, level)
    cc = _adjust(chunk, chunk, cc)
    cp -= (0.5 * (cluster._hub_without(cp, hc, kth[p:], nxt[p:], k)
                  + cluster._hub_without(cp.T, hp, kth[:p], nxt[:p], k).T)).astype(np.float32)
    cp *= cluster._relative_scale(hc, hp, level).astype(np.float32)
    cp = _adjust(chunk, prior, cp)
    d = np.array([x or 0 for x in _DAYS])[rows]
    dated = np.array([x is not None for x in _DAYS])[rows]
    far = dated[:, None] & dated[None, :] & (np.abs(d[:, None] - d[None, :]) > params.window_days)
    cc[far[p:, p:]] = -1.0
    np.fill_diagonal(cc, 1.0)
    cp[far[p:, :p]] = -1.0
    return cc, cp


def test_blockwise_scaling_evidence_and_window_change_no_bit(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsweave.events.cluster as cluster

    m, params = _matrix(_N), ClusterParams(0.02, 30, hub_k=5)
    prior_rows = [r for p in _PRIOR for r in p]

    def run() -> tuple:
        sims = cluster._chunk_similarity(m, prior_rows, _NEW, _DAYS, params, _adjust)
        return sims.cc, sims.cp, assign(m, _DAYS, _NEW, _PRIOR, params, _adjust)

    monkeypatch.setattr(cluster, "_BLOCK", 10**6)
    cc, cp, whole = run()
    ref_cc, ref_cp = _whole_matrix(m, prior_rows, _NEW, params)
    assert np.array_equal(cc, ref_cc) and np.array_equal(cp, ref_cp)
    for block in (1, 3, 7):
        monkeypatch.setattr(cluster, "_BLOCK", block)
        cc2, cp2, got = run()
        assert np.array_equal(cc, cc2) and np.array_equal(cp, cp2)  # to the bit
        assert got == whole  # decisions (scores as floats, matched rows) and members, exactly
    decisions = whole[0]
    assert any(not d.opened for d in decisions) and any(d.opened for d in decisions)
    assert (cc == -1.0).any() and (cp == -1.0).any()  # the window cut some pairs


def test_counts_read_a_generator_once() -> None:
    docs = [["fire", "crews", "fire crews"], [], ["crews", "dunmore", "crews"]]
    v1: dict[str, int] = {"old": 0}
    v2: dict[str, int] = {"old": 0}
    a = counts(docs, v1)
    b = counts((d for d in docs), v2)
    assert v1 == v2 == {"old": 0, "fire": 1, "crews": 2, "fire crews": 3, "dunmore": 4}
    assert (a != b).nnz == 0 and a.shape == b.shape == (3, 5)
    assert a[2, 2] == 2 and a[1].nnz == 0


def _record(rid: str, date: str, title: str, text: str) -> dict[str, str]:
    return {"id": rid, "date": date, "title": title, "text": text, "outlet": "Beloit Daily News"}


def _write(path: Path, *records: dict[str, str]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_stage_memory_lives_in_store_tables(tmp_path: Path) -> None:
    """Aged names and summaries go to their tables (not whole-state JSON); a later run reads them back."""
    first, later = tmp_path / "june.jsonl", tmp_path / "december.jsonl"
    _write(first, _record(
        "r1", "2016-06-03", "Teen killed in Beloit shooting",
        "BELOIT, Wis. - Marcus Seichter, 17, was shot and killed on Friday night at a home on Elm Street. Police"
        " said the shooting was accidental and that a friend had been handling the gun in the kitchen.",
    ))
    _write(later, _record(
        "r2", "2016-12-14", "Jury hears closing arguments in manslaughter trial",
        "Prosecutors told the jury that the defendant pointed the loaded pistol at Marcus Seichter, 17, before it"
        " fired. The defence said the teenager's death was a tragic accident and asked for an acquittal.",
    ))
    nw = newsweave.open(str(tmp_path / "db.sqlite"))
    nw.run([str(first)], only=["ingest", "clean", "dedup", "events"])
    (event,) = nw.store.events()
    assert nw.store.event_people(["marcus seichter", "nobody here"]) == {
        "marcus seichter": [(event.id, event.article_ids[0], 736118)]
    }
    summary = nw.store.event_summaries([event.id])[event.id]
    assert summary.startswith(" Teen killed in Beloit shooting")
    nw.run([str(later)], only=["ingest", "clean", "dedup", "events"])
    (event,) = nw.store.events()
    entries = nw.store.event_people(["marcus seichter"])["marcus seichter"]
    assert [e[:2] for e in entries] == [(event.id, a) for a in event.article_ids]
    assert nw.store.event_summaries([event.id])[event.id].startswith(summary + " Jury hears")
    assert nw.store.get_state("events.people") is None and nw.store.get_state("events.summaries") is None
    (story,) = nw.store.stories()
    assert story.event_ids == (event.id,) and event.story_id == story.id


def test_open_events_are_the_window_and_the_latest_undated(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from newsweave.events.stage import _open_event_ids
    from newsweave.models import Article, Event, RawDocument
    from newsweave.store import SQLiteStore

    s = SQLiteStore(":memory:")
    published = ["2020-01-01", None, "2020-01-20", "2020-02-30", None, "2020-01-25", None, "2020-01-05", None]
    ids = [f"a{i}" for i in range(len(published))]
    s.add_documents([(i, RawDocument(raw_text=i, source_format="text")) for i in ids])
    s.put_articles([Article(i, i, (), "text", published=p) for i, p in zip(ids, published)])
    # e0: a0 + a7 (last 2020-01-05); e1..e4 one article each, e5: a8 + a2.
    s.put_events([Event("e0", "t", ("a0", "a7")), Event("e1", "t", ("a1",)), Event("e3", "t", ("a3",)),
                  Event("e4", "t", ("a4",)), Event("e5", "t", ("a5", "a6")), Event("e8", "t", ("a8", "a2"))])
    ctx = SimpleNamespace(store=s)
    params = ClusterParams(0.02, 10, chunk=2)
    day = __import__("datetime").date.fromisoformat
    # Dated events within 10 days of 2020-01-14: e0 (01-05), e5 (01-25), e8 (01-20); undated (no date, or
    # "2020-02-30", no day): e1 (seq 2), e3 (seq 4), e4 (seq 5) -> the latest two, e3 and e4.
    assert _open_event_ids(ctx, day("2020-01-14").toordinal(), params) == ["e0", "e3", "e4", "e5", "e8"]
    assert _open_event_ids(ctx, day("2020-02-01").toordinal(), params) == ["e3", "e4", "e5"]
    # New articles without dates: the latest two dated events by ingest order (e0 at seq 8, e8 at seq 9) too.
    assert _open_event_ids(ctx, None, params) == ["e0", "e3", "e4", "e8"]
    # Events the run's own chunks touched come first (the latest chunk first), whatever their ingest order.
    feb = day("2020-02-01").toordinal()
    assert _open_event_ids(ctx, feb, params, {"e1": 1}) == ["e1", "e4", "e5"]
    assert _open_event_ids(ctx, feb, params, {"e1": 1, "e3": 2}) == ["e1", "e3", "e5"]


def test_open_history_reads_the_window_and_counts_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsweave.events.stage as stage

    day = __import__("datetime").date.fromisoformat
    new_min = day("2020-03-01").toordinal()
    published = {"a": "2019-12-01", "b": None, "c": "2020-01-15", "d": "2020-02-20T08:00:00", "e": "2019-06-01",
                 "f": None, "g": "2020-01-01"}
    ids = ("a", "b", "c", "d", "e", "f", "g")
    # 2020-01-01 is 60 days before 2020-03-01: inside a 60-day window; 2019-12-01 and 2019-06-01 are not.
    assert stage.open_history(ids, published, new_min, 60) == (["b", "c", "d", "f", "g"], 2)
    assert stage.open_history(ids, published, new_min, 59) == (["b", "c", "d", "f"], 3)
    # Undated reports (and all of them when the new reports have no date) keep the latest _UNDATED_HISTORY.
    monkeypatch.setattr(stage, "_UNDATED_HISTORY", 1)
    assert stage.open_history(ids, published, new_min, 60) == (["c", "d", "f", "g"], 2)
    assert stage.open_history(ids, published, None, 60) == (["g"], 0)
    assert stage.open_history((), published, new_min, 60) == ([], 0)


def test_far_members_counted_without_rows_decide_as_with_rows() -> None:
    """Members beyond the window of every new row, given as counts, decide as their rows did (each pair was
    ``_FAR``); leaving them out uncounted decides otherwise. No local scaling (hub_k 0): with it, a row's
    neighbourhood is measured over the rows in play, so dropping rows changes it by design."""
    m, params = _matrix(_N), ClusterParams(0.1, 30, hub_k=0)
    prior = [[0, 5, 10, 15], [1, 6, 11], [2, 7], [3, 8, 13, 18]]
    far_rows = {0, 5, 10, 6, 3, 8, 13}  # beyond the window of every new row (below)
    days = [737000 if r in far_rows else 737100 + r % 20 for r in range(_N)]
    new = [r for r in range(_N) if not any(r in p for p in prior)]
    whole, members = assign(m, days, new, prior, params)
    kept = [[r for r in p if r not in far_rows] for p in prior]
    far = [len(p) - len(k) for p, k in zip(prior, kept)]
    got, got_members = assign(m, days, new, kept, params, prior_far=far)
    assert [(d.row, d.event, d.opened, d.matched_row) for d in got] == [
        (d.row, d.event, d.opened, d.matched_row) for d in whole
    ]
    assert [d.score for d in got] == pytest.approx([d.score for d in whole], abs=1e-12)
    assert got_members == [[r for r in mm if r not in far_rows] for mm in members]
    assert any(d.event < len(prior) for d in whole)  # some new rows joined open events
    dropped, _ = assign(m, days, new, kept, params)
    assert [(d.event, d.opened) for d in dropped] != [(d.event, d.opened) for d in whole]


def test_article_published_matches_the_articles() -> None:
    from newsweave.models import Article, RawDocument
    from newsweave.store import SQLiteStore

    s = SQLiteStore(":memory:")
    published = [f"2020-01-{1 + i % 28:02d}" if i % 3 else None for i in range(1200)]  # > one IN batch
    ids = [f"a{i}" for i in range(len(published))]
    s.add_documents([(i, RawDocument(raw_text=i, source_format="text")) for i in ids])
    s.put_articles([Article(i, i, (), "text", published=p) for i, p in zip(ids, published)])
    asked = ids[::-1] + ["a5", "missing"]
    assert s.article_published(asked) == {a.id: a.published for a in s.articles(ids)}
    assert s.article_published([]) == {}


def test_an_open_event_reads_only_its_reports_in_the_window(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A later run reads the report an open event got in the window, not the one before it; the new report
    still bridges on a person only that earlier report named (from the store's index of aged names)."""
    first, later = tmp_path / "summer.jsonl", tmp_path / "september.jsonl"
    _write(first, *(
        _record("r1", "2016-06-03", "Teen killed in Beloit shooting",
                "BELOIT, Wis. - Marcus Seichter, 17, was shot and killed on Friday night at a home on Elm Street."
                " Jane Holloway, 41, who lives next door, said she heard two shots and called the police."),
        _record("r2", "2016-07-20", "Neighbour describes night of fatal shooting",
                "Jane Holloway, 41, told reporters she still hears the shots. The house has been empty since the"
                " family moved away, and flowers are left on the porch every week."),
    ))
    _write(later, _record(
        "r3", "2016-09-10", "Friend charged with homicide",
        "Prosecutors say the friend pointed the loaded pistol at Marcus Seichter, 17, before it fired. He was"
        " charged on Friday with reckless homicide.",
    ))
    nw = newsweave.open(str(tmp_path / "db.sqlite"))
    nw.run([str(first)], only=["ingest", "clean", "dedup", "events"])
    (event,) = nw.store.events()
    r1, r2 = event.article_ids
    read: list[str] = []
    articles = nw.store.articles

    def spy(ids=None, **kw):
        read.extend(ids or [])
        return articles(ids, **kw)

    monkeypatch.setattr(nw.store, "articles", spy)
    nw.run([str(later)], only=["ingest", "clean", "dedup", "events"])
    assert r2 in read and r1 not in read  # 2016-06-03 is 99 days before 2016-09-10, 2016-07-20 is 52
    (event,) = nw.store.events()
    assert event.article_ids[:2] == (r1, r2) and len(event.article_ids) == 3
    joined = event.assignments[-1]
    assert joined.note.startswith("joined on a named person") and joined.shared_names == ("marcus seichter",)
    assert joined.matched_article == r1


def test_embedding_cache_keeps_only_the_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's embedding cache holds the current chunk's articles (new and open), not every article seen."""
    from types import SimpleNamespace

    import newsweave.events.dense as dense
    import newsweave.events.stage as stage

    embedded: list[str] = []
    monkeypatch.setattr(dense, "embedding_text", lambda f: f)
    monkeypatch.setattr(dense, "embed", lambda texts: (embedded.extend(texts), [np.zeros(2) for _ in texts])[1])
    monkeypatch.setattr(dense, "with_embeddings", lambda vectors, emb, weight: SimpleNamespace(dense_columns=2))
    ctx = SimpleNamespace(settings=SimpleNamespace(event_embedding_weight=0.4, event_threshold=0.02,
                                                   event_window_days=60, event_hub_k=10, event_chunk=3,
                                                   event_hub_full_terms=0.0, event_hub_min_k=5,
                                                   event_hub_exponent=1.0))
    cache: dict[str, np.ndarray] = {}
    for chunk in (["a", "b", "c"], ["c", "d"], ["d", "e"]):
        stage._embedded(ctx, [SimpleNamespace(id=i) for i in chunk], chunk, None, cache)
        assert sorted(cache) == sorted(chunk)
    assert embedded == ["a", "b", "c", "d", "e"]  # "c" and "d" came back in the next chunk from the cache
