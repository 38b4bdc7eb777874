"""The dedup stage's tables (migration 10), as methods of :class:`~newsweave.store.SQLiteStore`.

- ``dedup_sketched``: articles whose text has been sketched, each with a handle ``n`` (never reused) and its
  text length (the canonical order's tie-break);
- ``dedup_bands``: their MinHash LSH band keys by handle, looked up by (band, key) to find a new article's
  candidates. No index by article: it cost more than the table (10 copies of gva-a: 800,000 keys written in
  5.1 s with one, 1.8 s without). A forgotten sketch's keys stay until the next run deletes them in one scan
  (``dedup_orphans``); meanwhile the join to ``dedup_sketched`` drops them, and its handle is never reused;
- ``dedup_pairs``: confirmed copy pairs (a < b) with their containment, walked to find a copy-pair component;
- ``dedup_dirty``: articles whose component must be regrouped: written with the sketches that make it so, and
  cleared with the copy groups that regroup it, so an interrupted run regroups them on the next one. ``fresh``
  marks those sketched since (their text may be new): a stored diff between two articles neither of which is
  fresh still holds, and is kept rather than computed again.

An article rewritten with another text, date or wire credit (:meth:`put_articles`) loses its sketch, keys and
pairs, and its old partners are marked dirty: their component may split.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable, Sequence

from ..models import Article, CopyGroup
from . import _codec
from ._chunks import in_chunks as _chunks, rows_in

__all__ = ["DedupTables"]

# The copy groups holding any of a batch of articles.
_GROUPS_OF_ARTICLES = "SELECT DISTINCT group_id FROM article_copy WHERE article_id IN ({marks})"



class DedupTables:
    """Mixin of SQLiteStore: uses its ``transaction``, ``execute``, ``query_rows`` and copy-group writes."""

    _conn: sqlite3.Connection

    # --- sketching --------------------------------------------------------------------------------------

    def unsketched_articles(self, after: str = "", limit: int = 2000) -> list[tuple[str, str]]:
        """(id, text) of up to ``limit`` articles not sketched yet with an id above ``after``, in id order."""
        return [(r[0], r[1]) for r in self.query_rows(
            "SELECT a.id, a.text FROM articles a WHERE a.id > ?"
            " AND NOT EXISTS (SELECT 1 FROM dedup_sketched s WHERE s.article_id = a.id) ORDER BY a.id LIMIT ?",
            (after, limit))]

    def band_matches(self, keys: Iterable[tuple[int, int, str]]) -> list[tuple[str, str]]:
        """(article id, stored article id) for each sketched article sharing a (band, key) with ``keys``
        ((band, key, article id) rows), each pair once."""
        with self.transaction():
            self.execute("CREATE TEMP TABLE IF NOT EXISTS dedup_probe (band INTEGER, key INTEGER, article_id TEXT)")
            self.execute("DELETE FROM dedup_probe")
            # In key order, so the lookups walk the key index in order.
            self._conn.executemany("INSERT INTO dedup_probe VALUES (?, ?, ?)", sorted(keys))
            found = self.query_rows(
                "SELECT DISTINCT p.article_id, k.n FROM dedup_probe p"
                " JOIN dedup_bands k ON k.band = p.band AND k.key = p.key")
            self.execute("DELETE FROM dedup_probe")
        # Handles to ids once per handle rather than once per shared band; a forgotten sketch's keys drop out.
        sql = "SELECT n, article_id FROM dedup_sketched WHERE n IN ({marks})"
        ids: dict[int, str] = dict((r[0], r[1]) for r in rows_in(self.query_rows, sql, sorted({r[1] for r in found})))
        return [(r[0], ids[r[1]]) for r in found if r[1] in ids and ids[r[1]] != r[0]]

    def reset_sketches(self) -> None:
        """Forget every sketch, key and pair: every article is sketched again and every group regrouped (the
        stage does this when its settings or sketch version differ from the ones the tables were built with)."""
        with self.transaction():
            for table in ("dedup_sketched", "dedup_bands", "dedup_pairs", "dedup_dirty", "dedup_orphans"):
                self.execute(f"DELETE FROM {table}")

    def drop_orphan_bands(self) -> int:
        """Delete the band keys of forgotten sketches (one scan of the keys, when there are any)."""
        if not self.query_rows("SELECT 1 FROM dedup_orphans LIMIT 1"):
            return 0
        with self.transaction():
            n = self.execute("DELETE FROM dedup_bands WHERE n IN (SELECT n FROM dedup_orphans)").rowcount
            self.execute("DELETE FROM dedup_orphans")
        return n

    def article_texts(self, ids: Sequence[str]) -> dict[str, str]:
        """id -> text (the body the dedup stage compares) of the stored ``ids``."""
        sql = "SELECT id, text FROM articles WHERE id IN ({marks})"
        return dict((r[0], r[1]) for r in rows_in(self.query_rows, sql, sorted(set(ids))))

    def clear_run_shingles(self) -> None:
        """Start a run's shingle cache (a TEMP table: on disk, dropped when the store closes) empty."""
        self.execute(
            "CREATE TEMP TABLE IF NOT EXISTS dedup_run_shingles"
            " (article_id TEXT NOT NULL, kind INTEGER NOT NULL, blob BLOB NOT NULL, PRIMARY KEY (article_id, kind))")
        self.execute("DELETE FROM dedup_run_shingles")

    def put_run_shingles(self, rows: Iterable[tuple[str, int, bytes]]) -> None:
        """Cache (article id, kind, shingles as bytes) for the rest of the run: an article sketched in one
        batch is a stored partner of later ones, and re-tokenising its text for each of them tripled the
        stage's time on 10 copies of gva-a."""
        self._conn.executemany("INSERT OR REPLACE INTO dedup_run_shingles VALUES (?, ?, ?)", rows)

    def run_shingles(self, ids: Sequence[str]) -> dict[tuple[str, int], bytes]:
        """(article id, kind) -> bytes cached by :meth:`put_run_shingles` for ``ids``."""
        sql = "SELECT article_id, kind, blob FROM dedup_run_shingles WHERE article_id IN ({marks})"
        return dict(((r[0], r[1]), r[2]) for r in rows_in(self.query_rows, sql, ids))

    def add_sketches(
        self,
        sketched: Iterable[tuple[str, int]],
        bands: Iterable[tuple[int, int, str]],
        pairs: Iterable[tuple[str, str, float]],
    ) -> None:
        """Record a batch: its articles as sketched (id, text length), their band keys and the copy pairs
        confirmed for them (a < b); the articles become dirty (their components must be regrouped)."""
        sketched = list(sketched)
        with self.transaction():
            self._conn.executemany("INSERT INTO dedup_sketched(article_id, n_chars) VALUES (?, ?)", sketched)
            sql = "SELECT article_id, n FROM dedup_sketched WHERE article_id IN ({marks})"
            handle: dict[str, int] = dict((r[0], r[1]) for r in rows_in(self.query_rows, sql, [a for a, _ in sketched]))
            # In key order: B-tree inserts that follow the index are much cheaper than random ones.
            self._conn.executemany("INSERT OR IGNORE INTO dedup_bands VALUES (?, ?, ?)",
                                   sorted((band, key, handle[a]) for band, key, a in bands))
            self._conn.executemany(
                "INSERT OR REPLACE INTO dedup_pairs VALUES (?, ?, ?)",
                sorted(p if p[0] < p[1] else (p[1], p[0], p[2]) for p in pairs))
            self._conn.executemany("INSERT OR REPLACE INTO dedup_dirty VALUES (?, 1)", ((a,) for a, _ in sketched))

    def _forget_changed_sketches(self, articles: Sequence[Article]) -> None:
        """Called by put_articles before it writes ``articles``: the sketched ones whose text, date or wire
        credit changes lose their sketch, keys and pairs; they and their old partners become dirty."""
        new = {a.id: a for a in articles}
        changed: list[str] = []
        for chunk, marks in _chunks(list(new)):
            for aid, text, published, wire in self.query_rows(
                "SELECT a.id, a.text, a.published, a.wire FROM dedup_sketched s JOIN articles a ON a.id = s.article_id"
                f" WHERE s.article_id IN ({marks})", chunk):
                a = new[aid]
                if (text, published, wire) != (a.text, a.published, a.wire):
                    changed.append(aid)
        if not changed:
            return
        with self.transaction():
            for chunk, marks in _chunks(changed):
                self.execute(f"INSERT INTO dedup_orphans SELECT n FROM dedup_sketched WHERE article_id IN ({marks})",
                             chunk)
                self.execute(f"DELETE FROM dedup_sketched WHERE article_id IN ({marks})", chunk)
                self.execute(
                    "INSERT OR IGNORE INTO dedup_dirty SELECT b, 0 FROM dedup_pairs WHERE a IN ({0})"
                    " UNION SELECT a, 0 FROM dedup_pairs WHERE b IN ({0})".format(marks), chunk * 2)
                self.execute(f"DELETE FROM dedup_pairs WHERE a IN ({marks}) OR b IN ({marks})", chunk * 2)
                self._conn.executemany("INSERT OR REPLACE INTO dedup_dirty VALUES (?, 1)", ((a,) for a in chunk))

    # --- regrouping -------------------------------------------------------------------------------------

    def dirty_articles(self, limit: int = 2000) -> list[str]:
        """Up to ``limit`` articles whose copy-pair component must be regrouped, in id order."""
        return [r[0] for r in self.query_rows("SELECT article_id FROM dedup_dirty ORDER BY article_id LIMIT ?",
                                              (limit,))]

    def fresh_articles(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` sketched since their component was last grouped (their text may have changed)."""
        sql = "SELECT article_id FROM dedup_dirty WHERE fresh = 1 AND article_id IN ({marks})"
        return {r[0] for r in rows_in(self.query_rows, sql, ids)}

    def copy_groups_holding(self, ids: Sequence[str]) -> list[CopyGroup]:
        """The stored copy groups with a member among ``ids``."""
        gids = {r[0] for r in rows_in(self.query_rows, _GROUPS_OF_ARTICLES, ids)}
        out: list[CopyGroup] = []
        for chunk, marks in _chunks(sorted(gids)):
            out += [_codec.loads(CopyGroup, r[0]) for r in self.query_rows(
                f"SELECT body FROM copy_groups WHERE id IN ({marks})", chunk)]
        return out

    def copy_pairs_of(self, ids: Sequence[str]) -> list[tuple[str, str, float]]:
        """The confirmed copy pairs (a, b, containment) with an end among ``ids``."""
        out: set[tuple[str, str, float]] = set()
        for chunk, marks in _chunks(ids):
            out.update((r[0], r[1], r[2]) for r in self.query_rows(
                f"SELECT a, b, containment FROM dedup_pairs WHERE a IN ({marks})"
                f" UNION SELECT a, b, containment FROM dedup_pairs WHERE b IN ({marks})", chunk * 2))
        return sorted(out)

    def copy_order_fields(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None, int]]:
        """id -> (published, wire, text length) of the sketched ``ids``: what the canonical order reads."""
        sql = (
            "SELECT a.id, a.published, a.wire, s.n_chars FROM articles a"
            " JOIN dedup_sketched s ON s.article_id = a.id WHERE a.id IN ({marks})"
        )
        return dict((r[0], (r[1], r[2], r[3])) for r in rows_in(self.query_rows, sql, ids))

    def replace_copy_groups_of(self, article_ids: Sequence[str], groups: Iterable[CopyGroup]) -> None:
        """Replace the copy groups that hold any of ``article_ids`` with ``groups`` (whose members must lie
        within ``article_ids``: the regrouped components) and clear the articles' dirty marks, together."""
        ids = sorted(set(article_ids))
        with self.transaction():
            old = {r[0] for r in rows_in(self.query_rows, _GROUPS_OF_ARTICLES, ids)}
            before: dict[str, str] = {}
            for chunk, marks in _chunks(sorted(old)):
                before.update((r[0], r[1]) for r in self.query_rows(
                    f"SELECT article_id, group_id FROM article_copy WHERE group_id IN ({marks})", chunk))
                self.execute(f"DELETE FROM article_copy WHERE group_id IN ({marks})", chunk)
                self.execute(f"DELETE FROM copy_groups WHERE id IN ({marks})", chunk)
            # A new group's id is its canonical's, and the canonical lies in ``ids``: its old group went above.
            after = self._insert_copy_groups(groups)
            for chunk, marks in _chunks(ids):
                self.execute(f"DELETE FROM dedup_dirty WHERE article_id IN ({marks})", chunk)
            self._refresh_moved_copies(before, after)

    def copy_group_counts(self) -> tuple[int, int]:
        """(copy groups, articles in them)."""
        row = self.query_rows("SELECT (SELECT count(*) FROM copy_groups), (SELECT count(*) FROM article_copy)")[0]
        return int(row[0]), int(row[1])
