"""The ingest stage: read ``ctx.inputs`` into the store's documents, record what was rejected."""

from __future__ import annotations

from typing import Any, Iterator

from ..models import RawDocument, Rejection
from ..pipeline import Context, Stage
from ._read import document_id, iter_files, read_file

__all__ = ["STAGE", "run", "BATCH_SIZE"]

# One transaction per batch: a crash loses at most this many documents, and because ids are content hashes
# inserted with OR IGNORE, a re-run skips what was committed and resumes.
BATCH_SIZE = 500


def _items(ctx: Context, stats: dict[str, int]) -> Iterator[RawDocument | Rejection]:
    for inp in ctx.inputs:
        for f in iter_files(inp):
            if isinstance(f, Rejection):
                yield f
                continue
            stats["files"] += 1
            yield from read_file(f, ctx.settings)


def run(ctx: Context) -> dict[str, Any]:
    stats = {"files": 0, "documents": 0, "new": 0, "rejected": 0}
    batch: list[tuple[str, RawDocument]] = []
    for item in ctx.progress(_items(ctx, stats), desc="ingest"):
        if isinstance(item, Rejection):
            stats["rejected"] += 1
            ctx.store.add_rejection(item)
            ctx.warn(item.message())
            continue
        stats["documents"] += 1
        batch.append((document_id(item), item))
        if len(batch) >= BATCH_SIZE:
            stats["new"] += ctx.store.add_documents(batch)
            batch = []
    if batch:
        stats["new"] += ctx.store.add_documents(batch)
    return stats


STAGE = Stage(
    name="ingest",
    reads=("inputs",),
    writes=("documents", "rejections"),
    run=run,
    doc="Read files and folders of news into documents; bad input becomes a recorded rejection.",
)
