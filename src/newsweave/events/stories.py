"""Story threads: events that continue one another (successive strikes on the same militias).

An event is summarised by the text of its articles' titles, leads and names. Two events are linked when their
TF-IDF summaries are at least ``story_threshold`` similar AND each is among the other's :data:`STORY_K` most
similar events (the mutual k-nearest-neighbour graph); a story is a connected component of those links.
Components on purpose: a thread is a chain (strike, retaliation, counter-strike) whose ends need not look
alike. Mutual nearest neighbours on purpose: with the threshold alone, generic events that resemble many
others (a summary of common words) chain everything into one story. Time plays no part: a story may run for
years.
"""

from __future__ import annotations

import hashlib
from typing import Callable, Mapping, Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..models import Story
from ._tfidf import counts, idf, tfidf_rows, word_analyser

__all__ = [
    "STORY_K", "story_id", "build_stories", "nearest", "story_words", "encode", "coded_rows",
    "onto_columns", "links", "stories_of", "top_columns",
]


_BLOCK = 512

# A link needs each event among the other's STORY_K nearest (by the same cosine, ties to the smaller event id),
# besides the threshold. With the threshold alone (single link at 0.15) the links percolate: one story held
# 997 of gva-a's 1,742 events and 3,428 of neus-dev's 3,945 (a random pair of events shares a story with
# probability 0.33 / 0.76), and raising the threshold does not stop it (0.25: 908 on neus-dev). Measured with
# bench/clustering/story_metrics.py (no labelled stories exist, so these are proxies): largest story / share of
# the event stage's false splits joined in one story / co-story rate: mutual top-2: gva-a 8 / 0.274, neus-dev 13 / 0.189; mutual
# top-3: gva-a 28 / 0.335 / 0.0026, neus-dev 118 / 0.291 / 0.0022. 3 keeps more of the splits a thread should
# catch while no story grows past 0.7% of the store's events (BENCHMARKS.md, "Story threads", session 11).
STORY_K = 3

# scikit-learn's default word analysis (lower case, words of 2+ characters, English stop words).
story_words = word_analyser(r"(?u)\b\w\w+\b", str.lower, bigrams=False)


def story_id(founding_event: str) -> str:
    return "st-" + hashlib.sha1(founding_event.encode("utf-8")).hexdigest()[:12]


def build_stories(
    summaries: Mapping[str, str], titles: Mapping[str, str], threshold: float, *, n_terms: int = 6
) -> list[Story]:
    """Group events (id -> summary text) into stories; every event belongs to exactly one story.

    A story's id derives from its first event id in sorted order, so it is stable while its events are.
    """
    ids: Sequence[str] = sorted(summaries)
    if not ids:
        return []
    vocabulary: dict[str, int] = {}
    c = counts((story_words(summaries[i]) for i in ids), vocabulary)
    # Alphabetical columns, so that ties between a story's top terms break the same way on every run.
    feats = np.array(list(vocabulary) or [""], dtype=object)
    order = np.argsort(feats, kind="stable")
    feats = feats[order]
    x = tfidf_rows(c[:, order], idf(c)[order]).astype(np.float32)
    # Only links above the threshold, a block at a time (:func:`links`). An event is not its own neighbour: the
    # diagonal goes.
    rows, cols, data = links(x, x, threshold)
    off = rows != cols
    return stories_of(
        ids, [titles.get(i, "") for i in ids], x, rows[off], cols[off], data[off],
        lambda columns: [str(feats[c]) for c in columns], n_terms=n_terms,
    )


def stories_of(
    ids: Sequence[str], titles: Sequence[str], x: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray,
    scores: np.ndarray, names: Callable[[list[int]], list[str]], *, n_terms: int = 6,
) -> list[Story]:
    """The stories of the events ``ids`` (sorted) given their links: (row, col, score) at or above the threshold,
    each pair both ways. ``x``: the events' TF-IDF rows, columns in their terms' alphabetical order; ``names``
    gives the terms of columns. build_stories' second half, shared with the incremental graph
    (events/threads.py) so that the same links give the same stories, ids, titles and terms."""
    near = nearest(rows, cols, scores, len(ids))
    _, labels = connected_components(near.multiply(near.T), directed=False)
    # Stories in the order of their first event id (``ids`` is sorted); their term weights in one product.
    _, first = np.unique(labels, return_index=True)
    ranked_labels = labels[np.sort(first)]
    rank = np.empty(len(ranked_labels), dtype=np.int64)
    rank[ranked_labels] = np.arange(len(ranked_labels))
    story_of = rank[labels]
    members_of: list[list[int]] = [[] for _ in ranked_labels]
    for i, s in enumerate(story_of.tolist()):
        members_of[s].append(i)
    tops = top_columns(x, members_of, n_terms)
    used = sorted({c for t in tops for c in t})
    name = dict(zip(used, names(used)))
    return [
        Story(id=story_id(ids[m[0]]), title=titles[m[0]], event_ids=tuple(ids[i] for i in m),
              terms=tuple(name[c] for c in t))
        for m, t in zip(members_of, tops)
    ]


def nearest(rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, n: int, k: int = STORY_K) -> sparse.csr_matrix:
    """The n x n 0/1 matrix of each row's ``k`` nearest among the scored pairs (row, col, score): highest score
    first, ties to the smaller column (events are in id order, so to the smaller event id). Mutual links are
    the pairs set both ways (``near.multiply(near.T)``)."""
    order = np.lexsort((cols, -scores, rows))
    rows, cols = rows[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = rank < k
    return sparse.csr_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=(n, n))


# --- the same arithmetic a part at a time, for the incremental graph (events/threads.py). Each piece computes
# exactly what build_stories does for the same rows: the same float64 TF-IDF and row norms, summed over a row's
# terms in alphabetical order (build_stories' columns), cast to float32, and products accumulated over the
# shared terms in alphabetical order (the product in blocks, or pair_scores pair by pair). So the graph's scores
# are build_stories' bit for bit, whatever the parts and whenever a pair is scored again.


def encode(words: Sequence[str], term_id: Mapping[str, int]) -> tuple[bytes, bytes]:
    """A text's words as (term ids, counts), int32, in the terms' alphabetical order: the order build_stories'
    columns give a row's terms, so norms and products summed over them come out the same."""
    tally: dict[str, int] = {}
    for w in words:
        tally[w] = tally.get(w, 0) + 1
    terms = sorted(tally)
    return (np.array([term_id[t] for t in terms], dtype=np.int32).tobytes(),
            np.array([tally[t] for t in terms], dtype=np.int32).tobytes())


def coded_rows(codes: Sequence[tuple[bytes, bytes]], idf: np.ndarray) -> sparse.csr_matrix:
    """TF-IDF rows (float32, l2-normalised as build_stories' are: norms summed in the terms' alphabetical order)
    of encoded texts; columns are term ids (entries in whatever order scipy leaves them: its astype sorts them
    by column)."""
    ids = [np.frombuffer(t, dtype=np.int32) for t, _ in codes]
    tfs = [np.frombuffer(c, dtype=np.int32) for _, c in codes]
    indptr = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum([len(i) for i in ids], out=indptr[1:])
    m = sparse.csr_matrix(
        (np.concatenate(tfs).astype(np.float64) if tfs else np.zeros(0),
         np.concatenate(ids).astype(np.int64) if ids else np.zeros(0, np.int64), indptr),
        shape=(len(codes), max(1, len(idf))),
    )
    return tfidf_rows(m, idf).astype(np.float32)


def onto_columns(x: sparse.csr_matrix, column_of: np.ndarray, width: int) -> sparse.csr_matrix:
    """``x`` with column c moved to ``column_of[c]`` (dropped where -1). Weights stay as normalised over the
    whole row; entry order within a row is kept (sort them for products that add in column order)."""
    cols = column_of[x.indices]
    keep = cols >= 0
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))[keep]
    indptr = np.zeros(x.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=x.shape[0]), out=indptr[1:])
    return sparse.csr_matrix((x.data[keep], cols[keep], indptr), shape=(x.shape[0], max(1, width)))


def links(
    left: sparse.csr_matrix, right: sparse.csr_matrix, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows of ``left``, rows of ``right``, cosines) of the pairs at or above ``threshold``, a block at a time:
    the full product is dense (every text shares a word with almost every other) and would grow with the square
    of the history."""
    rt = right.T.tocsr()
    rows, cols, data = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0, np.float32)]
    for b0 in range(0, left.shape[0], _BLOCK):
        part = (left[b0 : b0 + _BLOCK] @ rt).tocoo()
        keep = part.data >= threshold
        rows.append(part.row[keep].astype(np.int64) + b0)
        cols.append(part.col[keep].astype(np.int64))
        data.append(part.data[keep])
    return np.concatenate(rows), np.concatenate(cols), np.concatenate(data)


def pair_scores(x: sparse.csr_matrix, a: np.ndarray, b: np.ndarray, chunk: int = 16384) -> np.ndarray:
    """The cosines of the row pairs (``a[i]``, ``b[i]``) of ``x`` (float32, columns sorted), bit for bit what the
    product ``x @ x.T`` gives them: a sparse product adds a pair's float32 products one at a time over the shared
    columns in column order, and so does this (``np.add.reduceat`` would add them pairwise, 8 at a time). Memory:
    ``chunk`` pairs' rows at a time."""
    out = np.zeros(len(a), dtype=np.float32)
    for c0 in range(0, len(a), chunk):
        both = x[a[c0 : c0 + chunk]].multiply(x[b[c0 : c0 + chunk]]).tocsr()
        both.sort_indices()
        # The k-th products of every pair that has k, longest pairs first so that those are a prefix: one
        # vector addition per position (as many as the most shared columns), each over the pairs still going.
        n = np.diff(both.indptr)
        order = np.argsort(-n, kind="stable")
        starts, longest = both.indptr[:-1][order], n[order]
        acc = np.zeros(len(order), dtype=np.float32)
        going = np.searchsorted(-longest, -np.arange(int(longest[0]) if len(longest) else 0), side="left")
        for k, m in enumerate(going.tolist()):
            acc[:m] += both.data[starts[:m] + k]
        out[c0 + order] = acc
    return out


def top_columns(x: sparse.csr_matrix, groups: Sequence[Sequence[int]], n_terms: int = 6) -> list[list[int]]:
    """Each group's (rows of ``x``) heaviest columns by summed weight, ties to the smaller column: with columns in
    their terms' alphabetical order, ties go alphabetically. Summed in one product (float64), the members of a
    group in any order: a sparse product adds a column's entries in row order, and groups list rows ascending."""
    if not groups:
        return []
    rows = [r for g in groups for r in g]
    owner = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    g = sparse.csr_matrix((np.ones(len(rows)), (owner, rows)), shape=(len(groups), x.shape[0]))
    weight = (g @ x).tocsr()
    weight.sort_indices()
    # All groups at once: by group, then heaviest, ties in column order (the sort is stable and a group's entries
    # are in column order).
    group = np.repeat(np.arange(len(groups)), np.diff(weight.indptr))
    order = np.lexsort((-weight.data, group))
    rank = np.arange(len(order)) - weight.indptr[group[order]]
    pick = order[(rank < n_terms) & (weight.data[order] > 0)]
    out: list[list[int]] = [[] for _ in groups]
    for s, c in zip(group[pick].tolist(), weight.indices[pick].tolist()):
        out[s].append(c)
    return out
