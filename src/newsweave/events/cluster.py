"""Online event assignment: each article, in date order, joins the best open event or opens a new one.

Why online rather than agglomerative over everything: a daily ingest must never re-cluster history, and an
article can only be compared with events still *open* (their last article within ``window_days``), which
bounds both the work per article and the memory. Within one run, similarities are computed block-wise
(``block`` rows at a time against the articles of the time window), so a run never holds an n x n matrix.

The score of an event for an article mixes single link (the most similar member: catches follow-up coverage
that shares one article's specifics) and average link (the mean over members: keeps one lucky overlap from
chaining two incidents together)::

    score = link_mix * max_sim + (1 - link_mix) * mean_sim
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np
from scipy import sparse

__all__ = ["ClusterParams", "Decision", "assign_online"]


@dataclass(frozen=True)
class ClusterParams:
    threshold: float
    window_days: int
    link_mix: float = 0.5
    floor: float = 0.05
    top_k: int = 30
    block: int = 512


@dataclass(frozen=True)
class Decision:
    """Where article ``row`` went: ``event`` is an index into the event list (prior events first)."""

    row: int
    event: int
    opened: bool
    score: float
    matched_row: int | None


@dataclass
class _Event:
    members: list[int] = field(default_factory=list)
    last_day: int | None = None


def _processing_order(days: Sequence[int | None], rows: Sequence[int]) -> list[int]:
    """Dated rows by date; an undated row keeps its place after the dated row ingested before it."""
    keyed = []
    last = -(10**9)
    for pos, r in enumerate(rows):
        d = days[r]
        if d is not None:
            last = d
        keyed.append((d if d is not None else last, pos, r))
    keyed.sort()
    return [r for _, _, r in keyed]


def assign_online(
    matrix: sparse.csr_matrix,
    days: Sequence[int | None],
    new_rows: Sequence[int],
    prior_events: Sequence[Sequence[int]],
    params: ClusterParams,
) -> tuple[list[Decision], list[list[int]]]:
    """Assign ``new_rows`` of ``matrix`` (L2-normalised rows) to ``prior_events`` (lists of rows) or new ones.

    Returns the decisions (in processing order) and the member rows of every event, prior ones first.
    """
    events = [_Event(list(m), max((days[r] for r in m if days[r] is not None), default=None)) for m in prior_events]
    event_of: dict[int, int] = {r: e for e, m in enumerate(prior_events) for r in m}
    order = _processing_order(days, new_rows)
    # Candidate columns: every prior row, then new rows as they are processed.
    prior_rows = np.array(sorted(event_of), dtype=np.int64)
    order_arr = np.array(order, dtype=np.int64)
    cand_rows = np.concatenate([prior_rows, order_arr])
    cand_pos = {int(r): i for i, r in enumerate(cand_rows)}
    n_prior = len(prior_rows)
    cand_days = np.array(
        [days[r] if days[r] is not None else np.iinfo(np.int32).min for r in cand_rows], dtype=np.int64
    )
    cand_dated = np.array([days[r] is not None for r in cand_rows], dtype=bool)
    cand_matrix_t = matrix[cand_rows].T.tocsr()
    decisions: list[Decision] = []
    window = params.window_days

    for b0 in range(0, len(order), params.block):
        block = order[b0 : b0 + params.block]
        # Only columns up to the block's end can be earlier articles.
        hi = n_prior + b0 + len(block)
        sims = (matrix[block] @ cand_matrix_t[:, :hi]).toarray()
        for k, r in enumerate(block):
            upto = n_prior + b0 + k  # columns strictly before this article
            row = sims[k, :upto]
            day = days[r]
            # Only the nearest earlier articles can decide; the rest would only cost time.
            mask = row >= params.floor
            if day is not None:
                # An article never joins an incident reported outside the window around its date.
                mask &= ~cand_dated[:upto] | (np.abs(cand_days[:upto] - day) <= window)
            cols = np.nonzero(mask)[0]
            if len(cols) > params.top_k:
                cols = cols[np.argpartition(-row[cols], params.top_k)[: params.top_k]]
            best_e, best_score, best_match = -1, 0.0, None
            if len(cols):
                evs = np.fromiter((event_of[int(cand_rows[c])] for c in cols), dtype=np.int64, count=len(cols))
                vals = row[cols]
                for e in np.unique(evs):
                    ev = events[int(e)]
                    if day is not None and ev.last_day is not None and day - ev.last_day > window:
                        continue
                    sel = evs == e
                    v = vals[sel]
                    mx = float(v.max())
                    mean = float(v.sum()) / len(ev.members)
                    score = params.link_mix * mx + (1.0 - params.link_mix) * mean
                    if score > best_score:
                        best_e, best_score = int(e), score
                        best_match = int(cand_rows[cols[sel][int(np.argmax(v))]])
            if best_e >= 0 and best_score >= params.threshold:
                ev = events[best_e]
                ev.members.append(r)
                if day is not None:
                    ev.last_day = day if ev.last_day is None else max(ev.last_day, day)
                event_of[r] = best_e
                decisions.append(Decision(r, best_e, False, best_score, best_match))
            else:
                events.append(_Event([r], day))
                event_of[r] = len(events) - 1
                decisions.append(Decision(r, len(events) - 1, True, best_score, best_match))
    _ = cand_pos
    return decisions, [ev.members for ev in events]
