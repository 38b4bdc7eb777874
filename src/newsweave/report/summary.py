"""Extractive event summaries: source sentences only, each with its citations.

Nothing here writes prose. A summary sentence is a reporting sentence copied verbatim from one article
(``raw_text[start:end]``), ranked by how many independent sources carry a sentence saying the same thing; the
other sources' matching sentences are cited beside it. Similarity is content-word Jaccard: it is transparent
(an analyst can check why two sentences were matched) and the audit can recompute it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ..models import Article, EventRecord, Passage
from ..text import split_sentences, tokens

__all__ = ["summary_sentences", "similarity", "SIMILAR", "candidate_sentences"]

# Two sentences "say the same thing" at this share of shared content words. On wire copies reworded by two
# outlets the lead sentences share 0.6-0.8; sentences on different sub-topics of one event stay under 0.35.
SIMILAR = 0.5
_MIN_WORDS, _MAX_WORDS = 6, 80
_STOP = frozenset(
    "a an the and or but of in on at to for from by with as that this these those is are was were be been has "
    "have had it its their his her they he she we you i not no said says say will would could should may "
    "also than then there which who whom what when where while after before about into over under more most "
    "such some any all other".split()
)
NOT_REPORTING = ("background", "commentary")


def _content(text: str) -> frozenset[str]:
    return frozenset(t for t in tokens(text) if t not in _STOP and len(t) > 1)


def similarity(a: str, b: str) -> float:
    ca, cb = _content(a), _content(b)
    if not ca or not cb:
        return 0.0
    return len(ca & cb) / len(ca | cb)


@dataclass(frozen=True, slots=True)
class _Cand:
    article_id: str
    outlet: str | None
    source: str
    start: int
    end: int
    text: str
    position: int
    words: frozenset[str]


def _roles_over(passages: list[Passage], start: int, end: int) -> set[str]:
    return {p.role for p in passages if p.start < end and start < p.end}


def candidate_sentences(
    rec: EventRecord | None, articles: Mapping[str, Article], group_of: Mapping[str, str] | None = None
) -> list[_Cand]:
    """Reporting sentences of the event's articles: body text, not inside a background or commentary passage,
    and -- where extraction labelled the article's passages -- overlapping a reporting passage."""
    group_of = group_of or {}
    out: list[_Cand] = []
    passages = list(rec.passages) if rec else []
    for aid, art in articles.items():
        mine = [p for p in passages if p.article_id == aid]
        labelled = any(p.role == "reporting" for p in mine)
        pos = 0
        for seg in art.segments_of("body"):
            for s in split_sentences(art.raw_text, seg.start, seg.end):
                roles = _roles_over(mine, s.start, s.end)
                if roles & set(NOT_REPORTING):
                    continue
                if labelled and "reporting" not in roles:
                    continue
                n = len(tokens(s.text))
                if not (_MIN_WORDS <= n <= _MAX_WORDS):
                    continue
                out.append(
                    _Cand(aid, art.outlet, group_of.get(aid, aid), s.start, s.end, s.text, pos, _content(s.text))
                )
                pos += 1
    return out


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _cite(c: _Cand, match: str, score: float | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {
        "outlet": c.outlet,
        "article_id": c.article_id,
        "start": c.start,
        "end": c.end,
        "match": match,
    }
    if match != "exact":
        d["text"] = c.text
        d["similarity"] = round(score or 0.0, 3)
    return d


def summary_sentences(
    rec: EventRecord | None,
    comparison: Mapping[str, Any] | None,
    articles: Mapping[str, Article],
    limit: int = 4,
    group_of: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Up to ``limit`` source sentences that best summarise the event, most corroborated first.

    Each item: ``text`` (verbatim ``raw_text[start:end]`` of the first citation), ``citations`` (the sentence
    itself with ``match="exact"``, then matching sentences elsewhere: ``"copy"`` in the same copy group,
    ``"similar"`` in an independent source) and ``corroborated_by`` (independent sources saying it).
    """
    if group_of is None and comparison:
        group_of = {a: s["source"] for s in comparison.get("sources", []) for a in s.get("article_ids", [])}
    cands = candidate_sentences(rec, articles, group_of)
    evidence_spans = _value_spans(comparison)
    scored = []
    for c in cands:
        matches: dict[str, tuple[float, _Cand]] = {}
        for o in cands:
            if o.article_id == c.article_id:
                continue
            sim = _jaccard(c.words, o.words)
            if sim >= SIMILAR and (o.article_id not in matches or sim > matches[o.article_id][0]):
                matches[o.article_id] = (sim, o)
        independent = {o.source for _, o in matches.values() if o.source != c.source}
        carries_value = any(aid == c.article_id and c.start <= s and e <= c.end for aid, s, e in evidence_spans)
        # Corroboration dominates; a sentence carrying a compared value (a casualty figure, a place) beats a
        # bare one; earlier sentences (news leads) break ties.
        score = 3.0 * len(independent) + (1.0 if carries_value else 0.0) + 1.0 / (1 + c.position)
        scored.append((score, c, matches, independent))
    scored.sort(key=lambda t: (-t[0], t[1].article_id, t[1].start))
    chosen: list[dict[str, Any]] = []
    taken: list[_Cand] = []
    for score, c, matches, independent in scored:
        if len(chosen) >= limit:
            break
        if any(_jaccard(c.words, t.words) >= SIMILAR or (t.article_id, t.start) == (c.article_id, c.start) for t in taken):
            continue
        taken.append(c)
        taken.extend(o for _, o in matches.values())
        cites = [_cite(c, "exact")]
        for sim, o in sorted(matches.values(), key=lambda m: (-m[0], m[1].article_id)):
            cites.append(_cite(o, "copy" if o.source == c.source else "similar", sim))
        chosen.append(
            {
                "text": c.text,
                "article_id": c.article_id,
                "start": c.start,
                "end": c.end,
                "citations": cites,
                "corroborated_by": len(independent) + 1,
            }
        )
    return chosen


def _value_spans(comparison: Mapping[str, Any] | None) -> list[tuple[str, int, int]]:
    spans = []
    for slot in (comparison or {}).get("slots", {}).values():
        for v in slot.get("values", []):
            for c in v.get("claims", []):
                ev = c.get("evidence")
                if ev:
                    spans.append((ev["article_id"], ev["start"], ev["end"]))
    return spans
