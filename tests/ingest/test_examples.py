"""The fictional demo corpus in examples/ ingests cleanly in all its formats."""

from __future__ import annotations

from pathlib import Path

from newsweave.ingest import document_id, read_path

from ._util import split

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


def test_demo_corpus_ingests_without_rejections() -> None:
    docs, rejected = split(read_path(DEMO))
    assert not rejected, [r.message() for r in rejected]
    assert {d.source_format for d in docs} == {"text", "html", "jsonl", "rss"}
    assert len({document_id(d) for d in docs}) == len(docs)
    assert all(d.title for d in docs)
    dated = [d for d in docs if d.published]
    assert {d.source_format for d in dated} == {"text", "html", "jsonl", "rss"}  # date prefix, meta, JSON, feed
