"""Label every line (or part of a line) of a raw article with a segment kind.

The raw text is never rewritten: each non-blank line is trimmed to its visible span, optionally split into a
leading date run, a main part and a trailing date run, and each part gets one kind. Consecutive parts of one
kind inside one paragraph are merged, so a body paragraph broken over several lines stays one segment and
sentence splitting later sees it whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..models import Segment
from ..text import normalise
from . import _patterns as P

__all__ = ["segment", "segment_keyed", "line_spans", "line_core", "line_keys"]

# Length caps: the furniture patterns are phrasings of short lines. Testing them only on lines up to these
# lengths keeps a body paragraph that happens to start "Follow ..." or "Share ..." out of reach, and keeps the
# scan cheap. 300 covers the longest promo line met in the seeds and gva-a (about 160 characters).
_MAX_FURNITURE = 300
_MAX_WIDGET = 80
_MAX_BYLINE = 120
_MAX_CAPTION = 600
# A headline is a short line without a closing full stop (news style); 3+ words keeps datelines ("GALT—")
# and section names out.
_TITLE_WORDS = (3, 25)
_TITLE_CHARS = 250
# Links listed under a "Related:" heading are headline-shaped: short and without a full stop.
_LINK_WORDS = 16
_MAX_LINKS = 10
_LABEL_WORDS = 5  # a picture label ("Jet fighter") above its credit line
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ":", ";", ",")


@dataclass(slots=True)
class _Line:
    start: int  # visible span of the whole line
    end: int
    para: int
    ms: int  # main part (after a leading / before a trailing date run)
    me: int
    core: str  # main part without bullets, for the patterns
    kind: str = "body"


def line_spans(raw_text: str) -> Iterable[tuple[int, int, int]]:
    """(start, end, paragraph) of every non-blank line, trimmed of surrounding white space."""
    para = 0
    pos = 0
    n = len(raw_text)
    blank = False
    while pos <= n:
        nl = raw_text.find("\n", pos)
        if nl < 0:
            nl = n
        s, e = pos, nl
        while s < e and raw_text[s].isspace():
            s += 1
        while e > s and raw_text[e - 1].isspace():
            e -= 1
        if e > s:
            if blank:
                para += 1
                blank = False
            yield s, e, para
        else:
            blank = True
        pos = nl + 1


def line_core(text: str) -> str:
    """A line without leading bullets and widget marks, for pattern tests and repeated-line keys."""
    return P.BULLETS.sub("", text).strip()


def line_keys(raw_text: str) -> set[str]:
    """The normalised main part of every line: what :func:`segment` looks up in ``repeated``."""
    keys = set()
    for s, e, _ in line_spans(raw_text):
        ms, me = _split_dates(raw_text, s, e)
        key = normalise(line_core(raw_text[ms:me]))
        if key:
            keys.add(key)
    return keys


def _trim(raw: str, s: int, e: int) -> tuple[int, int]:
    while s < e and raw[s].isspace():
        s += 1
    while e > s and raw[e - 1].isspace():
        e -= 1
    return s, e


def _split_dates(raw: str, s: int, e: int) -> tuple[int, int]:
    """The main part of a line once a leading or trailing "Published: <date>" run is set aside."""
    text = raw[s:e]
    ms, me = 0, len(text)
    m = P.DATE_PREFIX.match(text)
    if m:
        ms = m.end()
    m = P.DATE_SUFFIX.search(text, ms)
    if m and m.start() > ms:
        me = m.start()
    elif m and m.start() == ms:
        me = ms
    if (ms, me) == (0, len(text)):
        return s, e
    a, b = _trim(raw, s + ms, s + me)
    return (a, b) if b > a else (e, e)


def _widget_only(core: str) -> bool:
    if len(core) > _MAX_WIDGET:
        return False
    words = [w for w in P.WORD_SPLIT.split(core.casefold()) if w]
    return bool(words) and all(w in P.WIDGET_TOKENS for w in words)


def _classify(core: str) -> str:
    """The kind of one line judged on its own; context rules refine it afterwards."""
    n = len(core)
    if not core:
        return "metadata"  # the whole line was a date run
    if P.SEPARATOR.match(core):
        return "boilerplate"
    if P.COMMENTARY.match(core):
        return "commentary"
    if n <= _MAX_CAPTION and (P.CAPTION.match(core) or P.CAPTION_CREDIT_END.search(core)):
        return "caption"
    if n <= _MAX_FURNITURE:
        if P.COPYRIGHT.match(core) or P.AGENCY_LINE.match(core) or P.DATE_LINE.match(core):
            return "metadata"
        if n <= _MAX_BYLINE and (P.BYLINE.match(core) or P.SIGNOFF.match(core)):
            return "metadata"
        if P.METADATA.match(core):
            return "metadata"
        if P.RELATED.match(core):
            return "related"
        if P.BOILERPLATE.match(core) or _widget_only(core):
            return "boilerplate"
    return "body"


def _ends_sentence(text: str) -> bool:
    return text.endswith(_SENTENCE_END)


def _title_like(core: str) -> bool:
    words = len(core.split())
    return (
        _TITLE_WORDS[0] <= words <= _TITLE_WORDS[1]
        and len(core) <= _TITLE_CHARS
        and not core.endswith((".", ",", ";", ":", "-", "–", "—"))
        and not core[:1].islower()
    )


def _matches_title(core: str, title: str) -> bool:
    a, b = normalise(core), normalise(title)
    if not a or not b:
        return False
    # Scraped titles often carry a site suffix ("<headline> - Station - City News"): a line that is a long
    # prefix of the title is the headline. A line *longer* than the title is a lead whose first sentence
    # served as title, and stays body.
    return a == b or (len(a) >= 15 and b.startswith(a))


def _context(lines: list[_Line], title: str | None) -> None:
    """Rules that need neighbours: commentary paragraphs, caption twins and labels, link lists, titles."""
    n = len(lines)
    # A paragraph that opens as commentary is commentary to its end.
    for i, ln in enumerate(lines):
        if ln.kind == "commentary":
            j = i + 1
            while j < n and lines[j].para == ln.para:
                lines[j].kind = "commentary"
                j += 1
    for i in range(n - 1):
        ln, nxt = lines[i], lines[i + 1]
        if ln.kind != "body" or nxt.kind != "caption":
            continue
        # The uncredited twin of a credited caption ("<caption>" then "<caption> - GETTY IMAGES").
        a = normalise(ln.core)
        if len(a) >= 10 and normalise(nxt.core).startswith(a):
            ln.kind = "caption"
        # A short picture label right above its credit line.
        elif len(ln.core.split()) <= _LABEL_WORDS and not _ends_sentence(ln.core) and nxt.para == ln.para:
            ln.kind = "caption"
    # A related heading ("RELATED ARTICLES", "Read more:") is followed by the headlines it links to.
    for i, ln in enumerate(lines):
        if ln.kind != "related" or not P.RELATED_HEADER.match(ln.core):
            continue
        for j in range(i + 1, min(n, i + 1 + _MAX_LINKS)):
            c = lines[j].core
            if lines[j].kind != "body" or len(c.split()) > _LINK_WORDS or c.endswith((".", ":")):
                break
            lines[j].kind = "related"
    first = next((i for i, ln in enumerate(lines) if ln.kind == "body"), None)
    if first is None:
        return
    # A lone section name above a headline ("International").
    if (
        first == 0
        and first + 1 < n
        and len(lines[0].core.split()) <= 3
        and P.SECTION_LABEL.match(lines[0].core)
        and lines[1].para != lines[0].para
        and lines[1].kind == "body"
        and _title_like(lines[1].core)
    ):
        lines[0].kind = "metadata"
        first = 1
    head = lines[first]
    if head.ms != head.start and head.me == head.end and title is None:
        return  # a lead that follows a date prefix is the first paragraph, not a headline
    if not any(ln.kind == "body" for ln in lines[first + 1 :]):
        return  # a text that is one line long is its own body, whatever it looks like
    if title is not None:
        if _matches_title(head.core, title):
            head.kind = "title"
    elif _title_like(head.core):
        # A headline stands alone: a blank line or a non-body line (caption, byline) follows it. A body line
        # right below in the same paragraph means the first line is a wrapped sentence.
        nxt = lines[first + 1] if first + 1 < n else None
        if nxt is None or nxt.para != head.para or nxt.kind != "body":
            head.kind = "title"


def segment(raw_text: str, *, title: str | None = None, repeated: frozenset[str] = frozenset()) -> list[Segment]:
    """Label ``raw_text`` line by line; segments cover every visible character exactly once.

    ``title`` is the headline known from the input (JSON/feeds): the first meaningful line is labelled title
    only when it repeats it. Without it a headline-shaped first line is taken as the title. ``repeated`` holds
    normalised lines known to be the outlet's furniture (:func:`repeated_lines`); body lines among them become
    boilerplate.
    """
    return segment_keyed(raw_text, title=title, repeated=repeated, keyed=False)[0]


def segment_keyed(
    raw_text: str, *, title: str | None = None, repeated: frozenset[str] = frozenset(), keyed: bool = True
) -> tuple[list[Segment], frozenset[str]]:
    """:func:`segment` and, with ``keyed``, the text's :func:`line_keys` from the same pass over its lines (the
    clean stage needs both for every new article)."""
    lines: list[_Line] = []
    for s, e, para in line_spans(raw_text):
        ms, me = _split_dates(raw_text, s, e)
        core = line_core(raw_text[ms:me])
        lines.append(_Line(s, e, para, ms, me, core, _classify(core)))
    # Each line's key (its normalised core, which nothing below rewrites) serves both the keys and the lookup.
    norms = [normalise(ln.core) for ln in lines] if keyed or repeated else []
    keys = frozenset(k for k in norms if k) if keyed else frozenset()
    _context(lines, title)
    if repeated:
        for ln, key in zip(lines, norms):
            if ln.kind in ("body", "title") and key in repeated:
                ln.kind = "boilerplate"
    return _build(raw_text, lines), keys


def _build(raw: str, lines: list[_Line]) -> list[Segment]:
    out: list[Segment] = []
    last_para = -1
    for ln in lines:
        parts = []
        if ln.ms >= ln.me:  # nothing left but date runs
            parts.append((ln.start, ln.end, "metadata"))
        else:
            if ln.ms > ln.start:
                parts.append((*_trim(raw, ln.start, ln.ms), "metadata"))
            parts.append((ln.ms, ln.me, ln.kind))
            if ln.me < ln.end:
                parts.append((*_trim(raw, ln.me, ln.end), "metadata"))
        for s, e, kind in parts:
            if e <= s:
                continue
            if out and out[-1].kind == kind and last_para == ln.para:
                out[-1] = Segment(out[-1].start, e, kind)
            else:
                out.append(Segment(s, e, kind))
            last_para = ln.para
    return out
