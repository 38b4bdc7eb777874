"""Cross-source comparison of one event, slot by slot.

Disagreement is data: nothing here merges values silently. Each slot's observations are grouped by value;
a value backed by two or more *independent* sources (copy groups count once) is an agreement, a value from one
source is unique, and a slot where different sources (or different claimants quoted by one source) report
different values is a conflict with every claim laid side by side.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Mapping

from ..models import Article, Claim, EventRecord
from ._observe import NUMERIC_SLOTS, Observation, as_article_map, claim_label, observations, source_of

__all__ = ["compare_event", "claim_fields", "fatalities", "SLOT_ORDER"]

SLOT_ORDER: tuple[str, ...] = (*NUMERIC_SLOTS, "places", "date", "actors", "blame")

# Slots whose differing values are contradictions. Places and actors are not: one source naming "Syria" and
# another "Abu Kamal" are nested, not opposed, and naming more actors is not disputing the others.
CONFLICT_SLOTS: frozenset[str] = frozenset((*NUMERIC_SLOTS, "date"))


def _slot_rank(slot: str) -> tuple[int, str]:
    return (SLOT_ORDER.index(slot), "") if slot in SLOT_ORDER else (len(SLOT_ORDER), slot)


def _value_entry(key: str, obs: list[Observation]) -> dict[str, Any]:
    sources = sorted({o.source for o in obs})
    return {
        "key": key,
        "value": obs[0].label,
        "kind": obs[0].kind,
        "sources": sources,
        "n_sources": len(sources),
        "outlets": sorted({o.outlet for o in obs if o.outlet}),
        "article_ids": sorted({o.article_id for o in obs}),
        "claimants": sorted({o.claimant for o in obs if o.claimant}),
        "claims": [o.as_dict() for o in obs],
    }


def _compare_slot(slot: str, obs: list[Observation]) -> dict[str, Any]:
    by_key: dict[str, list[Observation]] = defaultdict(list)
    for o in obs:
        by_key[o.key].append(o)
    values = [_value_entry(k, v) for k, v in by_key.items()]
    # Most-corroborated first, then numerically/alphabetically for a stable order.
    values.sort(key=lambda v: (-v["n_sources"], v["key"]))
    # A conflict needs two *stances* (numbers or "none reported"); "not stated" contradicts nothing, but it is
    # shown alongside so a reader sees who stayed silent.
    stances = {o.key for o in obs if o.kind != "unknown"}
    voices = {(o.source, o.claimant) for o in obs if o.kind != "unknown"}
    conflict = slot in CONFLICT_SLOTS and len(stances) >= 2 and len(voices) >= 2
    return {"slot": slot, "values": values, "conflict": conflict, "sources": sorted({o.source for o in obs})}


def claim_fields(c: Claim, copy_group_of: Mapping[str, str]) -> dict[str, Any]:
    """A claim as a flat row: the figure, its bounds and stance, who claims it and which source it is."""
    return {
        "value": claim_label(c),
        "low": c.low,
        "high": c.high,
        "negated": c.negated,
        "unknown": c.unknown,
        "claimant": c.claimant,
        "subject": c.subject,
        "outlet": c.evidence.outlet,
        "article_id": c.evidence.article_id,
        "source": source_of(c.evidence.article_id, copy_group_of),
    }


def fatalities(claims: Iterable[Claim], copy_group_of: Mapping[str, str], excluded: Iterable[Claim] = ()) -> dict[str, Any]:
    """Low/best/high and the conservative fatality figure of an event, with the dispute beside it.

    Rule (ACLED codebook practice): when reports differ, ACLED codes the most conservative figure, i.e. the
    lowest credible reported number of deaths, and records the disagreement in the notes. Here a figure is
    credible when it is a number reported for this event (not a negation such as "no immediate reports of
    casualties", not "did not say", not inside a background recap or commentary); ``conservative`` is the
    lowest such figure's lower bound. ``best`` is the figure backed by the most independent sources (ties go to
    the lower figure), ``low``/``high`` the full reported range. With no credible figure all four are None and
    the stances (negations, silences) are still listed.
    """
    skip = {id(c) for c in excluded}
    killed = [c for c in claims if c.slot == "killed"]
    counted = [
        c for c in killed
        if id(c) not in skip and not c.negated and not c.unknown and (c.low is not None or c.high is not None)
    ]
    dispute = [
        claim_fields(c, copy_group_of) | {"evidence": c.evidence.as_dict(), "counted": any(c is k for k in counted)}
        for c in killed
    ]
    if not counted:
        disputed = len({d["value"] for d in dispute}) > 1
        return {"low": None, "best": None, "high": None, "conservative": None, "disputed": disputed,
                "dispute": dispute, "rule": _RULE}
    lows = [c.low if c.low is not None else c.high for c in counted]
    highs = [c.high if c.high is not None else c.low for c in counted]
    support: dict[int, set[str]] = defaultdict(set)
    for c, f in zip(counted, lows):
        support[f].add(source_of(c.evidence.article_id, copy_group_of))  # type: ignore[index]
    best = min(support, key=lambda f: (-len(support[f]), f))
    distinct = {d["value"] for d in dispute}
    return {
        "low": min(lows),  # type: ignore[type-var]
        "best": best,
        "high": max(highs),  # type: ignore[type-var]
        "conservative": min(lows),  # type: ignore[type-var]
        "disputed": len(distinct) > 1,
        "dispute": dispute,
        "rule": _RULE,
    }


_RULE = "conservative = lowest credible reported figure (ACLED practice); disagreement listed in dispute"


def compare_event(
    record: EventRecord,
    articles: Iterable[Article] | Mapping[str, Article],
    copy_group_of: Mapping[str, str],
) -> dict[str, Any]:
    """Compare what the event's articles (``articles``) say about ``record``, slot by slot.

    Returns a JSON-ready dict: ``sources`` (independent sources and their articles), ``slots`` (every value
    with its claims), ``agreements``, ``conflicts``, ``unique``, ``omissions`` and ``fatalities``.
    """
    arts = as_article_map(articles)
    obs, ids = observations(record, arts, copy_group_of)
    group_members: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        group_members[source_of(aid, copy_group_of)].append(aid)
    sources = [
        {
            "source": s,
            "article_ids": members,
            "outlets": sorted({arts[a].outlet for a in members if arts[a].outlet}),
            "copy_group": s if s in set(copy_group_of.values()) else None,
        }
        for s, members in sorted(group_members.items())
    ]
    counted = [o for o in obs if not o.background]
    by_slot: dict[str, list[Observation]] = defaultdict(list)
    for o in counted:
        by_slot[o.slot].append(o)
    slots = {slot: _compare_slot(slot, by_slot[slot]) for slot in sorted(by_slot, key=_slot_rank)}

    agreements: list[dict[str, Any]] = []
    unique: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for slot, cmp in slots.items():
        for v in cmp["values"]:
            if v["kind"] == "unknown":
                continue
            entry = {"slot": slot, **v}
            (agreements if v["n_sources"] >= 2 else unique).append(entry)
        if cmp["conflict"]:
            conflicts.append(
                {
                    "slot": slot,
                    "values": [v["value"] for v in cmp["values"]],
                    # Each source's value side by side, with claimant and span: the conflict table's rows.
                    "claims": [c for v in cmp["values"] for c in v["claims"]],
                }
            )

    omissions = _omissions(slots, [s["source"] for s in sources], group_members, arts)
    background = [o.as_dict() for o in obs if o.background]
    excluded = [c for c in record.claims if _is_background(c, obs)]
    return {
        "event_id": record.event_id,
        "sources": sources,
        "n_sources": len(sources),
        "slots": slots,
        "agreements": agreements,
        "conflicts": conflicts,
        "unique": unique,
        "omissions": omissions,
        "background": background,
        "fatalities": fatalities(record.claims, copy_group_of, excluded),
    }


def _is_background(c: Claim, obs: list[Observation]) -> bool:
    return any(o.background and o.evidence is c.evidence for o in obs)


def _omissions(
    slots: Mapping[str, Mapping[str, Any]],
    all_sources: list[str],
    members: Mapping[str, list[str]],
    arts: Mapping[str, Article],
) -> list[dict[str, Any]]:
    """What a source leaves out that most sources report: a slot reported by a strict majority of independent
    sources (and at least two) is an omission for each source that says nothing on it."""
    out: list[dict[str, Any]] = []
    n = len(all_sources)
    if n < 3:
        # With two sources "most others" is one source: every unique value would be an omission of the other.
        return out
    for slot, cmp in slots.items():
        if slot == "date":
            continue  # one record-level date, not a per-source field
        reporting = set(cmp["sources"])
        if len(reporting) < 2 or len(reporting) * 2 <= n:
            continue
        top = cmp["values"][0] if cmp["values"] else None
        for s in all_sources:
            if s in reporting:
                continue
            out.append(
                {
                    "slot": slot,
                    "source": s,
                    "article_ids": list(members[s]),
                    "outlets": sorted({arts[a].outlet for a in members[s] if arts[a].outlet}),
                    "reported_by": sorted(reporting),
                    "n_reporting": len(reporting),
                    "n_sources": n,
                    "most_reported": top["value"] if top else None,
                }
            )
    return out
