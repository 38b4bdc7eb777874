"""The words block of the article vectors, the steeper neighbourhood rule, the optional embedding mix, and margins
measured in units of the neighbourhood level."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from newsweave.events.cluster import ClusterParams, hub_k
from newsweave.events.features import ArticleFields
from newsweave.events.vectors import vectorise


def _fields(title: str, lead: str) -> ArticleFields:
    return ArticleFields(title=title, lead=lead, recap="", names=())


def test_bigrams_weigh_less_in_short_texts() -> None:
    # Unigrams and bigrams are blocks of their own; a short text's bigrams shrink (paraphrased headlines share
    # words, rarely word pairs), a long text's weigh like its unigrams.
    from newsweave.events.vectors import NAMES_FULL_WORDS

    words = "senate budget vote tonight debate hours members amendment floor leaders".split()
    short = _fields("Senate budget vote", " ".join(words))
    body = " ".join(words[i % 10] + str(i // 10) for i in range(int(NAMES_FULL_WORDS) + 50))
    long = _fields("Senate budget vote", body)
    other = _fields("Storm hits coast", "A storm flooded streets along the coast.")
    v = vectorise([short, long, other])  # median article short: the one-text layout
    is_bigram = np.array([" " in str(f) for f in v.feature_names[: v.matrix.shape[1]]])
    for row, (lo, hi) in ((0, (0.0, 0.25)), (1, (0.8, 1.25))):
        r = v.matrix[row].toarray().ravel()
        ratio = float((r[is_bigram] ** 2).sum() / (r[~is_bigram] ** 2).sum())
        assert lo <= ratio <= hi


def test_title_counts_more_than_a_lead_word() -> None:
    base = _fields("Quake strikes", "Rescuers searched collapsed homes in the valley.")
    title_match = _fields("Quake strikes again", "Farmers counted losses in the hills.")
    lead_match = _fields("Farm losses counted", "Farmers said a quake strikes rarely in the hills.")
    m = vectorise([base, title_match, lead_match]).matrix
    sims = (m @ m.T).toarray()
    assert sims[0, 1] > sims[0, 2] > 0


def test_hub_exponent_shrinks_short_text_neighbourhoods_faster() -> None:
    short = sparse.random(50, 5000, density=80 / 5000, format="csr", random_state=0)
    long = sparse.random(50, 5000, density=400 / 5000, format="csr", random_state=0)
    linear = ClusterParams(0.02, 30, hub_k=40, hub_full_terms=200, hub_min_k=3)
    squared = ClusterParams(0.02, 30, hub_k=40, hub_full_terms=200, hub_min_k=3, hub_exponent=2.0)
    assert hub_k(short, linear) == 16
    assert hub_k(short, squared) == 6
    assert hub_k(long, squared) == 40


def test_dense_columns_are_not_terms() -> None:
    short = sparse.random(50, 5000, density=80 / 5000, format="csr", random_state=0)
    with_dense = sparse.hstack([short, sparse.csr_matrix(np.ones((50, 384)))], format="csr")
    params = ClusterParams(0.02, 30, hub_k=40, hub_full_terms=200, hub_min_k=3, hub_exponent=2.0)
    assert hub_k(with_dense, params) == 40  # counted as 464 terms
    dense_params = ClusterParams(
        0.02, 30, hub_k=40, hub_full_terms=200, hub_min_k=3, hub_exponent=2.0, dense_columns=384
    )
    assert hub_k(with_dense, dense_params) == hub_k(short, params)


def test_layout_follows_the_median_article_length() -> None:
    from newsweave.events.vectors import SHORT_TEXT_WORDS, is_short_text_corpus

    short = _fields("Senate passes budget", "The senate passed the budget on Tuesday.")
    long = _fields("Senate passes budget", " ".join(["The senate passed the budget."] * int(SHORT_TEXT_WORDS)))
    assert is_short_text_corpus([short, short, long])
    assert not is_short_text_corpus([short, long, long])
    assert not is_short_text_corpus([])
    # Full articles keep the per-field layout, where the title block has a weight of its own; the one-text
    # layout repeats the title instead and ignores that weight.
    longs = [long, _fields("Storm hits coast", long.lead), long]
    shorts = [short, _fields("Storm hits coast", short.lead), short]
    for corpus, title_weight_matters in ((longs, True), (shorts, False)):
        plain = vectorise(corpus).matrix.toarray()
        heavy = vectorise(corpus, {"title": 2.0}).matrix.toarray()
        assert (not np.allclose(plain, heavy)) == title_weight_matters


def test_short_texts_match_inflections_and_show_words() -> None:
    # The one-text layout stems its words: "negotiations" and "negotiated" meet; the feature names stay words.
    a = _fields("Negotiations stall", "Aides said negotiations stalled over funding.")
    b = _fields("Talks negotiated", "Leaders negotiated until midnight.")
    c = _fields("Storm hits coast", "A storm flooded streets along the coast.")
    v = vectorise([a, b, c])
    m = v.matrix
    assert (m[0] @ m[1].T).toarray()[0, 0] > 0.1
    assert (m[0] @ m[2].T).toarray()[0, 0] == 0.0
    terms, _ = v.shared(0, 1)
    assert terms and terms[0] in {"negotiations", "negotiated"}


def _topic_texts(rng: np.random.Generator, n_topics: int, per_topic: int, fillers: int | None) -> list:
    """``per_topic`` texts for each of ``n_topics`` made-up topics of 8 words, each text 4 of its topic's words
    and a filler word (one per text, or ``fillers`` of them shared round-robin)."""
    topics = [[f"w{t}x{j}" for j in range(8)] for t in range(n_topics)]
    fields = []
    for i in range(per_topic * n_topics):
        words = list(rng.choice(topics[i % n_topics], 4, replace=False))
        filler = i if fillers is None else i % fillers
        fields.append(_fields(" ".join(words[:2]), " ".join(words[2:]) + f" filler{filler}"))
    return fields


def test_short_texts_get_a_topic_block_that_links_co_occurring_words() -> None:
    # More topics than the block has dimensions, of 8 made-up words each; each text uses 4 of its topic's
    # words. Two texts of one topic sharing no word still meet through the topic block (their words co-occur
    # in other texts); texts of two topics do not.
    from newsweave.events.vectors import LSA_DIMS

    fields = _topic_texts(np.random.default_rng(0), LSA_DIMS + 20, per_topic=5, fillers=None)
    fields.append(_fields("w0x0 w0x1", "w0x2 w0x3"))
    fields.append(_fields("w0x4 w0x5", "w0x6 w0x7"))  # topic 0, no word in common with the one before
    fields.append(_fields("w1x4 w1x5", "w1x6 w1x7"))  # topic 1
    v = vectorise(fields)
    assert v.dense_columns == LSA_DIMS and str(v.feature_names[-1]).startswith("D:")
    m = v.matrix
    same = float((m[-3] @ m[-2].T).toarray()[0, 0])
    other = float((m[-3] @ m[-1].T).toarray()[0, 0])
    assert same > 0.1 and same > other + 0.1


def test_topic_block_does_not_depend_on_the_order_of_the_rows() -> None:
    # The same texts in another order give the same similarities, topics included: the SVD's random
    # projection is drawn per column, so its columns go in the order of their terms, not of first appearance
    # (with that order, neus-dev's 1,050-article sample scored 0.901 B3 F1 in file order, 0.894 shuffled).
    from newsweave.events.vectors import LSA_DIMS

    rng = np.random.default_rng(3)
    fields = _topic_texts(rng, LSA_DIMS + 20, per_topic=4, fillers=50)
    perm = rng.permutation(len(fields))
    a = vectorise(fields)
    b = vectorise([fields[i] for i in perm])
    assert a.dense_columns == b.dense_columns == LSA_DIMS
    ga = (a.matrix @ a.matrix.T).toarray()[np.ix_(perm, perm)]
    gb = (b.matrix @ b.matrix.T).toarray()
    assert np.allclose(ga, gb, atol=1e-4)


def test_dense_columns_are_multiplied_apart_with_the_same_result() -> None:
    from newsweave.events.cluster import scaled_similarity

    rng = np.random.default_rng(1)
    words = sparse.random(40, 300, density=0.05, format="csr", random_state=2)
    dense = rng.random((40, 12))
    m = sparse.hstack([words, sparse.csr_matrix(dense)], format="csr")
    m = sparse.csr_matrix(m.multiply(1 / np.sqrt(m.multiply(m).sum(axis=1))))
    days = [None] * 40
    plain = scaled_similarity(m, list(range(40)), days, ClusterParams(0.02, 30, hub_k=5))
    split = scaled_similarity(m, list(range(40)), days, ClusterParams(0.02, 30, hub_k=5, dense_columns=12))
    assert np.allclose(plain, split, atol=1e-5)


def test_character_grams_join_spellings_and_drop_grams_of_one_article() -> None:
    from newsweave.events.vectors import _char_grams

    c, grams = _char_grams([_fields("Kata'ib Hezbollah", ""), _fields("Kataib Hizballah", ""), _fields("Storm", "")])
    assert len(grams) == c.shape[1] and " ka" in grams
    sims = (c @ c.T).toarray()
    assert sims[0, 1] > 0.3 and sims[0, 2] == 0.0 and sims[1, 2] == 0.0
    assert c[2].nnz == 0  # "storm" shares no n-gram with the others: its columns are dropped


def _briefs_and_a_busy_topic() -> sparse.csr_matrix:
    """Rows 0-7: a busy topic (two look-alike events: the topic's words, the event's word, words of their own);
    rows 8-9: two short briefs of one incident (one word in common); rows 10-19: other reports. Every row
    carries a generic word."""
    rows = []

    def row(words: dict[int, float]) -> None:
        v = np.zeros(160)
        for w, x in words.items():
            v[w] = x
        rows.append(v)

    for i in range(8):
        row({0: 0.3, 1: 1.0, 2: 1.0, 3 + i % 2: 0.6, **{10 + 3 * i + j: 1.0 for j in range(3)}})
    for i in range(2):
        row({0: 0.3, 50: 0.7, **{60 + 2 * i + j: 1.0 for j in range(2)}})
    for i in range(10):
        row({0: 0.5, 5: 0.5, **{100 + 4 * i + j: 1.0 for j in range(4)}})
    m = np.array(rows)
    return sparse.csr_matrix((m / np.linalg.norm(m, axis=1)[:, None]).astype(np.float32))


def test_relative_scale_is_the_median_level_over_the_pair_level() -> None:
    from newsweave.events.cluster import _relative_scale

    got = _relative_scale(np.array([0.1, 0.05, 0.2, 0.0, 0.9]), np.array([0.1]), 0.1)[:, 0]
    # At the median level 1; a pair of lower hubs counts its margin for more, of higher for less; clipped.
    assert np.allclose(got, [1.0, 0.1 / 0.075, 0.1 / 0.15, 2.0, 0.5])


def test_margins_count_in_units_of_the_neighbourhood_level(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsweave.events.cluster as cluster

    m, days, params = _briefs_and_a_busy_topic(), [None] * 20, ClusterParams(0.02, 30, hub_k=5)
    scaled = cluster.scaled_similarity(m, list(range(20)), days, params)
    monkeypatch.setattr(cluster, "RELATIVE_EXPONENT", 0.0)
    plain = cluster.scaled_similarity(m, list(range(20)), days, params)
    raw = (m @ m.T).toarray()
    np.fill_diagonal(raw, 0.0)
    hub = np.sort(raw, axis=1)[:, -5:].mean(axis=1)
    level = np.median(hub)
    assert hub[8] < level < hub[0]
    # The briefs (neighbourhood below the median) gain in proportion; the busy topic's margins shrink (clipped).
    assert scaled[8, 9] == pytest.approx(plain[8, 9] * level / hub[8], rel=1e-4) and scaled[8, 9] > plain[8, 9]
    assert plain[0, 2] > 0 and scaled[0, 2] == pytest.approx(0.5 * plain[0, 2], rel=1e-4)


def test_short_briefs_of_one_incident_join_at_their_own_level(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsweave.events.cluster as cluster

    m, days, params = _briefs_and_a_busy_topic(), [None] * 20, ClusterParams(0.2, 30, hub_k=5)
    _, members = cluster.assign(m, days, list(range(20)), [], params)
    assert [8, 9] in members
    monkeypatch.setattr(cluster, "RELATIVE_EXPONENT", 0.0)
    _, members = cluster.assign(m, days, list(range(20)), [], params)
    assert [8] in members and [9] in members
