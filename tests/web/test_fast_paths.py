"""The web app's fast paths keep the shapes and the freshness of the slow ones: JSON written without FastAPI's
encoder, stored JSON spliced unparsed, read-only connections, merge options remembered per store version."""

from __future__ import annotations

import re

from newsweave.store import SQLiteStore, _codec
from newsweave.store.queries import event_row


def test_event_json_is_the_stored_record_and_comparison(client, db_path) -> None:
    r = client.get("/api/events/ev-1")
    assert r.headers["content-type"] == "application/json"
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    body = r.json()
    store = SQLiteStore(db_path)
    ev = store.event("ev-1")
    assert body == event_row(store, ev) | {
        "record": _codec.to_dict(store.records(["ev-1"])[0]),
        "comparison": store.comparison("ev-1"),
    }
    assert client.get("/api/events/ev-2").json()["record"] is None  # no record: null, as before
    assert client.get("/api/events/ev").status_code == 404  # ambiguous prefix


def test_event_list_rows_match_event_rows(client, db_path) -> None:
    store = SQLiteStore(db_path)
    items = client.get("/api/events", params={"limit": 2}).json()["items"]
    assert items == [event_row(store, store.event(i)) for i in ("ev-3", "ev-2")]


def test_static_and_error_responses_keep_security_headers(client) -> None:
    for url in ("/static/app.css", "/api/articles/zzz", "/nope"):
        r = client.get(url)
        assert r.headers["content-security-policy"].startswith("default-src 'self'"), url
        assert r.headers["referrer-policy"] == "no-referrer"


def _options(html: str) -> list[str]:
    select = html.split('<select name="other">', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]+)">', select)


def test_merge_options_follow_corrections_at_once(client) -> None:
    assert _options(client.get("/events/ev-1").text) == ["ev-2", "ev-3"]
    r = client.post("/events/ev-1/edit", data={"kind": "split", "articles": ["a1"]}, follow_redirects=False)
    assert r.status_code == 303
    new = [e["id"] for e in client.get("/api/events").json()["items"] if e["id"] not in ("ev-1", "ev-2", "ev-3")]
    assert len(new) == 1
    assert new[0] in _options(client.get("/events/ev-3").text)  # the split-off event is a merge target now
    client.post("/events/ev-1/edit", data={"kind": "merge", "other": "ev-2"})
    assert "ev-2" not in _options(client.get("/events/ev-3").text)
    assert client.get("/events/ev-2").status_code == 404


def test_heavy_event_pages_render_the_same_off_the_event_loop(client, monkeypatch) -> None:
    import newsweave.web._pages as pages

    light = client.get("/events/ev-1").text
    monkeypatch.setattr(pages, "HEAVY_EVENT_JSON", 0)
    assert client.get("/events/ev-1").text == light


def test_claims_and_quotes_pages_walk_everything_once(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from newsweave.models import Claim, Event, EventRecord, Evidence, Quote
    from newsweave.web import create_app

    path = tmp_path / "many.db"
    s = SQLiteStore(path)
    ev = Evidence("a", "Out", 0, 3, "The")
    s.put_events([Event(f"e{i:03d}", "t", (f"a{i}",)) for i in range(150)])
    s.put_records([
        EventRecord(f"e{i:03d}",
                    claims=tuple(Claim("killed" if k % 2 else "injured", k, k, None, None, ev) for k in range(i % 4)),
                    quotes=(Quote(f"Speaker {i}", None, "said", "words", False, ev),) if i % 3 == 0 else ())
        for i in range(150)
    ])
    s.close()
    expected = [(f"e{i:03d}", k) for i in range(150) for k in range(i % 4)]
    with TestClient(create_app(str(path))) as c:
        for limit, slot in ((7, None), (50, None), (500, None), (3, "killed")):
            seen, cursor = [], None
            while True:
                params = {"limit": limit} | ({"cursor": cursor} if cursor else {}) | ({"slot": slot} if slot else {})
                page = c.get("/api/claims", params=params).json()
                seen += [(x["event_id"], x["low"]) for x in page["items"]]
                assert len(page["items"]) <= limit
                cursor = page["next_cursor"]
                if not cursor:
                    break
            assert seen == [x for x in expected if slot is None or x[1] % 2], (limit, slot)
        assert len(c.get("/api/quotes", params={"limit": 500}).json()["items"]) == 50
        quotes = c.get("/api/quotes", params={"speaker": "speaker 33"}).json()["items"]
        assert [q["speaker"] for q in quotes] == ["Speaker 33"]
        assert [x["low"] for x in c.get("/api/claims", params={"event_id": "e003"}).json()["items"]] == [0, 1, 2]
        assert c.get("/api/claims", params={"cursor": "bad!"}).status_code == 400


def test_stories_page_pages_and_shows_each_storys_newest_events(tmp_path, monkeypatch) -> None:
    from fastapi.testclient import TestClient

    import newsweave.web._pages as pages
    from newsweave.models import Event, Story
    from newsweave.web import create_app

    path = tmp_path / "stories.db"
    s = SQLiteStore(path)
    s.put_events([Event(f"e{k}-{i:02d}", f"event {k}-{i}", (f"a{k}-{i}",), f"2031-0{k + 1}-{i + 1:02d}")
                  for k in range(3) for i in range(20)])
    s.replace_stories([Story(f"st{k}", f"story {k}", tuple(f"e{k}-{i:02d}" for i in range(20))) for k in range(3)])
    s.close()
    monkeypatch.setattr(pages, "STORIES_PER_PAGE", 2)
    with TestClient(create_app(str(path))) as c:
        html = c.get("/").text
        assert re.findall(r'data-story="([^"]+)"', html) == ["st2", "st1"]  # newest first
        first = html.split('data-story="st2"', 1)[1].split('data-story="st1"', 1)[0]
        assert re.findall(r'href="/events/(e2-\d+)"', first) == [f"e2-{i:02d}" for i in range(8, 20)]
        assert "8 earlier events" in first
        more = re.search(r'href="/\?after=([^"]+)"', html).group(1)
        html2 = c.get("/", params={"after": more}).text
        assert re.findall(r'data-story="([^"]+)"', html2) == ["st0"] and "Older stories" not in html2


def test_jobs_are_seen_by_every_worker_and_runs_are_exclusive(db_path) -> None:
    import subprocess
    import sys

    from fastapi.testclient import TestClient

    from newsweave.web import create_app
    from newsweave.web._jobs import _shared_dir, pipeline_lock

    text = b"Bridge closes after crack found\n\nEngineers closed the old bridge on Tuesday after finding a crack."
    with TestClient(create_app(db_path)) as a, TestClient(create_app(db_path)) as b:  # two worker processes' apps
        job = a.post("/api/ingest", files={"file": ("bridge.txt", text, "text/plain")}).json()
        seen = b.get(f"/api/jobs/{job['id']}")
        assert seen.status_code == 200 and seen.json()["status"] == "done", seen.text
        assert b.get("/api/jobs/../../etc").status_code == 404 and b.get("/api/jobs/0123456789ab").status_code == 404
    lock = _shared_dir(db_path) / "run.lock"
    probe = ("import fcntl, sys\nwith open(sys.argv[1], 'a+') as fh:\n"
             "    try:\n        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
             "    except BlockingIOError:\n        sys.exit(3)\n")
    with pipeline_lock(db_path):
        assert subprocess.run([sys.executable, "-c", probe, str(lock)]).returncode == 3  # another process waits
    assert subprocess.run([sys.executable, "-c", probe, str(lock)]).returncode == 0


def test_spliced_json_is_valid_json() -> None:
    import json

    from newsweave.web._json import spliced, spliced_list

    assert json.loads(spliced({}, {"a": '{"x":[1,"é"]}', "b": None}).body) == {"a": {"x": [1, "é"]}, "b": None}
    assert json.loads(spliced({"id": "e"}, {"r": "[]"}).body) == {"id": "e", "r": []}
    assert json.loads(spliced_list([], None).body) == {"items": [], "next_cursor": None}
    body = spliced_list(['{"id":"é"}', "{}"], "abc").body
    assert json.loads(body) == {"items": [{"id": "é"}, {}], "next_cursor": "abc"}


def test_entities_page_with_cursors(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from newsweave.models import Entity, Event, EventRecord
    from newsweave.web import create_app

    path = tmp_path / "ents.db"
    s = SQLiteStore(path)
    s.put_events([Event(f"e{i}", "t", (f"a{i}",)) for i in range(5)])
    s.put_records([EventRecord(f"e{i}", entities=tuple(Entity(f"x{k}", "person", f"Name {k:02d}")
                                                      for k in range(i * 5, i * 5 + 7)))
                   for i in range(5)])
    s.close()
    with TestClient(create_app(str(path))) as c:
        seen, cursor = [], None
        while True:
            page = c.get("/api/entities", params={"limit": 4} | ({"cursor": cursor} if cursor else {})).json()
            seen += [e["name"] for e in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert seen == [f"Name {k:02d}" for k in range(27)]
        assert c.get("/api/entities", params={"cursor": "x"}).status_code == 400
