"""Story threads kept up to date a run at a time (the stories of events/stories.py, without rebuilding them).

The link graph lives in the store (migrations 12 and 13): each event's story text as last linked with its terms coded
as ids and counts (``story_docs``), the pairs at or above ``story_threshold`` (``story_links``, the candidates),
each node's :data:`STORY_K` best of them (``story_near``; a story link is a pair each in the other's) and each
term's id and document frequency (``story_terms``), so a run needs neither every summary nor the event x event
product:

1. Which events changed is asked of SQLite (:meth:`story_changes`): those without a node, whose text (summary,
   else title) or title differs from their node's, and nodes whose event is gone. Compared by content, not
   told by the events stage, so corrections' merges, splits and title edits, and an old store, are seen too.
2. Their old texts' terms leave the document frequencies and their new ones join; their old links go.
3. Each changed event is linked against every node, the nodes streamed a page at a time (memory: a page plus a
   pass's changed rows), with the idf of the updated frequencies.
4. Nearest neighbours: a changed event's are the best of its new links; an unchanged node's are its stored
   ones merged with the new links to it (a new event can push out its third, undoing a story link between two
   unchanged events), or, if it held a changed or removed event, read again from all its stored links.
5. Stories are components again only where something changed: the story links (mutual pairs) with an end
   among the nodes whose nearest changed are compared before and after; the walk from their ends and the
   changed events reaches every story that gained or lost a link. A story that lost none joins as a block
   from the story index; one that lost a link is walked along its members' stored mutual pairs. Those
   stories get ids, titles and terms by build_stories' rules (terms from their members' vectors under today's
   idf); the others keep theirs. Only events whose story changed are rewritten.

From an empty graph (a new store, an old one without the tables, a changed threshold) every event is
changed, every pair is scored and every story rebuilt: exactly build_stories' stories, bit for bit (the same
float64 TF-IDF and norms, float32 rows, products summed in the same term order, neighbours ranked by score
then id). Later runs differ from one run over the same input in two ways: links between unchanged events keep
the score of the idf they were linked under (and so rank by it among a node's nearest), and untouched stories
keep the terms of theirs. The graph is rebuilt when the events have doubled since it was built
(:data:`_REGROW`), which bounds that drift.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np
from scipy import sparse

from ..models import Story
from .stories import (
    _BLOCK, STORY_K, coded_rows, encode, links, onto_columns, rank_key, story_id, story_words, top_terms,
)

__all__ = ["update_stories", "GRAPH_VERSION"]

# Bumped when the graph's meaning changes (what a text is, how it is tokenised): the next run rebuilds it.
GRAPH_VERSION = 2  # 2: story links are mutual nearest pairs (story_near)

# Nodes read (and vectorised) at a time when re-linking and when summing a story's terms: a page of 2,048
# nodes is ~0.8 MB of term ids and counts (47 terms a text on gva-a), its rows ~1 MB with the products.
_PAGE = 2048
# Changed events linked per pass over the nodes. Their rows stay while every page streams past (~0.4 KB an
# event: 10x gva-a's 10,901 events have 47 terms each, 4 MB of rows), and each pass reads and vectorises every
# node again, so passes are few: one for a daily run and for a rebuild of 10x gva-a.
_CHANGED = 16384
# The graph is rebuilt (every pair scored again) once the events have grown this many times over since it was:
# links keep the score of the idf they were made under, and a small store's idf differs (a term's idf is
# ln((1 + n) / (1 + df)) + 1, so rare terms gain weight as n grows). Rebuilding at each doubling costs at most
# 4/3 of one rebuild of the final store over the store's life (n^2 + (n/2)^2 + ...), daily runs staying
# incremental in between. Measured on gva-a in 4 parts by date (bench/clustering/bench_stories.py), story
# co-membership against one run over the same events: see BENCHMARKS.md.
_REGROW = 2.0
# Events decoded and rewritten at a time when their story changes.
_STORY_BATCH = 500


def _chunks(ids: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def update_stories(store: Any, threshold: float, say: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Bring the stories up to date with the events (see the module docstring), in one transaction."""
    want = {"threshold": threshold, "version": GRAPH_VERSION, "k": STORY_K}
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
        rebuild = bool(reason)
        if rebuild:
            store.clear_story_graph()
            if events:
                say(f"stories: building the link graph over every event ({reason})")
            stats["stories_rebuilt"] = reason
            built = events
        changed, removed = store.story_changes()
        stats["stories_relinked"] = len(changed)
        old = store.story_nodes(list(changed) + list(removed))
        gone = set(changed) | set(removed)
        # Nodes that held a changed or removed event among their nearest: the slot it leaves may go to a link
        # already stored, so their nearest are read again from all their links once this run's are stored.
        recheck = store.story_near_of(sorted(gone)) - gone
        dropped = {story for _, _, _, story in old.values() if story}
        # Frequencies first (the idf of this run's links is that of the updated texts), then the old links.
        delta: Counter[int] = Counter()
        for terms, _, _, _ in old.values():
            delta.subtract(np.frombuffer(terms, dtype=np.int32).tolist())
        names: dict[int, str] = {}  # the changed texts' term ids: their terms' names are needed for the columns
        for part in _chunks(changed, _PAGE):
            texts = store.story_texts(part)
            words = {e: story_words(texts[e][0]) for e in part}
            term_id = store.story_term_ids({w for ws in words.values() for w in ws})
            names.update((i, t) for t, i in term_id.items())
            nodes = []
            for e in part:
                terms, counts = encode(words[e], term_id)
                delta.update(np.frombuffer(terms, dtype=np.int32).tolist())
                nodes.append((e, texts[e][0], texts[e][1], old[e][3] if e in old else "", terms, counts))
            store.put_story_nodes(nodes)
        store.add_story_df(delta)
        del delta
        store.delete_story_nodes(removed)
        store.delete_story_links(changed)
        vocab = _Vocabulary(store, names)
        near = _Nearest(store, changed, recheck)
        rows = None
        for part in _chunks(changed, _CHANGED):
            rows = _link(store, part, vocab, threshold, near)
        # The nodes whose nearest changed (every changed event's, a removed one's become none), and the story
        # links (mutual pairs) with an end among them, before and after.
        updated = near.finish()
        updated.update((e, []) for e in removed)
        stats["nearest_changed"] = len(updated)
        was = set() if rebuild else _mutual(store, updated, {})
        now = _mutual(store, updated, updated)
        store.set_story_near(updated)
        lost, gained = was - now, now - was
        # A story that lost a link may fall apart and is walked along its links; the others join as blocks.
        ends = sorted({e for pair in lost for e in pair} - set(removed))
        broken = ({old[e][3] for pair in lost for e in pair if e in old} | set(store.story_of(ends).values())) - {""}
        stats["stories_walked"] = len(broken)
        walk = _Components(changed)
        walk.rows = rows
        walk.add(changed)
        walk.add(sorted({e for pair in lost | gained for e in pair} - set(removed)))
        for a, b in sorted(now):
            walk.union(a, b)
        touched, before = _touched_stories(store, walk, vocab, broken)
        stats["stories_touched"] = len(touched)
        dropped.update(s for s in before.values() if s)
        # Only the nodes whose story changed (a touched story may be large: rewriting all its members is waste).
        store.set_story_of((e, s.id) for s in touched for e in s.event_ids if before[e] != s.id)
        if rebuild:
            store.replace_stories(touched)
        else:
            store.put_stories(touched, drop=dropped - {s.id for s in touched})
        moves = store.story_moves()
        stats["events_restoried"] = len(moves)
        for part in _chunks(moves, _STORY_BATCH):
            story_of = dict(part)
            store.put_events([replace(e, story_id=story_of[e.id]) for e in store.events([e for e, _ in part])])
        store.set_state("stories.graph", dict(want, built=built))
    return stats


def _mutual(
    store: Any, ids: Iterable[str], known: Mapping[str, Sequence[tuple[str, float]]]
) -> set[tuple[str, str]]:
    """The story links (mutual nearest pairs, smaller id first) with an end among ``ids``: each node's nearest
    from ``known`` where it is there, else as stored."""
    def nearest_of(nodes: Sequence[str]) -> dict[str, set[str]]:
        out = {e: {b for b, _ in known[e]} for e in nodes if e in known}
        out.update((e, {b for b, _ in lst}) for e, lst in store.story_near([e for e in nodes if e not in out]).items())
        return out

    ids = sorted(ids)
    near = nearest_of(ids)
    near.update(nearest_of(sorted({b for e in ids for b in near[e]} - near.keys())))
    return {(min(a, b), max(a, b)) for a in ids for b in near[a] if a in near[b]}


class _Nearest:
    """Each node's :data:`STORY_K` nearest linked nodes as this run leaves them, best first by
    :func:`rank_key`. A changed event's come from this run's links alone (its old ones were dropped); an unchanged
    node's are its stored ones merged with this run's links to it, unless it held a changed or removed event
    (``recheck``): those are read again from all their stored links at the end."""

    def __init__(self, store: Any, changed: Sequence[str], recheck: set[str]) -> None:
        self.store = store
        self.changed = set(changed)
        self.recheck = recheck
        self.best: dict[str, list[tuple[float, str]]] = {e: [] for e in changed}
        self.was: dict[str, list[tuple[str, float]]] = {}  # unchanged nodes' stored nearest, as read

    def offer(self, found: Sequence[tuple[str, str, float]]) -> None:
        need = sorted({x for a, b, _ in found for x in (a, b)} - self.best.keys() - self.recheck)
        for e, stored in self.store.story_near(need).items():
            self.was[e] = stored
            self.best[e] = [rank_key(score, b) for b, score in stored]
        for a, b, score in found:
            for x, y in ((a, b), (b, a)):
                if x not in self.recheck:
                    _keep(self.best[x], rank_key(score, y))

    def finish(self) -> dict[str, list[tuple[str, float]]]:
        """(node -> its nearest as (neighbour, score), best first) of every node whose nearest changed."""
        for part in _chunks(sorted(self.recheck), _PAGE):
            best: dict[str, list[tuple[float, str]]] = {e: [] for e in part}
            for a, b, score in self.store.story_links(part):  # a link with both ends in ``part`` comes twice
                for x, y in ((a, b), (b, a)):
                    if x in best and rank_key(score, y) not in best[x]:
                        _keep(best[x], rank_key(score, y))
            self.best.update(best)
        out: dict[str, list[tuple[str, float]]] = {}
        for e, keys in self.best.items():
            now = [(b, -neg) for neg, b in keys]
            if self.was.get(e) != now:
                out[e] = now
        return out


def _keep(best: list[tuple[float, str]], key: tuple[float, str]) -> None:
    """Put ``key`` into the sorted ``best`` if it ranks among the first STORY_K."""
    if len(best) < STORY_K or key < best[-1]:
        best.append(key)
        best.sort()
        del best[STORY_K:]


class _Vocabulary:
    """This run's idf by term id, and the names of the ids it has needed. Arrays as long as the vocabulary
    (20,816 terms at 10x gva-a as at 1x: the copies share it), not the corpus."""

    def __init__(self, store: Any, names: dict[int, str]) -> None:
        self.store = store
        self.names = names
        pairs = np.array(store.story_df(), dtype=np.int64).reshape(-1, 2)
        df = np.zeros(int(pairs[:, 0].max()) + 1 if len(pairs) else 0, dtype=np.int64)
        df[pairs[:, 0]] = pairs[:, 1]
        self.n = store.story_node_count()
        # build_stories' smooth idf, ln((1 + n) / (1 + df)) + 1, element for element.
        self.idf = np.log((1.0 + self.n) / (1.0 + df)) + 1.0

    def alphabetical(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Columns for the term ids ``ids`` in their terms' alphabetical order: (column of each id, -1 for ids
        not among them; the terms, by column)."""
        ids = np.unique(ids)
        missing = [i for i in ids.tolist() if i not in self.names]
        if missing:
            self.names.update(self.store.story_term_names(missing))
        terms = np.array([self.names[i] for i in ids.tolist()] or [""], dtype=object)[: len(ids)]
        order = np.argsort(terms, kind="stable")
        column_of = np.full(len(self.idf), -1, dtype=np.int64)
        column_of[ids[order]] = np.arange(len(ids))
        return column_of, terms[order]


class _Components:
    """Union-find over the events a run touches. The story links with an end among the nodes whose nearest
    changed (every changed event among them) are joined before the walk; unchanged events reached join the rest
    of their old story as a block, or along their stored links where that story lost a link."""

    def __init__(self, changed: Sequence[str]) -> None:
        self.changed = set(changed)
        self.parent: dict[str, str] = {}
        self.to_walk: set[str] = set()  # unchanged events reached, their stored links not yet walked
        self.rows: tuple[Sequence[str], sparse.csr_matrix, np.ndarray] | None = None

    def add(self, ids: Any) -> None:
        for e in ids:
            if e not in self.parent:
                self.parent[e] = e
                if e not in self.changed:
                    self.to_walk.add(e)

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        self.add((a, b))
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def walk(self, store: Any, broken: set[str]) -> None:
        """Join the unchanged events reached with the rest of their component, until no new event is reached:
        a whole old story at once where it lost no link, else along its stored links."""
        walked: set[str] = set()
        joined: set[str] = set()
        while self.to_walk:
            frontier = sorted(self.to_walk)
            walked.update(frontier)
            self.to_walk.clear()
            story_of = store.story_of(frontier)
            blocks = sorted({story_of[e] for e in frontier if story_of[e] not in broken} - joined)
            joined.update(blocks)
            for story, members in store.story_members(blocks).items():
                walked.update(e for e in members if e not in self.changed)
                for e in members:
                    self.union(members[0], e)
            for a, b in sorted(_mutual(store, [e for e in frontier if story_of[e] in broken], {})):
                self.union(a, b)
            self.to_walk -= walked


def _link(
    store: Any, part: Sequence[str], vocab: _Vocabulary, threshold: float, near: _Nearest
) -> tuple[Sequence[str], sparse.csr_matrix, np.ndarray]:
    """Link the (changed) nodes ``part`` to every node at or above ``threshold``, streaming the nodes; the links
    are stored and offered to ``near``. Returns ``part``'s rows and their columns' terms."""
    nodes = store.story_nodes(part)
    left = coded_rows([(nodes[e][0], nodes[e][1]) for e in part], vocab.idf)
    del nodes
    # Columns: the changed texts' terms, alphabetically (build_stories' order, so products sum as its do); a
    # page's other terms count in its rows' norms only.
    column_of, feats = vocab.alphabetical(left.indices)
    left = onto_columns(left, column_of, len(feats))
    for page in store.story_node_pages(_PAGE):
        right = onto_columns(coded_rows([(t, c) for _, t, c in page], vocab.idf), column_of, len(feats))
        ids = [e for e, _, _ in page]
        changed = np.array([e in near.changed for e in ids])
        order = np.array(ids, dtype=object)
        found: list[tuple[str, str, float]] = []
        for b0 in range(0, len(part), _BLOCK):
            # Two changed events are linked once, from the smaller id (the pair's score is the same both ways:
            # the same products summed in the same term order), so a rebuild computes half the product.
            keep = np.flatnonzero(~changed | (order > part[b0]))
            if not len(keep):
                continue
            for i, j, score in links(left[b0 : b0 + _BLOCK], right[keep], threshold):
                a, b = part[b0 + i], ids[keep[j]]
                if b not in near.changed or b > a:
                    found.append((a, b, score))
        near.offer(found)
        store.add_story_links(found)
    return part, left, feats


def _touched_stories(
    store: Any, walk: _Components, vocab: _Vocabulary, broken: set[str]
) -> tuple[list[Story], dict[str, str]]:
    """The stories (components of the links) holding any event the run touched, with ids, titles and terms;
    and the stories their events belonged to before."""
    walk.walk(store, broken)
    members = sorted(walk.parent)
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(members):
        groups.setdefault(walk.find(e), []).append(i)
    # Story order as build_stories gives it: by first (smallest) event id, members in id order.
    ordered = sorted(groups.values(), key=lambda g: members[g[0]])
    if walk.rows is not None and list(walk.rows[0]) == members:
        x, feats = walk.rows[1], walk.rows[2]
        nodes = store.story_nodes(members)
        titles, before = [nodes[e][2] for e in members], {e: nodes[e][3] for e in members}
    else:
        x, feats, titles, before = _rows(store, members, vocab)
    terms = top_terms(x, feats, ordered)
    return [
        Story(id=story_id(members[g[0]]), title=titles[g[0]], event_ids=tuple(members[i] for i in g), terms=t)
        for g, t in zip(ordered, terms)
    ], before


def _rows(
    store: Any, members: list[str], vocab: _Vocabulary
) -> tuple[sparse.csr_matrix, np.ndarray, list[str], dict[str, str]]:
    """The nodes' vectors (rows in ``members`` order; columns alphabetical), titles and stories, read a page at a
    time."""
    data, cols, lengths, titles = [], [], [], []
    before: dict[str, str] = {}
    for part in _chunks(members, _PAGE):
        nodes = store.story_nodes(part)
        x = coded_rows([(nodes[e][0], nodes[e][1]) for e in part], vocab.idf)
        titles += [nodes[e][2] for e in part]
        before.update((e, nodes[e][3]) for e in part)
        data.append(x.data)
        cols.append(x.indices.astype(np.int64))
        lengths.append(np.diff(x.indptr))
    ids = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    column_of, feats = vocab.alphabetical(ids)
    indptr = np.zeros(len(members) + 1, dtype=np.int64)
    if lengths:
        np.cumsum(np.concatenate(lengths), out=indptr[1:])
    x = sparse.csr_matrix(
        (np.concatenate(data) if data else np.zeros(0, np.float32), column_of[ids], indptr),
        shape=(len(members), max(1, len(feats))),
    )
    return x, feats, titles, before
