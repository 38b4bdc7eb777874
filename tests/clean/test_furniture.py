"""Outlet furniture kept incrementally in the store gives exactly what repeated_lines gives over each outlet's
whole history, whether the corpus comes in one run, many runs, an interrupted run or an old store."""

from __future__ import annotations

import random

import pytest

import newsweave.clean.stage as clean_stage
from newsweave.clean import clean_document, repeated_lines
from newsweave.clean.stage import STAGE
from newsweave.models import RawDocument
from newsweave.pipeline import Context
from newsweave.settings import load_settings
from newsweave.store import open_store

_FOOTERS = {"Daily": ["Newsroom Night Desk", "Daily Courier Online"], "Herald": ["Herald Wire Desk"], "Post": []}


def _corpus(n: int, seed: int = 7) -> list[tuple[str, RawDocument]]:
    """Stories from three outlets with their own footers, some re-posted as near-identical versions (same story:
    their lines must not become furniture), one outlet-less document."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        outlet = rng.choice(sorted(_FOOTERS))
        story = rng.randrange(n // 3 + 1)  # repeats: versions of one story
        lines = [
            f"Officers were called to {story} Elm Street late on a Friday night",
            f"A resident, {story % 90} years old, was taken to hospital, police spokesman {story} said.",
            f"Witness number {story} heard shots fired near the corner store.",
            f"Update {i % 4}" if rng.random() < 0.5 else f"Investigators asked for tips, case {story}.",
            *[f for f in _FOOTERS[outlet] if rng.random() < 0.8],
        ]
        docs.append((f"d{i:03d}", RawDocument(raw_text="\n\n".join(lines), source_format="jsonl", outlet=outlet,
                                               title=f"Shooting on {story} Elm Street")))
    docs.append(("nobody", RawDocument(raw_text="A line.\n\nNewsroom Night Desk", source_format="jsonl")))
    return docs


def _expected(docs: list[tuple[str, RawDocument]], min_repeats: int) -> dict[str, tuple]:
    """The definition: every article labelled with repeated_lines over all of its outlet's articles."""
    by_outlet: dict[str, list[str]] = {}
    for _, d in docs:
        if d.outlet:
            by_outlet.setdefault(d.outlet, []).append(d.raw_text)
    lines = {o: repeated_lines(texts, min_repeats) for o, texts in by_outlet.items()}
    return {i: clean_document(i, d, repeated=lines.get(d.outlet or "", frozenset())).segments for i, d in docs}


def _labels(store) -> dict[str, tuple]:  # noqa: ANN001
    return {a.id: a.segments for a in store.articles()}


def _run(store, **settings) -> dict:  # noqa: ANN001, ANN003
    return STAGE.run(Context(store=store, show_progress=False, settings=load_settings(**settings)))


def test_one_run_matches_repeated_lines_over_each_outlet() -> None:
    docs = _corpus(120)
    store = open_store(":memory:")
    store.add_documents(docs)
    stats = _run(store)
    assert stats["cleaned"] == len(docs) and stats["relabelled"] > 0
    expected = _expected(docs, 3)
    assert _labels(store) == expected
    furniture = store.get_state("clean.repeated")
    for outlet in _FOOTERS:
        lines = repeated_lines([d.raw_text for _, d in docs if d.outlet == outlet], 3)
        assert furniture.get(outlet, []) == sorted(lines)
        assert {f.casefold() for f in _FOOTERS[outlet]} <= lines
    assert store.query("SELECT count(*) n FROM outlet_line_articles o JOIN outlet_lines l USING (outlet, line)"
                       " WHERE l.furniture = 1")[0]["n"] == 0  # holders of furniture lines are settled


@pytest.mark.parametrize("chunk", [1, 7, 40])
def test_many_runs_end_where_one_run_does(chunk: int) -> None:
    docs = _corpus(120)
    store = open_store(":memory:")
    for i in range(0, len(docs), chunk):
        store.add_documents(docs[i : i + chunk])
        _run(store)
    assert _labels(store) == _expected(docs, 3)


def test_an_interrupted_run_resumes_consistently(monkeypatch: pytest.MonkeyPatch, power_cut) -> None:
    docs = _corpus(90)
    store = open_store(":memory:")
    store.add_documents(docs)
    monkeypatch.setattr(clean_stage, "_BATCH", 10)
    real = power_cut(store, "put_articles", 4)
    with pytest.raises(RuntimeError):
        _run(store)
    assert store.count("articles") == 30  # three batches committed with their evidence
    monkeypatch.setattr(store, "put_articles", real)
    _run(store)
    assert _labels(store) == _expected(docs, 3)
    assert _run(store) == {"cleaned": 0, "relabelled": 0}


def test_old_store_and_changed_setting_are_recounted() -> None:
    docs = _corpus(120)
    store = open_store(":memory:")
    store.add_documents(docs)
    _run(store)
    before, furniture = _labels(store), store.get_state("clean.repeated")
    # a store cleaned before the evidence tables existed: only the labels and the furniture state are there
    store.clear_outlet_lines()
    store.execute("DELETE FROM state WHERE name = 'clean.evidence'")
    assert _run(store) == {"cleaned": 0, "relabelled": 0}
    assert _labels(store) == before
    assert store.outlet_furniture("Daily") == frozenset(furniture["Daily"])
    # a larger min_repeats drops furniture, a smaller one adds it; either way the labels follow
    for m in (12, 2, 3):
        _run(store, boilerplate_min_repeats=m)
        assert _labels(store) == _expected(docs, m)


def test_a_new_article_reads_only_its_outlet_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _corpus(120)
    store = open_store(":memory:")
    store.add_documents(docs)
    _run(store)
    read: list[str] = []
    texts, by_id, arts = store.document_texts, store.documents_by_id, store.articles

    def spy(fn):  # noqa: ANN001, ANN202
        def wrapped(ids=None, **kw):  # noqa: ANN001, ANN003, ANN202
            assert ids is not None, "read every article"
            read.extend(ids)
            return fn(ids, **kw)
        return wrapped

    monkeypatch.setattr(store, "document_texts", spy(texts))
    monkeypatch.setattr(store, "documents_by_id", spy(by_id))
    monkeypatch.setattr(store, "articles", spy(arts))
    new = RawDocument(raw_text="Something else happened today in town\n\nHerald Wire Desk", source_format="jsonl",
                      outlet="Herald")
    store.add_documents([("new", new)])
    assert _run(store) == {"cleaned": 1, "relabelled": 0}
    assert len(set(read)) <= 3  # at most the kept stories the new article's lines are compared with
    assert "Herald Wire Desk" not in store.article("new").text


@pytest.mark.parametrize("raw", [
    "Headline here\n\n• Bullet line one\n\nPublished: 3 May 2021 Officers said it was quiet.\n\n  \n\nNight Desk",
    "Updated June 1, 2022\n\n—\n\nA line.\nA line.",
    "",
])
def test_one_pass_line_keys_are_line_keys(raw: str) -> None:
    from newsweave.clean._segment import line_keys, segment, segment_keyed

    segs, keys = segment_keyed(raw)
    assert keys == frozenset(line_keys(raw)) and segs == segment(raw)
