"""Events as export rows: who reported what, which reports are copies of one another, and why each joined.

``copy_groups`` lists only real groups (two or more of the event's articles that are copies of one text);
an article without copies is its own source and appears only in ``articles``. ``independent_sources`` counts
both: distinct copy groups plus articles without copies.
"""

from __future__ import annotations

from typing import Any, Iterator

__all__ = ["event_rows"]


def _precision(date: str | None, precision: str) -> str:
    return precision if date else "unknown"


def event_rows(store: Any) -> Iterator[dict[str, Any]]:
    """One dict per event, in date order (undated events first, then by id)."""
    group_of: dict[str, str] = store.copy_group_of()
    for event in store.events():
        arts = {a.id: a for a in store.articles(list(event.article_ids))}
        articles = []
        groups: dict[str, list[str]] = {}
        for aid in event.article_ids:
            a = arts.get(aid)
            g = group_of.get(aid)
            if g is not None:
                groups.setdefault(g, []).append(aid)
            articles.append(
                {
                    "id": aid,
                    "path": a.path if a else None,
                    "url": a.url if a else None,
                    "outlet": a.outlet if a else None,
                    "published": a.published if a else None,
                    "copy_group": g,
                }
            )
        copy_groups = [sorted(m) for _, m in sorted(groups.items()) if len(m) > 1]
        sources = len({group_of.get(aid, "self:" + aid) for aid in event.article_ids})
        yield {
            "id": event.id,
            "title": event.title,
            "date": {"value": event.date, "precision": _precision(event.date, event.date_precision)},
            "story_id": event.story_id,
            "articles": articles,
            "copy_groups": copy_groups,
            "independent_sources": sources,
            "explanation": [asg.as_dict() for asg in event.assignments],
        }
