"""The words block of the article vectors, the steeper neighbourhood rule, and the optional embedding mix."""

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
    long = _fields("Senate budget vote", " ".join(words[i % 10] + str(i // 10) for i in range(int(NAMES_FULL_WORDS) + 50)))
    v = vectorise([short, long])
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
    dense_params = ClusterParams(0.02, 30, hub_k=40, hub_full_terms=200, hub_min_k=3, hub_exponent=2.0, dense_columns=384)
    assert hub_k(with_dense, dense_params) == hub_k(short, params)


def test_embedding_mix_weights_the_two_cosines() -> None:
    from newsweave.events.dense import with_embeddings

    f = [_fields("Senate passes budget", "The senate passed the budget."), _fields("Storm hits", "A storm hit.")]
    v = vectorise(f)
    emb = np.array([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32)
    mixed = with_embeddings(v, emb, 0.4)
    cos_t = float((v.matrix[0] @ v.matrix[1].T).toarray()[0, 0])
    cos_m = float((mixed.matrix[0] @ mixed.matrix[1].T).toarray()[0, 0])
    assert cos_m == pytest.approx(0.6 * cos_t + 0.4 * 0.6, abs=1e-5)
    assert float((mixed.matrix[0] @ mixed.matrix[0].T).toarray()[0, 0]) == pytest.approx(1.0, abs=1e-5)
    # Embedding dimensions never appear as shared terms in an explanation.
    terms, _ = mixed.shared(0, 1)
    assert not any(t.startswith("D:") for t in terms)
    with pytest.raises(ValueError):
        with_embeddings(v, emb[:1], 0.4)
