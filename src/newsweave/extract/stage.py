"""The extract stage: one :class:`EventRecord` per event, and the event's date when it had none."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..pipeline import Context, Reuse, Stage, fingerprint
from .record import build_record

__all__ = ["STAGE", "run"]

# Records are written in batches so a long run keeps its work if it stops, without one transaction per event.
_BATCH = 200


def run(ctx: Context) -> dict[str, Any]:
    events = ctx.store.events()
    copy_group_of = ctx.store.copy_group_of()
    # The fingerprint of each stored record's inputs (the event, its articles, their copy groups and the code,
    # see pipeline.fingerprint) and whether it was typed: a record whose inputs are unchanged is kept, so a
    # correction re-extracts the events it touched (145 ms each on a 10,000-article store), not all of them.
    reuse = Reuse(ctx.store, "extract.inputs", ctx.store.record_ids())
    records = []
    pending: dict[str, list[Any]] = {}
    dated = []
    stats = {"events": len(events), "records": 0, "reused": 0, "failed": 0, "dated": 0, "typed": 0, "warnings": 0}

    def say(message: str) -> None:
        stats["warnings"] += 1
        ctx.warn(message)

    def flush() -> None:
        if records:
            ctx.store.put_records(records)
            stats["records"] += len(records)
            records.clear()
            # Recorded only once the records are stored: a run stopped in between rebuilds them next time.
            reuse.current.update(pending)
            pending.clear()
            reuse.save()
        if dated:
            ctx.store.put_events(dated)
            stats["dated"] += len(dated)
            dated.clear()

    for event in ctx.progress(events, total=len(events), desc="extract"):
        try:
            articles = list(ctx.store.articles(list(event.article_ids)))
            fp = fingerprint(repr(event), *(repr(a) + "\0" + str(copy_group_of.get(a.id)) for a in articles))
            kept = reuse.kept(event.id, fp)
            if kept is not None:
                stats["records"] += 1
                stats["reused"] += 1
                stats["typed"] += bool(kept[1])
                continue
            record = build_record(event, articles, copy_group_of, say=say)
        except Exception as exc:  # noqa: BLE001 - one failing event must not stop the stage
            stats["failed"] += 1
            ctx.warn(f"extract: event {event.id} failed: {type(exc).__name__}: {exc}")
            continue
        records.append(record)
        pending[event.id] = [fp, record.sub_event_type is not None]
        stats["typed"] += record.sub_event_type is not None
        if event.date is None and record.date is not None and record.date.value:
            dated.append(dataclasses.replace(event, date=record.date.value, date_precision=record.date.precision))
        if len(records) >= _BATCH:
            flush()
    flush()
    if reuse.current != reuse.built:
        reuse.save()  # events gone since are dropped
    return stats


STAGE = Stage(
    name="extract",
    reads=("events", "articles"),
    writes=("records",),
    run=run,
    doc="Event type, actors, date, place, claims, quotes and entities per event, each with evidence.",
)
