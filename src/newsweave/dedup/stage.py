"""The dedup stage: replace the store's copy groups with those found over all cleaned articles.

Recomputed whole rather than incrementally: a new article can become the canonical (earlier, or crediting the
wire) of an existing group, and the full pass is fast (about a second for a few thousand articles).
"""

from __future__ import annotations

from typing import Any

from ..pipeline import Context, Stage
from ._groups import find_copy_groups


def run(ctx: Context) -> dict[str, Any]:
    articles = list(ctx.store.articles())
    groups = find_copy_groups(articles, ctx.settings)
    ctx.store.replace_copy_groups(groups)
    copies = sum(len(g.members) - 1 for g in groups)
    ctx.say(f"dedup: {len(groups)} copy groups, {copies} copies among {len(articles)} articles")
    return {"copy_groups": len(groups), "copies": copies}


STAGE = Stage(
    name="dedup",
    reads=("articles",),
    writes=("copy_groups",),
    run=run,
    doc="Near-duplicate and wire-copy groups: MinHash LSH candidates confirmed by shingle containment.",
)
