"""The clean stage: documents -> articles, then outlet furniture relabelled from corpus evidence."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, TypeVar

from ..models import Article
from ..pipeline import Context, Stage
from ._document import clean_document, clean_document_keyed
from ._furniture import FurnitureEvidence
from ._segment import line_keys

__all__ = ["STAGE", "run"]

T = TypeVar("T")

# Each outlet's furniture as the articles are labelled now (a mirror of the evidence tables, written last).
_STATE = "clean.repeated"
# The min_repeats the evidence tables (migration 11) were counted with; absent before their first fill.
_EVIDENCE = "clean.evidence"
# Articles written per transaction: large enough that commits are not the bottleneck, small enough that an
# interrupted run loses little.
_BATCH = 500


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _rebuild(store: Any, evidence: FurnitureEvidence) -> None:
    """Count every article already cleaned, oldest first: a store from before the evidence tables, or one
    counted with another ``boilerplate_min_repeats``. Lines are recorded as held by every article, so whatever
    the counted furniture now differs from is relabelled by the run."""
    store.clear_outlet_lines()
    for art_id, outlet, raw in store.outlet_raw_texts():
        if outlet:
            evidence.count(art_id, outlet, frozenset(line_keys(raw)), frozenset())


def _relabel(ctx: Context, evidence: FurnitureEvidence, dropped: dict[str, set[str]]) -> int:
    """Re-clean, a batch at a time, the articles holding a line whose furniture status changed since they were
    cleaned (from their documents: the input's title steers labelling); rewrite those whose labels change."""
    store = ctx.store
    relabelled = 0
    for ids in store.relabel_batches(dropped):
        docs = store.documents_by_id(ids)
        changed = []
        for old in store.articles(ids):
            new = clean_document(old.id, docs[old.id], repeated=evidence.furniture(old.outlet))
            if new.segments != old.segments:
                changed.append(new)
        if changed:
            store.put_articles(changed)
            relabelled += len(changed)
    return relabelled


def run(ctx: Context) -> dict[str, Any]:
    store = ctx.store
    min_repeats = ctx.settings.boilerplate_min_repeats
    evidence = FurnitureEvidence(store, min_repeats)
    if store.get_state(_EVIDENCE) != {"min_repeats": min_repeats}:
        with store.transaction():
            _rebuild(store, evidence)
            store.set_state(_EVIDENCE, {"min_repeats": min_repeats})
    # What the articles were last labelled with (written after each relabel): a line no longer furniture (a
    # rebuild with a larger min_repeats) is relabelled too. Lines that became furniture are found in the store.
    labelled: dict[str, list[str]] = store.get_state(_STATE, {}) or {}
    dropped = {o: set(lines) for o, lines in labelled.items()}
    for outlet, line in store.all_outlet_furniture():
        dropped.get(outlet, set()).discard(line)
    dropped = {o: lines for o, lines in dropped.items() if lines}

    cleaned = 0

    def cleaned_articles() -> Iterator[tuple[Article, frozenset[str], frozenset[str]]]:
        nonlocal cleaned
        for doc_id, doc in ctx.progress(store.documents(uncleaned=True), desc="clean"):
            used = evidence.furniture(doc.outlet)
            art, keys = clean_document_keyed(doc_id, doc, repeated=used)
            if not doc.outlet and evidence.furniture(art.outlet):  # the outlet was read from the text
                used = evidence.furniture(art.outlet)
                art = clean_document(doc_id, doc, repeated=used)
            cleaned += 1
            yield art, keys, used

    # Corpus evidence: lines an outlet repeats under different stories are its furniture. Each batch's articles
    # and their evidence commit together, so an interrupted run resumes with both consistent.
    for batch in _batches(cleaned_articles(), _BATCH):
        with store.transaction():
            store.put_articles(art for art, _, _ in batch)
            for art, keys, used in batch:
                if art.outlet:
                    evidence.count(art.id, art.outlet, keys, used)
    relabelled = _relabel(ctx, evidence, dropped)
    with store.transaction():
        store.settle_outlet_lines()
        furniture: dict[str, list[str]] = {}
        for outlet, line in store.all_outlet_furniture():
            furniture.setdefault(outlet, []).append(line)
        store.set_state(_STATE, furniture)
    return {"cleaned": cleaned, "relabelled": relabelled}


STAGE = Stage(
    name="clean",
    reads=("documents",),
    writes=("articles",),
    run=run,
    doc="Label each document's lines (title, body, boilerplate, caption, metadata, related, commentary).",
)
