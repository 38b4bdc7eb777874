"""The dedup stage, incremental: a run sketches only the articles not sketched yet (new, or rewritten by the
clean stage) and regroups only the copy-pair components they touch, so its memory follows a batch, not the
corpus (10 copies of gva-a: 641 -> 155 MB; BENCHMARKS.md "Dedup at scale, session 11").

1. Sketch, in batches of ``_BATCH`` articles: shingles, MinHash band keys (:mod:`._bands`); candidates are the
   batch's pairs sharing a band key and the stored articles sharing one (an index lookup); each is confirmed
   by :func:`._groups.confirm`, the rule of :func:`find_copy_groups`, a stored partner's shingles taken from
   this run's cache or recomputed from its text. Keys, pairs and the batch's dirty marks commit together.
2. Regroup: the grouping rule depends only on an article's connected component in the confirmed-pair graph
   (:func:`._groups.greedy_groups`), so each dirty article's component is walked through the stored pairs,
   grouped again, and replaces the copy groups holding any of its articles, clearing the dirty marks. A
   stored diff between two texts that did not change is kept.

Run once over a corpus this gives exactly :func:`find_copy_groups` of it: the same candidates (the band keys
of datasketch's own index), the same confirmation, the same rule per component; over the same articles given
in several runs, the same again. Other settings (or ``_SKETCH_VERSION``) than the stored sketches were built
with redo them all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ..models import CopyDiff
from ..pipeline import Context, Stage
from ..settings import Settings
from ._bands import band_keys, shared_band_pairs
from ._groups import confirm, greedy_groups, make_group, order_key
from ._shingles import ShingleHasher

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store

__all__ = ["STAGE", "run"]

# Articles sketched per batch, and dirty articles regrouped per step (with their components). 2,000 articles
# hold ~10 MB of text and shingles; the per-batch lookups and commits are a small part of the time.
_BATCH = 2000
# Stored partners whose shingles are held at once.
_PARTNERS = 500
# Articles of a run whose shingles are cached (TEMP table, on disk) for later batches: gva-a's take 4.3 KB an
# article (2.4 KB all, 2.0 outside quotations), so the cache stays under ~0.7 GB; a longer first run
# recomputes the rest's from their text.
_CACHED_ARTICLES = 150_000


_FULL, _UNQUOTED = 0, 1  # kinds of cached shingles: all of a text's, those outside quotations


def _sketch_batch(store: Store, batch: list[tuple[str, str]], settings: Settings, cache: bool = True) -> int:
    """Sketch one batch of (id, text), confirm its candidates, store keys and pairs. Returns pairs found."""
    hasher = ShingleHasher(settings.shingle_size)  # per batch: its token cache would grow with the corpus
    ids = [a for a, _ in batch]
    texts = dict(batch)
    shingles = [hasher(t) for _, t in batch]
    keyed = band_keys(shingles, settings)
    bands = [(band, key, ids[i]) for i, keys in keyed for band, key in enumerate(keys.tolist())]
    full: dict[str, np.ndarray] = dict(zip(ids, shingles))
    unquoted: dict[str, np.ndarray] = {}
    to_cache: list[tuple[str, int, bytes]] = [(a, _FULL, sh.tobytes()) for a, sh in full.items()]

    def outside_quotes(aid: str) -> np.ndarray:
        if aid not in unquoted:
            unquoted[aid] = hasher.unquoted(texts[aid])
            to_cache.append((aid, _UNQUOTED, unquoted[aid].tobytes()))
        return unquoted[aid]

    pairs: list[tuple[str, str, float]] = []

    def check(a: str, b: str) -> None:
        c = confirm(full[a], full[b], lambda: outside_quotes(a), lambda: outside_quotes(b), settings)
        if c is not None:
            pairs.append((a, b, c))

    for i, j in sorted(shared_band_pairs(keyed)):
        check(ids[i], ids[j])

    # Stored partners, a chunk at a time: shingles cached earlier in this run, else recomputed from the text.
    partners: dict[str, list[str]] = {}
    for new, old in store.band_matches(bands):
        partners.setdefault(old, []).append(new)
    stored = sorted(partners)
    for k in range(0, len(stored), _PARTNERS):
        chunk = stored[k : k + _PARTNERS]
        cached = store.run_shingles(chunk)
        for (aid, kind), blob in cached.items():
            (full if kind == _FULL else unquoted)[aid] = np.frombuffer(blob, dtype=np.uint64)
        texts.update(store.article_texts([a for a in chunk if {(a, _FULL), (a, _UNQUOTED)} - cached.keys()]))
        for old in chunk:
            if old not in full:
                full[old] = hasher(texts[old])
                to_cache.append((old, _FULL, full[old].tobytes()))
            for new in sorted(partners[old]):
                check(new, old)
            for d in (full, unquoted, texts):
                d.pop(old, None)
        # Written per chunk: late batches of a first run have many stored partners (10 copies of gva-a: up
        # to ~17,000 a batch), whose shingles held to the end raised the stage's peak by ~40 MB.
        if cache:
            store.put_run_shingles(to_cache)
        to_cache.clear()
    with store.transaction():
        if cache:
            store.put_run_shingles(to_cache)
        store.add_sketches(((a, len(t)) for a, t in batch), bands, pairs)
    return len(pairs)


def _regroup(store: Store, seeds: list[str], settings: Settings) -> int:
    """Regroup the components of ``seeds`` (walked through the stored pairs), stopping once they hold
    ``_BATCH`` articles, and store their groups. Returns how many articles were regrouped."""
    members: set[str] = set()
    neighbours: dict[str, dict[str, float]] = {}
    for seed in seeds:
        if seed in members:
            continue
        if len(members) >= _BATCH:  # the rest stay dirty for the next step: memory follows _BATCH
            break
        members.add(seed)
        frontier = [seed]
        while frontier:
            found: list[str] = []
            for a, b, c in store.copy_pairs_of(frontier):
                neighbours.setdefault(a, {})[b] = c
                neighbours.setdefault(b, {})[a] = c
                for x in (a, b):
                    if x not in members:
                        members.add(x)
                        found.append(x)
            frontier = found
    fields = store.copy_order_fields(sorted(neighbours))
    # An article in a pair is always sketched; one that is not (rewritten since) has no pairs either.
    neighbours = {a: {b: c for b, c in nb.items() if b in fields} for a, nb in neighbours.items() if a in fields}
    chosen = greedy_groups(neighbours, lambda a: order_key(a, *fields[a]))
    # A stored diff still holds when neither text is new since it was computed (sentence_diff is most of a
    # regroup's time: a component that gains one copy keeps its other copies' diffs).
    fresh = store.fresh_articles(sorted(members))
    known: dict[tuple[str, str], CopyDiff] = {}
    for g in store.copy_groups_holding(sorted(members)):
        if g.canonical not in fresh:
            known.update(((g.canonical, d.article_id), d) for d in g.diffs if d.article_id not in fresh)
    texts = store.article_texts(
        [m for canon, copies in chosen for m in (canon, *copies) if m == canon or (canon, m) not in known])
    wires = {a: f[1] for a, f in fields.items()}
    groups = [
        make_group(canon, copies, wires, texts, settings,
                   {j: known[canon, j] for j in copies if (canon, j) in known})
        for canon, copies in chosen
    ]
    store.replace_copy_groups_of(sorted(members), groups)
    return len(members)


_STATE = "dedup.sketches"
# Bump when shingling, sketching, confirmation or sentence_diff changes what is stored (the settings they read
# are recorded with it): stored sketches, pairs and reusable diffs built otherwise are all redone on the next run.
_SKETCH_VERSION = 1


def _sketch_params(settings: Settings) -> dict[str, Any]:
    return {
        "version": _SKETCH_VERSION,
        "shingle_size": settings.shingle_size,
        "minhash_perm": settings.minhash_perm,
        "lsh_threshold": settings.lsh_threshold,
        "copy_containment": settings.copy_containment,
        "copy_sentence_match": settings.copy_sentence_match,
    }


def run(ctx: Context) -> dict[str, Any]:
    store, settings = ctx.store, ctx.settings
    sketched = pairs = 0
    after = ""
    params = _sketch_params(settings)
    if store.get_state(_STATE) != params:
        # Built with other settings (or none yet: a store from before migration 10): start over, so that the
        # groups are those of the current settings over every article.
        with store.transaction():
            store.reset_sketches()
            store.set_state(_STATE, params)
    store.clear_run_shingles()
    store.drop_orphan_bands()
    while batch := store.unsketched_articles(after, _BATCH):
        pairs += _sketch_batch(store, batch, settings, cache=sketched < _CACHED_ARTICLES)
        sketched += len(batch)
        after = batch[-1][0]
    regrouped = 0
    while seeds := store.dirty_articles(_BATCH):
        regrouped += _regroup(store, seeds, settings)
    groups, members = store.copy_group_counts()
    copies = members - groups
    ctx.say(f"dedup: {sketched} articles sketched, {pairs} copy pairs found, {regrouped} articles regrouped; "
            f"{groups} copy groups, {copies} copies")
    return {"copy_groups": groups, "copies": copies, "sketched": sketched}


STAGE = Stage(
    name="dedup",
    reads=("articles",),
    writes=("copy_groups",),
    run=run,
    doc="Near-duplicate and wire-copy groups: MinHash LSH candidates confirmed by shingle containment.",
)
