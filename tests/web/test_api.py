from __future__ import annotations


def test_openapi_lists_the_endpoints(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/stories", "/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}",
                 "/api/claims", "/api/quotes", "/api/entities", "/api/edits", "/api/ingest"):
        assert path in spec["paths"], path


def test_stories_newest_first_with_counts(client) -> None:
    items = client.get("/api/stories").json()["items"]
    assert [s["id"] for s in items] == ["st-2", "st-1"]
    st1 = items[1]
    assert st1["n_events"] == 2 and st1["independent_sources"] == 3 and st1["conflicts"] == 1
    assert st1["event_ids"] == ["ev-1", "ev-2"] and st1["event_ids_truncated"] is False
    assert st1["events_url"] == "/api/events?story_id=st-1"


def test_story_detail_and_missing(client) -> None:
    st = client.get("/api/stories/st-1").json()
    assert [e["id"] for e in st["events"]] == ["ev-1", "ev-2"]
    r = client.get("/api/stories/nope")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_event_shape_matches_export(client) -> None:
    ev = client.get("/api/events/ev-1").json()
    assert ev["date"] == {"value": "2031-03-03", "precision": "day"}
    assert ev["independent_sources"] == 2
    assert ev["copy_groups"] == [["a2", "a3"]]
    assert {a["id"]: a["copy_group"] for a in ev["articles"]} == {"a1": None, "a2": "cg-a2", "a3": "cg-a2"}
    assert ev["record"]["claims"][0]["low"] == 12 and ev["comparison"]["conflicts"]


def test_event_filters(client) -> None:
    ids = lambda **q: [e["id"] for e in client.get("/api/events", params=q).json()["items"]]  # noqa: E731
    assert ids() == ["ev-3", "ev-2", "ev-1"]
    assert ids(outlet="plain herald") == ["ev-1"]
    assert ids(date_from="2031-03-05", date_to="2031-03-10") == ["ev-2"]
    assert ids(entity="Bell") == ["ev-1"]
    assert ids(place="Vell") == ["ev-1"]
    assert ids(event_type="Riots") == ["ev-3"]
    assert ids(q="landslide") == ["ev-2"]
    assert ids(story_id="st-1") == ["ev-2", "ev-1"]


def test_cursor_pagination_walks_everything_once(client) -> None:
    seen, cursor = [], None
    while True:
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/events", params=params).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["ev-3", "ev-2", "ev-1"]
    arts, cursor = [], None
    while True:
        page = client.get("/api/articles", params={"limit": 2} | ({"cursor": cursor} if cursor else {})).json()
        arts += [a["id"] for a in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert arts == ["a1", "a2", "a3", "a4", "a5"]


def test_cursor_pagination_with_undated_events(tmp_path) -> None:
    from newsweave.models import Event
    from newsweave.store import SQLiteStore
    from newsweave.store.queries import find_events

    store = SQLiteStore(":memory:")
    store.put_events([Event("e1", "a", ("x1",), "2031-01-01"), Event("e2", "b", ("x2",)), Event("e3", "c", ("x3",), "2031-01-01"),
                      Event("e4", "d", ("x4",)), Event("e5", "e", ("x5",), "2030-05-05")])
    seen, cursor = [], None
    while True:
        page, cursor = find_events(store, cursor=cursor, limit=2)
        seen += [e.id for e in page]
        if not cursor:
            break
    assert seen == ["e3", "e1", "e5", "e4", "e2"]


def test_errors_are_json_with_status(client) -> None:
    for url, status in [("/api/events?cursor=%%%", 400), ("/api/events?limit=0", 422), ("/api/events?date_from=yesterday", 422),
                        ("/api/articles/zzz", 404), ("/api/jobs/none", 404)]:
        r = client.get(url)
        assert r.status_code == status, url
        assert "message" in r.json()


def test_article_claims_quotes_entities(client) -> None:
    a = client.get("/api/articles/a1").json()
    assert a["event_id"] == "ev-1" and a["segments"][0]["kind"] == "title" and a["raw_text"].startswith("Dam")
    assert client.get("/api/claims", params={"slot": "killed"}).json()["items"][0]["claimant"] == "the governor"
    assert client.get("/api/quotes", params={"speaker": "bell"}).json()["items"][0]["event_id"] == "ev-1"
    ents = client.get("/api/entities", params={"q": "governor"}).json()["items"]
    assert ents[0]["name"] == "Ana Bell" and ents[0]["events"] == ["ev-1"]


def test_edits_validated_stored_and_applied(client) -> None:
    bad = client.post("/api/edits", json={"kind": "merge", "into": "ev-1"})
    assert bad.status_code == 400 and "needs" in bad.json()["message"]
    r = client.post("/api/edits", json={"kind": "merge", "into": "ev-1", "event": "ev-2"})
    assert r.status_code == 201
    ev = client.get("/api/events/ev-1").json()
    assert {a["id"] for a in ev["articles"]} == {"a1", "a2", "a3", "a4"}
    assert client.get("/api/events/ev-2").status_code == 404
    assert client.get("/api/edits").json()["items"][0]["kind"] == "merge"


def test_upload_checks(client) -> None:
    r = client.post("/api/ingest", files={"file": ("x.exe", b"MZ\x00\x00", "application/octet-stream")})
    assert r.status_code == 400 and "unsupported" in r.json()["message"]
    r = client.post("/api/ingest", files={"file": ("x.txt", b"\x7fELF\x00\x00binary", "text/plain")})
    assert r.status_code == 400 and "binary" in r.json()["message"]
    r = client.post("/api/ingest", files={"file": ("../../etc/passwd.txt", b"   ", "text/plain")})
    assert r.status_code == 400


def test_upload_runs_in_background(client) -> None:
    text = b"Bridge closes after crack found\n\nEngineers closed the old bridge on Tuesday after finding a crack, the city said."
    r = client.post("/api/ingest", files={"file": ("../../evil name.txt", text, "text/plain")})
    assert r.status_code == 202
    job = client.get(f"/api/jobs/{r.json()['id']}").json()
    assert job["status"] in ("done", "rejected", "failed", "running", "queued")
