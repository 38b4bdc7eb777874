"""Scraped local news (gva-a): cleaning keeps the bulk of each article as body."""

from __future__ import annotations

import json
from pathlib import Path

from newsweave.clean import clean_document
from newsweave.models import RawDocument

_SAMPLE = 400


def _sample(eval_dir: Path) -> list[RawDocument]:
    path = eval_dir / "clustering" / "gva-a.jsonl"
    docs = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 7:  # every 7th record: a spread over outlets and years
                continue
            r = json.loads(line)  # the gold "event" field is never read
            docs.append(RawDocument(raw_text=r["text"], source_format="jsonl", title=r.get("title"), outlet=r.get("source")))
            if len(docs) >= _SAMPLE:
                break
    return docs


def test_most_articles_keep_over_80_percent_as_body(eval_dir: Path) -> None:
    docs = _sample(eval_dir)
    shares = []
    for i, d in enumerate(docs):
        art = clean_document(str(i), d)
        visible = sum(1 for ch in d.raw_text if not ch.isspace()) or 1
        body = sum(1 for s in art.segments_of("body") for ch in d.raw_text[s.start : s.end] if not ch.isspace())
        shares.append(body / visible)
    kept = sum(s > 0.8 for s in shares) / len(shares)
    assert kept >= 0.9, f"only {kept:.0%} of articles keep >80% of their characters as body"


def test_common_scraped_furniture_is_removed(eval_dir: Path) -> None:
    # Whatever the sample holds, none of these widget lines may survive in a body.
    docs = _sample(eval_dir)
    for i, d in enumerate(docs):
        text = clean_document(str(i), d).text
        for line in text.splitlines():
            assert line.strip() not in {"Advertisement", "Please enable Javascript to watch this video", "Twitter"}
