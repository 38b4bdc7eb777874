"""The story link graph's tables (migration 14; events/threads.py keeps them), as methods of
:class:`~newsweave.store.SQLiteStore`.

- ``story_nodes``: each event's story text (its summary, else its title) as last linked, its title and story,
  and the text's terms as int32 term ids (in the terms' alphabetical order) with their counts: re-reading a
  node is two buffers, not a tokenisation. ``n`` numbers a node's text: a changed text is a new node with a
  new number (AUTOINCREMENT: never reused), so a number in ``story_pairs`` names one text or none;
- ``story_pairs``: the candidate pairs (scored at or above a fraction of the story threshold when linked),
  without scores (each run scores them again under its idf): per node, the numbers of its partners with a
  smaller number, int64 in one blob. A run reads them all in one scan of narrow rows (a row per pair cost
  ~1 us each through Python: 0.3 s for 10x gva-a's 258,833) and writes only the rows of its new nodes and of
  nodes that lost a partner;
- ``story_terms``: each term's id and document frequency over the nodes' texts.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from typing import Iterable, Mapping, Sequence

from ..models import Story
from ._chunks import in_chunks, rows_in

__all__ = ["StoryGraph"]


class StoryGraph:
    """Mixin of SQLiteStore: uses its ``transaction``, ``execute`` and ``query_rows``."""

    _conn: sqlite3.Connection
    _lock: threading.RLock

    def _tuples(self, sql: str) -> list[tuple]:
        """Rows as plain tuples: the scans of every node, pair row, term and story each run (10x gva-a: 10,901,
        10,200, 20,816 and 7,500 rows) spent a third of their time or more building sqlite3.Row objects."""
        with self._lock:
            cursor = self._conn.cursor()
            cursor.row_factory = None
            return cursor.execute(sql).fetchall()

    def story_changes(self) -> tuple[list[str], list[str]]:
        """(events the graph lacks or whose story text or title differs from their node's; nodes whose event is
        gone), in id order. Compared in SQLite, so no text comes into Python: whatever wrote the event (the
        events stage, a correction) and whenever, the graph sees it."""
        changed = [r[0] for r in self.query_rows(
            "SELECT e.id FROM events e LEFT JOIN event_summaries s ON s.event_id = e.id"
            " LEFT JOIN story_nodes n ON n.event_id = e.id"
            " WHERE n.event_id IS NULL OR n.doc IS NOT coalesce(s.summary, e.title) OR n.title IS NOT e.title"
            " ORDER BY e.id"
        )]
        removed = [r[0] for r in self.query_rows(
            "SELECT n.event_id FROM story_nodes n LEFT JOIN events e ON e.id = n.event_id WHERE e.id IS NULL"
            " ORDER BY n.event_id"
        )]
        return changed, removed

    def story_texts(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """(story text, title) of the stored events among ``ids``, as they are now."""
        sql = (
            "SELECT e.id, coalesce(s.summary, e.title), e.title FROM events e"
            " LEFT JOIN event_summaries s ON s.event_id = e.id WHERE e.id IN ({marks})"
        )
        return dict((r[0], (r[1], r[2])) for r in rows_in(self.query_rows, sql, ids))

    def story_node_terms(self, ids: Sequence[str]) -> dict[str, tuple[bytes, str]]:
        """(term ids, story id) of the nodes among ``ids``."""
        sql = "SELECT event_id, terms, story_id FROM story_nodes WHERE event_id IN ({marks})"
        return dict((r[0], (r[1], r[2])) for r in rows_in(self.query_rows, sql, ids))

    def story_node_rows(self) -> list[tuple[int, str, str, str, bytes, bytes]]:
        """Every node's (number, event id, title, story id, term ids, counts), in event id order."""
        return self._tuples("SELECT n, event_id, title, story_id, terms, counts FROM story_nodes ORDER BY event_id")

    def add_story_nodes(self, nodes: Iterable[tuple[str, str, str, bytes, bytes, str]]) -> None:
        """Insert (event id, title, story id, term ids, counts, text) nodes, each numbered anew; an event's old
        node must have been deleted."""
        with self.transaction():
            self._conn.executemany(
                "INSERT INTO story_nodes(event_id, title, story_id, terms, counts, doc) VALUES (?, ?, ?, ?, ?, ?)",
                list(nodes))

    def delete_story_nodes(self, ids: Sequence[str]) -> None:
        """Remove the nodes of the events ``ids`` and their own pair rows (partners' rows naming their numbers
        are the caller's to rewrite)."""
        with self.transaction():
            for chunk, marks in in_chunks(ids):
                self.execute("DELETE FROM story_pairs WHERE n IN"
                             f" (SELECT n FROM story_nodes WHERE event_id IN ({marks}))", chunk)
                self.execute(f"DELETE FROM story_nodes WHERE event_id IN ({marks})", chunk)

    def story_pair_rows(self) -> list[tuple[int, bytes]]:
        """Every (node number, its older partners' numbers as int64) row."""
        return self._tuples("SELECT n, older FROM story_pairs")

    def put_story_pairs(self, rows: Iterable[tuple[int, bytes]]) -> None:
        """Set nodes' older partners (an empty blob removes the row)."""
        rows = list(rows)
        with self.transaction():
            self._conn.executemany("DELETE FROM story_pairs WHERE n = ?", [(n,) for n, b in rows if not b])
            self._conn.executemany("INSERT OR REPLACE INTO story_pairs VALUES (?, ?)", [(n, b) for n, b in rows if b])

    def story_term_ids(self, terms: Iterable[str]) -> dict[str, int]:
        """The id of each of ``terms``, new terms given the next ids (with document frequency 0)."""
        wanted = sorted(set(terms))
        with self.transaction():
            sql = "SELECT term, id FROM story_terms WHERE term IN ({marks})"
            out: dict[str, int] = dict((r[0], r[1]) for r in rows_in(self.query_rows, sql, wanted))
            new = [t for t in wanted if t not in out]
            if new:
                top = int(self.execute("SELECT coalesce(max(id), -1) FROM story_terms").fetchone()[0])
                out.update((t, top + 1 + i) for i, t in enumerate(new))
                self._conn.executemany("INSERT INTO story_terms VALUES (?, ?, 0)", [(t, out[t]) for t in new])
        return out

    def story_term_names(self, ids: Iterable[int]) -> dict[int, str]:
        sql = "SELECT term, id FROM story_terms WHERE id IN ({marks})"
        return dict((r[1], r[0]) for r in rows_in(self.query_rows, sql, sorted(set(ids))))

    def story_df(self) -> list[tuple[int, int]]:
        """(term id, document frequency) of every term, in the terms' alphabetical order (SQLite's binary order
        of UTF-8 is code point order, as Python sorts strings; the table's own order, so no sort)."""
        return self._tuples("SELECT id, df FROM story_terms ORDER BY term")

    def add_story_df(self, deltas: Mapping[int, int]) -> None:
        """Add to the document frequencies of term ids (negative to remove texts); terms left at 0 are dropped."""
        with self.transaction():
            self._conn.executemany("UPDATE story_terms SET df = df + ? WHERE id = ?",
                                   [(d, t) for t, d in sorted(deltas.items()) if d])
            self.execute("DELETE FROM story_terms WHERE df <= 0")

    def set_story_of(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Set the story of nodes: (event id, story id) pairs."""
        with self.transaction():
            self._conn.executemany("UPDATE story_nodes SET story_id = ? WHERE event_id = ?",
                                   [(s, e) for e, s in pairs])

    def story_moves(self) -> list[tuple[str, str]]:
        """(event id, story id) of the events whose story column differs from their node's story."""
        return [(r[0], r[1]) for r in self.query_rows(
            "SELECT e.id, n.story_id FROM events e JOIN story_nodes n ON n.event_id = e.id"
            " WHERE e.story_id IS NOT n.story_id ORDER BY e.id"
        )]

    def story_index(self) -> dict[str, Story]:
        """Every stored story by id, decoded directly rather than by the generic codec (85 us a story there: 0.6 s a
        run for 10x gva-a's 7,500 stories, which each run compares with its own)."""
        out: dict[str, Story] = {}
        for (body,) in self._tuples("SELECT body FROM stories"):
            d = json.loads(body)
            out[d["id"]] = Story(id=d["id"], title=d["title"], event_ids=tuple(d["event_ids"]), terms=tuple(d["terms"]))
        return out

    def clear_story_graph(self) -> None:
        with self.transaction():
            for table in ("story_nodes", "story_pairs", "story_terms"):
                self.execute(f"DELETE FROM {table}")
