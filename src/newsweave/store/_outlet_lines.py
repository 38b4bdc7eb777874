"""The clean stage's outlet furniture evidence (migration 11), as a mixin of :class:`SQLiteStore`.

``outlet_lines`` holds, per outlet and normalised line, the ids of the first articles holding the line that are
different stories, and whether there are enough of them for the line to be the outlet's furniture.
``outlet_line_articles`` lists who holds a line that was not furniture when they were cleaned: when the line
becomes furniture those articles are relabelled, and their rows go.
"""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Sequence

from ._chunks import in_chunks, rows_in

__all__ = ["OutletLines"]

_BATCH = 500  # host parameters per IN (...) and article ids per relabel batch


class OutletLines:
    """Needs the host class's ``execute``, ``executemany`` and ``query_rows`` (see :class:`SQLiteStore`)."""

    if TYPE_CHECKING:
        def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor: ...
        def query_rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]: ...
        def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    def outlet_furniture(self, outlet: str) -> frozenset[str]:
        rows = self.query_rows("SELECT line FROM outlet_lines WHERE outlet = ? AND furniture = 1", (outlet,))
        return frozenset(r[0] for r in rows)

    def all_outlet_furniture(self) -> Iterator[tuple[str, str]]:
        """``(outlet, line)`` of every furniture line, by outlet and line."""
        cur = self.execute("SELECT outlet, line FROM outlet_lines WHERE furniture = 1 ORDER BY outlet, line")
        for r in cur:
            yield r[0], r[1]

    def outlet_lines(self, outlet: str, lines: Sequence[str]) -> dict[str, tuple[list[str], bool]]:
        """The stored stories and furniture flag of those of ``lines`` the outlet has seen."""
        out: dict[str, tuple[list[str], bool]] = {}
        for chunk, marks in in_chunks(lines):
            sql = f"SELECT line, stories, furniture FROM outlet_lines WHERE outlet = ? AND line IN ({marks})"
            for r in self.query_rows(sql, (outlet, *chunk)):
                out[r[0]] = (json.loads(r[1]), bool(r[2]))
        return out

    def put_outlet_lines(self, outlet: str, rows: Iterable[tuple[str, Sequence[str], bool]]) -> None:
        """Set ``(line, stories, furniture)`` rows of an outlet."""
        self.executemany(
            "INSERT OR REPLACE INTO outlet_lines(outlet, line, stories, furniture) VALUES (?, ?, ?, ?)",
            [(outlet, line, json.dumps(list(stories)), int(furniture)) for line, stories, furniture in rows],
        )

    def add_outlet_line_articles(self, outlet: str, lines: Iterable[str], article_id: str) -> None:
        self.executemany(
            "INSERT OR IGNORE INTO outlet_line_articles(outlet, line, article_id) VALUES (?, ?, ?)",
            [(outlet, line, article_id) for line in lines],
        )

    def clear_outlet_lines(self) -> None:
        self.execute("DELETE FROM outlet_lines")
        self.execute("DELETE FROM outlet_line_articles")

    def relabel_batches(self, also: Mapping[str, Iterable[str]] | None = None) -> Iterator[list[str]]:
        """Ids of the articles holding a line that became furniture after they were cleaned (and of those
        holding a line of ``also``, outlet -> lines), ``_BATCH`` at a time in id order. The set is taken once,
        into a temporary table, so writes made while iterating do not move it."""
        self.execute("DROP TABLE IF EXISTS temp.relabel_lines")
        self.execute(
            "CREATE TEMP TABLE relabel_lines (outlet TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (outlet, line))"
        )
        self.executemany(
            "INSERT OR IGNORE INTO temp.relabel_lines VALUES (?, ?)",
            [(outlet, line) for outlet, lines in (also or {}).items() for line in lines],
        )
        self.execute(
            "INSERT OR IGNORE INTO temp.relabel_lines SELECT outlet, line FROM outlet_lines WHERE furniture = 1"
            " AND EXISTS (SELECT 1 FROM outlet_line_articles r WHERE r.outlet = outlet_lines.outlet"
            " AND r.line = outlet_lines.line)"
        )
        self.execute("DROP TABLE IF EXISTS temp.relabel_ids")
        self.execute(
            "CREATE TEMP TABLE relabel_ids AS SELECT DISTINCT r.article_id AS id FROM temp.relabel_lines l"
            " JOIN outlet_line_articles r ON r.outlet = l.outlet AND r.line = l.line"
        )
        after = ""
        while True:
            ids = [r[0] for r in self.query_rows(
                f"SELECT id FROM temp.relabel_ids WHERE id > ? ORDER BY id LIMIT {_BATCH}", (after,))]
            if ids:
                yield ids
            if len(ids) < _BATCH:
                break
            after = ids[-1]
        self.execute("DROP TABLE temp.relabel_ids")
        self.execute("DROP TABLE temp.relabel_lines")

    def settle_outlet_lines(self) -> None:
        """Forget who holds a furniture line: once relabelled, every holder is cleaned with it."""
        self.execute(
            "DELETE FROM outlet_line_articles WHERE EXISTS (SELECT 1 FROM outlet_lines l WHERE l.furniture = 1"
            " AND l.outlet = outlet_line_articles.outlet AND l.line = outlet_line_articles.line)"
        )

    def document_texts(self, ids: Sequence[str]) -> dict[str, str]:
        """Raw text of documents by id."""
        sql = "SELECT id, raw_text FROM documents WHERE id IN ({marks})"
        return dict((r[0], r[1]) for r in rows_in(self.query_rows, sql, ids))

    def outlet_raw_texts(self) -> Iterator[tuple[str, str | None, str]]:
        """``(id, outlet, raw_text)`` of every article in ingest order, read ``_BATCH`` at a time."""
        after = -(2**63)
        while True:
            rows = self.query_rows(
                "SELECT a.id, a.outlet, d.raw_text, d.seq FROM articles a JOIN documents d ON d.id = a.id"
                f" WHERE d.seq > ? ORDER BY d.seq LIMIT {_BATCH}",
                (after,),
            )
            for r in rows:
                yield r[0], r[1], r[2]
            if len(rows) < _BATCH:
                return
            after = rows[-1][3]
