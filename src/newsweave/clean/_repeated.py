"""Outlet furniture found from the corpus: lines one outlet prints under many different stories."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from ._segment import line_keys

__all__ = ["repeated_lines"]

# Two articles whose lines overlap this much (Jaccard) are versions of one story (an update, a re-post): a
# line they share is the story's, not the outlet's. Calibrated on gva-a: over 7,654 pairs of different-incident
# articles from one outlet the largest line Jaccard is 0.43 (99th percentile 0.12), while re-posted versions of
# one story sit at or near 1.0.
_SAME_STORY = 0.5


# Sentence-shaped lines are left to the phrase patterns: a short reporting sentence ("No one was in custody.",
# "In other shootings:") recurs across one outlet's stories by house style, and losing it from the body costs
# facts. What the corpus rule adds is the furniture no phrase names: desk names, site names, handles, labels.
_SENTENCE = re.compile(r"\S\s+\S+\s+\S.*[.!?:\"”’]$")
_SENTENCE_ENDS = tuple(".!?:\"”’")


def is_sentence(key: str) -> bool:
    """:data:`_SENTENCE` of a line key, the cheap test of its last character first: the pattern backtracks over
    the whole of a long line that does not end like a sentence (keys are normalised, so none ends in a newline,
    which ``$`` would also accept)."""
    return key.endswith(_SENTENCE_ENDS) and _SENTENCE.search(key) is not None


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def repeated_lines(texts: Iterable[str], min_repeats: int) -> frozenset[str]:
    """Normalised lines found in at least ``min_repeats`` different stories among ``texts`` (one outlet's).

    Lines are keyed as :func:`segment` keys them (bullets and date runs set aside, then
    :func:`newsweave.text.normalise`). Articles that are versions of one story count once, so a story
    updated three times does not turn its own sentences into furniture.
    """
    if min_repeats < 1:
        raise ValueError("min_repeats must be at least 1")
    docs: list[set[str]] = []
    where: dict[str, list[int]] = defaultdict(list)
    for text in texts:
        keys = line_keys(text)
        for k in keys:
            where[k].append(len(docs))
        docs.append(keys)
    candidates = {k for k, idx in where.items() if len(idx) >= min_repeats and not is_sentence(k)}
    if not candidates:
        return frozenset()
    out = set()
    for key in candidates:
        stories: list[set[str]] = []
        for i in where[key]:
            if all(_jaccard(docs[i], other) < _SAME_STORY for other in stories):
                stories.append(docs[i])
                if len(stories) >= min_repeats:
                    out.add(key)
                    break
    return frozenset(out)
