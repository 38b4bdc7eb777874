"""Story threads kept up to date a run at a time: the stories of events/stories.py without the event x event
product over the whole history.

What is quadratic in build_stories is finding the pairs of similar events; everything after (scoring the pairs,
each event's nearest, the mutual pairs, their components, the stories' ids, titles and terms) is linear in the
events and the pairs. So the store keeps only the first (migration 14; store/_story_graph.py): each event's
story text as last linked, with its terms coded as ids and counts (``story_nodes``), the candidate pairs
(``story_pairs``, without scores) and each term's document frequency (``story_terms``), and each run:

1. asks SQLite which events changed (:meth:`story_changes`): those without a node, whose text (summary, else
   title) or title differs from their node's, and nodes whose event is gone. Compared by content, not told by
   the events stage, so corrections' merges, splits and title edits, and an old store, are seen too;
2. replaces their nodes (a changed text is a new node, with a new number) and updates the frequencies;
3. scores each changed event against every node under this run's idf and keeps as candidates the pairs at or
   above :data:`_MARGIN` times the threshold;
4. scores every stored candidate pair again under this run's idf, bit for bit as a fresh product would, and
   derives the stories from all of them with build_stories' own code (:func:`stories_of`): the links are the
   candidates at or above the threshold, each event's :data:`STORY_K` nearest are ranked by today's scores;
5. rewrites only the stories that differ from the stored ones (members, title or terms) and the events whose
   story changed.

So a run's stories are those of one run over the same events whenever the candidates hold every pair that
scores at or above the threshold today. A pair is not a candidate only if it scored below the margin under the
idf of the run that linked it; the graph is rebuilt (every pair scored again) when the events have doubled
since it was built (:data:`_REGROW`), which bounds how far that idf is from today's. From an empty graph (a new
store, an old one, a changed threshold) every pair is scored: build_stories' stories bit for bit.

Cost of a run: the changed events against every node (their rows and a page of nodes in memory), then every
node's row and every candidate pair once, in memory: linear in the store, where the product over all is
quadratic (10x gva-a: 10,901 nodes and 258,833 pairs, a daily run's story step peaks at 42 MB of Python
objects; BENCHMARKS.md, session 12).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from ..models import Story
from .stories import _BLOCK, STORY_K, coded_rows, encode, links, onto_columns, pair_scores, stories_of, story_words

__all__ = ["update_stories", "GRAPH_VERSION"]

# Bumped when the graph's meaning changes (what a text is, how it is tokenised, what is stored): the next run
# rebuilds it. 3: candidate pairs re-scored each run (story_pairs) instead of scored links (story_links).
GRAPH_VERSION = 3

# Candidates are the pairs scoring at least this share of the threshold when linked, so that a pair whose score
# rises with the idf as the store grows (ln((1 + n) / (1 + df)) + 1: rare terms gain weight as n grows) is
# still among them when it reaches the threshold. Measured with build_stories' arithmetic on the dev files cut by
# date into 4, 8, 20 and 50 runs with rebuilds at each doubling: of the pairs at or above 0.15 after the last
# run, the lowest ratio of the score when last linked to today's was 0.942-0.974 on gva-a (3,000 pairs),
# 0.921-0.967 on neus-dev (22,496), 0.963-0.978 on ecbplus-dev (34); 0.70-0.87 without rebuilds. 0.9 keeps them
# all, for 49% (gva-a) and 33% (neus-dev) more pairs than the links (BENCHMARKS.md, session 12).
_MARGIN = 0.9
# The graph is rebuilt (every pair scored again) once the events have grown this many times over since it was
# built: the margin above covers the idf's drift within a doubling. Rebuilding at each doubling costs at most 4/3
# of one rebuild of the final store over the store's life (n^2 + (n/2)^2 + ...), daily runs staying linear.
_REGROW = 2.0
# Nodes scored at a time against a block of changed events (a block x page product: 512 x 2,048 ~12 MB at most).
_PAGE = 2048
# Candidate pairs re-scored at a time (their shared entries: ~1 MB a thousand pairs at gva-a's 47 terms a text).
_RESCORE = 16384
# Events decoded and rewritten at a time when their story changes.
_STORY_BATCH = 500
_NUMBER = np.dtype("<i8")  # a node number in a story_pairs blob


def _chunks(ids: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def update_stories(store: Any, threshold: float, say: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Bring the stories up to date with the events (see the module docstring), in one transaction."""
    want = {"threshold": threshold, "version": GRAPH_VERSION, "k": STORY_K, "margin": _MARGIN}
    stats: dict[str, Any] = {}
    with store.transaction():
        have = store.get_state("stories.graph") or {}
        built = int(have.get("built", 0))
        events = store.count("events")
        if not have:
            reason = "no link graph yet"
        elif {k: have.get(k) for k in want} != want:
            reason = f"{ {k: have.get(k) for k in want} } -> {want}"
        elif events > _REGROW * max(1, built):
            reason = f"the events grew from {built:,} to {events:,}"
        else:
            reason = ""
        if reason:
            store.clear_story_graph()
            if events:
                say(f"stories: building the link graph over every event ({reason})")
            stats["stories_rebuilt"] = reason
            built = events
        changed, removed = store.story_changes()
        stats["stories_relinked"] = len(changed)
        if not changed and not removed and not reason:
            # The same nodes, so the same idf, scores and stories as the run that stored them.
            stats["stories_written"] = stats["stories_dropped"] = 0
            _restory_events(store, stats)
            return stats
        _replace_nodes(store, changed, removed)
        graph = _Graph(store)
        fresh = set(changed)
        new = graph.link(np.array([i for i, e in enumerate(graph.ids) if e in fresh], dtype=np.int64),
                         _MARGIN * threshold)
        old = graph.stored_pairs(new)
        old_scores = pair_scores(graph.x, old[0], old[1], _RESCORE)
        a, b = np.concatenate([old[0], new[0]]), np.concatenate([old[1], new[1]])
        scores = np.concatenate([old_scores, new[2]])
        keep = scores >= threshold
        stats["story_pairs"], stats["story_links"] = len(a), int(keep.sum())
        a, b, scores = a[keep], b[keep], scores[keep]
        stories = stories_of(graph.ids, graph.titles, graph.x, np.concatenate([a, b]), np.concatenate([b, a]),
                             np.concatenate([scores, scores]), graph.names) if graph.ids else []
        _write(store, graph, stories, stats)
        store.set_state("stories.graph", dict(want, built=built))
    return stats


def _replace_nodes(store: Any, changed: Sequence[str], removed: Sequence[str]) -> None:
    """The changed events' nodes replaced by nodes of their texts as they are now (new numbers), the removed
    events' nodes deleted, the document frequencies updated."""
    old = store.story_node_terms(list(changed) + list(removed))
    delta: Counter[int] = Counter()
    for terms, _ in old.values():
        delta.subtract(np.frombuffer(terms, dtype=np.int32).tolist())
    store.delete_story_nodes(sorted(old))
    for part in _chunks(changed, _PAGE):
        texts = store.story_texts(part)
        words = {e: story_words(texts[e][0]) for e in part}
        term_id = store.story_term_ids({w for ws in words.values() for w in ws})
        nodes = []
        for e in part:
            terms, counts = encode(words[e], term_id)
            delta.update(np.frombuffer(terms, dtype=np.int32).tolist())
            # The old story id stays until this run's stories are known: only nodes whose story changes are
            # rewritten.
            nodes.append((e, texts[e][1], old[e][1] if e in old else "", terms, counts, texts[e][0]))
        store.add_story_nodes(nodes)
    store.add_story_df(delta)


class _Graph:
    """Every node in event id order: its number, title and stored story, and its TF-IDF row under this run's
    idf with the columns in the terms' alphabetical order (build_stories' rows, bit for bit)."""

    def __init__(self, store: Any) -> None:
        self.store = store
        nodes = store.story_node_rows()
        self.ids = [r[1] for r in nodes]
        self.numbers = np.array([r[0] for r in nodes], dtype=np.int64)
        self.titles = [r[2] for r in nodes]
        self.story_ids = [r[3] for r in nodes]
        terms = np.array(store.story_df(), dtype=np.int64).reshape(-1, 2)  # (id, df) alphabetically
        size = int(terms[:, 0].max()) + 1 if len(terms) else 0
        df = np.zeros(size, dtype=np.int64)
        df[terms[:, 0]] = terms[:, 1]
        # build_stories' smooth idf, ln((1 + n) / (1 + df)) + 1, element for element.
        idf = np.log((1.0 + len(nodes)) / (1.0 + df)) + 1.0
        column_of = np.full(size, -1, dtype=np.int64)
        column_of[terms[:, 0]] = np.arange(len(terms))
        self.term_of_column = terms[:, 0]
        # Columns in the terms' alphabetical order, each row's entries sorted by them: products then add a pair's
        # terms alphabetically, as build_stories' do (coded_rows' entries come in term id order: scipy's astype
        # sorts them by column).
        self.x = onto_columns(coded_rows([(r[4], r[5]) for r in nodes], idf), column_of, len(terms))
        self.x.sort_indices()
        self._order = np.argsort(self.numbers, kind="stable")

    def names(self, columns: list[int]) -> list[str]:
        ids = self.term_of_column[columns].tolist()
        name = self.store.story_term_names(ids)
        return [name[i] for i in ids]

    def rows_of(self, numbers: np.ndarray) -> np.ndarray:
        """The rows of node numbers (-1 for numbers of no node: a text since replaced or removed)."""
        if not len(self.numbers):
            return np.full(len(numbers), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.numbers[self._order], numbers), len(self.numbers) - 1)
        return np.where(self.numbers[self._order][at] == numbers, self._order[at], -1)

    def link(self, fresh: np.ndarray, lo: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, row, score) of the pairs of a node among ``fresh`` (rows, ascending) with any node, scored at or
        above ``lo``; a pair of two fresh nodes once."""
        out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        n = len(self.ids)
        is_fresh = np.zeros(n, dtype=bool)
        is_fresh[fresh] = True
        left = self.x[fresh]
        for p0 in range(0, n if len(fresh) else 0, _PAGE):
            page = np.arange(p0, min(n, p0 + _PAGE))
            right = self.x[p0 : p0 + _PAGE]
            for b0 in range(0, len(fresh), _BLOCK):
                # Two fresh nodes are scored once, from the smaller row (the score is the same both ways: the
                # same products summed in the same column order), so a rebuild computes half the product.
                keep = np.flatnonzero(~is_fresh[page] | (page > fresh[b0]))
                if not len(keep):
                    continue
                i, j, s = links(left[b0 : b0 + _BLOCK], right[keep], lo)
                a, b = fresh[b0 + i], page[keep[j]]
                ok = ~is_fresh[b] | (b > a)
                out.append((a[ok], b[ok], s[ok]))
        if not out:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
        return tuple(np.concatenate(parts) for parts in zip(*out))  # type: ignore[return-value]

    def stored_pairs(self, new: tuple[np.ndarray, np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """The stored candidate pairs between nodes (rows), and the store's pair rows brought up to date: those
        naming a replaced or removed node lose it, the new pairs (``new``) join the row of their newer node."""
        rows = self.store.story_pair_rows()
        p = np.frombuffer(b"".join(blob for _, blob in rows), dtype=_NUMBER).astype(np.int64)
        sizes = [len(blob) // _NUMBER.itemsize for _, blob in rows]
        h = np.repeat(np.array([n for n, _ in rows], dtype=np.int64), sizes)
        rh, rp = self.rows_of(h), self.rows_of(p)
        live = (rh >= 0) & (rp >= 0)
        dirty = set(h[~live].tolist())  # rows naming a node no more (or of one: deleted with it, so none)
        na, nb = self.numbers[new[0]], self.numbers[new[1]]
        nh, npart = np.maximum(na, nb), np.minimum(na, nb)
        dirty.update(nh.tolist())
        # Rows rewritten whole: their live stored partners and their new ones.
        h, p = np.concatenate([h[live], nh]), np.concatenate([p[live], npart])
        sel = np.isin(h, np.array(sorted(dirty), dtype=np.int64))
        h, p = h[sel], p[sel]
        order = np.lexsort((p, h))
        h, p = h[order], p[order]
        starts = np.flatnonzero(np.r_[True, h[1:] != h[:-1]]) if len(h) else np.zeros(0, np.int64)
        held = {int(h[s]): p[s:e].astype(_NUMBER).tobytes() for s, e in zip(starts, np.r_[starts[1:], len(h)])}
        self.store.put_story_pairs([(n, held.get(n, b"")) for n in sorted(dirty)])
        return rh[live], rp[live]


def _write(store: Any, graph: _Graph, stories: list[Story], stats: dict[str, Any]) -> None:
    """Store the stories that differ from the stored ones, the nodes' and events' stories that changed."""
    story_of = {e: s.id for s in stories for e in s.event_ids}
    store.set_story_of((e, story_of[e]) for e, s in zip(graph.ids, graph.story_ids) if s != story_of[e])
    stored = store.story_index()
    write = [s for s in stories if stored.get(s.id) != s]
    drop = stored.keys() - story_of.values()
    stats["stories_written"], stats["stories_dropped"] = len(write), len(drop)
    store.put_stories(write, drop=drop)
    _restory_events(store, stats)


def _restory_events(store: Any, stats: dict[str, Any]) -> None:
    """The events whose story column is not their node's story get their node's."""
    moves = store.story_moves()
    stats["events_restoried"] = len(moves)
    for part in _chunks(moves, _STORY_BATCH):
        new = dict(part)
        store.put_events([replace(e, story_id=new[e.id]) for e in store.events([e for e, _ in part])])
