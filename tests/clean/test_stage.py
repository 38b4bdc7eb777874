"""The clean stage against an in-memory store: articles written, outlet furniture relabelled, reruns idempotent."""

from __future__ import annotations

from newsweave.clean import repeated_lines
from newsweave.clean.stage import STAGE
from newsweave.models import RawDocument
from newsweave.pipeline import Context
from newsweave.store import open_store

FOOTER = "Newsroom Night Desk"  # furniture no phrase pattern knows


def _story(i: int) -> str:
    return (
        f"Officers responded to call number {i} on Elm Street {i} late on Friday night.\n\n"
        f"A resident, {i} years old, was taken to hospital, police spokesman number {i} said.\n\n{FOOTER}"
    )


def test_repeated_lines_counts_different_stories_only() -> None:
    stories = [_story(i) for i in range(3)]
    assert "newsroom night desk" in repeated_lines(stories, 3)
    # three versions of one story: its own lines are not furniture
    same = [_story(1)] * 3
    assert repeated_lines(same, 3) == frozenset()
    assert repeated_lines(stories[:2], 3) == frozenset()


def test_repeated_lines_leaves_reporting_sentences_alone() -> None:
    texts = [_story(i) + "\n\nNo one was in custody." for i in range(4)]
    assert "no one was in custody." not in repeated_lines(texts, 3)


def test_stage_cleans_relabels_and_is_idempotent() -> None:
    store = open_store(":memory:")
    docs = [(f"d{i}", RawDocument(raw_text=_story(i), source_format="jsonl", outlet="Daily")) for i in range(4)]
    docs.append(("x", RawDocument(raw_text=_story(9), source_format="jsonl", outlet="Other")))
    store.add_documents(docs)
    ctx = Context(store=store, show_progress=False)
    stats = STAGE.run(ctx)
    assert stats == {"cleaned": 5, "relabelled": 4}
    for art in store.articles(outlet="Daily"):
        assert FOOTER not in art.text
        assert any(art.raw_text[s.start : s.end] == FOOTER for s in art.segments_of("boilerplate"))
    other = store.article("x")
    assert FOOTER in other.text  # one article of another outlet is no evidence
    assert store.get_state("clean.repeated") == {"Daily": ["newsroom night desk"]}

    assert STAGE.run(ctx) == {"cleaned": 0, "relabelled": 0}

    # A later document of the same outlet is cleaned with the stored furniture straight away.
    store.add_documents([("d9", RawDocument(raw_text=_story(42), source_format="jsonl", outlet="Daily"))])
    assert STAGE.run(ctx) == {"cleaned": 1, "relabelled": 0}
    assert FOOTER not in store.article("d9").text


def test_stage_declaration() -> None:
    assert (STAGE.name, STAGE.reads, STAGE.writes) == ("clean", ("documents",), ("articles",))
