"""The compare stage: one comparison dict per event record, stored with ``put_comparison``."""

from __future__ import annotations

from typing import Any

from ..pipeline import Context, Stage
from ._compare import compare_event
from .lineage import lineage

__all__ = ["STAGE", "run"]


def run(ctx: Context) -> dict[str, Any]:
    store = ctx.store
    group_of = store.copy_group_of()
    groups = {g.id: g for g in store.copy_groups()}
    events = {e.id: e for e in store.events()}
    n = conflicts = 0
    records = store.records()
    with store.transaction():
        for rec in ctx.progress(records, total=len(records), desc="compare"):
            event = events.get(rec.event_id)
            ids = list(event.article_ids) if event else []
            arts = {a.id: a for a in store.articles(ids)} if ids else {}
            body = compare_event(rec, arts, group_of)
            # Lineage of the copy groups this event's articles belong to, so a reader sees why two outlets
            # count as one source.
            gids = sorted({group_of[a] for a in arts if a in group_of})
            body["lineage"] = [
                lineage(groups[g], {a.id: a for a in store.articles(groups[g].members)}) for g in gids if g in groups
            ]
            store.put_comparison(rec.event_id, body)
            n += 1
            conflicts += len(body["conflicts"])
    return {"comparisons": n, "conflicts": conflicts}


STAGE = Stage(
    name="compare",
    reads=("records", "copy_groups"),
    writes=("comparisons",),
    run=run,
    doc="Compare sources per event: agreements, conflicts, unique claims, omissions, fatality range.",
)
