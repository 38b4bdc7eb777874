"""Invariants of segmentation on arbitrary text: full coverage, no overlap, offsets into raw_text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.clean import clean_document, segment
from newsweave.models import SEGMENT_KINDS, RawDocument

# Arbitrary unicode plus lines built from the phrases the rules look for, so the rules actually fire.
_PIECES = st.sampled_from(
    [
        "Oops!", "  • Something went wrong.", "Comment: nonsense", "See: other story", "© AFP 2024",
        " date 2024-01-23 Lead sentence here.", "By Jane Doe", "Photo: X", "caption - GETTY IMAGES",
        "International", "Headline words for a title", "Body sentence one. Body two.", "", "   ", "\t",
        "Published: March 3, 2019 9:00 AM", "RELATED:", "Advertisement", "___", "\r", "x\u2028y", "\u00a0",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=25).map("\n".join),
)


def _check(raw: str, segs) -> None:
    prev_end = 0
    covered = [0] * len(raw)
    for s in segs:
        assert s.kind in SEGMENT_KINDS
        assert 0 <= s.start < s.end <= len(raw)
        assert s.start >= prev_end, "segments sorted and non-overlapping"
        assert raw[s.start : s.end].strip(), "no empty segment"
        prev_end = s.end
        for i in range(s.start, s.end):
            covered[i] += 1
    for i, ch in enumerate(raw):
        if not ch.isspace():
            assert covered[i] == 1, f"character {ch!r} at {i} covered {covered[i]} times"


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_segments_cover_every_visible_character_once(raw: str) -> None:
    _check(raw, segment(raw))


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sets(st.sampled_from(["advertisement", "by jane doe", "headline words for a title"])))
def test_invariants_hold_with_repeated_lines(raw: str, repeated: set[str]) -> None:
    _check(raw, segment(raw, repeated=frozenset(repeated), title="Headline words for a title"))


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_article_text_is_only_body(raw: str) -> None:
    art = clean_document("a", RawDocument(raw_text=raw, source_format="text"))
    bodies = [raw[s.start : s.end] for s in art.segments if s.kind == "body"]
    assert art.text == "\n\n".join(bodies)
    non_body = [raw[s.start : s.end] for s in art.segments if s.kind != "body"]
    for piece in non_body:
        # A non-body stretch never reaches the text unless the same characters also occur in a body stretch.
        assert piece not in art.text or any(piece in b for b in bodies)
