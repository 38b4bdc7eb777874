"""End-to-end tests in a real browser: headless Chromium from Debian, driven by Playwright.

The server runs in a thread on a free loopback port; the store is filled by the real pipeline.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.skip("headless Chromium is not installed (scripts/setup-browser.sh)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
uvicorn = pytest.importorskip("uvicorn")

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
HOSTILE = """Storm floods the harbour district overnight

Water rose two metres in the harbour district overnight, the port authority said on Tuesday.
<script>window.__pwned = "script"</script>
<img src="x" onerror="window.__pwned = 'img'">
<a href="javascript:window.__pwned='link'">Read more</a>
Residents were moved to the sports hall, officials said.
"""
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def served(tmp_path):
    import newsweave
    from newsweave.web import create_app

    if not SEEDS.exists():
        pytest.skip("../shared/seeds not present")
    db = str(tmp_path / "e2e.db")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE)
    with newsweave.open(db) as nw:
        nw.run([str(SEEDS), str(hostile)], show_progress=False, on_message=lambda m: None)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def page(tmp_path):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS, headless=True)
        pg = browser.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        pg.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def _seed_story_events(page, base: str) -> list[str]:
    page.goto(base + "/")
    story = page.locator("li.story").filter(has_text="Iran").first
    return [a.get_attribute("href") for a in story.locator("a.event-link").all()]


def test_seeds_story_copy_group_merge_split_persist(served, page, tmp_path) -> None:
    import newsweave

    base, db = served
    events = _seed_story_events(page, base)
    assert len(events) == 2, events
    # The 2024 event holds the AFP copy group: expand it and see both copies.
    found = False
    for href in events:
        page.goto(base + href)
        group = page.locator("details.copy-group")
        if group.count():
            group.first.locator("summary").click()
            assert group.first.evaluate("d => d.open")
            assert group.first.locator("li").count() == 2
            found = True
    assert found, "no copy group shown"
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)
    # Merge the two events.
    target, other = events[0].rsplit("/", 1)[1], events[1].rsplit("/", 1)[1]
    page.goto(base + events[0])
    page.select_option("#merge-form select[name=other]", other)
    page.click("#merge-form button")
    page.wait_for_url(f"**/events/{target}")
    assert page.locator(".source").count() >= 4
    # Split one article back out.
    first_box = page.locator("#split-form input[type=checkbox]").first
    first_box.check()
    page.click("#split-form button")
    page.wait_for_load_state()
    assert page.locator(".user-edit").count() >= 2
    n_sources = page.locator(".source").count()
    # A re-run of the whole pipeline keeps both corrections.
    with newsweave.open(db) as nw:
        nw.run([str(SEEDS)], show_progress=False, on_message=lambda m: None)
        edits = nw.store.edits()
        assert [e["kind"] for e in edits] == ["merge", "split"]
        ids = {e.id for e in nw.events()}
    assert other not in ids and target in ids
    page.goto(base + f"/events/{target}")
    assert page.locator(".source").count() == n_sources
    assert not page.errors, page.errors


def test_hostile_article_never_executes(served, page) -> None:
    base, db = served
    import newsweave

    with newsweave.open(db) as nw:
        art = next(a for a in nw.articles() if "harbour" in (a.title or ""))
        ev = nw.store.event_of()[art.id]
    for url in ("/", f"/events/{ev}", f"/articles/{art.id}"):
        page.goto(base + url)
        for link in page.locator("a").all():
            assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
        assert page.evaluate("() => window.__pwned") is None
    assert page.locator("pre.raw").inner_text().count("<script>") == 1  # the article page shows it as text
    assert not [e for e in page.errors if "pwned" in e]
