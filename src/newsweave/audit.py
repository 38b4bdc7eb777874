"""Grounding audit: is every generated sentence and every extracted value supported by the span it cites?

Checks, for every evidence span in records and comparisons and every briefing summary sentence:

- the cited article exists and ``0 <= start <= end <= len(raw_text)``;
- ``raw_text[start:end]`` equals the stored text (and the stored sentence equals its own span and holds the
  value's span);
- the value reads in its span: a place's name, a quote's content, a speaker's or claimant's name;
- a summary sentence is ``raw_text[start:end]`` of its exact citation, and each corroborating citation is a
  sentence that really says the same thing (the summary's own similarity rule, recomputed).

:func:`audit` returns the unsupported items; an empty list means the store is clean.
"""

from __future__ import annotations

import re

from typing import Any, Iterator, Mapping

from rapidfuzz import fuzz

from .models import Article, Evidence, EventRecord
from .text import normalise, tokens

__all__ = ["audit", "check_span"]

# A surface "reads in" its span at this partial-ratio: transliterations (Kata'ib / Kataib) and quote marks
# trimmed by the quote extractor differ by a character or two, a wrong span shares almost nothing.
_SURFACE_MATCH = 85


class _Articles:
    """Article cache: audits touch each article many times."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._cache: dict[str, Article | None] = {}

    def get(self, aid: str) -> Article | None:
        if aid not in self._cache:
            found = list(self.store.articles([aid]))
            self._cache[aid] = found[0] if found else None
        return self._cache[aid]


def check_span(art: Article | None, ev: Mapping[str, Any]) -> str | None:
    """Why the evidence dict ``ev`` is not supported by ``art`` (None when it is)."""
    if art is None:
        return f"article {ev.get('article_id')!r} does not exist"
    raw = art.raw_text
    start, end = ev.get("start"), ev.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not (0 <= start <= end <= len(raw)):
        return f"span {start}-{end} out of bounds (article has {len(raw)} characters)"
    if "text" in ev and ev["text"] is not None and raw[start:end] != ev["text"]:
        return f"cited span reads {raw[start:end][:80]!r}, stored text is {str(ev['text'])[:80]!r}"
    sentence = ev.get("sentence") or ""
    s0, s1 = ev.get("sentence_start", -1), ev.get("sentence_end", -1)
    if sentence and isinstance(s0, int) and s0 >= 0:
        if not (0 <= s0 <= s1 <= len(raw)) or raw[s0:s1] != sentence:
            return f"sentence span {s0}-{s1} does not hold the stored sentence"
        if not (s0 <= start and end <= s1):
            return f"value span {start}-{end} lies outside its sentence {s0}-{s1}"
    elif sentence and ev.get("text") and ev["text"] not in sentence:
        return "stored sentence does not contain the value's text"
    return None


# A quote's content joins its quoted parts ('"A," she said. "B."' -> '"A," "B."'); each part must read.
_QUOTED_PARTS = re.compile(r"(?<=[\"”])\s+(?=[\"“])")


def _reads_in(surface: str | None, text: str) -> bool:
    if not surface:
        return True
    parts = _QUOTED_PARTS.split(surface)
    if len(parts) > 1:
        return all(_reads_one(p, text) for p in parts)
    return _reads_one(surface, text)


def _reads_one(surface: str, text: str) -> bool:
    a, b = normalise(surface), normalise(text)
    if not a or a in b or (b and b in a):
        return True
    return fuzz.partial_ratio(a, b) >= _SURFACE_MATCH


_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})


def _names_overlap(name: str | None, text: str, before: str = "") -> bool:
    """Speakers and claimants are resolved names ("Lloyd Austin" for "Mr Austin"): one shared word suffices.
    A pronoun is supported when the name it was resolved to stands earlier in the same article (``before``):
    the coreference is then checkable by a reader, which is what the audit is for."""
    if not name:
        return True
    if set(tokens(name)) & set(tokens(text)) or _reads_in(name, text):
        return True
    return normalise(text) in _PRONOUNS and bool(set(tokens(name)) & set(tokens(before)))


def _record_items(rec: EventRecord) -> Iterator[tuple[str, Evidence, str | None, str]]:
    """(field, evidence, surface that must read in it, how to compare)."""
    if rec.type_evidence:
        yield "type_evidence", rec.type_evidence, None, ""
    for i, e in enumerate(rec.actor_evidence):
        yield f"actor_evidence[{i}]", e, None, ""
    if rec.date and rec.date.evidence:
        yield "date.evidence", rec.date.evidence, None, ""
    if rec.location and rec.location.evidence:
        yield "location.evidence", rec.location.evidence, rec.location.name, "surface"
    for i, p in enumerate(rec.places):
        if p.evidence:
            yield f"places[{i}].evidence", p.evidence, p.name, "surface"
    for i, c in enumerate(rec.claims):
        yield f"claims[{i}].evidence", c.evidence, None, ""
        if c.claimant_evidence:
            yield f"claims[{i}].claimant_evidence", c.claimant_evidence, c.claimant, "name"
    for i, ent in enumerate(rec.entities):
        for j, e in enumerate(ent.evidence):
            yield f"entities[{i}].evidence[{j}]", e, e.text if e.text in ent.aliases else ent.name, "surface"
    for i, q in enumerate(rec.quotes):
        yield f"quotes[{i}].evidence", q.evidence, q.content, "surface"
        if q.speaker_evidence:
            yield f"quotes[{i}].speaker_evidence", q.speaker_evidence, q.speaker, "name"
        cue_ev = getattr(q, "cue_evidence", None)
        if cue_ev:
            yield f"quotes[{i}].cue_evidence", cue_ev, q.cue, "surface"


def _walk_evidence(node: Any, path: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every evidence-shaped dict inside a comparison (anything with article_id, start, end and text)."""
    if isinstance(node, Mapping):
        if {"article_id", "start", "end", "text"} <= node.keys() and isinstance(node.get("start"), int):
            yield path, node
            return
        for k, v in node.items():
            yield from _walk_evidence(v, f"{path}.{k}" if path else str(k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_evidence(v, f"{path}[{i}]")


def _item(kind: str, event_id: str, field: str, ev: Mapping[str, Any], reason: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "event_id": event_id,
        "field": field,
        "article_id": ev.get("article_id"),
        "start": ev.get("start"),
        "end": ev.get("end"),
        "reason": reason,
    }


def audit(store: Any) -> list[dict[str, Any]]:
    """The unsupported items of the store's records, comparisons and briefing summaries (empty = clean)."""
    from .report.summary import SIMILAR, similarity, summary_sentences

    arts = _Articles(store)
    bad: list[dict[str, Any]] = []
    records = {r.event_id: r for r in store.records()}

    for rec in records.values():
        for field, ev, surface, how in _record_items(rec):
            d = ev.as_dict()
            reason = check_span(arts.get(ev.article_id), d)
            if reason is None and surface is not None:
                if how == "surface":
                    ok = _reads_in(surface, ev.text) or _reads_in(surface, ev.sentence)
                else:
                    art = arts.get(ev.article_id)
                    ok = _names_overlap(surface, ev.text, art.raw_text[: ev.start] if art else "")
                if not ok:
                    reason = f"{surface[:60]!r} does not read in the cited span {ev.text[:60]!r}"
            if reason:
                bad.append(_item("record", rec.event_id, field, d, reason))

    for e in store.events():
        cmp = store.comparison(e.id)
        if cmp:
            for path, d in _walk_evidence(cmp, ""):
                reason = check_span(arts.get(d["article_id"]), d)
                if reason:
                    bad.append(_item("comparison", e.id, path, d, reason))
        event_arts = {a.id: a for a in store.articles(list(e.article_ids))}
        for i, s in enumerate(summary_sentences(records.get(e.id), cmp, event_arts)):
            for j, c in enumerate(s["citations"]):
                field = f"summary[{i}].citations[{j}]"
                reason = check_span(arts.get(c["article_id"]), {k: c[k] for k in ("article_id", "start", "end")})
                if reason is None:
                    cited = arts.get(c["article_id"]).raw_text[c["start"] : c["end"]]  # type: ignore[union-attr]
                    if c["match"] == "exact" and cited != s["text"]:
                        reason = "summary sentence differs from the span it cites"
                    elif c["match"] != "exact" and similarity(cited, s["text"]) < SIMILAR:
                        reason = "corroborating citation does not say the same thing"
                if reason:
                    bad.append(_item("summary", e.id, field, c, reason))
    return bad
