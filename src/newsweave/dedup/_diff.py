"""Sentence-level diff of a copy against its canonical article: what the copying outlet added, cut, changed.

difflib would align sentences in order only; outlets that rewrite wire copy move paragraphs around (seed 002
puts the statement before the background that 001 leads with), so sentences are paired by similarity
regardless of position: identical sentences first, then the most similar remaining pairs (rapidfuzz ratio on
normalised text), each sentence used at most once.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from ..models import CopyDiff
from ..text import normalise, split_sentences

__all__ = ["sentence_diff", "DEFAULT_SENTENCE_MATCH"]

# Kept in step with Settings.copy_sentence_match (see settings.py for the calibration); here so the helper
# can be called without building Settings.
DEFAULT_SENTENCE_MATCH = 60.0


def _sentences(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def sentence_diff(
    canonical_text: str,
    copy_text: str,
    article_id: str = "",
    *,
    match: float = DEFAULT_SENTENCE_MATCH,
) -> CopyDiff:
    """Align the sentences of ``copy_text`` to ``canonical_text``.

    Pairs scoring at least ``match`` (rapidfuzz ratio, 0-100, on normalised sentences) are the same sentence,
    reported under ``changed`` unless identical after normalisation; canonical sentences left unpaired were
    ``cut``, copy sentences left unpaired were ``added``. Output keeps each text's sentence order.
    """
    canon = _sentences(canonical_text)
    copy = _sentences(copy_text)
    canon_norm = [normalise(s) for s in canon]
    copy_norm = [normalise(s) for s in copy]

    pair_of_canon: dict[int, int] = {}
    paired_copy: set[int] = set()

    # Identical sentences pair first, in order, so a repeated sentence pairs with its own occurrence.
    free_copy: dict[str, list[int]] = {}
    for j, s in enumerate(copy_norm):
        free_copy.setdefault(s, []).append(j)
    for i, s in enumerate(canon_norm):
        slots = free_copy.get(s)
        if slots:
            j = slots.pop(0)
            pair_of_canon[i] = j
            paired_copy.add(j)

    rest_i = [i for i in range(len(canon)) if i not in pair_of_canon]
    rest_j = [j for j in range(len(copy)) if j not in paired_copy]
    if rest_i and rest_j:
        scores = process.cdist(
            [canon_norm[i] for i in rest_i], [copy_norm[j] for j in rest_j], scorer=fuzz.ratio, score_cutoff=match
        )
        ranked = sorted(
            (-float(scores[a, b]), rest_i[a], rest_j[b])
            for a in range(len(rest_i))
            for b in range(len(rest_j))
            if scores[a, b] >= match
        )
        for _, i, j in ranked:  # best pairs first; ties broken by position, so the result is deterministic
            if i in pair_of_canon or j in paired_copy:
                continue
            pair_of_canon[i] = j
            paired_copy.add(j)

    changed = tuple(
        (canon[i], copy[j])
        for i, j in sorted(pair_of_canon.items())
        if canon_norm[i] != copy_norm[j]
    )
    cut = tuple(canon[i] for i in range(len(canon)) if i not in pair_of_canon)
    added = tuple(copy[j] for j in range(len(copy)) if j not in paired_copy)
    return CopyDiff(article_id=article_id, added=added, cut=cut, changed=changed)
