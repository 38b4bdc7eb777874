"""The ingest stage against an in-memory store: ids, re-ingest, stats, the real seeds."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from newsweave.ingest import document_id, read_path
from newsweave.ingest.stage import STAGE
from newsweave.pipeline import Context
from newsweave.store import SQLiteStore

from ._util import FIXTURES, split


def _run(inputs: list[str], store: SQLiteStore | None = None) -> tuple[dict, SQLiteStore, list[str]]:
    store = store or SQLiteStore(":memory:")
    messages: list[str] = []
    ctx = Context(store=store, inputs=inputs, show_progress=False, on_message=messages.append)
    return STAGE.run(ctx), store, messages


def test_stage_declaration() -> None:
    assert (STAGE.name, STAGE.reads, STAGE.writes) == ("ingest", ("inputs",), ("documents", "rejections"))


def test_ids_are_deterministic_and_content_derived(tmp_path: Path) -> None:
    first = [document_id(d) for d in split(read_path(FIXTURES))[0]]
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURES, copy)
    second = [document_id(d) for d in split(read_path(copy))[0]]
    assert first == second  # the path is not part of the id
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in first)


def test_same_text_from_two_outlets_stays_two_documents() -> None:
    (doc,), _ = split(read_path(FIXTURES / "single.json"))
    other = replace(doc, outlet="Another Outlet")
    assert document_id(doc) != document_id(other)
    # white space and case do not change identity
    assert document_id(doc) == document_id(replace(doc, raw_text="  " + doc.raw_text.upper() + "\n"))


def test_reingest_adds_nothing() -> None:
    stats, store, messages = _run([str(FIXTURES)])
    # records.jsonl and nested/deeper/noext hold the same four records: stored once
    assert stats["documents"] == stats["new"] + 4
    assert stats["files"] == 12 and stats["rejected"] == 3
    assert store.count("documents") == stats["new"]
    assert len(store.rejections()) == 3 and len(messages) == 3
    assert any("broken.html: HTML with no extractable text" in m for m in messages)
    again, store, _ = _run([str(FIXTURES)], store)
    assert again["new"] == 0 and again["documents"] == stats["documents"]
    assert store.count("documents") == stats["new"]
    assert len(store.rejections()) == 3  # rejections are not duplicated either


def test_missing_input_is_a_rejection() -> None:
    stats, store, messages = _run(["/definitely/not/here"])
    assert stats == {"files": 0, "documents": 0, "new": 0, "rejected": 1}
    assert messages == ["/definitely/not/here: no such file or folder"]


def test_batches_commit_separately(monkeypatch) -> None:  # noqa: ANN001
    import newsweave.ingest.stage as stage

    monkeypatch.setattr(stage, "BATCH_SIZE", 2)
    calls: list[int] = []
    store = SQLiteStore(":memory:")
    original = store.add_documents
    monkeypatch.setattr(store, "add_documents", lambda docs: calls.append(len(docs)) or original(docs))
    stats, _, _ = _run([str(FIXTURES / "records.jsonl")], store)
    assert calls == [2, 2] and stats["new"] == 4


def test_five_seeds_ingest_as_five_documents(seeds_dir: Path) -> None:
    stats, store, messages = _run([str(seeds_dir)])
    assert stats == {"files": 5, "documents": 5, "new": 5, "rejected": 0}, messages
    docs = [d for _, d in store.documents()]
    assert all(d.source_format == "text" and d.title for d in docs)
    assert all(not d.title.startswith(("International", "©")) for d in docs)
