"""Events as export rows: who reported what, which reports are copies of one another, and why each joined.

``copy_groups`` lists only real groups (two or more of the event's articles that are copies of one text);
an article without copies is its own source and appears only in ``articles``. ``independent_sources`` counts
both: distinct copy groups plus articles without copies.
"""

from __future__ import annotations

from typing import Any, Iterator

__all__ = ["event_rows"]


def event_rows(store: Any) -> Iterator[dict[str, Any]]:
    """One dict per event, in date order (undated events first, then by id)."""
    from ..store.queries import event_rows_for

    events = store.events()
    for i in range(0, len(events), 500):
        yield from event_rows_for(store, events[i : i + 500])
