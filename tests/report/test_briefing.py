from __future__ import annotations

import re

import pytest
import world

from newsweave.errors import NewsweaveError
from newsweave.report import briefing
from newsweave.report.summary import summary_sentences


@pytest.fixture(scope="module")
def store():
    return world.build_store()


def test_summary_sentences_are_verbatim_and_cited(store):
    arts = world.articles()
    out = summary_sentences(world.record(arts), store.comparison("ev-1"), arts)
    assert out
    for s in out:
        exact = s["citations"][0]
        assert exact["match"] == "exact"
        assert world.TEXTS[exact["article_id"]][exact["start"] : exact["end"]] == s["text"]
    # The lead corroborated by all three independent sources comes first.
    assert out[0]["corroborated_by"] == 3
    assert {c["article_id"] for c in out[0]["citations"]} == {"art-a", "art-b", "art-c", "art-d"}


def test_commentary_and_background_never_in_summary(store):
    arts = world.articles()
    texts = " ".join(s["text"] for s in summary_sentences(world.record(arts), store.comparison("ev-1"), arts))
    assert "work of cowards" not in texts
    assert "In 2019" not in texts


def test_markdown_briefing(store):
    md = briefing(store, fmt="md")
    assert "## Story: Depot strikes" in md
    assert re.search(r"\[Alpha News, art-a, \d+-\d+\]", md)
    assert "Conservative: 3" in md
    assert "COMMENTARY: " in md and "BACKGROUND: " in md
    assert "Maria Ortiz" in md
    # Hostile text is escaped in Markdown too (renderers pass raw HTML through).
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;" in md


def test_html_briefing_escapes_and_is_self_contained(store):
    html = briefing(store, fmt="html")
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html
    assert "@media print" in html
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # no external resources
    assert re.search(r"\[Delta Post, <span class=\"aid\">art-d</span>, \d+&ndash;\d+\]", html)
    assert "Commentary: opinion in the source, not reporting" in html
    # Commentary text only appears inside the labelled commentary section.
    body_before = html.split('class="aside commentary"')[0]
    assert "work of cowards" not in body_before


def test_single_event_and_unknown_format(store):
    assert "Drone strike on Exampletown depot" in briefing(store, "ev-1")
    with pytest.raises(NewsweaveError):
        briefing(store, fmt="pdf")


def test_empty_store():
    from newsweave.store import open_store

    assert "No events" in briefing(open_store(":memory:"), fmt="html")
