"""Replays the user's corrections over the events stage's output (see the package docstring)."""

from __future__ import annotations

from typing import Any

from ..pipeline import Context, Stage
from ._apply import apply_edits


def run(ctx: Context) -> dict[str, Any]:
    edits = ctx.store.edits()
    if not edits:
        return {"edits": 0}
    events = ctx.store.events()
    corrected, touched = apply_edits(events, edits)
    after = {e.id: e for e in corrected}
    with ctx.store.transaction():
        ctx.store.delete_events([eid for eid in touched if eid not in after])
        # put_events rewrites the article -> event mapping, so articles of a vanished event follow their new one.
        ctx.store.put_events([after[eid] for eid in touched if eid in after])
    return {"edits": len(edits), "events_touched": len(touched)}


STAGE = Stage(
    name="corrections",
    reads=("events",),
    writes=("events",),
    run=run,
    doc="Replay user corrections (merge, split, move, edit) so re-runs never undo them.",
)
