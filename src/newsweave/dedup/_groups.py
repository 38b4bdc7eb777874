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
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar

import numpy as np

from ..models import Article, CopyDiff, CopyGroup
from ..settings import Settings, load_settings
from ._diff import sentence_diff
from ._shingles import ShingleHasher, containment

__all__ = [
    "find_copy_groups", "confirmed_pairs", "confirm", "canonical_order", "order_key", "group_id", "greedy_groups",
    "make_group",
]

K = TypeVar("K")

_LOW32 = np.uint64(0xFFFFFFFF)


def canonical_order(article: Article, text_len: int) -> tuple[object, ...]:
    """Sort key: earliest published (undated last), a wire credit, the longest body, the smallest id."""
    return order_key(article.id, article.published, article.wire, text_len)


def order_key(article_id: str, published: str | None, wire: str | None, text_len: int) -> tuple[object, ...]:
    """:func:`canonical_order` from the fields it reads, for callers that hold no :class:`Article`."""
    return (published is None, published or "", wire is None, -text_len, article_id)


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
        c = confirm(shingles[i], shingles[j], lambda: outside_quotes(i), lambda: outside_quotes(j), settings)
        if c is not None:
            confirmed[i, j] = c
    return confirmed, shingles


def confirm(
    a: np.ndarray,
    b: np.ndarray,
    a_unquoted: Callable[[], np.ndarray],
    b_unquoted: Callable[[], np.ndarray],
    settings: Settings,
) -> float | None:
    """The containment of a candidate pair when it is a copy, else None (both callers' one rule).

    The shingles outside quotations are asked for only when the whole texts clear the bar (few pairs do).
    """
    c = containment(a, b)
    # A copy shares the reporting, not only the quotations: both must clear the bar.
    if c < settings.copy_containment:
        return None
    if containment(a_unquoted(), b_unquoted()) >= settings.copy_containment:
        return c
    return None


def _wire_of(wires: Iterable[str | None]) -> str | None:
    credits = Counter(w for w in wires if w)
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

    key = {i: canonical_order(arts[i], len(texts[i])) for i in neighbours}
    groups = [
        make_group(
            arts[i].id,
            {arts[j].id: c for j, c in copies.items()},
            {arts[k].id: arts[k].wire for k in (i, *copies)},
            {arts[k].id: texts[k] for k in (i, *copies)},
            settings,
        )
        for i, copies in greedy_groups(neighbours, key.__getitem__)
    ]
    return sorted(groups, key=lambda g: g.id)


def greedy_groups(neighbours: Mapping[K, Mapping[K, float]], key: Callable[[K], Any]) -> list[tuple[K, dict[K, float]]]:
    """The grouping rule (module docstring) over the confirmed-pair graph ``neighbours``: (canonical, its
    copies with their containment) in canonical order. An article's group depends only on its connected
    component, which is what lets the dedup stage regroup only the components a run touches."""
    grouped: set[K] = set()
    out: list[tuple[K, dict[K, float]]] = []
    for i in sorted(neighbours, key=key):
        if i in grouped:
            continue
        copies = {j: c for j, c in neighbours[i].items() if j not in grouped}
        if not copies:
            continue
        grouped.add(i)
        grouped.update(copies)
        out.append((i, copies))
    return out


def make_group(
    canonical: str,
    copies: Mapping[str, float],
    wires: Mapping[str, str | None],
    texts: Mapping[str, str],
    settings: Settings,
    known: Mapping[str, CopyDiff] | None = None,
) -> CopyGroup:
    """The :class:`CopyGroup` of ``canonical`` and its ``copies`` (id -> containment); ``wires`` holds at
    least the members' wire credits, ``texts`` the texts of the canonical and of each copy whose diff against
    it is not ``known`` (copy id -> its diff against this canonical, still valid)."""
    members = sorted([canonical, *copies])
    known = known or {}
    diffs = tuple(
        known.get(j) or sentence_diff(texts[canonical], texts[j], j, match=settings.copy_sentence_match)
        for j in sorted(copies)
    )
    scores = {canonical: 1.0, **{j: round(c, 4) for j, c in copies.items()}}
    return CopyGroup(
        id=group_id(canonical),
        canonical=canonical,
        members=tuple(members),
        wire=_wire_of(wires[m] for m in members),
        diffs=diffs,
        scores=dict(sorted(scores.items())),
    )
