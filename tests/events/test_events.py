"""Event clustering: the seeds outcome, determinism, incremental runs, stories, independent sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsweave
from newsweave.events.cluster import ClusterParams, assign, processing_order
from newsweave.events.features import article_fields, is_recap, names_in
from newsweave.events.stage import event_id, independent_sources
from newsweave.models import Article, Segment
from newsweave.report.events_export import event_rows

_UP_TO_EVENTS = ["ingest", "clean", "dedup", "events"]


def _run(paths: list[Path], db: str = ":memory:") -> newsweave.Newsweave:
    nw = newsweave.open(db)
    nw.run([str(p) for p in paths], only=_UP_TO_EVENTS)
    return nw


def _by_file(nw: newsweave.Newsweave) -> dict[str, str]:
    """seed file prefix ("000") -> event id."""
    return {Path(a.path).name[:3]: e for a in nw.store.articles() for e in [nw.store.event_of()[a.id]]}


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> newsweave.Newsweave:
    return _run(sorted(seeds_dir.glob("*.txt")))


def test_seeds_two_events(seeds: newsweave.Newsweave) -> None:
    ev = _by_file(seeds)
    groups = {frozenset(k for k in ev if ev[k] == e) for e in ev.values()}
    assert groups == {frozenset({"000", "003", "004"}), frozenset({"001", "002"})}


def test_seeds_one_story_and_sources(seeds: newsweave.Newsweave) -> None:
    stories = seeds.store.stories()
    assert len(stories) == 1 and len(stories[0].event_ids) == 2
    ev = _by_file(seeds)
    rows = {r["id"]: r for r in event_rows(seeds.store)}
    assert rows[ev["000"]]["independent_sources"] == 3
    # 001 and 002 are one wire copy when dedup groups them.
    if seeds.store.copy_group_of():
        assert rows[ev["001"]]["independent_sources"] == 1
        assert rows[ev["001"]]["copy_groups"] and len(rows[ev["001"]]["copy_groups"][0]) == 2
    for r in rows.values():
        assert r["story_id"] == stories[0].id
        assert len(r["explanation"]) == len(r["articles"])
        assert sum(x["opened"] for x in r["explanation"]) == 1


def test_explanations_name_shared_terms(seeds: newsweave.Newsweave) -> None:
    joined = [a for e in seeds.store.events() for a in e.assignments if not a.opened]
    assert joined and all(a.matched_article and a.shared_terms for a in joined)


def test_event_ids_stable_across_runs(seeds_dir: Path, seeds: newsweave.Newsweave) -> None:
    again = _run(sorted(seeds_dir.glob("*.txt")))
    assert sorted(e.id for e in again.store.events()) == sorted(e.id for e in seeds.store.events())
    assert {e.id: e.article_ids for e in again.store.events()} == {e.id: e.article_ids for e in seeds.store.events()}


def test_rerun_changes_nothing(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "nw.db")
    nw = _run(sorted(seeds_dir.glob("*.txt")), db)
    before = {e.id: e.article_ids for e in nw.store.events()}
    stats = nw.run([str(p) for p in sorted(seeds_dir.glob("*.txt"))], only=_UP_TO_EVENTS)
    assert stats["events"]["new_articles"] == 0
    assert {e.id: e.article_ids for e in nw.store.events()} == before


def test_incremental_keeps_first_batch(seeds_dir: Path, tmp_path: Path) -> None:
    files = sorted(seeds_dir.glob("*.txt"))
    db = str(tmp_path / "nw.db")
    nw = _run(files[:3], db)
    first = dict(nw.store.event_of())
    nw.run([str(p) for p in files[3:]], only=_UP_TO_EVENTS)
    after = nw.store.event_of()
    assert all(after[a] == e for a, e in first.items())
    assert len(after) == 5
    groups = {frozenset(k for k, v in _by_file(nw).items() if v == e) for e in after.values()}
    assert groups == {frozenset({"000", "003", "004"}), frozenset({"001", "002"})}


# --- pure functions -------------------------------------------------------------------------------------


def _article(i: str, title: str, text: str, date: str | None = None) -> Article:
    return Article(i, text, (Segment(0, len(text), "body"),), "jsonl", title=title, published=date)


_FIRE = "A fire destroyed the Maple Street warehouse in Dunmore on Tuesday, Fire Chief Alan Reyes said. {}"
_QUAKE = "A magnitude 6.1 earthquake struck near Port Elsie on Friday, the Geological Survey said. {}"


def _corpus() -> list[Article]:
    arts = []
    for k in range(3):
        arts.append(_article(f"f{k}", "Warehouse fire in Dunmore", _FIRE.format(f"Crews worked for {k + 3} hours."), "2020-03-0" + str(k + 1)))
        arts.append(_article(f"q{k}", "Earthquake near Port Elsie", _QUAKE.format(f"Aftershock number {k} followed."), "2020-03-0" + str(k + 1)))
    fillers = ["Council votes on new budget for parks", "Team wins regional football final", "School board names new principal", "Bakery opens second shop downtown"]
    for k, t in enumerate(fillers):
        arts.append(_article(f"x{k}", t, t + ". Residents reacted with mixed feelings on Monday.", "2020-03-02"))
    return arts


def _cluster(arts: list[Article], window: int = 30) -> dict[str, int]:
    from newsweave.events.vectors import vectorise

    v = vectorise([article_fields(a) for a in arts])
    days = [None if a.published is None else __import__("datetime").date.fromisoformat(a.published).toordinal() for a in arts]
    _, members = assign(v.matrix, days, list(range(len(arts))), [], ClusterParams(0.03, window, hub_k=5))
    return {arts[r].id: e for e, m in enumerate(members) for r in m}


def test_assign_separates_incidents() -> None:
    ev = _cluster(_corpus())
    assert ev["f0"] == ev["f1"] == ev["f2"]
    assert ev["q0"] == ev["q1"] == ev["q2"]
    assert ev["f0"] != ev["q0"]


def test_time_window_splits_distant_reports() -> None:
    arts = _corpus()
    arts[2] = _article("f1", arts[2].title or "", arts[2].raw_text, "2021-09-01")
    ev = _cluster(arts, window=30)
    assert ev["f1"] != ev["f0"]


def test_deterministic() -> None:
    assert _cluster(_corpus()) == _cluster(_corpus())


def test_processing_order_dates_first_undated_in_place() -> None:
    days = [5, None, 3, 9]
    assert processing_order(days, [0, 1, 2, 3]) == [2, 0, 1, 3]


def test_recap_cues() -> None:
    assert is_recap("In February, the US launched airstrikes against facilities in Syria.")
    assert is_recap("Since 2009, the group has been designated a terrorist organisation.")
    assert is_recap("The strikes were the second time that the president has ordered force.")
    assert is_recap("A similar shooting happened last year at the same bar.")
    assert not is_recap("Police said the gunman opened fire on Sunday night.")


def test_names_drop_weak_words() -> None:
    assert names_in("The Pentagon said Kataib Hezbollah used the sites.") == ["kataib_hezbollah"]


def test_independent_sources() -> None:
    assert independent_sources(["a", "b", "c"], {"a": "g1", "b": "g1"}) == 2
    assert independent_sources(["a"], {}) == 1


def test_event_id_depends_on_founder_only() -> None:
    assert event_id("abc") == event_id("abc") != event_id("abd")
    assert event_id("abc").startswith("ev-")


# --- length adaptation, bounded memory, hand-written TF-IDF ---------------------------------------------


def test_names_weight_shrinks_for_short_texts() -> None:
    from newsweave.events.vectors import FIELD_WEIGHTS, NAMES_FULL_WORDS, names_weights

    long_text = " ".join(["word"] * int(NAMES_FULL_WORDS * 2))
    short = article_fields(_article("s", "Trump slams Kerry", "President Donald Trump slammed John Kerry on Monday."))
    long = article_fields(_article("l", "Trump slams Kerry", "President Donald Trump slammed John Kerry. " + long_text))
    w = names_weights([short, long], FIELD_WEIGHTS["names"])
    assert w[1] == pytest.approx(FIELD_WEIGHTS["names"])
    assert 0 < w[0] < 0.2 * FIELD_WEIGHTS["names"]


def test_hub_neighbours_fewer_for_short_texts() -> None:
    from scipy import sparse

    from newsweave.events.cluster import hub_k

    params = ClusterParams(0.02, 30, hub_k=40, hub_full_terms=200)
    short = sparse.random(50, 5000, density=40 / 5000, format="csr", random_state=0)
    long = sparse.random(50, 5000, density=400 / 5000, format="csr", random_state=0)
    assert hub_k(long, params) == 40
    assert 5 <= hub_k(short, params) <= 12
    assert hub_k(short, ClusterParams(0.02, 30, hub_k=40)) == 40  # adaptation off by default


def test_blockwise_similarity_matches_small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsweave.events.cluster as cluster

    whole = _cluster(_corpus())
    monkeypatch.setattr(cluster, "_BLOCK", 3)
    assert _cluster(_corpus()) == whole


def test_prior_events_are_joined_across_chunks() -> None:
    """A chunk of one article at a time sees the others only as open prior events, and still groups them."""
    from newsweave.events.vectors import vectorise

    arts = _corpus()
    v = vectorise([article_fields(a) for a in arts])
    days = [__import__("datetime").date.fromisoformat(a.published).toordinal() for a in arts]  # type: ignore[arg-type]
    _, members = assign(v.matrix, days, list(range(len(arts))), [], ClusterParams(0.03, 30, hub_k=5, chunk=1))
    ev = {arts[r].id: e for e, m in enumerate(members) for r in m}
    assert ev["f0"] == ev["f1"] == ev["f2"] != ev["q0"] == ev["q1"] == ev["q2"]


def test_tfidf_matches_scikit_learn() -> None:
    sk = pytest.importorskip("sklearn.feature_extraction.text")
    import numpy as np

    from newsweave.events._tfidf import counts, idf, tfidf_rows, word_analyser

    docs = [a.raw_text for a in _corpus()] + ["", "the and of"]
    ref = sk.TfidfVectorizer(sublinear_tf=True, stop_words="english", ngram_range=(1, 2)).fit(docs)
    vocabulary: dict[str, int] = {}
    c = counts([word_analyser(r"(?u)\b\w\w+\b", str.lower, bigrams=True)(d) for d in docs], vocabulary)
    ours = tfidf_rows(c, idf(c))
    order = [vocabulary[t] for t in ref.get_feature_names_out()]
    assert sorted(vocabulary) == list(ref.get_feature_names_out())
    assert np.allclose(ours[:, order].toarray(), ref.transform(docs).toarray())


def test_pool_rows_count_as_neighbours_only() -> None:
    """Rows of the next chunk (``pool``) are never assigned, but a pair that only shares what the pool shares
    too stops looking specific."""
    import numpy as np
    from scipy import sparse

    # Columns: two words of pair A, two of pair B, three others, and topic A's word.
    rows = [[1, 0.2, 0, 0, 0, 0, 0, 1], [0.2, 1, 0, 0, 0, 0, 0, 1], [0, 0, 1, 0.9, 0, 0, 0, 0],
            [0, 0, 0.9, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 0, 0.1], [0, 0, 0, 0, 0, 1, 0, 0.1]]
    pool = [[0.3, 0.3, 0, 0, 0, 0, 0.5, 1]] * 4  # more reports on topic A
    m = np.array(rows + pool, dtype=np.float64)
    m = sparse.csr_matrix((m / np.linalg.norm(m, axis=1)[:, None]).astype(np.float32))
    days = [None] * m.shape[0]
    params = ClusterParams(0.02, 30, hub_k=3)
    _, alone = assign(m, days, list(range(6)), [], params)
    decisions, with_pool = assign(m, days, list(range(6)), [], params, pool=list(range(6, 10)))
    assert sorted(map(sorted, filter(None, alone))) == [[0, 1], [2, 3], [4], [5]]
    assert sorted(map(sorted, filter(None, with_pool))) == [[0], [1], [2, 3], [4], [5]]
    assert sorted(d.row for d in decisions) == list(range(6))
