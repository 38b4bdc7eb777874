"""The five seed articles: 001 and 002 are one AFP copy, 000/003/004 independent reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.dedup import find_copy_groups
from newsweave.models import Article, Segment

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def _seed_article(path: Path) -> Article:
    # Stand-in for the clean stage: a line of eight words or more is body, anything shorter is furniture.
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    body = "\n\n".join(ln for ln in lines if len(ln.split()) >= 8)
    return Article(id=path.stem, raw_text=body, segments=(Segment(0, len(body), "body"),), source_format="txt")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_seeds_have_exactly_one_copy_group():
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) >= 5
    articles = [_seed_article(p) for p in paths]
    groups = find_copy_groups(articles)
    assert len(groups) == 1
    (g,) = groups
    assert {m[:3] for m in g.members} == {"001", "002"}
    (d,) = g.diffs
    # Two outlets rewrote the copy lightly: most sentences pair up, each side keeps some of its own.
    assert d.changed and d.added and d.cut
