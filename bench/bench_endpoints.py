"""Single-request timings of every REST endpoint (and the HTML pages) with typical filters.

    .venv/bin/python bench/bench_endpoints.py                  # the cached bench store (see bench_web.py)
    .venv/bin/python bench/bench_endpoints.py --db news.db --repeat 5 --json

One client, one request at a time, against ``newsweave serve`` (one worker, no access log) on 127.0.0.1: what
a person clicking through the app or a script paging the API waits for. Filter values are picked from the
store itself (the commonest entity, place, outlet, event type and the largest story, plus rare ones, which
make a filter scan further before it fills a page). Each request is sent ``--repeat`` times after one
warm-up; the table shows the median and the slowest, the response size and whether the median is over the
100 ms budget. On a shared machine the wall times follow its other load; run it twice.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_web import build_store, free_port  # noqa: E402

BUDGET_MS = 100.0


def _one(con: sqlite3.Connection, sql: str) -> str:
    row = con.execute(sql).fetchone()
    if row is None or row[0] is None:
        raise SystemExit(f"the store has nothing for: {sql}")
    return str(row[0])


def requests(db: str) -> list[tuple[str, str]]:
    """(label, path) of each request, with filter values read from the store (read-only)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    q = lambda s: quote(s, safe="")  # noqa: E731
    big_story = _one(con, "SELECT story_id FROM events WHERE story_id IS NOT NULL GROUP BY story_id "
                          "ORDER BY count(*) DESC LIMIT 1")
    small_story = _one(con, "SELECT story_id FROM events WHERE story_id IS NOT NULL GROUP BY story_id "
                            "ORDER BY count(*), story_id LIMIT 1")
    mid_event = _one(con, "SELECT id FROM events ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM events)")
    mid_date = _one(con, f"SELECT date FROM events WHERE id = '{mid_event}'")
    big_event = _one(con, "SELECT event_id FROM records ORDER BY length(body) DESC LIMIT 1")
    article = _one(con, "SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM articles)")
    seq = _one(con, "SELECT count(*) / 2 FROM documents")
    top_entity = _one(con, "SELECT name FROM record_entities GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1")
    rare_entity = _one(con, "SELECT name FROM record_entities WHERE length(name) > 8 GROUP BY entity_id "
                            "ORDER BY count(*), entity_id LIMIT 1")
    top_place = _one(con, "SELECT place FROM record_places WHERE length(place) > 4 GROUP BY place "
                          "ORDER BY count(*) DESC LIMIT 1")
    rare_place = _one(con, "SELECT place FROM record_places WHERE length(place) > 6 GROUP BY place "
                           "ORDER BY count(*), place LIMIT 1")
    outlet = _one(con, "SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC LIMIT 1")
    rare_outlet = _one(con, "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
                            "ORDER BY count(*), outlet LIMIT 1")
    etype = _one(con, "SELECT json_extract(body, '$.event_type') t FROM records WHERE t IS NOT NULL GROUP BY t "
                      "ORDER BY count(*) LIMIT 1")
    speaker = _one(con, "SELECT name FROM record_entities WHERE kind = 'person' GROUP BY entity_id "
                        "ORDER BY count(*) DESC LIMIT 1")
    year = int(_one(con, "SELECT substr(min(date), 1, 4) FROM events")) + 1
    con.close()
    from newsweave.store.queries import encode_cursor

    ev_cursor = encode_cursor(mid_date, mid_event)
    return [
        ("stories, first page", "/api/stories"),
        ("stories, second page (cursor)", "/api/stories?limit=5&cursor=__STORY_CURSOR__"),
        ("story, largest", f"/api/stories/{big_story}"),
        ("story, smallest", f"/api/stories/{small_story}"),
        ("events, first page", "/api/events"),
        ("events, deep cursor", f"/api/events?cursor={ev_cursor}"),
        ("events, story (largest)", f"/api/events?story_id={big_story}"),
        ("events, date range (one month)", f"/api/events?date_from={year}-03-01&date_to={year}-03-31"),
        ("events, entity (common)", f"/api/events?entity={q(top_entity)}"),
        ("events, entity (rare)", f"/api/events?entity={q(rare_entity)}"),
        ("events, place (common)", f"/api/events?place={q(top_place)}"),
        ("events, place (rare)", f"/api/events?place={q(rare_place)}"),
        ("events, outlet (common)", f"/api/events?outlet={q(outlet)}"),
        ("events, outlet (rare)", f"/api/events?outlet={q(rare_outlet)}"),
        ("events, event type (rarest)", f"/api/events?event_type={q(etype)}"),
        ("events, text search (common word)", "/api/events?q=police"),
        ("events, text search (rare word)", "/api/events?q=xylophone"),
        ("events, entity + date range", f"/api/events?entity={q(top_entity)}&date_from={year}-06-01"
                                         f"&date_to={year}-12-31"),
        ("event", f"/api/events/{mid_event}"),
        ("event, largest record", f"/api/events/{big_event}"),
        ("articles, first page", "/api/articles"),
        ("articles, deep cursor", f"/api/articles?cursor={encode_cursor(int(seq))}"),
        ("articles, outlet", f"/api/articles?outlet={q(outlet)}"),
        ("articles, text search (common)", "/api/articles?q=police"),
        ("articles, text search (rare)", "/api/articles?q=xylophone"),
        ("article", f"/api/articles/{article}"),
        ("claims, first page", "/api/claims"),
        ("claims, slot=killed", "/api/claims?slot=killed"),
        ("claims, one event (largest)", f"/api/claims?event_id={big_event}"),
        ("claims, deep cursor", f"/api/claims?cursor={encode_cursor(mid_event, 0)}"),
        ("quotes, first page", "/api/quotes"),
        ("quotes, speaker", f"/api/quotes?speaker={q(speaker)}"),
        ("quotes, speaker (no match)", "/api/quotes?speaker=xylophone"),
        ("entities, first page", "/api/entities"),
        ("entities, second page (cursor)", "/api/entities?cursor=__ENTITY_CURSOR__"),
        ("entities, q (common)", f"/api/entities?q={q(top_entity.lower())}"),
        ("entities, q (rare)", f"/api/entities?q={q(rare_entity)}"),
        ("entities, kind=org", "/api/entities?kind=org"),
        ("edits", "/api/edits"),
        ("job (unknown)", "/api/jobs/0123456789ab"),
        ("page: stories `/`", "/"),
        ("page: event", f"/events/{mid_event}"),
        ("page: event, largest record", f"/events/{big_event}"),
        ("page: article", f"/articles/{article}"),
        ("page: ingest", "/ingest"),
    ]


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes, float]:
    t0 = time.perf_counter()
    conn.request("GET", path)
    resp = conn.getresponse()
    body = resp.read()
    return resp.status, body, (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="store to serve (default: the cached bench store, built if missing)")
    ap.add_argument("--repeat", type=int, default=5, help="timed requests per path, after one warm-up")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a Markdown table")
    ap.add_argument("--only", help="only the requests whose label contains this")
    args = ap.parse_args()

    db = args.db or build_store(10_000)
    reqs = requests(db)
    if args.only:
        reqs = [r for r in reqs if args.only in r[0]]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "serve", "--db", db, "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    results = []
    try:
        deadline = time.perf_counter() + 180
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit(f"server exited:\n{server.stderr.read()}")
                if time.perf_counter() > deadline:
                    raise SystemExit("the server did not start listening within 180 s")
                time.sleep(0.1)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        cursors = {}
        for name, key in (("__STORY_CURSOR__", "/api/stories?limit=5"), ("__ENTITY_CURSOR__", "/api/entities")):
            cursors[name] = json.loads(get(conn, key)[1])["next_cursor"] or ""
        for label, path in reqs:
            for k, v in cursors.items():
                path = path.replace(k, quote(v, safe=""))
            status, body, _ = get(conn, path)  # warm-up
            times = [get(conn, path)[2] for _ in range(args.repeat)]
            results.append({"label": label, "path": path, "status": status, "bytes": len(body),
                            "median_ms": statistics.median(times), "max_ms": max(times)})
    finally:
        server.terminate()
        server.wait()
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("| request | status | KB | median ms | max ms | over 100 ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in results:
        over = "**yes**" if r["median_ms"] > BUDGET_MS else ""
        print(f"| {r['label']} | {r['status']} | {r['bytes'] / 1024:.1f} | {r['median_ms']:.1f} | "
              f"{r['max_ms']:.1f} | {over} |")


if __name__ == "__main__":
    main()
