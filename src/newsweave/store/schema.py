"""The SQLite schema as an ordered list of migrations, each recorded in the ``migrations`` table.

Append new migrations; never edit one that has shipped. A database whose newest migration is unknown to this
version of newsweave is refused rather than silently downgraded.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial schema",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            path TEXT, record TEXT, source_format TEXT NOT NULL,
            url TEXT, title TEXT, outlet TEXT, published TEXT, language TEXT, byline TEXT,
            raw_text TEXT NOT NULL, extra TEXT NOT NULL DEFAULT '{}',
            seq INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX documents_seq ON documents(seq);
        CREATE TABLE articles (
            id TEXT PRIMARY KEY REFERENCES documents(id),
            title TEXT, url TEXT, outlet TEXT, published TEXT, wire TEXT, byline TEXT, language TEXT,
            path TEXT, record TEXT, source_format TEXT NOT NULL,
            segments TEXT NOT NULL, text TEXT NOT NULL
        );
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE rejections (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL, record TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL,
            at TEXT NOT NULL DEFAULT (datetime('now')),
            UNIQUE (path, record, reason)
        );
        CREATE TABLE copy_groups (
            id TEXT PRIMARY KEY, canonical TEXT NOT NULL, wire TEXT,
            members TEXT NOT NULL, body TEXT NOT NULL
        );
        CREATE TABLE article_copy (article_id TEXT PRIMARY KEY, group_id TEXT NOT NULL);
        CREATE TABLE events (
            id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT, date_precision TEXT NOT NULL,
            story_id TEXT, n_articles INTEGER NOT NULL, body TEXT NOT NULL
        );
        CREATE INDEX events_date ON events(date);
        CREATE TABLE event_articles (article_id TEXT PRIMARY KEY, event_id TEXT NOT NULL);
        CREATE INDEX event_articles_event ON event_articles(event_id);
        CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);
        CREATE TABLE records (event_id TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE comparisons (event_id TEXT PRIMARY KEY, body TEXT NOT NULL);
        CREATE TABLE edits (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL,
            at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE TABLE state (name TEXT PRIMARY KEY, body TEXT NOT NULL);
        """,
    ),
    (
        2,
        "indexes for story timelines and newest-first event lists",
        """
        CREATE INDEX events_story_date ON events(story_id, date, id);
        CREATE INDEX events_date_id ON events(date, id);
        """,
    ),
    (
        3,
        "record locations in their own narrow table, for timelines and maps without reading whole records",
        """
        CREATE TABLE record_places (event_id TEXT PRIMARY KEY, place TEXT, lat REAL, lon REAL) WITHOUT ROWID;
        INSERT INTO record_places SELECT event_id, json_extract(body, '$.location.name'),
            json_extract(body, '$.location.lat'), json_extract(body, '$.location.lon') FROM records
            WHERE json_extract(body, '$.location') IS NOT NULL;
        """,
    ),
    (
        4,
        "event rows: each event in its export/API shape, kept current by the writes it depends on",
        """
        CREATE TABLE event_rows (event_id TEXT PRIMARY KEY, body TEXT NOT NULL);
        """,
    ),
    (
        5,
        "conflict counts of comparisons, for story lists without parsing every comparison",
        """
        CREATE TABLE comparison_counts (event_id TEXT PRIMARY KEY, conflicts INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO comparison_counts SELECT event_id, coalesce(json_array_length(body, '$.conflicts'), 0)
            FROM comparisons;
        """,
    ),
    (
        6,
        "record entities in their own narrow table, for the entity list without reading whole records",
        """
        CREATE TABLE record_entities (
            event_id TEXT NOT NULL, pos INTEGER NOT NULL, entity_id TEXT NOT NULL, kind TEXT, name TEXT,
            aliases TEXT NOT NULL, PRIMARY KEY (event_id, pos)
        ) WITHOUT ROWID;
        INSERT INTO record_entities SELECT r.event_id, j.key, json_extract(j.value, '$.id'),
            json_extract(j.value, '$.kind'), json_extract(j.value, '$.name'),
            coalesce(json_extract(j.value, '$.aliases'), '[]') FROM records r, json_each(r.body, '$.entities') j;
        """,
    ),
    (
        7,
        "entities merged across records, stored and kept current, so an entity page is an index range",
        """
        CREATE INDEX record_entities_entity ON record_entities(entity_id);
        CREATE TABLE entities (
            sort_name TEXT NOT NULL, entity_id TEXT NOT NULL, kind TEXT, search TEXT NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY (sort_name, entity_id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX entities_id ON entities(entity_id);
        CREATE INDEX entities_kind ON entities(kind, sort_name, entity_id);
        """,
    ),
    (
        8,
        "record event types, place names and quote speakers (case-folded, filled by Python) in narrow tables, "
        "for filters without parsing whole records",
        """
        CREATE TABLE record_types (event_id TEXT PRIMARY KEY, event_type TEXT, sub_event_type TEXT) WITHOUT ROWID;
        INSERT INTO record_types SELECT event_id, json_extract(body, '$.event_type'),
            json_extract(body, '$.sub_event_type') FROM records;
        CREATE TABLE record_place_names (
            event_id TEXT NOT NULL, pos INTEGER NOT NULL, name TEXT, PRIMARY KEY (event_id, pos)
        ) WITHOUT ROWID;
        INSERT INTO record_place_names SELECT r.event_id, j.key, json_extract(j.value, '$.name')
            FROM records r, json_each(r.body, '$.places') j;
        CREATE TABLE record_speakers (
            event_id TEXT NOT NULL, pos INTEGER NOT NULL, speaker TEXT NOT NULL, PRIMARY KEY (event_id, pos)
        ) WITHOUT ROWID;
        """,
    ),
    (
        9,
        "the events stage's aged names (and incident-day keys) and event summaries in indexed tables (from state "
        "JSON read whole per chunk), so a chunk reads only the names and events it touches",
        """
        CREATE TABLE event_people (
            name TEXT NOT NULL, pos INTEGER NOT NULL, event_id TEXT NOT NULL, article_id TEXT NOT NULL, day INTEGER,
            PRIMARY KEY (name, pos)
        ) WITHOUT ROWID;
        INSERT INTO event_people SELECT n.key, e.key, json_extract(e.value, '$[0]'), json_extract(e.value, '$[1]'),
            json_extract(e.value, '$[2]') FROM state s, json_each(s.body) n, json_each(n.value) e
            WHERE s.name IN ('events.people', 'events.days');
        CREATE TABLE event_summaries (event_id TEXT PRIMARY KEY, summary TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO event_summaries SELECT j.key, j.value FROM state s, json_each(s.body) j
            WHERE s.name = 'events.summaries';
        DELETE FROM state WHERE name IN ('events.people', 'events.days', 'events.summaries');
        """,
    ),
    (
        10,
        "the dedup stage's MinHash LSH band keys, sketched articles, confirmed copy pairs and articles to regroup, "
        "so a run sketches only new or rewritten articles and regroups only the copy-pair components they touch",
        """
        CREATE TABLE dedup_sketched (
            n INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL UNIQUE, n_chars INTEGER NOT NULL
        );
        CREATE TABLE dedup_bands (
            band INTEGER NOT NULL, key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (band, key, n)
        ) WITHOUT ROWID;
        CREATE TABLE dedup_orphans (n INTEGER PRIMARY KEY);
        CREATE TABLE dedup_pairs (
            a TEXT NOT NULL, b TEXT NOT NULL, containment REAL NOT NULL, PRIMARY KEY (a, b)
        ) WITHOUT ROWID;
        CREATE INDEX dedup_pairs_b ON dedup_pairs(b, a);
        CREATE TABLE dedup_dirty (article_id TEXT PRIMARY KEY, fresh INTEGER NOT NULL) WITHOUT ROWID;
        """,
    ),
    (
        11,
        "the clean stage's outlet furniture evidence per line (the first different stories holding it) and who holds "
        "a line not yet furniture, so a run reads only its new articles (from every article of a touched outlet); "
        "filled by the clean stage on its first run",
        """
        CREATE TABLE outlet_lines (
            outlet TEXT NOT NULL, line TEXT NOT NULL, stories TEXT NOT NULL, furniture INTEGER NOT NULL,
            PRIMARY KEY (outlet, line)
        ) WITHOUT ROWID;
        CREATE INDEX outlet_lines_furniture ON outlet_lines(outlet, line) WHERE furniture = 1;
        CREATE TABLE outlet_line_articles (
            outlet TEXT NOT NULL, line TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (outlet, line, article_id)
        ) WITHOUT ROWID;
        """,
    ),
    (
        12,
        "the story link graph (events/threads.py): each event's story text as last linked, the links at or above "
        "the story threshold, and the document frequencies of the story texts' terms, so a run re-links only the "
        "events whose text changed. Empty here: the first events run builds it (state 'stories.graph'). story_docs "
        "keeps its rowid: its rows (~1.4 KB) overflow a WITHOUT ROWID page (37.6 against 14.8 MB at 10x gva-a)",
        """
        CREATE TABLE story_docs (
            event_id TEXT PRIMARY KEY, doc TEXT NOT NULL, title TEXT NOT NULL, story_id TEXT NOT NULL,
            terms BLOB NOT NULL, counts BLOB NOT NULL
        );
        CREATE INDEX story_docs_story ON story_docs(story_id);
        CREATE TABLE story_links (a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (a, b))
            WITHOUT ROWID;
        CREATE INDEX story_links_b ON story_links(b, a);
        CREATE TABLE story_terms (term TEXT PRIMARY KEY, id INTEGER NOT NULL, df INTEGER NOT NULL) WITHOUT ROWID;
        CREATE UNIQUE INDEX story_terms_id ON story_terms(id);
        """,
    ),
    (
        13,
        "each story node's STORY_K nearest linked nodes (events/stories.py: a story link is a pair each among the "
        "other's nearest; row (a, b) says b is among a's). Empty here: the graph's version changed, so the next "
        "events run rebuilds the graph and fills it",
        """
        CREATE TABLE story_near (a TEXT NOT NULL, b TEXT NOT NULL, score REAL NOT NULL, PRIMARY KEY (a, b))
            WITHOUT ROWID;
        CREATE INDEX story_near_b ON story_near(b, a);
        """,
    ),
    (
        14,
        "the story graph keeps candidate pairs, not scored links (events/threads.py re-scores them under each run's "
        "idf): story_nodes numbers each node's text (AUTOINCREMENT, never reused) and story_pairs holds, per node, "
        "its older partners' numbers in one blob. Replaces story_docs, story_links and story_near; the graph is "
        "built again by the next events run (state 'stories.graph' goes)",
        """
        DROP TABLE story_near;
        DROP TABLE story_links;
        DROP TABLE story_docs;
        DELETE FROM story_terms;
        DELETE FROM state WHERE name = 'stories.graph';
        CREATE TABLE story_nodes (
            n INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
            story_id TEXT NOT NULL, terms BLOB NOT NULL, counts BLOB NOT NULL, doc TEXT NOT NULL
        );
        CREATE TABLE story_pairs (n INTEGER PRIMARY KEY, older BLOB NOT NULL);
        """,
    ),
]
