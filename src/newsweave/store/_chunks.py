"""Id lists cut to fit one ``IN (...)`` clause, shared by the store's modules."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Sequence

__all__ = ["in_chunks", "rows_in"]

# SQLite limits the host parameters of one statement (999 before 3.32): id lists go in batches of this size.
_BATCH = 500


def in_chunks(ids: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """``ids`` in batches for an ``IN (...)`` clause: each batch with its placeholders ("?,?,...")."""
    ids = list(ids)
    for i in range(0, len(ids), _BATCH):
        chunk = ids[i : i + _BATCH]
        yield chunk, ",".join("?" * len(chunk))


def rows_in(query: Callable[[str, Sequence[Any]], Iterable[Any]], sql: str, ids: Iterable[str]) -> Iterator[Any]:
    """The rows ``query`` gives for ``sql`` over ``ids``, a batch at a time: ``sql`` holds one ``IN ({marks})``
    and no other parameter."""
    for chunk, marks in in_chunks(list(ids)):
        yield from query(sql.format(marks=marks), chunk)
