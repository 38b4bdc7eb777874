"""Event assignment: new articles, a chunk at a time in date order, join open events or open new ones.

Each chunk of new articles (``chunk`` articles in processing order) is first clustered among itself by
average-link agglomerative clustering -- the batch refinement pass: a follow-up and the first report that
arrive in one ingest meet as a group rather than in whatever order they came -- and each resulting group then
joins the open event with the best average-link score, or opens an event of its own. Events already stored
are never re-clustered: a daily ingest only adds to them.

Similarities are cosine over TF-IDF vectors with local scaling (CSLS, Conneau et al. 2018)::

    sim'(i, j) = cos(i, j) - (hub(i) + hub(j)) / 2

where ``hub(i)`` is the mean cosine of ``i`` to its ``hub_k`` nearest neighbours. A generic report on a busy
topic (one more Chicago shooting, one more Trump statement) resembles everything a little; scaling asks it to
resemble its partner *more than it resembles its neighbourhood*. Pairs more than ``window_days`` apart
never link, and an event whose last article is older than the window is closed.

Memory is bounded by the chunk plus the open events' articles: one dense (prior + chunk)^2 matrix at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

__all__ = ["ClusterParams", "Decision", "assign", "processing_order", "scaled_similarity"]

_FAR = -1.0  # similarity given to pairs that may never link (outside the time window)


@dataclass(frozen=True)
class ClusterParams:
    threshold: float
    window_days: int
    hub_k: int = 10
    chunk: int = 3000


@dataclass(frozen=True)
class Decision:
    """Where article ``row`` went: ``event`` indexes the returned event list (prior events first)."""

    row: int
    event: int
    opened: bool
    score: float
    matched_row: int | None


def processing_order(days: Sequence[int | None], rows: Sequence[int]) -> list[int]:
    """Dated rows by date; an undated row keeps its place after the row ingested before it."""
    keyed = []
    last = -(10**9)
    for pos, r in enumerate(rows):
        d = days[r]
        if d is not None:
            last = d
        keyed.append((d if d is not None else last, pos, r))
    keyed.sort()
    return [r for _, _, r in keyed]


def scaled_similarity(
    matrix: sparse.csr_matrix, rows: Sequence[int], days: Sequence[int | None], params: ClusterParams
) -> np.ndarray:
    """Dense CSLS-scaled similarity among ``rows``, with pairs outside the time window set to ``_FAR``."""
    m = matrix[list(rows)]
    s = (m @ m.T).toarray().astype(np.float64)
    n = len(rows)
    np.fill_diagonal(s, 0.0)
    d = np.array([days[r] if days[r] is not None else 0 for r in rows], dtype=np.int64)
    dated = np.array([days[r] is not None for r in rows], dtype=bool)
    far = dated[:, None] & dated[None, :] & (np.abs(d[:, None] - d[None, :]) > params.window_days)
    if params.hub_k > 0 and n > 1:
        # The neighbourhood is measured over all candidates, not only the window: how generic an article
        # is does not depend on when it ran.
        k = min(params.hub_k, n - 1)
        hub = np.partition(s, n - k, axis=1)[:, n - k :].mean(axis=1)
        s -= 0.5 * (hub[:, None] + hub[None, :])
    s[far] = _FAR
    np.fill_diagonal(s, 1.0)
    return s


def _agglomerate(s: np.ndarray, threshold: float) -> np.ndarray:
    """Average-link groups whose mean pairwise similarity stays at or above ``threshold``."""
    n = s.shape[0]
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    # Distances must be non-negative for linkage; shift by a constant, which average linkage ignores.
    dist = (1.0 - _FAR) - s
    np.fill_diagonal(dist, 0.0)
    z = linkage(squareform(dist, checks=False), method="average")
    return fcluster(z, t=(1.0 - _FAR) - threshold, criterion="distance") - 1


def assign(
    matrix: sparse.csr_matrix,
    days: Sequence[int | None],
    new_rows: Sequence[int],
    prior_events: Sequence[Sequence[int]],
    params: ClusterParams,
) -> tuple[list[Decision], list[list[int]]]:
    """Assign ``new_rows`` of ``matrix`` (L2-normalised rows) to ``prior_events`` (lists of rows) or new ones.

    Returns the decisions (in processing order) and the member rows of every event, prior events first.
    """
    events: list[list[int]] = [list(m) for m in prior_events]
    last_day: list[int | None] = [max((days[r] for r in m if days[r] is not None), default=None) for m in events]
    last_seq: list[int] = [-1] * len(events)  # processing index of each event's last new article
    order = processing_order(days, new_rows)
    decisions: list[Decision] = []
    for c0 in range(0, len(order), params.chunk):
        chunk = order[c0 : c0 + params.chunk]
        first_day = next((days[r] for r in chunk if days[r] is not None), None)
        # Open events: dated ones whose last article is within the window of the chunk's start; without dates
        # the window is counted in articles (the last ``chunk`` processed), which bounds memory the same way.
        open_ev = [
            e
            for e in range(len(events))
            if (first_day is not None and last_day[e] is not None and first_day - last_day[e] <= params.window_days)
            or ((first_day is None or last_day[e] is None) and last_seq[e] >= c0 - params.chunk)
        ]
        prior_rows = [r for e in open_ev for r in events[e]]
        rows = prior_rows + chunk
        s = scaled_similarity(matrix, rows, days, params)
        p = len(prior_rows)
        labels = _agglomerate(s[p:, p:], params.threshold) if chunk else np.zeros(0, dtype=np.int64)
        # Column blocks of the prior events inside ``s``.
        spans: list[tuple[int, int, int]] = []
        pos = 0
        for e in open_ev:
            spans.append((e, pos, pos + len(events[e])))
            pos += len(events[e])
        group_event: dict[int, int] = {}
        index = {row: j for j, row in enumerate(rows)}
        groups = list(dict.fromkeys(int(x) for x in labels))
        best_e, best = _best_events(s, p, labels, groups, spans)
        # Groups join events in the order of their first article, so new events follow dates.
        for gi, g in enumerate(groups):
            if best_e[gi] >= 0 and best[gi] >= params.threshold:
                group_event[g] = int(best_e[gi])
            else:
                events.append([])
                last_day.append(None)
                last_seq.append(-1)
                group_event[g] = len(events) - 1
        for k, r in enumerate(chunk):
            e = group_event[int(labels[k])]
            opened = not events[e]
            decisions.append(_explain(s, rows, index, k + p, r, events[e], e, opened))
            events[e].append(r)
            last_seq[e] = c0 + k
            if days[r] is not None:
                last_day[e] = days[r] if last_day[e] is None else max(last_day[e], days[r])
    return decisions, events


def _best_events(
    s: np.ndarray, p: int, labels: np.ndarray, groups: list[int], spans: list[tuple[int, int, int]]
) -> tuple[np.ndarray, np.ndarray]:
    """For each group of the chunk, the prior event with the best average link, and that score."""
    n_g = len(groups)
    if not spans or not n_g:
        return np.full(n_g, -1), np.full(n_g, -np.inf)
    pos = {g: i for i, g in enumerate(groups)}
    gm = sparse.csr_matrix(
        (np.ones(len(labels)), ([pos[int(x)] for x in labels], np.arange(len(labels)))), shape=(n_g, len(labels))
    )
    cols = np.concatenate([np.full(b - a, i) for i, (_, a, b) in enumerate(spans)])
    em = sparse.csc_matrix((np.ones(p), (np.arange(p), cols)), shape=(p, len(spans)))
    sums = np.asarray((gm @ sparse.csr_matrix(s[p:, :p]) @ em).todense()) if p else np.zeros((n_g, 0))
    sizes = np.outer(np.asarray(gm.sum(axis=1)).ravel(), np.array([b - a for _, a, b in spans]))
    mean = sums / sizes
    j = np.argmax(mean, axis=1)
    events = np.array([spans[int(x)][0] for x in j])
    return events, mean[np.arange(n_g), j]


def _explain(
    s: np.ndarray, rows: list[int], index: dict[int, int], i: int, r: int, members: list[int], e: int, opened: bool
) -> Decision:
    """Score = mean scaled similarity to the event's earlier members; matched = the most similar of them."""
    if not members:
        return Decision(r, e, True, 0.0, None)
    cols = np.array([index[m] for m in members if m in index], dtype=np.int64)
    if not len(cols):
        return Decision(r, e, opened, 0.0, None)
    vals = s[i, cols]
    best = int(np.argmax(vals))
    return Decision(r, e, opened, float(vals.mean()), rows[int(cols[best])])
