"""Dedup: which articles are copies of one text (wire copy, syndication, near-duplicates).

``find_copy_groups`` returns :class:`~newsweave.models.CopyGroup` values -- canonical article, members, wire
agency, per-copy sentence diff and containment scores; ``sentence_diff`` is the diff on its own.
"""

from __future__ import annotations

from ._diff import sentence_diff
from ._groups import canonical_order, confirmed_pairs, find_copy_groups, group_id
from ._shingles import ShingleHasher, containment

__all__ = [
    "find_copy_groups",
    "sentence_diff",
    "confirmed_pairs",
    "canonical_order",
    "group_id",
    "ShingleHasher",
    "containment",
]
