"""Attribution by layout for :mod:`quotes`: labelled lines and signed quotations.

Two shapes carry no cue verb, only punctuation, and PolNeAR annotates both with the punctuation as the cue:

* a line opened by a short name and a colon -- interview transcripts ("PENCE: Well, look, ...") and
  headline attributions ("Pat Caddell: Democrat Voters Worried ...");
* a quotation signed with a dash at the end of its line ('"... our greatest shame." ― Sonya Herridge').
"""

from __future__ import annotations

import re

from ._lexicon import FUNCTION_WORDS
from ._quotes_indirect import _Found

_WORD = r"[A-Z][\w’'\-]*\.?"
_LABEL = re.compile(rf"({_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]*(:)[ \t]+(?=\S)")
# Labels that open debris or section heads, not speech.
_NOT_SPEAKERS = frozenset({"update", "updated", "editor", "note", "correction", "related", "video", "watch",
                           "listen", "advertisement", "caption", "credit", "disclosure", "warning", "breaking",
                           "exclusive", "analysis", "opinion", "editorial", "clarification", "q", "a"})
_SIGNED = re.compile(r"[\"”’'.!?]\s*([―—–]|--)\s*([A-Z][\w’'.\-]*(?:[ \t]+[A-Z][\w’'.\-]*){0,4})[\s.]*$")


def labelled_line(raw: str, s0: int, e0: int) -> _Found | None:
    """'NAME: text' at the start of the line ``raw[s0:e0]``."""
    m = _LABEL.match(raw, s0, e0)
    if not m:
        return None
    words = m.group(1).split()
    if any(w.casefold().strip(".") in FUNCTION_WORDS or w.casefold().strip(".") in _NOT_SPEAKERS for w in words):
        return None
    if len(words) == 1 and len(words[0]) < 3:
        return None
    content_start = m.end()
    content_end = e0
    while content_end > content_start and raw[content_end - 1] in " \t.":
        content_end -= 1
    if len(raw[content_start:content_end].split()) < 2:
        return None
    return _Found((m.start(1), m.end(1)), (m.start(2), m.end(2)), [(content_start, content_end)], False)


def signed_quote(raw: str, s0: int, e0: int, quotes: list[tuple[int, int]]) -> _Found | None:
    """'"..." ― Name' closing the line ``raw[s0:e0]``: the quotations before the dash are the content."""
    m = _SIGNED.search(raw, s0, e0)
    if not m:
        return None
    mine = [(a, b) for a, b in quotes if s0 <= a and b <= m.start(1)]
    if not mine:
        return None
    return _Found((m.start(2), m.end(2)), (m.start(1), m.end(1)), [(mine[0][0], mine[-1][1])], True)


# Headline verbs: the cue lexicon's -s forms plus the verbs headlines use for speech and stance.
_HEAD_VERBS = frozenset({
    "speaks", "goes", "hammers", "rips", "rip", "slams", "blasts", "rallies", "rally", "share", "shares", "votes",
    "rules", "breaks", "ducks", "weighs", "weigh", "sees", "seeks", "corners", "hits", "knocks", "mocks", "backs",
    "endorses", "urges", "warns", "calls", "says", "shows", "vows", "reveals", "sums", "defends", "attacks",
    "accuses", "claims", "demands", "pushes", "touts", "praises", "criticizes", "questions", "rejects", "denies",
    "admits", "wants", "fears", "asks", "tells", "pledges", "promises", "blames", "hails", "dismisses", "insists",
})
_HEAD_WORD = re.compile(r"[\w’'.\-]+")


def headline(raw: str, s0: int, e0: int) -> _Found | None:
    """'Obama Sees ‘Personal Insult’ if ...', 'Flight attendants' union endorses Clinton.', '..., Former White
    House Doctor Says.': a short title line whose subject opens it (or closes it) next to a headline verb."""
    words = list(_HEAD_WORD.finditer(raw, s0, e0))
    if not 3 <= len(words) <= 16:
        return None
    end = e0
    while end > s0 and raw[end - 1] in " .\t":
        end -= 1
    tail = re.search(r",\s+((?:[A-Z][\w’'.\-]*\s+){1,4})(Says|Warns|Claims|Insists|Admits)$", raw[s0:end])
    if tail:
        return _Found((s0 + tail.start(1), s0 + tail.start(1) + len(tail.group(1).rstrip())),
                      (s0 + tail.start(2), s0 + tail.end(2)), [(s0, s0 + tail.start())], False)
    for k in range(1, min(5, len(words) - 1)):
        w = words[k].group()
        if w.casefold() not in _HEAD_VERBS:
            continue
        subject = [x.group() for x in words[:k]]
        if subject[0].casefold() in FUNCTION_WORDS and subject[0].casefold() not in ("one", "two", "three"):
            return None
        if not (subject[0][:1].isupper() or subject[0][:1].isdigit()):
            return None
        content = (words[k].end() + 1, end)
        if content[1] - content[0] < 3:
            return None
        start = words[0].start()
        comma = raw.rfind(",", start, words[k].start())
        if comma >= 0:  # "Railing Against Trump, Sanders Vows ...": the subject follows the fronted phrase
            start = comma + 1 + len(raw[comma + 1:words[k].start()]) - len(raw[comma + 1:words[k].start()].lstrip())
        return _Found((start, words[k - 1].end()), (words[k].start(), words[k].end()), [content], False)
    return None
