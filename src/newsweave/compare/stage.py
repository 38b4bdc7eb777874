"""The compare stage: one comparison dict per event record, stored with ``put_comparison``."""

from __future__ import annotations

import hashlib
from typing import Any

from ..pipeline import Context, Reuse, Stage, fingerprint
from ._compare import compare_event
from .lineage import lineage

__all__ = ["STAGE", "run"]


def run(ctx: Context) -> dict[str, Any]:
    store = ctx.store
    group_of = store.copy_group_of()
    groups = {g.id: g for g in store.copy_groups()}
    events = {e.id: e for e in store.events()}
    # The fingerprint of each stored comparison's inputs (record, articles, copy groups and their members, the
    # code; see pipeline.fingerprint) and its conflict count: an unchanged one is kept, not recomputed.
    reuse = Reuse(store, "compare.inputs", store.comparison_ids())
    n = conflicts = reused = 0
    # The whole article -> copy group map goes into every fingerprint (a claim's source is its article's group,
    # and its evidence may cite any article): a dedup run that regroups anything recomputes every comparison.
    all_groups = hashlib.sha256(repr(sorted(group_of.items())).encode()).hexdigest()
    record_ids = sorted(store.record_ids())
    with store.transaction():
        for eid in ctx.progress(record_ids, total=len(record_ids), desc="compare"):
            event = events.get(eid)
            ids = list(event.article_ids) if event else []
            arts = {a.id: a for a in store.articles(ids)} if ids else {}
            # Lineage of the copy groups this event's articles belong to, so a reader sees why two outlets
            # count as one source.
            gids = sorted({group_of[a] for a in arts if a in group_of})
            members = {g: {a.id: a for a in store.articles(groups[g].members)} for g in gids if g in groups}
            fp = fingerprint(
                all_groups, store.record_json(eid) or "", *(repr(a) for a in arts.values()),
                *(repr(groups[g]) + "".join(repr(a) for a in members[g].values()) for g in members),
            )
            n += 1
            kept = reuse.kept(eid, fp)
            if kept is not None:
                conflicts += kept[1]
                reused += 1
                continue
            rec = store.records([eid])[0]
            body = compare_event(rec, arts, group_of)
            body["lineage"] = [lineage(groups[g], members[g]) for g in members]
            store.put_comparison(eid, body)
            reuse.current[eid] = [fp, len(body["conflicts"])]
            conflicts += len(body["conflicts"])
        reuse.save()
    return {"comparisons": n, "reused": reused, "conflicts": conflicts}


STAGE = Stage(
    name="compare",
    reads=("records", "copy_groups"),
    writes=("comparisons",),
    run=run,
    doc="Compare sources per event: agreements, conflicts, unique claims, omissions, fatality range.",
)
