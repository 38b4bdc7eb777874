"""Story threads: events that continue one another (successive strikes on the same militias).

An event is summarised by the text of its articles' titles, leads and names; events whose TF-IDF summaries
are at least ``story_threshold`` similar are linked, and a story is a connected component of those links.
Single link on purpose: a thread is a chain (strike, retaliation, counter-strike) whose ends need not look
alike. Time plays no part: a story may run for years.
"""

from __future__ import annotations

import hashlib
from typing import Mapping, Sequence

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..models import Story
from ._tfidf import counts, idf, tfidf_rows, word_analyser

__all__ = ["story_id", "build_stories"]


_BLOCK = 512


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
    # scikit-learn's default word analysis (lower case, words of 2+ characters, English stop words).
    analyse = word_analyser(r"(?u)\b\w\w+\b", str.lower, bigrams=False)
    vocabulary: dict[str, int] = {}
    c = counts((analyse(summaries[i]) for i in ids), vocabulary)
    # Alphabetical columns, so that ties between a story's top terms break the same way on every run.
    feats = np.array(list(vocabulary) or [""], dtype=object)
    order = np.argsort(feats, kind="stable")
    feats = feats[order]
    x = tfidf_rows(c[:, order], idf(c)[order]).astype(np.float32)
    # Block by block, keeping only links above the threshold: the full event x event product is dense
    # (every summary shares some word with every other) and would grow with the square of the history.
    xt = x.T.tocsr()
    blocks = []
    for b0 in range(0, x.shape[0], _BLOCK):
        part = (x[b0 : b0 + _BLOCK] @ xt).tocsr()
        part.data[part.data < threshold] = 0
        part.eliminate_zeros()
        blocks.append(part)
    sims = sparse.vstack(blocks).tocsr()
    _, labels = connected_components(sims, directed=False)
    # Stories in the order of their first event id (``ids`` is sorted); their term weights in one product.
    _, first = np.unique(labels, return_index=True)
    ranked_labels = labels[np.sort(first)]
    rank = np.empty(len(ranked_labels), dtype=np.int64)
    rank[ranked_labels] = np.arange(len(ranked_labels))
    story_of = rank[labels]
    g = sparse.csr_matrix((np.ones(len(ids)), (story_of, np.arange(len(ids)))), shape=(len(ranked_labels), len(ids)))
    weight = (g @ x).tocsr()
    weight.sort_indices()
    members_of: list[list[str]] = [[] for _ in ranked_labels]
    for i, s in zip(ids, story_of.tolist()):
        members_of[s].append(i)
    stories: list[Story] = []
    for s, members in enumerate(members_of):
        lo, hi = weight.indptr[s], weight.indptr[s + 1]
        data, cols = weight.data[lo:hi], weight.indices[lo:hi]
        # Heaviest first, ties alphabetically (columns are in alphabetical order).
        top = [str(feats[cols[j]]) for j in np.argsort(-data, kind="stable")[:n_terms] if data[j] > 0]
        stories.append(
            Story(id=story_id(members[0]), title=titles.get(members[0], ""), event_ids=tuple(members), terms=tuple(top))
        )
    return stories
