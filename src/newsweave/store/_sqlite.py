"""The default store: one SQLite file in WAL mode.

Writes happen in explicit transactions, so a crash mid-ingest loses at most the batch in flight and a re-run
resumes from what was committed (documents are keyed by a content hash and inserted with ``OR IGNORE``).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..errors import MigrationError, NotFoundError, StoreError
from ..models import (
    Article,
    CopyGroup,
    Event,
    EventRecord,
    RawDocument,
    Rejection,
    Segment,
    Story,
)
from . import _codec
from ._chunks import _BATCH, in_chunks, rows_in
from ._dedup import DedupTables
from ._outlet_lines import OutletLines
from ._story_graph import StoryGraph
from .schema import MIGRATIONS

__all__ = ["SQLiteStore"]

_DOC_COLS = ("path", "record", "source_format", "url", "title", "outlet", "published", "language", "byline")
_ART_COLS = (
    "title", "url", "outlet", "published", "wire", "byline", "language", "path", "record", "source_format",
)




def like_prefix(text: str) -> str:
    """A LIKE pattern (with ``ESCAPE '\\'``) matching ids that start with ``text`` taken literally."""
    return text.replace("\\", "").replace("%", "\\%").replace("_", "\\_") + "%"


# Migrations whose new table is filled by Python, in the migration's transaction.
_BACKFILL = {4: "_refresh_event_rows", 7: "_refresh_entities", 8: "_fill_record_speakers"}


class SQLiteStore(DedupTables, OutletLines, StoryGraph):
    """Store backed by SQLite. ``path`` may be ``":memory:"`` for throw-away runs (evaluation, tests)."""

    def __init__(
        self, path: str | Path = "newsweave.db", *, check_same_thread: bool = True, read_only: bool = False
    ) -> None:
        """``read_only`` opens an existing, migrated store for reading only (the web app's readers): in WAL
        mode it never waits for a writer and sees each write as soon as it commits."""
        self.path = str(path)
        try:
            if read_only:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=check_same_thread)
            else:
                self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=check_same_thread)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._depth = 0
        if read_only:
            self._conn.execute("PRAGMA query_only=1")
            # Map the file rather than read() it page by page: records and comparisons span overflow pages.
            self._conn.execute("PRAGMA mmap_size=1073741824")
            return
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=OFF")
        self._migrate()

    # --- plumbing -----------------------------------------------------------------------------------------

    def _migrate(self) -> None:
        c = self._conn
        c.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
        done = {r[0] for r in c.execute("SELECT version FROM migrations")}
        known = {v for v, _, _ in MIGRATIONS}
        if done - known:
            raise MigrationError(
                f"{self.path} was written by a newer newsweave (schema {max(done)}); upgrade newsweave"
            )
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                # Checked again under the write lock: another process (a second server worker) opening the
                # same file may have applied it since we looked.
                if c.execute("SELECT 1 FROM migrations WHERE version = ?", (version,)).fetchone():
                    continue
                for stmt in sql.split(";"):
                    if stmt.strip():
                        c.execute(stmt)
                if version in _BACKFILL:
                    getattr(self, _BACKFILL[version])()
                c.execute(
                    "INSERT INTO migrations VALUES (?, ?, datetime('now'))", (version, name)
                )

    @property
    def schema_version(self) -> int:
        return int(self._conn.execute("SELECT max(version) FROM migrations").fetchone()[0] or 0)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """A (re-entrant) transaction: everything inside commits together or not at all."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                raise
            else:
                self._depth -= 1
                if outer:
                    self._conn.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._lock:
            self._conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a read-only query and return rows as dicts (for reports, the web layer and ad-hoc use)."""
        with self._lock:
            return [dict(r) for r in self._conn.execute(sql, params)]

    def version(self) -> tuple[int, int]:
        """Changes whenever anything commits to the store: another connection or process (SQLite's
        ``data_version``) or this connection (its change count)."""
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0]), self._conn.total_changes

    def memo(self, key: str, compute: Any) -> Any:
        """``compute()``, remembered until the store changes (see :meth:`version`): for values derived from
        the whole store that many reads need, such as the newest events."""
        version = self.version()
        memo = self.__dict__.setdefault("_memo", {})
        hit = memo.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        memo[key] = (version, value)
        return value

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self, table: str) -> int:
        if table not in {"documents", "articles", "rejections", "copy_groups", "events", "event_articles", "stories",
                         "records", "edits"}:
            raise StoreError(f"unknown table {table}")
        return int(self.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # --- state (stage cursors, run metadata) --------------------------------------------------------------

    def get_state(self, name: str, default: Any = None) -> Any:
        row = self.execute("SELECT body FROM state WHERE name=?", (name,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_state(self, name: str, value: Any) -> None:
        self.execute(
            "INSERT INTO state(name, body) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET body=excluded.body",
            (name, json.dumps(value, sort_keys=True)),
        )

    # --- documents and rejections -------------------------------------------------------------------------

    def add_documents(self, docs: Iterable[tuple[str, RawDocument]]) -> int:
        """Insert documents keyed by id; ones already stored are left untouched. Returns how many were new."""
        new = 0
        with self.transaction():
            seq = int(self.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0])
            for doc_id, d in docs:
                seq += 1
                cur = self.execute(
                    "INSERT OR IGNORE INTO documents(id, path, record, source_format, url, title, outlet, published,"
                    " language, byline, raw_text, extra, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        doc_id, d.path, d.record, d.source_format, d.url, d.title, d.outlet, d.published,
                        d.language, d.byline, d.raw_text, json.dumps(dict(d.extra), ensure_ascii=False), seq,
                    ),
                )
                if cur.rowcount:
                    new += 1
                else:
                    seq -= 1
        return new

    def has_document(self, doc_id: str) -> bool:
        return self.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def _doc_from_row(self, r: sqlite3.Row) -> RawDocument:
        return RawDocument(
            raw_text=r["raw_text"], extra=json.loads(r["extra"] or "{}"), **{k: r[k] for k in _DOC_COLS}
        )

    def documents(self, *, uncleaned: bool = False) -> Iterator[tuple[str, RawDocument]]:
        """Documents in ingest order; with ``uncleaned`` only those without an article yet. Read ``_BATCH`` at
        a time (a keyset on ``seq``), so a corpus's raw text is never all in memory: the clean stage held every
        document of a run at once."""
        sql = "SELECT d.* FROM documents d"
        if uncleaned:
            sql += " LEFT JOIN articles a ON a.id = d.id WHERE a.id IS NULL AND d.seq > ?"
        else:
            sql += " WHERE d.seq > ?"
        sql += f" ORDER BY d.seq LIMIT {_BATCH}"
        after = -(2**63)
        while True:
            rows = self.query_rows(sql, (after,))
            for r in rows:
                yield r["id"], self._doc_from_row(r)
            if len(rows) < _BATCH:
                return
            after = rows[-1]["seq"]

    def documents_by_id(self, ids: Sequence[str]) -> dict[str, RawDocument]:
        """The stored documents of ``ids`` (those that exist), read a batch at a time."""
        sql = "SELECT * FROM documents WHERE id IN ({marks})"
        return {r["id"]: self._doc_from_row(r) for r in rows_in(self.query_rows, sql, ids)}

    def query_rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def add_rejection(self, rejection: Rejection) -> None:
        self.execute(
            "INSERT OR IGNORE INTO rejections(path, record, reason) VALUES (?,?,?)",
            (rejection.path, rejection.record or "", rejection.reason),
        )

    def rejections(self) -> list[Rejection]:
        return [
            Rejection(path=r["path"], reason=r["reason"], record=r["record"] or None)
            for r in self.query_rows("SELECT * FROM rejections ORDER BY id")
        ]

    # --- articles -----------------------------------------------------------------------------------------

    def put_articles(self, articles: Iterable[Article]) -> int:
        n = 0
        ids = []
        articles = list(articles)
        with self.transaction():
            # A rewritten article's dedup sketch and copy pairs go (migration 10): the dedup stage redoes them.
            self._forget_changed_sketches(articles)
            for a in articles:
                ids.append(a.id)
                self.execute(
                    "INSERT OR REPLACE INTO articles(id, title, url, outlet, published, wire, byline, language, path,"
                    " record, source_format, segments, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        a.id, a.title, a.url, a.outlet, a.published, a.wire, a.byline, a.language, a.path,
                        a.record, a.source_format,
                        json.dumps([[s.start, s.end, s.kind] for s in a.segments]), a.text,
                    ),
                )
                n += 1
            self._refresh_event_rows(self._events_of_articles(ids))
        return n

    def _article_from_row(self, r: sqlite3.Row) -> Article:
        segs = tuple(Segment(s, e, k) for s, e, k in json.loads(r["segments"]))
        return Article(id=r["id"], raw_text=r["raw_text"], segments=segs, **{k: r[k] for k in _ART_COLS})

    def articles(self, ids: Sequence[str] | None = None, *, outlet: str | None = None) -> Iterator[Article]:
        """Articles in ingest order (optionally only ``ids`` or one ``outlet``)."""
        sql = "SELECT a.*, d.raw_text FROM articles a JOIN documents d ON d.id = a.id"
        params: list[Any] = []
        where = []
        if ids is not None:
            ids = list(ids)
            if not ids:
                return
            where.append(f"a.id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        if outlet is not None:
            where.append("a.outlet = ?")
            params.append(outlet)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.seq"
        for r in self.query_rows(sql, params):
            yield self._article_from_row(r)

    def article(self, article_id: str) -> Article:
        # The exact id first (an index lookup), then an id prefix (a scan), as for events.
        sql = "SELECT a.*, d.raw_text FROM articles a JOIN documents d ON d.id = a.id WHERE "
        rows = self.query_rows(sql + "a.id = ?", (article_id,)) or self.query_rows(
            sql + "a.id LIKE ? ESCAPE '\\'",
            (like_prefix(article_id),),
        )
        if not rows:
            raise NotFoundError(f"no article {article_id!r}")
        if len(rows) > 1:
            raise NotFoundError(f"article id prefix {article_id!r} is ambiguous ({len(rows)} matches)")
        return self._article_from_row(rows[0])

    # --- copies, events, stories --------------------------------------------------------------------------

    def replace_copy_groups(self, groups: Iterable[CopyGroup]) -> None:
        with self.transaction():
            before = self.copy_group_of()
            self.execute("DELETE FROM copy_groups")
            self.execute("DELETE FROM article_copy")
            self._refresh_moved_copies(before, self._insert_copy_groups(groups))

    def _insert_copy_groups(self, groups: Iterable[CopyGroup]) -> dict[str, str]:
        """Write ``groups`` (their old rows deleted by the caller); returns member id -> group id."""
        after: dict[str, str] = {}
        for g in groups:
            self.execute(
                "INSERT INTO copy_groups(id, canonical, wire, members, body) VALUES (?,?,?,?,?)",
                (g.id, g.canonical, g.wire, json.dumps(list(g.members)), _codec.dumps(g)),
            )
            for m in g.members:
                self.execute("INSERT OR REPLACE INTO article_copy VALUES (?, ?)", (m, g.id))
                after[m] = g.id
        return after

    def _refresh_moved_copies(self, before: dict[str, str], after: dict[str, str]) -> None:
        """The stored rows of events holding an article whose copy group changed (article id -> group id)."""
        moved = [a for a in before.keys() | after.keys() if before.get(a) != after.get(a)]
        self._refresh_event_rows(self._events_of_articles(moved))

    def copy_groups(self) -> list[CopyGroup]:
        return [_codec.loads(CopyGroup, r[0]) for r in self.query_rows("SELECT body FROM copy_groups ORDER BY id")]

    def copy_groups_by_id(self, ids: Sequence[str]) -> list[CopyGroup]:
        ids = list(ids)
        if not ids:
            return []
        rows = self.query_rows(f"SELECT body FROM copy_groups WHERE id IN ({','.join('?' * len(ids))})", ids)
        return [_codec.loads(CopyGroup, r[0]) for r in rows]

    def copy_group_bodies(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Like :meth:`copy_groups_by_id` but the stored JSON decoded to dicts, for readers (pages)."""
        ids = list(ids)
        if not ids:
            return []
        rows = self.query_rows(f"SELECT body FROM copy_groups WHERE id IN ({','.join('?' * len(ids))})", ids)
        return [json.loads(r[0]) for r in rows]

    def event_id_of(self, article_id: str) -> str | None:
        row = self.execute("SELECT event_id FROM event_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def copy_group_of(self) -> dict[str, str]:
        """article id -> copy group id, for articles that have copies."""
        return {r[0]: r[1] for r in self.query_rows("SELECT article_id, group_id FROM article_copy")}

    def replace_events(self, events: Iterable[Event]) -> None:
        with self.transaction():
            self.execute("DELETE FROM events")
            self.execute("DELETE FROM event_articles")
            self.execute("DELETE FROM event_rows")
            self.put_events(events)

    def put_events(self, events: Iterable[Event]) -> None:
        ids = []
        with self.transaction():
            for e in events:
                ids.append(e.id)
                self.execute(
                    "INSERT OR REPLACE INTO events(id, title, date, date_precision, story_id, n_articles, body)"
                    " VALUES (?,?,?,?,?,?,?)",
                    (e.id, e.title, e.date, e.date_precision, e.story_id, len(e.article_ids), _codec.dumps(e)),
                )
                for a in e.article_ids:
                    self.execute("INSERT OR REPLACE INTO event_articles VALUES (?, ?)", (a, e.id))
            self._refresh_event_rows(ids)

    def delete_events(self, event_ids: Iterable[str]) -> None:
        with self.transaction():
            event_ids = list(event_ids)
            named = self._entities_of_records(event_ids)
            for eid in event_ids:
                self.execute("DELETE FROM events WHERE id=?", (eid,))
                self.execute("DELETE FROM event_articles WHERE event_id=?", (eid,))
                self.execute("DELETE FROM records WHERE event_id=?", (eid,))
                self.execute("DELETE FROM record_places WHERE event_id=?", (eid,))
                self.execute("DELETE FROM record_entities WHERE event_id=?", (eid,))
                self.execute("DELETE FROM record_types WHERE event_id=?", (eid,))
                self.execute("DELETE FROM record_place_names WHERE event_id=?", (eid,))
                self.execute("DELETE FROM record_speakers WHERE event_id=?", (eid,))
                self.execute("DELETE FROM event_rows WHERE event_id=?", (eid,))
                self.execute("DELETE FROM comparisons WHERE event_id=?", (eid,))
                self.execute("DELETE FROM comparison_counts WHERE event_id=?", (eid,))
            self._refresh_entities(named)

    def events(self, ids: Sequence[str] | None = None) -> list[Event]:
        if ids is None:
            rows = self.query_rows("SELECT body FROM events ORDER BY coalesce(date, ''), id")
            return [_codec.loads(Event, r[0]) for r in rows]
        return [_codec.loads(Event, r[2]) for r in self._in_event_order(ids, "date, id, body")]

    def event_order(self, ids: Sequence[str]) -> list[str]:
        """The stored events among ``ids``, in :meth:`events`' order, without decoding them."""
        return [r[1] for r in self._in_event_order(ids, "date, id")]

    def _in_event_order(self, ids: Sequence[str], columns: str) -> list[Any]:
        """``columns`` (``date, id`` first) of the stored events among ``ids``, batched, in the order of the single
        query ``ORDER BY coalesce(date, ''), id`` (TEXT compares as UTF-8 bytes: code point order)."""
        rows: list[Any] = []
        for chunk, marks in in_chunks(list(dict.fromkeys(ids))):
            rows += self.query_rows(f"SELECT {columns} FROM events WHERE id IN ({marks})", chunk)
        rows.sort(key=lambda r: (r[0] or "", r[1]))
        return rows

    def _event_json(self, event_id: str) -> str:
        rows = self.query_rows("SELECT body FROM events WHERE id = ?", (event_id,)) or self.query_rows(
            "SELECT body FROM events WHERE id LIKE ? ESCAPE '\\'",
            (like_prefix(event_id),),
        )
        if len(rows) != 1:
            raise NotFoundError(f"no event {event_id!r}" if not rows else f"event id {event_id!r} is ambiguous")
        return rows[0][0]

    def event(self, event_id: str) -> Event:
        """One event by id or unambiguous id prefix."""
        return _codec.loads(Event, self._event_json(event_id))

    def event_body(self, event_id: str) -> dict[str, Any]:
        """Like :meth:`event` but the stored JSON decoded to a dict, for readers that only need its fields."""
        return json.loads(self._event_json(event_id))

    # --- event rows: the export/API shape of each event, stored so event lists are served without building
    # them. Every write an event row depends on (events, their articles' metadata, copy groups) refreshes the
    # rows it touches in its own transaction; readers build a row that is missing, never trust a stale one.

    def _events_of_articles(self, article_ids: Sequence[str]) -> list[str]:
        """Events whose own article lists name any of ``article_ids`` (what their rows are built from; the
        event_articles map keeps only the latest event of an article)."""
        wanted = sorted(set(article_ids))
        if not wanted:
            return []
        # Matched in SQLite (one scan, the ids as one JSON parameter): every (event, article) pair of the store
        # brought into Python was as large as the corpus, for each batch of articles written.
        rows = self.query_rows(
            "SELECT DISTINCT e.id FROM events e, json_each(e.body, '$.article_ids') j"
            " WHERE j.value IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
        return sorted(r[0] for r in rows)

    def _refresh_event_rows(self, event_ids: Sequence[str] | None = None) -> None:
        """Rebuild the stored rows of ``event_ids`` (of every event when None)."""
        from .queries import event_rows_for  # queries read through a store; imported here to avoid a cycle

        with self.transaction():
            if event_ids is None:
                self.execute("DELETE FROM event_rows")
                ids = [r[0] for r in self.query_rows("SELECT id FROM events ORDER BY id")]
            else:
                ids = list(dict.fromkeys(event_ids))
            for chunk, marks in in_chunks(ids):
                bodies = self.query_rows(f"SELECT body FROM events WHERE id IN ({marks})", chunk)
                rows = event_rows_for(self, [json.loads(r[0]) for r in bodies])
                for row in rows:
                    self.execute(
                        "INSERT OR REPLACE INTO event_rows VALUES (?, ?)",
                        (row["id"], json.dumps(row, ensure_ascii=False, separators=(",", ":"))),
                    )
                for gone in set(chunk) - {row["id"] for row in rows}:
                    self.execute("DELETE FROM event_rows WHERE event_id=?", (gone,))

    def event_heads(self) -> list[tuple[str, str, str | None]]:
        """Every event's (id, title, story id), from their columns: for stories, without decoding events."""
        return [(r[0], r[1], r[2]) for r in self.query_rows("SELECT id, title, story_id FROM events ORDER BY id")]

    def event_ends(self) -> Iterator[tuple[str, str | None, int]]:
        """(event id, newest ``published``, newest ingest ``seq``) of every event holding articles, in id order,
        read a page at a time: callers keep the few they need (the events a time window holds open)."""
        after = ""
        while True:
            rows = self.query_rows(
                "SELECT ea.event_id, max(a.published), max(d.seq) FROM event_articles ea"
                " JOIN articles a ON a.id = ea.article_id JOIN documents d ON d.id = a.id"
                " WHERE ea.event_id > ? GROUP BY ea.event_id ORDER BY ea.event_id LIMIT ?",
                (after, _BATCH),
            )
            for r in rows:
                yield r[0], r[1], r[2]
            if len(rows) < _BATCH:
                return
            after = rows[-1][0]

    def event_last_published(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The newest ``published`` of each event's articles (as the event_articles map assigns them)."""
        sql = (
            "SELECT ea.event_id, max(a.published) FROM event_articles ea JOIN articles a ON a.id = ea.article_id"
            " WHERE ea.event_id IN ({marks}) GROUP BY ea.event_id"
        )
        return dict((r[0], r[1]) for r in rows_in(self.query_rows, sql, ids))

    def article_published(self, ids: Sequence[str]) -> dict[str, str | None]:
        """``published`` of each of ``ids`` stored, without reading the articles (the events stage picks the
        reports of an open event that the window reaches before loading them)."""
        sql = "SELECT id, published FROM articles WHERE id IN ({marks})"
        return dict((r[0], r[1]) for r in rows_in(self.query_rows, sql, list(dict.fromkeys(ids))))

    # --- what the events stage remembers between chunks and runs (migration 9): the aged names a later report
    # may bridge on, and each event's summary for stories. Indexed tables rather than state JSON, which every
    # chunk read and rewrote whole however few names or events it touched.

    def event_people(self, names: Iterable[str]) -> dict[str, list[tuple[str, str, int | None]]]:
        """For each of ``names`` stored, its (event id, article id, day) entries in the order they were added."""
        out: dict[str, list[tuple[str, str, int | None]]] = {}
        for chunk, marks in in_chunks(sorted(set(names))):
            for name, event_id, article_id, day in self.query_rows(
                f"SELECT name, event_id, article_id, day FROM event_people WHERE name IN ({marks}) ORDER BY name, pos",
                chunk,
            ):
                out.setdefault(name, []).append((event_id, article_id, day))
        return out

    def add_event_people(self, entries: Iterable[tuple[str, int, str, str, int | None]]) -> None:
        """Store (name, position, event id, article id, day) entries, replacing any at a stored position."""
        with self.transaction():
            self._conn.executemany("INSERT OR REPLACE INTO event_people VALUES (?, ?, ?, ?, ?)", list(entries))

    def event_summaries(self, ids: Sequence[str] | None = None) -> dict[str, str]:
        """Stored summaries (event id -> text) of ``ids`` (of every event when None)."""
        if ids is None:
            return {r[0]: r[1] for r in self.query_rows("SELECT event_id, summary FROM event_summaries")}
        sql = "SELECT event_id, summary FROM event_summaries WHERE event_id IN ({marks})"
        return dict((r[0], r[1]) for r in rows_in(self.query_rows, sql, ids))

    def put_event_summaries(self, summaries: Mapping[str, str]) -> None:
        with self.transaction():
            self._conn.executemany("INSERT OR REPLACE INTO event_summaries VALUES (?, ?)", list(summaries.items()))

    def put_stories(self, stories: Iterable[Story], drop: Iterable[str] = ()) -> None:
        """Delete the stories ``drop``, then insert or replace ``stories``."""
        with self.transaction():
            for chunk, marks in in_chunks(sorted(set(drop))):
                self.execute(f"DELETE FROM stories WHERE id IN ({marks})", chunk)
            for s in stories:
                self.execute("INSERT OR REPLACE INTO stories VALUES (?,?,?)", (s.id, s.title, _codec.dumps(s)))

    def unassigned_articles(self) -> list[tuple[str, str | None]]:
        """(id, published) of the articles no event holds yet, in ingest order: the events stage's new articles,
        without bringing the whole article -> event map into memory."""
        return [(r[0], r[1]) for r in self.query_rows(
            "SELECT a.id, a.published FROM articles a JOIN documents d ON d.id = a.id"
            " LEFT JOIN event_articles ea ON ea.article_id = a.id WHERE ea.article_id IS NULL ORDER BY d.seq"
        )]

    def event_of(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.query_rows("SELECT article_id, event_id FROM event_articles")}

    def replace_stories(self, stories: Iterable[Story]) -> None:
        with self.transaction():
            self.execute("DELETE FROM stories")
            for s in stories:
                self.execute("INSERT INTO stories VALUES (?,?,?)", (s.id, s.title, _codec.dumps(s)))

    def stories(self) -> list[Story]:
        return [_codec.loads(Story, r[0]) for r in self.query_rows("SELECT body FROM stories ORDER BY id")]

    # --- extraction and comparison ------------------------------------------------------------------------

    def put_records(self, records: Iterable[EventRecord]) -> None:
        with self.transaction():
            named: set[str] = set()  # entities whose mentions change: their merged rows are rebuilt
            for rec in records:
                # Re-running extraction re-puts every record, mostly unchanged: an entity whose mentions in
                # this record are the same as before keeps its merged row (rebuilding "Police", with thousands
                # of mentions, for each batch cost more than writing the records).
                before: dict[str, list[Any]] = {}
                for pos, eid, kind, name, aliases in self.query_rows(
                    "SELECT pos, entity_id, kind, name, aliases FROM record_entities WHERE event_id=?", (rec.event_id,)
                ):
                    before.setdefault(eid, []).append((pos, kind, name, json.loads(aliases)))
                after: dict[str, list[Any]] = {}
                for pos, ent in enumerate(rec.entities):
                    after.setdefault(ent.id, []).append((pos, ent.kind, ent.name, list(ent.aliases)))
                named.update(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
                self.execute("INSERT OR REPLACE INTO records VALUES (?, ?)", (rec.event_id, _codec.dumps(rec)))
                # Entities and the location again in narrow tables: the entity list and a timeline of 60 events
                # read small rows rather than whole records (their overflow pages, their JSON).
                self.execute("DELETE FROM record_entities WHERE event_id=?", (rec.event_id,))
                for pos, ent in enumerate(rec.entities):
                    self.execute(
                        "INSERT INTO record_entities VALUES (?, ?, ?, ?, ?, ?)",
                        (rec.event_id, pos, ent.id, ent.kind, ent.name,
                         json.dumps(list(ent.aliases), ensure_ascii=False)),
                    )
                # The event type and place names too, for the event list's filters (migration 8).
                self.execute("INSERT OR REPLACE INTO record_types VALUES (?, ?, ?)",
                             (rec.event_id, rec.event_type, rec.sub_event_type))
                self.execute("DELETE FROM record_place_names WHERE event_id=?", (rec.event_id,))
                for pos, place in enumerate(rec.places):
                    self.execute("INSERT INTO record_place_names VALUES (?, ?, ?)", (rec.event_id, pos, place.name))
                # Quote speakers case-folded, for the quote list's speaker search (a substring of one).
                self.execute("DELETE FROM record_speakers WHERE event_id=?", (rec.event_id,))
                for pos, quote in enumerate(rec.quotes):
                    self.execute("INSERT INTO record_speakers VALUES (?, ?, ?)",
                                 (rec.event_id, pos, (quote.speaker or "").casefold()))
                if rec.location is None:
                    self.execute("DELETE FROM record_places WHERE event_id=?", (rec.event_id,))
                else:
                    self.execute(
                        "INSERT OR REPLACE INTO record_places VALUES (?, ?, ?, ?)",
                        (rec.event_id, rec.location.name, rec.location.lat, rec.location.lon),
                    )
            self._refresh_entities(named)

    def _fill_record_speakers(self) -> None:
        """Migration 8: the quote speakers of the stored records (case-folded by Python, not SQLite's lower)."""
        rows = self.query_rows("SELECT r.event_id, j.key, json_extract(j.value, '$.speaker') "
                               "FROM records r, json_each(r.body, '$.quotes') j")
        self._conn.executemany("INSERT INTO record_speakers VALUES (?, ?, ?)",
                               [(eid, pos, (speaker or "").casefold()) for eid, pos, speaker in rows])

    # --- merged entities: each entity id's mentions across records (record_entities) merged into its API row,
    # stored so that a page of the entity list is a range of an index. Every write to record_entities
    # refreshes the entities it adds or removes mentions of, in its transaction.

    def _entities_of_records(self, event_ids: Sequence[str]) -> set[str]:
        sql = "SELECT entity_id FROM record_entities WHERE event_id IN ({marks})"
        return {r[0] for r in rows_in(self.query_rows, sql, event_ids)}

    def _refresh_entities(self, entity_ids: Iterable[str] | None = None) -> None:
        """Rebuild the merged rows of ``entity_ids`` (of every entity when None) from their mentions."""
        from .queries import merge_entity_mentions  # queries read through a store; imported here to avoid a cycle

        with self.transaction():
            if entity_ids is None:
                self.execute("DELETE FROM entities")
                ids = [r[0] for r in self.query_rows("SELECT DISTINCT entity_id FROM record_entities")]
            else:
                ids = sorted(set(entity_ids))
            for chunk, marks in in_chunks(ids):
                mentions = self.query_rows(
                    "SELECT event_id, entity_id, kind, name, aliases FROM record_entities "
                    f"WHERE entity_id IN ({marks}) ORDER BY event_id, pos", chunk)
                self.execute(f"DELETE FROM entities WHERE entity_id IN ({marks})", chunk)
                for row, search in merge_entity_mentions(mentions):
                    self.execute(
                        "INSERT INTO entities(sort_name, entity_id, kind, search, body) VALUES (?, ?, ?, ?, ?)",
                        (row["name"] or "", row["id"], row["kind"], search,
                         json.dumps(row, ensure_ascii=False, separators=(",", ":"))),
                    )

    def records(self, ids: Sequence[str] | None = None) -> list[EventRecord]:
        if ids is None:
            rows = self.query_rows("SELECT body FROM records ORDER BY event_id")
        else:
            rows = []
            for chunk, marks in in_chunks(ids):
                rows += self.query_rows(f"SELECT body FROM records WHERE event_id IN ({marks}) ORDER BY event_id", chunk)
        return [_codec.loads(EventRecord, r[0]) for r in rows]

    def record_ids(self) -> set[str]:
        return {r[0] for r in self.query_rows("SELECT event_id FROM records")}

    def comparison_ids(self) -> set[str]:
        return {r[0] for r in self.query_rows("SELECT event_id FROM comparisons")}

    def record_json(self, event_id: str) -> str | None:
        """The stored record of one event as JSON text (what ``_codec.to_dict`` of the record gives)."""
        row = self.execute("SELECT body FROM records WHERE event_id=?", (event_id,)).fetchone()
        return row[0] if row else None

    def put_comparison(self, event_id: str, body: dict[str, Any]) -> None:
        with self.transaction():
            self.execute(
                "INSERT OR REPLACE INTO comparisons VALUES (?, ?)",
                (event_id, json.dumps(body, ensure_ascii=False, sort_keys=True)),
            )
            # Story lists sum conflicts over thousands of events: counted here, not parsed out per request.
            self.execute(
                "INSERT OR REPLACE INTO comparison_counts VALUES (?, ?)", (event_id, len(body.get("conflicts") or ()))
            )

    def comparison(self, event_id: str) -> dict[str, Any] | None:
        text = self.comparison_json(event_id)
        return json.loads(text) if text is not None else None

    def comparison_json(self, event_id: str) -> str | None:
        row = self.execute("SELECT body FROM comparisons WHERE event_id=?", (event_id,)).fetchone()
        return row[0] if row else None

    # --- user edits (corrections that survive re-runs) ----------------------------------------------------

    def add_edit(self, kind: str, body: dict[str, Any]) -> int:
        cur = self.execute("INSERT INTO edits(kind, body) VALUES (?, ?)", (kind, json.dumps(body, sort_keys=True)))
        return int(cur.lastrowid or 0)

    def edits(self) -> list[dict[str, Any]]:
        return [
            {"id": r["id"], "kind": r["kind"], "at": r["at"], **json.loads(r["body"])}
            for r in self.query_rows("SELECT * FROM edits ORDER BY id")
        ]

    def edits_of(self, event_id: str) -> list[dict[str, Any]]:
        """Edits naming ``event_id`` as the event, the merge target or the move destination, oldest first."""
        # A LIKE prefilter keeps this cheap with thousands of edits; the exact test is on the decoded body. Ids
        # that JSON would escape (non-ASCII, quotes, backslashes) skip the prefilter.
        if event_id.isascii() and not any(ch in event_id for ch in '\\"') and event_id.isprintable():
            pattern = "%" + event_id.replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self.query_rows("SELECT * FROM edits WHERE body LIKE ? ESCAPE '\\' ORDER BY id", (pattern,))
        else:
            rows = self.query_rows("SELECT * FROM edits ORDER BY id")
        out = [{"id": r["id"], "kind": r["kind"], "at": r["at"], **json.loads(r["body"])} for r in rows]
        return [d for d in out if event_id in (d.get("event"), d.get("into"), d.get("to"))]
