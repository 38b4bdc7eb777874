"""Assemble one :class:`EventRecord` from an event and its articles.

Every field is extracted per article and combined across *independent sources*: members of one copy group
(wire copy) vote once -- for the type through the group's first article; for the date through its first dated
member; for the place with what all its members say, pooled. Passage roles gate what may become an event field:
dates, places, claims and quotes from background or commentary sentences are dropped (places are kept but
demoted to ``mentioned``), and the type and actors read reporting (and quote) sentences only.

The date/place/entity/quote/claim extractors belong to sibling modules that evolve independently; they are
imported lazily and each call is guarded, so one failing extractor or article costs that field, not the record.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import logging
from collections import Counter
from typing import Any, Callable, Mapping, Sequence

from ..models import Article, Claim, Entity, Event, EventDate, EventRecord, Evidence, Passage, Place, Quote, Segment
from .actors import event_actors
from .passages import passage_roles
from .types import classify_article_event

__all__ = ["build_record", "independent_articles", "reporting_view"]

log = logging.getLogger("newsweave")
Say = Callable[[str], None]

# Roles whose sentences may carry an event field.
_EVENT_ROLES = ("reporting", "quote")


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    """A sibling extractor if it exists (modules are written in parallel; a missing one costs one field)."""
    try:
        return getattr(importlib.import_module(f"newsweave.extract.{module}"), name)
    except (ImportError, AttributeError):
        return None


def _guard(say: Say, what: str, fn: Callable[..., Any], *args: Any, default: Any = None, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - one bad article or extractor must not stop the record
        say(f"extract: {what} failed: {type(exc).__name__}: {exc}")
        return default


def independent_articles(articles: Sequence[Article], copy_group_of: Mapping[str, str]) -> list[Article]:
    """One article per copy group (the first, in the given order), plus every article with no copies."""
    seen: set[str] = set()
    out = []
    for a in articles:
        group = copy_group_of.get(a.id, a.id)
        if group not in seen:
            seen.add(group)
            out.append(a)
    return out


def reporting_view(article: Article, passages: Sequence[Passage]) -> Article:
    """The article with its body reduced to reporting and quote sentences (offsets still index ``raw_text``),
    for extractors that read every body sentence."""
    segs = tuple(Segment(p.start, p.end, "body") for p in passages if p.role in _EVENT_ROLES)
    title = tuple(s for s in article.segments if s.kind == "title")
    return dataclasses.replace(article, segments=tuple(sorted(title + segs, key=lambda s: s.start)))


def _role_at(passages: Sequence[Passage], start: int) -> str | None:
    for p in passages:
        if p.start <= start < p.end:
            return p.role
    return None


def _in_event_passage(ev: Evidence | None, passages: Sequence[Passage]) -> bool:
    """Is the evidence in a reporting/quote sentence? Spans outside every passage (the title) count as
    reporting: a headline states the event."""
    if ev is None:
        return True
    role = _role_at(passages, ev.sentence_start if ev.sentence_start >= 0 else ev.start)
    return role is None or role in _EVENT_ROLES


def _entities(articles: Sequence[Article], say: Say) -> tuple[list[Entity], Callable[[str], str | None] | None]:
    find_mentions = _optional("entities", "find_mentions")
    merge = _optional("entities", "merge_entities")
    if find_mentions is None or merge is None:
        return [], None
    mentions = {a.id: _guard(say, f"mentions of {a.id}", find_mentions, a, default=[]) for a in articles}
    merged = _guard(say, "merging entities", merge, mentions, default=([], {}))
    entities = list(merged[0]) if merged else []
    make_resolver = _optional("entities", "make_resolver")
    resolve = _guard(say, "entity resolver", make_resolver, entities) if make_resolver and entities else None
    return entities, resolve


def _event_type(
    sources: Sequence[Article], passages: Mapping[str, list[Passage]], say: Say
) -> tuple[str | None, str | None, Evidence | None]:
    votes: Counter[tuple[str, str]] = Counter()
    evidence: dict[tuple[str, str], Evidence | None] = {}
    for a in sources:
        got = _guard(say, f"event type of {a.id}", classify_article_event, a, passages[a.id])
        if got and got[1]:
            key = (got[0], got[1])
            votes[key] += 1
            if evidence.get(key) is None:
                evidence[key] = got[2]
    if not votes:
        return None, None, None
    best = max(votes, key=lambda k: votes[k])  # ties: the first source's type (max keeps the first maximum)
    return best[0], best[1], evidence.get(best)


def _groups(articles: Sequence[Article], copy_group_of: Mapping[str, str]) -> list[list[Article]]:
    """The articles by independent source: each copy group's members together (event order), every other
    article alone."""
    groups: dict[str, list[Article]] = {}
    for a in articles:
        groups.setdefault(copy_group_of.get(a.id, a.id), []).append(a)
    return list(groups.values())


def _date(groups: Sequence[Sequence[Article]], passages: Mapping[str, list[Passage]], say: Say) -> EventDate | None:
    per_article = _optional("dates", "article_event_date")
    combine = _optional("dates", "event_date")
    if per_article is None:
        return None
    found = []
    for members in groups:
        # One vote per source; a copy that kept the dateline (or was published with a date) speaks for the
        # undated member it copies.
        for a in members:
            d = _guard(say, f"date of {a.id}", per_article, reporting_view(a, passages[a.id]), a.published)
            if d is not None and d.value:
                found.append(d)
                break
    if not found:
        return None
    if combine is None:
        return found[0]
    return _guard(say, "combining dates", combine, found)


def _places(
    groups: Sequence[Sequence[Article]], passages: Mapping[str, list[Passage]], say: Say
) -> tuple[Place | None, tuple[Place, ...]]:
    find_places = _optional("places", "find_places")
    if find_places is None:
        return None, ()
    all_places: list[Place] = []
    per_source: list[list[Place]] = []
    for members in groups:
        pooled: list[Place] = []
        for a in members:
            found = _guard(say, f"places of {a.id}", find_places, a, default=[]) or []
            kept = [
                p if p.role != "event" or _in_event_passage(p.evidence, passages[a.id]) else dataclasses.replace(p, role="mentioned")
                for p in found
            ]
            all_places.extend(kept)
            # a copy group is one source: what any copy places the event at is that source's word
            pooled.extend(kept)
        per_source.append(pooled)
    locate = _optional("places", "event_location")
    location = _guard(say, "event location", locate, per_source) if locate else None
    return location, tuple(all_places)


def _quotes_and_claims(
    articles: Sequence[Article], passages: Mapping[str, list[Passage]], resolve: Callable[[str], str | None] | None,
    say: Say,
) -> tuple[tuple[Quote, ...], tuple[Claim, ...]]:
    find_quotes = _optional("quotes", "find_quotes")
    is_speech = _optional("quotes", "is_speech") or (lambda q: True)
    find_claims = _optional("claims", "find_claims")
    quotes: list[Quote] = []
    claims: list[Claim] = []
    for a in articles:
        ps = passages[a.id]
        if find_quotes is not None:
            got = _guard(say, f"quotes of {a.id}", _call_with_resolver, find_quotes, a, resolve, default=[]) or []
            quotes.extend(q for q in got if is_speech(q) and _in_event_passage(q.evidence, ps))
        if find_claims is not None:
            got = _guard(say, f"claims of {a.id}", _call_with_resolver, find_claims, a, resolve, default=[]) or []
            claims.extend(c for c in got if _in_event_passage(c.evidence, ps))
    return tuple(quotes), tuple(claims)


def _call_with_resolver(fn: Callable[..., Any], article: Article, resolve: Callable[[str], str | None] | None) -> Any:
    if resolve is not None and len(inspect.signature(fn).parameters) >= 2:
        return fn(article, resolve)
    return fn(article)


def build_record(
    event: Event, articles: Sequence[Article], copy_group_of: Mapping[str, str], *, say: Say | None = None
) -> EventRecord:
    """The record of ``event`` from its ``articles`` (any order; the event's article order is used)."""
    say = say or log.warning
    order = {aid: i for i, aid in enumerate(event.article_ids)}
    articles = sorted((a for a in articles if a.id in order), key=lambda a: order[a.id])
    passages: dict[str, list[Passage]] = {
        a.id: _guard(say, f"passages of {a.id}", passage_roles, a, default=[]) or [] for a in articles
    }
    sources = independent_articles(articles, copy_group_of)

    event_type, sub_type, type_ev = _event_type(sources, passages, say)
    entities, resolve = _entities(articles, say)
    actors = _guard(
        # All articles, not one per copy group: a rewritten wire copy may add the one sentence naming a group.
        say, "actors", event_actors, [(a, p) for a in articles for p in passages[a.id]], entities,
        default=(None, None, (), ()),
    )
    groups = _groups(articles, copy_group_of)
    date = _date(groups, passages, say)
    location, places = _places(groups, passages, say)
    quotes, claims = _quotes_and_claims(articles, passages, resolve, say)
    return EventRecord(
        event_id=event.id,
        event_type=event_type,
        sub_event_type=sub_type,
        type_evidence=type_ev,
        actor1=actors[0],
        actor2=actors[1],
        assoc_actors=tuple(actors[2]),
        actor_evidence=tuple(actors[3]),
        date=date,
        location=location,
        places=places,
        claims=claims,
        quotes=quotes,
        entities=tuple(entities),
        passages=tuple(p for a in articles for p in passages[a.id]),
    )
