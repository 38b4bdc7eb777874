from __future__ import annotations


def test_pages_render_and_escape_hostile_text(client) -> None:
    for url in ("/", "/events/ev-1", "/events/ev-3", "/articles/a5", "/ingest"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "<script>window.__pwned" not in r.text
        assert "<img src=x onerror" not in r.text
        assert 'href="javascript:' not in r.text
        assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "&lt;script&gt;" in client.get("/articles/a5").text


def test_event_page_shows_sources_copies_and_conflicts(client) -> None:
    html = client.get("/events/ev-1").text
    assert html.count('class="source"') == 2  # a2+a3 collapse into one wire group
    assert 'data-group="cg-a2"' in html
    assert html.count("badge conflict") >= 2 and "the governor" in html and "officials" in html
    assert "conservative (ACLED practice) <strong>9</strong>" in html and "<svg" in html


def test_form_merge_redirects_and_persists(client) -> None:
    r = client.post("/events/ev-1/edit", data={"kind": "merge", "other": "ev-2"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/events/ev-1"
    assert "Landslide" in client.get("/events/ev-1").text
