"""Turn an :class:`EventRecord` into per-source observations: one value, one source, one span.

Every comparison starts here. An observation says "source S (an independent source: a copy group, or the
article itself when it has no copies) reports value V for slot X, claimed by C, in this span". The comparison
functions in :mod:`._compare` then only count and group observations, so the rule for independence lives in
one place (:func:`source_of`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..models import Article, Claim, Evidence, EventRecord, Passage, Place
from ..text import normalise, split_sentences

__all__ = [
    "NUMERIC_SLOTS",
    "Observation",
    "source_of",
    "as_article_map",
    "claim_key",
    "claim_label",
    "evidence_at",
    "observations",
    "in_roles",
]

# Claim slots from models.Claim; anything else a stage invents is compared the same way.
NUMERIC_SLOTS: tuple[str, ...] = ("killed", "injured", "troops", "facilities", "attacks", "other")

# Passage roles whose spans are not reporting on this event: a figure inside them is shown but never counted
# as corroboration or as a casualty figure (a recap's death toll belongs to an earlier event).
NOT_REPORTING = ("background", "commentary")

# Cues of attribution of responsibility. Hand-written because no offline library labels blame; the list is
# short on purpose (precision over recall): a missed blame shows up as "not stated", a wrong one misleads.
_BLAME = re.compile(
    r"\b(blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)\b[^.]{0,40}\bof (?:carrying out|launching|the (?:attack|strike))|"
    r"responsible for|attribut(?:ed|es) to|carried out by|launched by|behind the)\b",
    re.IGNORECASE,
)
_DENY = re.compile(r"\b(den(?:y|ied|ies|ying)|rejected? (?:any|the) (?:involvement|claim))\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Observation:
    slot: str
    key: str  # what counts as "the same value"
    label: str  # how the value reads to an analyst
    article_id: str
    source: str
    outlet: str | None
    evidence: Evidence | None
    claimant: str | None = None
    claimant_evidence: Evidence | None = None
    kind: str = "value"  # value | negated | unknown
    background: bool = False
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "slot": self.slot,
            "value": self.label,
            "key": self.key,
            "kind": self.kind,
            "source": self.source,
            "article_id": self.article_id,
            "outlet": self.outlet,
            "claimant": self.claimant,
            "evidence": self.evidence.as_dict() if self.evidence else None,
            "claimant_evidence": self.claimant_evidence.as_dict() if self.claimant_evidence else None,
            "background": self.background,
        }
        d.update(self.extra)
        return d


def source_of(article_id: str, copy_group_of: Mapping[str, str]) -> str:
    """The independent source an article belongs to: copies of one wire story count once."""
    return copy_group_of.get(article_id, article_id)


def as_article_map(articles: Iterable[Article] | Mapping[str, Article]) -> dict[str, Article]:
    if isinstance(articles, Mapping):
        return dict(articles)
    return {a.id: a for a in articles}


def in_roles(passages: Iterable[Passage], ev: Evidence | None, roles: tuple[str, ...]) -> bool:
    """True when the evidence span sits inside a passage with one of ``roles``."""
    if ev is None:
        return False
    return any(
        p.article_id == ev.article_id and p.role in roles and p.start <= ev.start and ev.end <= p.end
        for p in passages
    )


# --- claims -----------------------------------------------------------------------------------------------


def _figure(c: Claim) -> int | None:
    return c.low if c.low is not None else c.high


def claim_key(c: Claim) -> str:
    """Claims agree when they report the same figure: "five" and "at least five" both report 5 (the
    qualifier stays on each claim); negated and unknown claims are stances, never numbers."""
    if c.negated:
        return "negated"
    if c.unknown:
        return "unknown"
    f = _figure(c)
    return f"n:{f}" if f is not None else "unknown"


def claim_label(c: Claim) -> str:
    if c.negated:
        return "none reported"
    if c.unknown:
        return "not stated"
    if c.low is not None and c.high is not None:
        return str(c.low) if c.low == c.high else f"{c.low}-{c.high}"
    if c.low is not None:
        return f"at least {c.low}"
    if c.high is not None:
        return f"up to {c.high}"
    return "not stated"


def _claim_obs(rec: EventRecord, c: Claim, group_of: Mapping[str, str]) -> Observation:
    ev = c.evidence
    return Observation(
        slot=c.slot,
        key=claim_key(c),
        label=claim_label(c),
        article_id=ev.article_id,
        source=source_of(ev.article_id, group_of),
        outlet=ev.outlet,
        evidence=ev,
        claimant=c.claimant,
        claimant_evidence=c.claimant_evidence,
        kind="negated" if c.negated else "unknown" if c.unknown else "value",
        background=in_roles(rec.passages, ev, NOT_REPORTING),
        extra={"low": c.low, "high": c.high, "subject": c.subject},
    )


# --- spans found in article text --------------------------------------------------------------------------


def evidence_at(article: Article, start: int, end: int) -> Evidence:
    """Evidence for ``raw_text[start:end]`` with the sentence that holds it."""
    raw = article.raw_text
    sent_start, sent_end = start, end
    for seg in article.segments:
        if seg.start <= start and end <= seg.end:
            for s in split_sentences(raw, seg.start, seg.end):
                if s.start <= start and end <= s.end:
                    sent_start, sent_end = s.start, s.end
                    break
            break
    return Evidence(
        article_id=article.id,
        outlet=article.outlet,
        start=start,
        end=end,
        text=raw[start:end],
        sentence=raw[sent_start:sent_end],
        sentence_start=sent_start,
        sentence_end=sent_end,
    )


def _surface_pattern(surface: str) -> re.Pattern[str]:
    # Apostrophe variants ("Kata’ib" / "Kata'ib") and runs of white space must not hide a mention.
    # and neither may a transliteration's apostrophe ("Kata’ib" for "Kataib"): one is optional after any letter.
    words = [w.replace("'", "").replace("’", "") for w in re.split(r"\s+", surface.strip()) if w]
    body = r"\s+".join("".join(re.escape(ch) + ("['’]?" if ch.isalpha() else "") for ch in w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _actor_surfaces(rec: EventRecord) -> dict[str, list[str]]:
    """Actor name -> the surfaces it may take in text (its entity's aliases when extraction merged them)."""
    names = [n for n in (rec.actor1, rec.actor2, *rec.assoc_actors) if n]
    out: dict[str, list[str]] = {}
    for name in dict.fromkeys(names):
        surfaces = {name}
        for ent in rec.entities:
            if normalise(ent.name) == normalise(name) or any(normalise(a) == normalise(name) for a in ent.aliases):
                surfaces.update([ent.name, *ent.aliases])
        out[name] = sorted((s for s in surfaces if len(s) >= 3), key=lambda s: (-len(s), s))
    return out


def _reporting_segments(article: Article):
    return [s for s in article.segments if s.kind in ("title", "body")]


def _actor_obs(rec: EventRecord, arts: Mapping[str, Article], group_of: Mapping[str, str]) -> list[Observation]:
    out: list[Observation] = []
    surfaces = _actor_surfaces(rec)
    for aid in _event_article_ids(rec, arts):
        art = arts[aid]
        for name, forms in surfaces.items():
            hit = _first_hit(art, forms, rec.passages)
            if hit is None:
                continue
            ev = evidence_at(art, *hit)
            out.append(
                Observation("actors", normalise(name), name, aid, source_of(aid, group_of), art.outlet, ev)
            )
    return out


def _first_hit(art: Article, forms: list[str], passages: tuple[Passage, ...]) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for seg in _reporting_segments(art):
        for form in forms:
            for m in _surface_pattern(form).finditer(art.raw_text, seg.start, seg.end):
                span = (m.start(), m.end())
                probe = Evidence(art.id, art.outlet, span[0], span[1], m.group(0))
                if in_roles(passages, probe, NOT_REPORTING):
                    continue
                if best is None or span < best:
                    best = span
                break
    return best


def _blame_obs(rec: EventRecord, arts: Mapping[str, Article], group_of: Mapping[str, str]) -> list[Observation]:
    """Who a source says is responsible (or who denies it): actor names inside a sentence with a blame cue."""
    surfaces = _actor_surfaces(rec)
    for ent in rec.entities:
        if ent.kind in ("org", "person") and ent.name not in surfaces:
            surfaces[ent.name] = sorted({ent.name, *ent.aliases}, key=lambda s: (-len(s), s))
    out: list[Observation] = []
    for aid in _event_article_ids(rec, arts):
        art = arts[aid]
        for seg in art.segments_of("body"):
            for sent in split_sentences(art.raw_text, seg.start, seg.end):
                probe = Evidence(aid, art.outlet, sent.start, sent.end, sent.text)
                if in_roles(rec.passages, probe, NOT_REPORTING):
                    continue
                stance = "blamed" if _BLAME.search(sent.text) else "denied" if _DENY.search(sent.text) else None
                if stance is None:
                    continue
                for name, forms in surfaces.items():
                    for form in forms:
                        m = _surface_pattern(form).search(art.raw_text, sent.start, sent.end)
                        if m:
                            out.append(
                                Observation(
                                    "blame",
                                    f"{stance}:{normalise(name)}",
                                    f"{name} ({stance})",
                                    aid,
                                    source_of(aid, group_of),
                                    art.outlet,
                                    evidence_at(art, m.start(), m.end()),
                                    extra={"stance": stance, "actor": name},
                                )
                            )
                            break
    return out


def _place_key(p: Place) -> str:
    """What makes two place mentions one value: where they resolved, not how they were written ("US", "the
    United States", "U.S."; "Iraq-Syria border region", "Iraqi-Syrian border")."""
    if p.lat is None or p.lon is None:
        return normalise(p.name)
    return f"{p.precision}@{p.lat:.3f},{p.lon:.3f}"


def _event_article_ids(rec: EventRecord, arts: Mapping[str, Article]) -> list[str]:
    """The event's articles: every article handed in (the caller passes the event's own)."""
    return list(arts)


def _all_evidence(rec: EventRecord) -> Iterable[Evidence]:
    if rec.type_evidence:
        yield rec.type_evidence
    yield from rec.actor_evidence
    if rec.date and rec.date.evidence:
        yield rec.date.evidence
    if rec.location and rec.location.evidence:
        yield rec.location.evidence
    for p in rec.places:
        if p.evidence:
            yield p.evidence
    for c in rec.claims:
        yield c.evidence
    for q in rec.quotes:
        yield q.evidence


def observations(
    rec: EventRecord,
    articles: Iterable[Article] | Mapping[str, Article],
    copy_group_of: Mapping[str, str],
    article_ids: Iterable[str] | None = None,
) -> tuple[list[Observation], list[str]]:
    """All observations of one record, and the event's article ids (ordered)."""
    arts = as_article_map(articles)
    if article_ids is not None:
        arts = {a: arts[a] for a in article_ids if a in arts}
    ids = _event_article_ids(rec, arts)
    obs: list[Observation] = [_claim_obs(rec, c, copy_group_of) for c in rec.claims]
    for p in rec.places:
        if p.evidence is None:
            continue
        ev = p.evidence
        obs.append(
            Observation(
                "places",
                _place_key(p),
                p.name,
                ev.article_id,
                source_of(ev.article_id, copy_group_of),
                ev.outlet,
                ev,
                background=in_roles(rec.passages, ev, NOT_REPORTING),
                extra={"role": p.role, "precision": p.precision, "country": p.country, "lat": p.lat, "lon": p.lon},
            )
        )
    if rec.date and rec.date.evidence and rec.date.value:
        ev = rec.date.evidence
        obs.append(
            Observation(
                "date", rec.date.value, rec.date.value, ev.article_id, source_of(ev.article_id, copy_group_of),
                ev.outlet, ev, extra={"precision": rec.date.precision},
            )
        )
    obs.extend(_actor_obs(rec, arts, copy_group_of))
    obs.extend(_blame_obs(rec, arts, copy_group_of))
    return obs, ids
