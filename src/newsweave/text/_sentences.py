from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Article

__all__ = ["Sentence", "split_sentences", "body_sentences"]

# Abbreviations after which a full stop does not end a sentence (news style guides: AP, Reuters, BBC).
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "maj", "capt", "sgt", "cpl",
    "st", "jr", "sr", "rev", "hon", "pres", "no", "vs", "v", "etc", "inc", "ltd", "co", "corp", "dept", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "d.c", "c.i.a", "f.b.i", "u.a.v", "no", "approx", "adm",
}

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then white space.
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s+)")
_NEXT_START = re.compile(r"[\"'“‘(\[]*[A-Z0-9À-Ý]")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].casefold()
    if not word:
        return False
    if word in _ABBREV:
        return True
    # Single capital initials ("John F. Kirby") and dotted acronyms ("U.S.") are not sentence ends.
    return len(word) == 1 or (len(word) <= 6 and word.count(".") >= 1 and len(word.replace(".", "")) <= 4)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences with offsets into ``text``; line breaks also end sentences
    when the next line starts a new paragraph (blank line)."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    for block in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text[start:end]):
        b0 = start + block.start()
        b1 = start + block.end()
        pos = b0
        for m in _BOUNDARY.finditer(text, b0, b1):
            punct_end = m.end(2)
            if m.group(1) == "." and _is_abbreviation(text, m.start(1)):
                continue
            if not _NEXT_START.match(text, m.end(3)):
                continue
            _append(out, text, pos, punct_end)
            pos = m.end(3)
        _append(out, text, pos, b1)
    return out


def _append(out: list[Sentence], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(s, e, text[s:e]))


def body_sentences(article: "Article", kinds: tuple[str, ...] = ("body",)) -> Iterator[Sentence]:
    """Sentences of the article's segments of ``kinds``, with offsets into ``raw_text``."""
    for seg in article.segments:
        if seg.kind in kinds:
            yield from split_sentences(article.raw_text, seg.start, seg.end)
