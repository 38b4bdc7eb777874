from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "report"))

import world  # noqa: E402

from newsweave import frames  # noqa: E402

pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def store():
    return world.build_store()


def test_frames_shapes(store):
    assert list(frames.articles(store)["id"]) == ["art-a", "art-b", "art-c", "art-d"]
    claims = frames.claims(store)
    killed = claims[(claims.slot == "killed") & ~claims.background]
    assert sorted(killed.low) == [3, 3, 7, 7]
    assert set(frames.quotes(store).speaker) == {"Maria Ortiz"}
    events = frames.events(store)
    assert len(events) == 1 and events.iloc[0]["id"] == "ev-1"
    assert frames.acled(store).iloc[0]["fatalities"] == 3


def test_frames_registry_names():
    assert set(frames.FRAMES) == {"events", "articles", "claims", "quotes", "acled"}
