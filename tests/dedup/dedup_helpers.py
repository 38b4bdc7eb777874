from __future__ import annotations

import random

from newsweave.models import Article, Segment

# Vocabulary for filler prose: random word sequences share no 5-word shingle by accident, so a test controls
# exactly which passages two articles share.
_WORDS = (
    "river council bridge market winter harbour office season report signal garden morning station village "
    "engine letter border valley highway courier storm archive meadow tunnel lantern orchard quarry ferry "
    "district tower canal beacon cellar pasture glacier summit forest compass timber anchor mill chapel "
    "runway depot granary furnace hangar kiln ledger mosaic pylon rampart sluice terrace vault wharf"
).split()


def filler(seed: int, sentences: int = 4, words: int = 14) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        ws = [rng.choice(_WORDS) for _ in range(words)]
        out.append(" ".join(ws).capitalize() + ".")
    return " ".join(out)


def make_article(
    article_id: str, body: str, *, published: str | None = "2024-01-23", wire: str | None = None
) -> Article:
    raw = f"Headline {article_id}\n\n{body}\n\nFollow us for more."
    start = raw.index(body)
    segments = (
        Segment(0, len(f"Headline {article_id}"), "title"),
        Segment(start, start + len(body), "body"),
        Segment(start + len(body) + 2, len(raw), "boilerplate"),
    )
    return Article(id=article_id, raw_text=raw, segments=segments, source_format="txt", published=published, wire=wire)

