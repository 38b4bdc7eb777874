"""Wire lineage: which outlets ran one copy and what each did to it."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ..models import Article, CopyGroup
from ._observe import as_article_map

__all__ = ["lineage"]


def lineage(copy_group: CopyGroup, articles: Iterable[Article] | Mapping[str, Article]) -> dict[str, Any]:
    """Who ran the copy of ``copy_group`` and what each outlet added, cut or changed against the canonical
    text (from the group's :class:`~newsweave.models.CopyDiff` values; ``articles`` supplies outlet, title
    and date, and may miss some members)."""
    arts = as_article_map(articles)
    diffs = {d.article_id: d for d in copy_group.diffs}

    def meta(aid: str) -> dict[str, Any]:
        a = arts.get(aid)
        return {
            "article_id": aid,
            "outlet": a.outlet if a else None,
            "title": a.title if a else None,
            "published": a.published if a else None,
            "url": a.url if a else None,
        }

    members = []
    for aid in copy_group.members:
        d = diffs.get(aid)
        members.append(
            {
                **meta(aid),
                "role": "canonical" if aid == copy_group.canonical else "copy",
                "containment": copy_group.scores.get(aid),
                "added": list(d.added) if d else [],
                "cut": list(d.cut) if d else [],
                "changed": [{"from": a, "to": b} for a, b in d.changed] if d else [],
            }
        )
    outlets = [m["outlet"] for m in members if m["outlet"]]
    return {
        "group_id": copy_group.id,
        "wire": copy_group.wire,
        "canonical": meta(copy_group.canonical),
        "outlets": sorted(set(outlets)),
        "members": members,
    }
