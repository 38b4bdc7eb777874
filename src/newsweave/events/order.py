"""An order for undated reports taken from what they say, so that the chunks of a run hold topic-mates.

The events stage clusters new reports a chunk at a time (events/cluster.py) and lets a chunk meet only the
events of the chunks just before it: with dates that is the time window. Reports without a date have no time
to order them by, and their ingest order is whatever order the files came in. Session 13 found the stage
leaning on it: neus-dev's file lists each story's three reports one after another, and in that order it scored
0.8471 B3 F1; the same reports shuffled scored 0.768, because a story's reports then fall into chunks that
never meet. Clustering the whole file at once (no chunks) scores 0.8216 at 1.35 GB.

So a run's undated reports are ordered here by their words, independent of the ingest order: recursive
bisection along the leading principal direction of their TF-IDF rows (spectral ordering, as in sparse-matrix
reordering and in seriation), each leaf in article-id order. Reports on one topic end up side by side, a
chunk holds a few neighbouring topics, and the next chunk the topics next to those. neus-dev in this order:
0.808 B3 F1 whatever the file's order (70% of its gold pairs fall in one chunk, 25% in neighbouring chunks,
5.5% two chunks apart), at the chunked stage's 555 MB. Written here rather than
taken from scikit-learn: its ``TruncatedSVD`` centres nothing and its ``PCA`` densifies a sparse matrix, and
the power iteration below is the dozen lines both would wrap.
"""

from __future__ import annotations

from typing import Iterable

import numpy as np
from scipy import sparse

from ._tfidf import counts, idf, tfidf_rows, word_analyser

__all__ = ["content_order", "nearest_rows", "text_rows", "HEAD_CHARS"]

# What of a report the order reads: its title and the start of its text. The order only has to put topics
# side by side; the clustering reads the whole report.
HEAD_CHARS = 600
_analyse = word_analyser(r"(?u)\b[^\W\d_][^\W\d_]+\b", str.lower, bigrams=False)

# Parts at or below this size are not split further. Only where a chunk boundary falls inside a part does the
# order within it matter, and then little: neus-dev with leaves of 200 or 1,000 reports scored 0.8082 / 0.8107
# in a lab run (bisection outside the stage).
LEAF = 256
# Power-iteration steps for each split's leading direction. Its sign and its last digits do not matter, only
# which side of the median each report falls on; 30 steps from a fixed start is deterministic.
_STEPS = 30


def content_order(matrix: sparse.csr_matrix, leaf: int | None = None) -> list[int]:
    """Rows of ``matrix`` (one report each) ordered so that similar rows are near each other.

    Deterministic: the same rows in the same row order give the same order. Callers pass the rows in a
    canonical order (the stage: by article id), so the result does not depend on how the files came in."""
    leaf = LEAF if leaf is None else leaf
    m = sparse.csr_matrix(matrix, dtype=np.float64)
    out: list[int] = []
    stack = [np.arange(m.shape[0])]
    while stack:
        idx = stack.pop()
        if len(idx) <= max(1, leaf):
            out.extend(int(i) for i in idx)
            continue
        score = _leading_scores(m[idx])
        # Median split (stable, so ties keep the canonical order); the second half is pushed first so that
        # the first half comes out first: a depth-first walk that keeps each subtree contiguous.
        order = np.argsort(score, kind="stable")
        half = len(idx) // 2
        stack.append(idx[order[half:]])
        stack.append(idx[order[:half]])
    return out


def text_rows(texts: Iterable[str]) -> sparse.csr_matrix:
    """Unigram TF-IDF rows (the texts' own idf) of ``texts``, read one at a time."""
    c = counts((_analyse(t) for t in texts), {})
    return tfidf_rows(c, idf(c))


def nearest_rows(a: sparse.csr_matrix, b: sparse.csr_matrix, block: int = 512) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``a``, the row of ``b`` with the highest cosine (rows unit length) and that cosine;
    ``block`` rows of ``a`` at a time, so the dense temporaries stay ``block`` x rows of ``b``."""
    best = np.zeros(a.shape[0], dtype=np.int64)
    sim = np.zeros(a.shape[0], dtype=np.float64)
    if b.shape[0] == 0:
        return best, sim
    bt = sparse.csr_matrix(b.T)
    for b0 in range(0, a.shape[0], block):
        s = (a[b0 : b0 + block] @ bt).toarray()
        best[b0 : b0 + block] = s.argmax(axis=1)  # first of equals: the caller's order decides ties
        sim[b0 : b0 + block] = s.max(axis=1)
    return best, sim


def _leading_scores(m: sparse.csr_matrix) -> np.ndarray:
    """Each row's coordinate on the leading principal direction of the rows (centred), by power iteration on
    ``(M - 1 mu)^T (M - 1 mu)`` without forming the centred matrix."""
    mu = np.asarray(m.mean(axis=0)).ravel()
    v = np.full(m.shape[1], 1.0 / np.sqrt(max(1, m.shape[1])))
    for _ in range(_STEPS):
        u = m @ v - mu @ v
        w = m.T @ u - mu * u.sum()
        norm = np.linalg.norm(w)
        if norm == 0:
            break
        v = w / norm
    return m @ v - mu @ v
