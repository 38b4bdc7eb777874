"""Passage roles on the seed articles: recaps are background, "Comment:" paragraphs commentary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsweave.models import Article, Segment
from newsweave.extract.passages import passage_roles, quote_spans


def seed_article(path: Path, published: str | None = None) -> Article:
    """A body segment per line of >= 6 words; lines opening "Comment:" are commentary segments."""
    raw = path.read_text(encoding="utf-8")
    segs = []
    for m in re.finditer(r"[^\n]+", raw):
        if len(m.group(0).split()) < 6:
            continue
        kind = "commentary" if m.group(0).lstrip().startswith("Comment:") else "body"
        segs.append(Segment(m.start(), m.end(), kind))
    return Article(id=path.name[:3], raw_text=raw, segments=tuple(segs), source_format="txt", published=published,
                   outlet=path.name[:3])


def _seed(seeds_dir: Path, prefix: str) -> Path:
    return next(seeds_dir.glob(f"{prefix}_*.txt"))


def roles_by_text(article: Article) -> list[tuple[str, str]]:
    return [(p.role, article.raw_text[p.start : p.end]) for p in passage_roles(article)]


def role_of(article: Article, fragment: str) -> str:
    hits = [r for r, t in roles_by_text(article) if fragment in t]
    assert hits, f"no sentence holds {fragment!r}"
    return hits[0]


def test_recaps_in_003_are_background_and_comments_commentary(seeds_dir: Path) -> None:
    a = seed_article(_seed(seeds_dir, "003"), "2021-06-28")
    assert role_of(a, "In February, the US launched airstrikes") == "background"
    assert role_of(a, "in early 2020 ordered the assassination") == "background"
    assert role_of(a, "Biden had only once before authorised") == "background"
    assert role_of(a, "The SOHR is a shell organization") == "commentary"
    assert role_of(a, "Understandings between Trump") == "commentary"
    assert role_of(a, "The US has launched airstrikes against sites") == "reporting"
    # another actor's running campaign is not the event: its places and figures must not become fields
    assert role_of(a, "Israel, meanwhile, has carried out dozens of airstrikes") == "background"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Israel has carried out dozens of airstrikes on the border in recent years.", "background"),
        ("Russia has launched hundreds of missiles at Ukrainian cities, officials said.", "background"),
        ("Russia launched dozens of drones at Kyiv overnight, officials said.", "reporting"),
    ],
)
def test_a_tally_in_the_present_perfect_is_background_outside_the_lead(text: str, role: str) -> None:
    lead = "Troops clashed with rebels near the town on Monday. Two soldiers were wounded, the army said. "
    raw = lead + text
    a = Article("x", raw, (Segment(0, len(raw), "body"),), "txt", published="2021-06-28")
    assert [p.role for p in passage_roles(a)][-1] == role


def test_recaps_in_000_and_004(seeds_dir: Path) -> None:
    a = seed_article(_seed(seeds_dir, "000"), "2021-06-28")
    assert role_of(a, "reviving a 2015 nuclear deal") == "background"
    assert role_of(a, "Since 2009, the US has designated") == "background"
    assert role_of(a, "since the US-led invasion") == "background"
    assert role_of(a, "The US has launched air strikes against an Iran-backed militia") == "reporting"
    assert role_of(a, '"President Biden has been clear') == "quote"
    b = seed_article(_seed(seeds_dir, "004"), "2021-06-28")
    assert role_of(b, "in late February against buildings") == "background"
    assert role_of(b, "carried out airstrikes early Monday morning") == "reporting"


def test_comment_label_without_commentary_segment_is_still_commentary() -> None:
    raw = "Troops clashed with rebels near the town on Monday.\n\nComment: This is plainly a cover-up by the army."
    a = Article("x", raw, (Segment(0, raw.index("\n"), "body"), Segment(raw.index("Comment"), len(raw), "body")), "txt")
    assert [p.role for p in passage_roles(a)] == ["reporting", "commentary"]


@pytest.mark.parametrize(
    ("published", "role"),
    [("2021-06-28", "background"), ("2021-02-10", "reporting")],
)
def test_a_month_is_background_only_before_the_articles_month(published: str, role: str) -> None:
    raw = "In February, government forces shelled the village of Kafr Nabl, residents said."
    a = Article("x", raw, (Segment(0, len(raw), "body"),), "txt", published=published)
    assert [p.role for p in passage_roles(a)] == [role]


def test_passages_cover_sentences_with_raw_offsets(seeds_dir: Path) -> None:
    a = seed_article(_seed(seeds_dir, "004"))
    ps = passage_roles(a)
    assert ps and all(a.raw_text[p.start : p.end].strip() == a.raw_text[p.start : p.end] for p in ps)
    assert [p.start for p in ps] == sorted(p.start for p in ps)


def test_quote_spans_pair_curly_and_straight_marks() -> None:
    text = 'He said "go now" and “stay”.'
    assert [text[s:e] for s, e in quote_spans(text)] == ['"go now"', "“stay”"]
