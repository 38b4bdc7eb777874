"""Copy groups: candidates from MinHash LSH, each confirmed by exact shingle containment against a canonical.

Grouping rule (why no union-find): connected components of "is a copy of" chain unrelated articles together
(A quotes two paragraphs of B, B quotes two of C, ...). Instead articles are visited in canonical order --
earliest published, then crediting a wire, then longest, then smallest id -- and each article not yet grouped
that has a confirmed copy among the articles not yet grouped becomes a canonical whose group is exactly those
confirmed copies. Every member is therefore confirmed directly against its canonical, the canonical is the
group's first article in canonical order, and the result depends only on the articles, never on input order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from itertools import combinations
from typing import Sequence

import numpy as np

from ..models import Article, CopyGroup
from ..settings import Settings, load_settings
from ._diff import sentence_diff
from ._shingles import ShingleHasher, containment

__all__ = ["find_copy_groups", "confirmed_pairs", "canonical_order", "group_id"]

_LOW32 = np.uint64(0xFFFFFFFF)


def canonical_order(article: Article, text_len: int) -> tuple[object, ...]:
    """Sort key: earliest published (undated last), a wire credit, the longest body, the smallest id."""
    return (article.published is None, article.published or "", article.wire is None, -text_len, article.id)


def group_id(canonical_id: str) -> str:
    """A group's id follows from its canonical alone, so it is stable across runs and input orders.

    Hashed rather than a prefix of the canonical id: ids such as ``feed-2024-0001-3`` share long prefixes.
    """
    return "cg-" + hashlib.sha1(canonical_id.encode("utf-8")).hexdigest()[:12]


def _candidates(shingles: list[np.ndarray], settings: Settings) -> set[tuple[int, int]]:
    """Index pairs (i < j) that MinHash LSH thinks may overlap; recall matters, containment decides."""
    from datasketch import MinHash, MinHashLSH

    keys = [i for i, sh in enumerate(shingles) if len(sh)]
    # Shingles are hashed already: MinHash gets their low 32 bits (its default scheme's input width) through
    # the builtin int, which costs a C call per shingle where a Python identity function cost a frame.
    # generator() shares one set of permutations across sketches instead of drawing them per article, and
    # makes each article's list of ints (~30 bytes an int) only when its sketch is computed: bulk() over every
    # list at once held them all (3 copies of gva-a: the stage's peak 240 -> 158 MB, same groups).
    batches = ((shingles[i] & _LOW32).tolist() for i in keys)
    sketches = MinHash.generator(batches, num_perm=settings.minhash_perm, hashfunc=int)
    lsh = MinHashLSH(threshold=settings.lsh_threshold, num_perm=settings.minhash_perm)
    with lsh.insertion_session() as session:
        for i, m in zip(keys, sketches):
            session.insert(i, m, check_duplication=False)
    # Read the pairs off the band buckets rather than query() every sketch again: same pairs (two keys are
    # candidates iff they share a bucket in some band), a fraction of the time.
    pairs: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for bucket, size in table.itemcounts().items():
            if size > 1:
                members = sorted(table.get(bucket))
                pairs.update(combinations(members, 2))
    return pairs


def confirmed_pairs(
    texts: Sequence[str], settings: Settings | None = None
) -> tuple[dict[tuple[int, int], float], list[np.ndarray]]:
    """Pairs of ``texts`` (by index, i < j) that are copies, with their containment; and each text's shingles.

    Confirmed when containment reaches ``settings.copy_containment`` both over all shingles and over shingles
    outside quotations.
    """
    settings = settings or load_settings()
    hasher = ShingleHasher(settings.shingle_size)
    shingles = [hasher(t) for t in texts]
    unquoted: dict[int, np.ndarray] = {}

    def outside_quotes(i: int) -> np.ndarray:
        if i not in unquoted:
            unquoted[i] = hasher.unquoted(texts[i])
        return unquoted[i]

    confirmed: dict[tuple[int, int], float] = {}
    for i, j in sorted(_candidates(shingles, settings)):
        c = containment(shingles[i], shingles[j])
        # A copy shares the reporting, not only the quotations: both must clear the bar.
        if c < settings.copy_containment:
            continue
        if containment(outside_quotes(i), outside_quotes(j)) >= settings.copy_containment:
            confirmed[i, j] = c
    return confirmed, shingles


def _wire_of(members: Sequence[Article]) -> str | None:
    credits = Counter(a.wire for a in members if a.wire)
    if not credits:
        return None
    # Most credited agency; ties alphabetically so the answer does not depend on order.
    return min(credits, key=lambda w: (-credits[w], w))


def find_copy_groups(articles: Sequence[Article], settings: Settings | None = None) -> list[CopyGroup]:
    """Groups of articles whose bodies are copies of one text (wire copy, syndication, near-duplicates).

    Compares :attr:`Article.text` (body only) so outlet furniture cannot make two articles look alike.
    Singletons are not returned. Groups are sorted by id; members by id.
    """
    settings = settings or load_settings()
    # Work in id order so that nothing below can depend on the order the caller passed.
    arts = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    texts = [a.text for a in arts]
    confirmed, _ = confirmed_pairs(texts, settings)
    if not confirmed:
        return []

    neighbours: dict[int, dict[int, float]] = {}
    for (i, j), c in confirmed.items():
        neighbours.setdefault(i, {})[j] = c
        neighbours.setdefault(j, {})[i] = c

    order = sorted(neighbours, key=lambda i: canonical_order(arts[i], len(texts[i])))
    grouped: set[int] = set()
    groups: list[CopyGroup] = []
    for i in order:
        if i in grouped:
            continue
        copies = {j: c for j, c in neighbours[i].items() if j not in grouped}
        if not copies:
            continue
        grouped.add(i)
        grouped.update(copies)
        canonical = arts[i]
        members = sorted([canonical, *(arts[j] for j in copies)], key=lambda a: a.id)
        diffs = tuple(
            sentence_diff(texts[i], texts[j], arts[j].id, match=settings.copy_sentence_match)
            for j in sorted(copies, key=lambda j: arts[j].id)
        )
        scores = {canonical.id: 1.0, **{arts[j].id: round(c, 4) for j, c in copies.items()}}
        groups.append(
            CopyGroup(
                id=group_id(canonical.id),
                canonical=canonical.id,
                members=tuple(a.id for a in members),
                wire=_wire_of(members),
                diffs=diffs,
                scores=dict(sorted(scores.items())),
            )
        )
    return sorted(groups, key=lambda g: g.id)
