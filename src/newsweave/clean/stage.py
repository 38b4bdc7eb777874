"""The clean stage: documents -> articles, then outlet furniture relabelled from corpus evidence."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from ..models import Article
from ..pipeline import Context, Stage
from ._document import clean_document
from ._repeated import repeated_lines

__all__ = ["STAGE", "run"]

_STATE = "clean.repeated"
# Articles written per transaction: large enough that commits are not the bottleneck, small enough that an
# interrupted run loses little.
_BATCH = 500


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(ctx: Context) -> dict[str, Any]:
    store = ctx.store
    min_repeats = ctx.settings.boilerplate_min_repeats
    known: dict[str, list[str]] = store.get_state(_STATE, {}) or {}
    furniture = {outlet: frozenset(lines) for outlet, lines in known.items()}

    touched: set[str] = set()
    cleaned = 0

    def cleaned_articles() -> Iterator[Article]:
        nonlocal cleaned
        for doc_id, doc in ctx.progress(store.documents(uncleaned=True), desc="clean"):
            art = clean_document(doc_id, doc, repeated=furniture.get(doc.outlet or "", frozenset()))
            if not doc.outlet and art.outlet in furniture:  # the outlet was read from the text
                art = clean_document(doc_id, doc, repeated=furniture[art.outlet])
            if art.outlet:
                touched.add(art.outlet)
            cleaned += 1
            yield art

    for batch in _batches(cleaned_articles(), _BATCH):
        store.put_articles(batch)

    # Corpus evidence: lines an outlet repeats under different stories are its furniture. Recomputed only for
    # outlets that gained articles; articles whose labels change are rewritten.
    relabelled = 0
    affected: dict[str, tuple[frozenset[str], tuple]] = {}  # article id -> (new furniture, old segments)
    for outlet in sorted(touched):
        arts = list(store.articles(outlet=outlet))
        if len(arts) < min_repeats:
            continue
        lines = repeated_lines((a.raw_text for a in arts), min_repeats)
        if lines == furniture.get(outlet, frozenset()):
            continue
        furniture[outlet] = lines
        for a in arts:
            affected[a.id] = (lines, a.segments)
    if affected:
        # Re-clean from the documents themselves (the input's title steers labelling), in one pass.
        def relabel() -> Iterator[Article]:
            nonlocal relabelled
            for doc_id, doc in store.documents():
                if doc_id not in affected:
                    continue
                lines, old = affected[doc_id]
                new = clean_document(doc_id, doc, repeated=lines)
                if new.segments != old:
                    relabelled += 1
                    yield new

        for batch in _batches(list(relabel()), _BATCH):
            store.put_articles(batch)
    store.set_state(_STATE, {o: sorted(v) for o, v in sorted(furniture.items()) if v})
    return {"cleaned": cleaned, "relabelled": relabelled}


STAGE = Stage(
    name="clean",
    reads=("documents",),
    writes=("articles",),
    run=run,
    doc="Label each document's lines (title, body, boilerplate, caption, metadata, related, commentary).",
)
