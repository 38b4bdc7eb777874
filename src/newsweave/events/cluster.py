"""Event assignment: new articles, a chunk at a time in date order, join open events or open new ones.

Each chunk of new articles (``chunk`` articles in processing order) is first clustered among itself by
average-link agglomerative clustering -- the batch refinement pass: a follow-up and the first report that
arrive in one ingest meet as a group rather than in whatever order they came -- and each resulting group then
joins the open event with the best average-link score, or opens an event of its own. Events already stored
are never re-clustered: a daily ingest only adds to them.

Similarities are cosine over TF-IDF vectors with local scaling (CSLS, Conneau et al. 2018)::

    sim'(i, j) = (cos(i, j) - (hub(i) + hub(j)) / 2) * median(hub) / ((hub(i) + hub(j)) / 2)

where ``hub(i)`` is the mean cosine of ``i`` to its ``hub_k`` nearest neighbours, ``j`` left out (when ``j`` is
among them, the next neighbour takes its place). A generic report on a busy
topic (one more Chicago shooting, one more Trump statement) resembles everything a little; scaling asks it to
resemble its partner *more than it resembles its neighbourhood*, by a margin measured in units of that
neighbourhood's level relative to the median (:func:`_relative_scale`). Pairs more than ``window_days``
apart never link, and an event whose last article is older than the window is closed.

Memory is bounded by the chunk times the open window: dense chunk x chunk and chunk x open-articles
similarities, and one block of rows at a time for the open articles' neighbourhoods; never (prior + chunk)^2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage

__all__ = ["ClusterParams", "Decision", "PairAdjust", "assign", "processing_order", "scaled_similarity"]

# Optional rewrite of the scaled similarities of rows ``a`` x rows ``b`` (row ids of the matrix; the block is
# passed in and the adjusted block returned), applied before the time window: the incident-fact evidence of
# :mod:`.evidence`, kept out of this module. It is called on blocks of rows, so each pair's new value must
# depend on that pair alone.
PairAdjust = Callable[[Sequence[int], Sequence[int], np.ndarray], np.ndarray]

# Leave-pair-out local scaling: a pair's own similarity is not evidence about either article's neighbourhood
# (see :func:`_hub_without`). On tiny corpora (k = n - 1) the hub otherwise holds the partner itself: the seeds'
# 004 joined {000, 003} at 0.027 against the 0.02 threshold, now at 0.087 (nearest other-event pair -0.015).
# End-to-end at threshold 0.02, off -> on, B3 F1 (pairwise F1): gva-a 0.9105 -> 0.9092 (0.742 -> 0.738),
# ecbplus-dev 0.9109 -> 0.9129 (0.883 -> 0.885), neus-dev 0.774 -> 0.7715 (0.585 -> 0.578): a wash on dev,
# kept for the margin. ``False`` restores plain CSLS.
LEAVE_PAIR_OUT = True
# Relative scale (see :func:`_relative_scale`): each pair's scaled similarity is multiplied by
# ``(median hub / mean hub of the pair) ** RELATIVE_EXPONENT``, clipped to ``RELATIVE_CLIP``; 0 turns it off.
# End to end at threshold 0.02, B3 F1 off -> exponent 1 (pairwise F1): ecbplus-dev 0.9302 -> 0.9360 (0.897 ->
# 0.905), gva-a 0.9528 -> 0.9535 (0.880 -> 0.878), neus-dev 0.8338 -> 0.8335 (0.720 -> 0.722), gva-a with 5%
# of its dates blanked 0.9433 -> 0.9446. At thresholds 0.015 / 0.025 it gains the same way: ecbplus-dev 0.9307 ->
# 0.9387 / 0.9272 -> 0.9358, gva-a 0.9510 -> 0.9531 / 0.9510 -> 0.9523. Exponent 1.25 / 1.5 / 2 / 3: ecbplus-dev
# 0.9405 / 0.9393 / 0.9471 / 0.9483 (the look-alike events of its densest topics come apart: IE patches at
# 1.25, Chargers arrests at 2), gva-a 0.9532 / 0.9528 / 0.9513, neus-dev 0.8333 / 0.8335 / 0.8341. 1 is kept:
# the similarity in units of its neighbourhood's own level, no more (gva-a falls from 2 on). The geometric mean
# of the two hubs instead of the arithmetic: 0.9366 / 0.9534 (same). The clip is a guard (it binds on 0.1-0.4%
# of pairs of ecbplus-dev and gva-a: a report that resembles nothing has a hub near 0).
RELATIVE_EXPONENT = 1.0
RELATIVE_CLIP = (0.5, 2.0)
_FAR = -1.0  # similarity given to pairs that may never link (outside the time window)


@dataclass(frozen=True)
class ClusterParams:
    threshold: float
    window_days: int
    hub_k: int = 10
    chunk: int = 3000
    hub_full_terms: float = 0.0  # 0: always ``hub_k`` neighbours (see :func:`hub_k`)
    hub_min_k: int = 5
    hub_exponent: float = 1.0  # how steeply ``hub_k`` falls below ``hub_full_terms`` (1: linearly)
    dense_columns: int = 0  # trailing columns every row fills (an embedding block): not terms, for ``hub_k``


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


# Rows of the similarity product (and of its scaling) computed at a time: bounds the transient dense blocks to
# ``_BLOCK`` x N. 1,024 -> 512: assign's peak on a chunk of 3,000 new and 577 open articles 163 -> 126 MB, CPU
# the same (1.2-1.3 s in alternating runs; a block and its partition are 2 x 23 MB at 5,590 rows, not 2 x 46).
_BLOCK = 512


@dataclass
class _Sims:
    """Scaled similarities of one chunk: ``cc`` chunk x chunk (float64, for linkage), ``cp`` chunk x prior
    (float32). Nothing of size (prior + chunk)^2 is ever held: prior-prior similarities are only needed for
    the prior rows' neighbourhoods, which are taken a block at a time."""

    cc: np.ndarray
    cp: np.ndarray


def hub_k(m: sparse.csr_matrix, params: ClusterParams) -> int:
    """Neighbours for local scaling, fewer on corpora of short texts.

    Short texts (headline + lead: a few dozen distinct terms) have sparse vectors whose cosine falls to ~0
    within a few ranks, so the mean over 40 neighbours sits far below the topic-mates that must be told
    apart, and any topic-mate clears the threshold. The median number of distinct terms of the rows in play
    scales ``hub_k`` down below ``params.hub_full_terms``, as ``(terms / hub_full_terms) ** hub_exponent``
    (neus-dev, median 80 terms: 16 neighbours linearly, 6 squared).
    """
    if params.hub_full_terms <= 0 or m.shape[0] == 0:
        return params.hub_k
    terms = float(np.median(np.diff(m.indptr))) - params.dense_columns
    scale = min(1.0, max(0.0, terms) / params.hub_full_terms) ** params.hub_exponent
    return max(params.hub_min_k, int(round(params.hub_k * scale)))


def _chunk_similarity(
    matrix: sparse.csr_matrix, prior: Sequence[int], chunk: Sequence[int], days: Sequence[int | None],
    params: ClusterParams, adjust: PairAdjust | None = None, pool: Sequence[int] = (),
) -> _Sims:
    """CSLS-scaled similarities of ``chunk`` to itself and to ``prior`` (plus ``adjust``); pairs outside the
    window are ``_FAR``. ``pool`` rows count only as neighbours, for the neighbourhoods (see :func:`assign`)."""
    rows = list(prior) + list(chunk) + list(pool)
    p, c, n = len(prior), len(chunk), len(rows)
    m = matrix[rows]
    k = min(hub_k(m, params), n - 1)
    m, dense = _split_dense(m, params.dense_columns)
    mt = m.T.tocsr()
    dt = None if dense is None else np.ascontiguousarray(dense.T)
    hub = np.zeros(n, dtype=np.float64)
    kth = np.full(n, np.inf, dtype=np.float64)  # each row's k-th largest similarity (its neighbourhood's edge)
    nxt = np.zeros(n, dtype=np.float64)  # and the (k+1)-th, which replaces a partner left out of it
    cc = np.empty((c, c), dtype=np.float64)
    cp = np.empty((c, p), dtype=np.float32)
    for b0 in range(0, n, _BLOCK):
        b1 = min(n, b0 + _BLOCK)
        blk = (m[b0:b1] @ mt).toarray()
        if dense is not None:
            blk += dense[b0:b1] @ dt
        blk[np.arange(b1 - b0), np.arange(b0, b1)] = 0.0
        if k > 0:
            # The neighbourhood is measured over all candidates, not only the window: how generic an
            # article is does not depend on when it ran.
            part = np.partition(blk, (n - k - 1, n - k), axis=1)
            hub[b0:b1] = part[:, n - k :].mean(axis=1, dtype=np.float64)
            kth[b0:b1] = part[:, n - k]
            nxt[b0:b1] = part[:, n - k - 1]
            del part
        lo, hi = max(b0, p), min(b1, p + c)
        if hi > lo:  # rows of the chunk: keep their similarities
            cc[lo - p : hi - p] = blk[lo - b0 : hi - b0, p : p + c]
            cp[lo - p : hi - p] = blk[lo - b0 : hi - b0, :p]
        del blk
    d = np.array([days[r] if days[r] is not None else 0 for r in rows], dtype=np.int64)
    dated = np.array([days[r] is not None for r in rows], dtype=bool)
    hc = hub[p : p + c]
    pair_out = LEAVE_PAIR_OUT and k > 0
    level = float(np.median(hub)) if k > 0 else 0.0  # the run's typical neighbourhood level
    relative = RELATIVE_EXPONENT > 0 and level > 0
    # Scaling, evidence and the window go ``_BLOCK`` chunk rows at a time: a pair's value depends only on its
    # own similarity and on per-row numbers, so the result is the same to the bit, and whole-matrix
    # temporaries (four or five chunk x chunk and chunk x prior float64 arrays at once) set the stage's peak
    # memory: assign on 3,000 new and 577 open articles peaked at 304 MB whole, 126 MB by blocks (with the
    # condensed distances below; BENCHMARKS.md, scale).
    # The chunk's rows against the chunk (float64, for the linkage) and against the prior rows (float32):
    # (block, its columns' rows, their positions in ``rows``).
    parts = [(cc, chunk, slice(p, p + c))] + ([(cp, prior, slice(0, p))] if p else [])
    for b0 in range(0, c, _BLOCK):
        b1 = min(c, b0 + _BLOCK)
        hb, kb, nb = hc[b0:b1], kth[p + b0 : p + b1], nxt[p + b0 : p + b1]
        db, datedb = d[p + b0 : p + b1, None], dated[p + b0 : p + b1, None]
        for out, cols, at in parts:
            blk, hcol = out[b0:b1], hub[at]
            if pair_out:
                blk -= (0.5 * (_hub_without(blk, hb, kb, nb, k)
                               + _hub_without(blk.T, hcol, kth[at], nxt[at], k).T)).astype(blk.dtype, copy=False)
            else:
                blk -= (0.5 * (hb[:, None] + hcol[None, :])).astype(blk.dtype, copy=False)
            if relative:
                blk *= _relative_scale(hb, hcol, level).astype(blk.dtype, copy=False)
            if adjust is not None:
                out[b0:b1] = adjust(chunk[b0:b1], cols, blk)
            blk[datedb & dated[None, at] & (np.abs(db - d[None, at]) > params.window_days)] = _FAR
    np.fill_diagonal(cc, 1.0)
    return _Sims(cc, cp)


def _relative_scale(ha: np.ndarray, hb: np.ndarray, level: float) -> np.ndarray:
    """Per pair (rows ``ha`` x columns ``hb``, their hubs): the run's ``level`` over the pair's mean hub, to the
    ``RELATIVE_EXPONENT``, clipped.

    CSLS takes the neighbourhood's level off a cosine but leaves the margin in cosine units, and how large a
    margin means "same incident" follows how alike a report's neighbours are. Short reports (a two-sentence
    brief) share few words with anything: cosines, hubs and margins are all small, and two briefs of one heist
    fall under a threshold that two full reports clear (ecbplus-dev: 15 two-sentence reports of one Paris heist
    were two events and a singleton, now one). Reports of a busy topic (ten write-ups each of two emergency
    patches of one browser) all share the topic's words: hubs are high, and two look-alike events clear the
    threshold on those words alone. Measuring the margin in units of the pair's own neighbourhood level (as
    self-tuning spectral clustering scales distances by each point's neighbour distance, Zelnik-Manor and
    Perona 2004) asks less of the first and more of the second (at exponent 1 not enough to part the patches:
    see ``RELATIVE_EXPONENT``). At the median level of the rows in play nothing changes, so the threshold keeps
    its meaning. At exponent 1 the link test is a ratio: ``(cos - h) * level / h >= threshold`` is ``cos >= h *
    (1 + threshold / level)`` for the pair's mean hub ``h``, i.e. resemble the partner a fixed share more than
    the neighbourhood (22% on ecbplus-dev, level 0.092; 34% on gva-a, 0.059), whatever that neighbourhood's
    level (before any incident evidence, which stays in similarity units).
    """
    with np.errstate(divide="ignore"):
        r = (level / (0.5 * (ha[:, None] + hb[None, :]))) ** RELATIVE_EXPONENT
    return np.clip(r, *RELATIVE_CLIP)


def _split_dense(m: sparse.csr_matrix, dense_columns: int) -> tuple[sparse.csr_matrix, np.ndarray | None]:
    """The sparse term columns and the trailing ``dense_columns`` (a block every row fills) as an array.

    A dense block stored sparse makes the similarity product a sparse one over n x d filled entries, ~30x
    slower than the same product in BLAS (neus-dev, 100 columns: 40 s against 1 s for the events stage)."""
    if dense_columns <= 0 or m.shape[1] < dense_columns:
        return m, None
    cut = m.shape[1] - dense_columns
    return m[:, :cut].tocsr(), m[:, cut:].toarray()


def _hub_without(s: np.ndarray, hub: np.ndarray, kth: np.ndarray, nxt: np.ndarray, k: int) -> np.ndarray:
    """``hub`` of each row of ``s`` with the column's article left out of the row's neighbourhood: where the
    pair is among the row's ``k`` nearest, its similarity is swapped for the (k+1)-th."""
    inside = s >= kth[:, None]
    return hub[:, None] - np.where(inside, (s - nxt[:, None]) / k, 0.0)


def scaled_similarity(
    matrix: sparse.csr_matrix, rows: Sequence[int], days: Sequence[int | None], params: ClusterParams,
    adjust: PairAdjust | None = None,
) -> np.ndarray:
    """Dense CSLS-scaled similarity among ``rows`` (pairs outside the time window ``_FAR``); for inspection
    and tests -- :func:`assign` never builds it for more than one chunk."""
    return _chunk_similarity(matrix, [], rows, days, params, adjust).cc


def _agglomerate(s: np.ndarray, threshold: float) -> np.ndarray:
    """Average-link groups whose mean pairwise similarity stays at or above ``threshold``."""
    n = s.shape[0]
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    # Distances must be non-negative for linkage; shift by a constant, which average linkage ignores. The
    # condensed form (upper triangle, row by row, as ``squareform`` reads it) is written straight from ``s``:
    # a whole n x n distance matrix beside ``s`` was 72 MB at 3,000 rows.
    dist = np.empty(n * (n - 1) // 2, dtype=np.float64)
    pos = 0
    for i in range(n - 1):
        np.subtract(1.0 - _FAR, s[i, i + 1 :], out=dist[pos : pos + n - 1 - i])
        pos += n - 1 - i
    z = linkage(dist, method="average")
    return fcluster(z, t=(1.0 - _FAR) - threshold, criterion="distance") - 1


def assign(
    matrix: sparse.csr_matrix,
    days: Sequence[int | None],
    new_rows: Sequence[int],
    prior_events: Sequence[Sequence[int]],
    params: ClusterParams,
    adjust: PairAdjust | None = None,
    prior_far: Sequence[int] | None = None,
    pool: Sequence[int] = (),
) -> tuple[list[Decision], list[list[int]]]:
    """Assign ``new_rows`` of ``matrix`` (L2-normalised rows) to ``prior_events`` (lists of rows) or new ones.

    ``prior_far`` counts, per prior event, the dated members left out of ``matrix`` because they lie more than
    ``window_days`` before every new row: each would be a pair outside the window (``_FAR``) for every dated new
    row, so it is counted as one in their average links and scores, without a row. (For an undated new row
    the pair would be scored; it is left out of that row's average.)

    ``pool`` rows (the stage's next chunk) are neither assigned nor joined: they only count as neighbours when
    each row's neighbourhood (its hub) is measured. A report's neighbours do not stop at a chunk's edge; left
    out, the reports at the edge look less generic than they are and link too easily (neus-dev, lab: B3
    precision 0.888 -> 0.914 with every report's neighbourhood measured over the whole run).

    Returns the decisions (in processing order) and the member rows of every event, prior events first (the
    rows only: members left out stay out).
    """
    events: list[list[int]] = [list(m) for m in prior_events]
    far: list[int] = list(prior_far) if prior_far is not None else [0] * len(events)
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
        sims = _chunk_similarity(matrix, prior_rows, chunk, days, params, adjust, pool)
        labels = _agglomerate(sims.cc, params.threshold) if chunk else np.zeros(0, dtype=np.int64)
        # Column blocks of the prior events inside ``sims.cp``.
        spans: list[tuple[int, int, int]] = []
        pos = 0
        for e in open_ev:
            spans.append((e, pos, pos + len(events[e])))
            pos += len(events[e])
        group_event: dict[int, int] = {}
        prior_pos = {row: j for j, row in enumerate(prior_rows)}
        chunk_pos = {row: j for j, row in enumerate(chunk)}
        groups = list(dict.fromkeys(int(x) for x in labels))
        dated = np.array([days[r] is not None for r in chunk], dtype=bool)
        best_e, best = _best_events(sims.cp, labels, groups, spans, far, dated)
        # Groups join events in the order of their first article, so new events follow dates.
        for gi, g in enumerate(groups):
            if best_e[gi] >= 0 and best[gi] >= params.threshold:
                group_event[g] = int(best_e[gi])
            else:
                events.append([])
                far.append(0)
                last_day.append(None)
                last_seq.append(-1)
                group_event[g] = len(events) - 1
        for k, r in enumerate(chunk):
            e = group_event[int(labels[k])]
            opened = not events[e]
            decisions.append(_explain(sims, prior_pos, chunk_pos, k, r, events[e], e, opened,
                                      far[e] if days[r] is not None else 0))
            events[e].append(r)
            last_seq[e] = c0 + k
            if days[r] is not None:
                last_day[e] = days[r] if last_day[e] is None else max(last_day[e], days[r])
        del sims
    return decisions, events


def _best_events(
    cp: np.ndarray, labels: np.ndarray, groups: list[int], spans: list[tuple[int, int, int]],
    far: Sequence[int] = (), dated: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """For each group of the chunk, the prior event with the best average link, and that score; ``far[e]``
    members of event ``e`` without a column count ``_FAR`` for each ``dated`` row of a group (see :func:`assign`)."""
    n_g = len(groups)
    p = cp.shape[1]
    if not spans or not n_g or not p:
        return np.full(n_g, -1), np.full(n_g, -np.inf)
    pos = {g: i for i, g in enumerate(groups)}
    gm = sparse.csr_matrix(
        (np.ones(len(labels)), ([pos[int(x)] for x in labels], np.arange(len(labels)))), shape=(n_g, len(labels))
    )
    cols = np.concatenate([np.full(b - a, i) for i, (_, a, b) in enumerate(spans)])
    em = sparse.csc_matrix((np.ones(p), (np.arange(p), cols)), shape=(p, len(spans)))
    # A block of groups at a time: the groups x prior product is as large as ``cp`` in float64.
    sums = np.empty((n_g, len(spans)), dtype=np.float64)
    for g0 in range(0, n_g, _BLOCK):
        part = np.asarray(gm[g0 : g0 + _BLOCK] @ cp, dtype=np.float64)
        sums[g0 : g0 + _BLOCK] = np.asarray(em.T @ part.T).T
    sizes = np.outer(np.asarray(gm.sum(axis=1)).ravel(), np.array([b - a for _, a, b in spans]))
    span_far = np.array([far[e] if e < len(far) else 0 for e, _, _ in spans], dtype=np.int64)
    if span_far.any():
        n_dated = gm @ (np.ones(len(labels)) if dated is None else dated.astype(np.float64))
        sums += _FAR * np.outer(n_dated, span_far)
        sizes = sizes + np.outer(n_dated, span_far)
    mean = sums / sizes
    j = np.argmax(mean, axis=1)
    events = np.array([spans[int(x)][0] for x in j])
    return events, mean[np.arange(n_g), j]


def _explain(
    sims: _Sims, prior_pos: dict[int, int], chunk_pos: dict[int, int], i: int, r: int, members: list[int],
    e: int, opened: bool, far: int = 0,
) -> Decision:
    """Score = mean scaled similarity to the event's earlier members (``far`` of them without a row, each
    ``_FAR``: see :func:`assign`); matched = the most similar of them."""
    if not members:
        return Decision(r, e, True, 0.0, None)
    near = [(m, float(sims.cp[i, prior_pos[m]])) for m in members if m in prior_pos]
    near += [(m, float(sims.cc[i, chunk_pos[m]])) for m in members if m in chunk_pos]
    if not near:
        return Decision(r, e, opened, 0.0, None)
    vals = np.array([v for _, v in near])
    best = int(np.argmax(vals))
    score = float(vals.mean()) if not far else float((vals.sum() + far * _FAR) / (len(vals) + far))
    return Decision(r, e, opened, score, near[best][0])
