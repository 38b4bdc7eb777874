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
from sklearn.feature_extraction.text import TfidfVectorizer

from ..models import Story

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
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", dtype=np.float32)
    try:
        x = vec.fit_transform([summaries[i] for i in ids])
    except ValueError:  # nothing but stop words anywhere
        x = sparse.csr_matrix((len(ids), 1), dtype=np.float32)
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
    feats = vec.get_feature_names_out() if x.shape[1] > 1 else np.array([])
    stories: list[Story] = []
    for lab in sorted(set(labels.tolist()), key=lambda lab: ids[int(np.argmax(labels == lab))]):
        rows = np.nonzero(labels == lab)[0]
        members = [ids[i] for i in rows]
        weight = np.asarray(x[rows].sum(axis=0)).ravel()
        ranked = np.argsort(-weight, kind="stable")[:n_terms] if len(feats) else []
        top = [str(feats[j]) for j in ranked if weight[j] > 0]
        stories.append(
            Story(id=story_id(members[0]), title=titles.get(members[0], ""), event_ids=tuple(members), terms=tuple(top))
        )
    return stories
