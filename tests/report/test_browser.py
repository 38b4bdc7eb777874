"""Render the HTML briefing in headless Chromium (scripts/setup-browser.sh installs it)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import world

from newsweave.report import briefing

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="chromium missing: run scripts/setup-browser.sh"),
]
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120,
    )


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("briefing")
    path = tmp / "briefing.html"
    path.write_text(briefing(world.build_store(), fmt="html"), encoding="utf-8")
    return path


def test_screenshot_renders(page, tmp_path):
    shot = tmp_path / "shot.png"
    proc = _chromium(
        tmp_path, "--enable-logging=stderr", "--v=0", f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()
    )
    assert shot.exists(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # a blank 1200x1600 page compresses to a few kB
    console = [line for line in proc.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert not console, console


def test_dom_rendered_and_hostile_text_inert(page, tmp_path):
    proc = _chromium(tmp_path, "--dump-dom", page.as_uri())
    dom = proc.stdout
    assert "Drone strike on Exampletown depot" in dom
    assert "Agreements and conflicts" in dom
    assert "<script" not in dom.lower()  # the article's <script> stayed text
    assert "alert('x')" in dom or "alert(&#39;x&#39;)" in dom or "alert('x')" in dom.replace("&#39;", "'")
