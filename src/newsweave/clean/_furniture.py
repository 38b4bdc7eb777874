"""Outlet furniture learnt article by article: :func:`repeated_lines`' rule with its evidence kept in the store.

:func:`repeated_lines` walks, for each line, the outlet's articles holding it in ingest order and keeps one per
story (an article whose line set has Jaccard >= 0.5 with a kept one is a version of that story); the line is
furniture once ``min_repeats`` are kept. Articles only ever arrive after the ones already counted, so that walk
can be carried on from where the last run left it: the store keeps, per outlet and line, the ids of the articles
kept so far (at most ``min_repeats``) and a line's furniture flag, and a run reads its new articles plus the
kept articles it compares them with -- never the outlet's whole history. The result is the same set of lines.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Iterable

from ._repeated import _SAME_STORY, _jaccard, is_sentence
from ._segment import line_keys

__all__ = ["FurnitureEvidence"]

# Line-key sets of kept articles held for comparisons: 3.2 KB each on average on gva-a (measured), so at most
# ~13 MB. A miss re-reads and re-splits one raw text: with 1,024 the 10x bench missed 18,302 times (+4 s of
# 36 s) because each copy compares with the previous copies' kept articles (2,849 of them).
_KEYS_CACHE = 4096
# Outlets whose furniture is held at once (each usually a handful of lines).
_OUTLET_CACHE = 4096


class FurnitureEvidence:
    """One clean run's view of the stored evidence (``store``: a :class:`~newsweave.store.Store`)."""

    def __init__(self, store: Any, min_repeats: int) -> None:
        if min_repeats < 1:
            raise ValueError("min_repeats must be at least 1")
        self.store = store
        self.min_repeats = min_repeats
        self._furniture: OrderedDict[str, frozenset[str]] = OrderedDict()
        self._keys: OrderedDict[str, frozenset[str]] = OrderedDict()

    def furniture(self, outlet: str | None) -> frozenset[str]:
        """The outlet's furniture lines as stored now (including what this run has added)."""
        if not outlet:
            return frozenset()
        lines = self._furniture.get(outlet)
        if lines is None:
            lines = self.store.outlet_furniture(outlet)
        self._hold(self._furniture, outlet, lines, _OUTLET_CACHE)
        return lines

    @staticmethod
    def _hold(cache: OrderedDict[str, frozenset[str]], key: str, value: frozenset[str], size: int) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > size:
            cache.popitem(last=False)

    def _kept_keys(self, ids: Iterable[str]) -> dict[str, frozenset[str]]:
        ids = list(dict.fromkeys(ids))
        missing = [i for i in ids if i not in self._keys]
        if missing:
            for doc_id, raw in self.store.document_texts(missing).items():
                self._hold(self._keys, doc_id, frozenset(line_keys(raw)), _KEYS_CACHE)
        out = {}
        for i in ids:
            keys = self._keys.get(i)
            if keys is None:  # evicted by this very batch (more kept articles than the cache holds)
                keys = frozenset(line_keys(self.store.document_texts([i]).get(i, "")))
            out[i] = keys
        return out

    def count(self, article_id: str, outlet: str, keys: frozenset[str], cleaned_with: frozenset[str]) -> None:
        """Add one article (newer than every article counted before) to its outlet's evidence.

        ``keys`` are the line keys of its raw text (:func:`line_keys`). ``cleaned_with`` is the furniture the
        article was labelled with: lines outside it are recorded as held by the article, so that it is
        relabelled if one of them becomes furniture.
        """
        lines = sorted(k for k in keys if k not in cleaned_with and not is_sentence(k))
        if not lines:
            return
        self.store.add_outlet_line_articles(outlet, lines, article_id)
        rows = self.store.outlet_lines(outlet, lines)
        kept = self._kept_keys(s for stories, furniture in rows.values() if not furniture for s in stories)
        changed = []
        grown = set()
        for line in lines:
            stories, furniture = rows.get(line, ([], False))
            if furniture:  # became furniture after this article was labelled: it is relabelled at the end
                continue
            if all(_jaccard(keys, kept[s]) < _SAME_STORY for s in stories):
                stories = [*stories, article_id]
                done = len(stories) >= self.min_repeats
                changed.append((line, stories, done))
                if done:
                    grown.add(line)
        self.store.put_outlet_lines(outlet, changed)
        if changed:  # kept for some line: later articles holding it are compared with this one
            self._hold(self._keys, article_id, keys, _KEYS_CACHE)
        if grown:
            self._hold(self._furniture, outlet, self.furniture(outlet) | grown, _OUTLET_CACHE)
