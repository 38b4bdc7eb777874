"""The events stage: assign new articles to events (incrementally), then recompute story threads.

Articles that already have an event keep it. Only the new ones are vectorised, together with the articles of
the events still open (their last article within ``event_window_days`` of the earliest new article; for
undated events, those among the most recently assigned) that the window reaches (:func:`open_history`: an
event's earlier reports are counted, not read), so a daily run costs the day's articles plus the open window,
whatever the size of the history.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import heapq
from dataclasses import replace
from typing import Any

import numpy as np

from ..models import Article, Assignment, Event
from ..pipeline import Context, Stage
from ..store.queries import independent_sources  # one definition, shared with exports and the web app
from .bridge import DAY_SLACK, JOIN_HEAD_CHARS, Bridge, aged_names, bridges, day_key_parts, day_keys
from .cluster import ClusterParams, Decision, assign
from .evidence import incident_facts, pair_adjustment, without_common
from .features import ArticleFields, article_fields
from .order import HEAD_CHARS, content_order, nearest_rows, text_rows
from .threads import update_stories
from .undated import UndatedFacts, undated_adjustment, undated_facts, without_common_numbers
from .vectors import Vectors, is_short_text_corpus, vectorise
from .years import year_adjustment

__all__ = ["run", "STAGE", "event_id", "independent_sources", "params_from"]


def event_id(founding_article: str) -> str:
    """Stable across re-runs: derived from the article that opened the event."""
    return "ev-" + hashlib.sha1(founding_article.encode("utf-8")).hexdigest()[:12]


def params_from(settings: Any, dense_columns: int = 0) -> ClusterParams:
    return ClusterParams(
        threshold=settings.event_threshold,
        window_days=settings.event_window_days,
        hub_k=settings.event_hub_k,
        chunk=settings.event_chunk,
        hub_full_terms=settings.event_hub_full_terms,
        hub_min_k=settings.event_hub_min_k,
        hub_exponent=settings.event_hub_exponent,
        dense_columns=dense_columns,
    )


def _day(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return _dt.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def _open_event_ids(
    ctx: Context, new_min_day: int | None, params: ClusterParams, touched: dict[str, int] | None = None,
) -> list[str]:
    """Events still open for the new articles (see the module docstring). Every event's end is read, a page at
    a time, but only the open ones are kept: the ``chunk`` latest of a kind in bounded heaps. Without dates,
    "latest" is by the run's own chunks first (``touched``: the last chunk, from 1, that assigned to an event;
    its articles are the content-ordered neighbours of this chunk's, events/order.py), then, for events of
    earlier runs, by ingest order: a run's own ingest order says nothing (the files' order), runs' order does."""
    touched = touched or {}
    out: list[str] = []
    undated: list[tuple[int, int, str]] = []  # (run's chunk, seq, event): the latest ``chunk``
    recent: list[tuple[int, int, str]] = []  # the same for dated events, when the new articles have no date

    def keep(heap: list[tuple[int, int, str]], item: tuple[int, int, str]) -> None:
        if len(heap) < params.chunk:
            heapq.heappush(heap, item)
        elif params.chunk > 0 and item > heap[0]:
            heapq.heapreplace(heap, item)

    for e, last, seq in ctx.store.event_ends():
        day = _day(last)
        if day is None:
            # Undated events stay open for the last ``chunk`` of them: the window counted in articles.
            keep(undated, _recency(touched, e, seq))
        elif new_min_day is not None:
            if new_min_day - day <= params.window_days:
                out.append(e)
        else:
            keep(recent, _recency(touched, e, seq))
    out += [e for _, _, e in recent] + [e for _, _, e in undated]
    return sorted(set(out))


# An event's summary (for stories) keeps its first articles' titles, leads and names up to this length: the
# founding reports say what the event is; later ones mostly repeat it.
_SUMMARY_CHARS = 800


def _summary(f: ArticleFields) -> str:
    return " ".join([f.title, f.lead[:400], " ".join(n for n in f.names if not n.startswith("#"))])


def run(ctx: Context) -> dict[str, Any]:
    store = ctx.store
    params = params_from(ctx.settings)
    # (id, published) tuples, not a dict per article: the run's new articles are held until the last chunk
    # (the whole corpus in one run: 28,490 at 10x gva-a).
    rows = store.unassigned_articles()
    stats: dict[str, Any] = {"new_articles": len(rows), "events_opened": 0, "events_extended": 0}
    # New articles go a chunk at a time in processing order, each chunk against the events then open: one
    # big ingest costs what the same articles arriving day by day would, and memory stays with the window.
    order = _processing_order(ctx, rows)
    # Embeddings by article id, when enabled: open events' articles come back in the next chunk of the run.
    embedded: dict[str, Any] | None = {} if ctx.settings.event_embeddings else None
    touched: dict[str, int] = {}  # event -> the latest of the run's chunks (from 1) that assigned to it
    for k, c0 in enumerate(ctx.progress(range(0, len(order), params.chunk), desc="events"), start=1):
        chunk = [rows[i][0] for i in order[c0 : c0 + params.chunk]]
        ahead = [rows[i][0] for i in order[c0 + params.chunk : c0 + params.chunk + _AHEAD]]
        for e in _assign_chunk(ctx, chunk, params, stats, embedded, touched, ahead):
            touched[e] = k
    if rows:
        store.set_state("events.state", {"assigned": store.count("event_articles")})
    stats.update(_recompute_stories(ctx))
    stats["events"] = store.count("events")
    ctx.say(
        f"events: {stats['new_articles']} new articles, {stats['events_opened']} new events, {stats['stories']} stories"
    )
    return stats


def _processing_order(ctx: Context, rows: list[tuple[str, str | None]]) -> list[int]:
    """Positions of ``rows`` in the order the stage takes them; nothing in it follows the order the files came in.

    Session 13 found the stage following it: neus-dev's file lists each story's reports together, and in that
    order it scored 0.8471 B3 F1, shuffled 0.768. Now:

    - dated articles by date, a day's in article-id order (the id is a hash of the content);
    - an undated article beside the dated articles it resembles most (:func:`nearest_rows` over title and lead):
      after them, on the day of its nearest dated article. Until session 13 an undated article took the place
      of the line before it, which only works for files in date order. All undated articles first or last in
      the run instead cost more than this (gva-a with every 20th date blanked, B3 F1 in chunks of 1,000 / in
      one chunk: the line before 0.9388 / 0.9435, first 0.915 / 0.942, last 0.9255 / 0.9435, nearest dated
      0.9344 / 0.9435): an undated report pairs with any report, whenever, so where it sits matters. The
      nearest dated article is within 3 days of the true date for 45% of those blanked reports, 30 for 57%;
    - undated articles that resemble no dated one (an undated corpus: all of them) first, in an order taken from
      their words (events/order.py), so that each chunk holds topic-mates.
    """
    days = [_day(p) for _, p in rows]
    dated = sorted((i for i, d in enumerate(days) if d is not None), key=lambda i: (days[i], rows[i][0]))
    undated = sorted((i for i, d in enumerate(days) if d is None), key=lambda i: rows[i][0])
    if len(undated) + min(1, len(dated)) <= 1:
        return undated + dated
    m = text_rows(_heads(ctx, [rows[i][0] for i in undated + dated]))
    anchor: dict[int, int] = {}
    if dated:
        best, sim = nearest_rows(m[: len(undated)], m[len(undated) :])
        anchor = {i: days[dated[int(b)]] for i, b, x in zip(undated, best, sim) if x > 0}  # type: ignore[misc]
    loose = [k for k, i in enumerate(undated) if i not in anchor]
    first = [undated[loose[k]] for k in content_order(m[loose])] if len(loose) > 1 else [undated[k] for k in loose]
    placed = sorted(
        dated + [i for i in undated if i in anchor],
        key=lambda i: (days[i], 0, rows[i][0]) if days[i] is not None else (anchor[i], 1, rows[i][0]),
    )
    return first + placed


def _heads(ctx: Context, ids: list[str]) -> Any:
    """Title and the start of the text of each of ``ids``, in that order, read a page at a time."""
    for p0 in range(0, len(ids), _HEAD_PAGE):
        page = ids[p0 : p0 + _HEAD_PAGE]
        text = {a.id: f"{a.title or ''} {a.text[:HEAD_CHARS]}" for a in ctx.store.articles(page)}
        yield from (text.get(a, "") for a in page)


_HEAD_PAGE = 1000  # articles read at a time for the content order
# The first this many articles of the run's next chunk count as neighbours of a chunk's reports (events/
# cluster.py ``assign``, ``pool``): a report's neighbourhood does not stop at the chunk's edge. neus-dev (three
# chunks) B3 F1 with 0 / 500 / 1,000 / 3,000 (the whole next chunk): 0.808 / 0.8124 / 0.8132 / 0.8152 (every
# report's neighbourhood over the whole run, lab: 0.8168; one chunk of 8,277: 0.8216 at 1.35 GB). The cost falls
# on runs of more than one chunk, in time and memory: the events stage on 10x gva-a (ten chunks) 72 s / 420 MB
# without, 86 s / 456 MB at 1,000, 111 s / 489 MB at 3,000. gva-a in chunks of 1,000 (a lab check of dated
# runs): 0.948 without, 0.951 with the next 1,000. A run of one chunk (gva-a, ecbplus-dev) is unchanged.
_AHEAD = 1000


def _recency(touched: dict[str, int], event: str, seq: int) -> tuple[int, int, str]:
    """Heap key of an undated (or, for undated new articles, any) event: the run's latest chunk to touch it,
    then the ingest ``seq`` only for events the run has not touched."""
    k = touched.get(event, 0)
    return (k, 0 if k else seq, event)


def _assign_chunk(
    ctx: Context, new_ids: list[str], params: ClusterParams, stats: dict[str, Any],
    embedded: dict[str, Any] | None, touched: dict[str, int], ahead: list[str] | None = None,
) -> set[str]:
    """Assign one chunk; returns the ids of the events it assigned articles to. The ``ahead`` articles (the
    run's next chunk) are vectorised with it only to count as neighbours (events/cluster.py ``assign``)."""
    store = ctx.store
    if not new_ids:
        return set()
    # In the chunk's order (the stage's processing order), not the store's ingest order.
    place = {a: k for k, a in enumerate(new_ids)}
    new_articles = sorted(store.articles(new_ids), key=lambda a: place[a.id])
    new_min_day = min((d for d in (_day(a.published) for a in new_articles) if d is not None), default=None)
    open_ids = _open_event_ids(ctx, new_min_day, params, touched)
    prior_events = store.events(open_ids) if open_ids else []
    published = store.article_published([a for e in prior_events for a in e.article_ids])
    history = [open_history(e.article_ids, published, new_min_day, params.window_days) for e in prior_events]
    del published
    kept_ids = [a for kept, _ in history for a in kept]
    loaded = {a.id: a for a in store.articles(kept_ids)}
    # In the open events' order, not the store's ingest order: the rows' order must not depend on it.
    prior_articles = {a: loaded[a] for a in kept_ids if a in loaded}
    del loaded
    place_ahead = {a: k for k, a in enumerate(ahead or ())}
    ahead_articles = sorted(store.articles(list(place_ahead)), key=lambda a: place_ahead[a.id]) if ahead else []
    articles: list[Article] = list(prior_articles.values()) + new_articles + ahead_articles
    row_of = {a.id: i for i, a in enumerate(articles)}
    fields = [article_fields(a) for a in articles]
    vectors = vectorise(fields)
    params = replace(params, dense_columns=vectors.dense_columns)
    # The encoder helps only where reports paraphrase each other in a few words: on full articles it groups
    # by topic (ecbplus-dev 0.923 -> 0.872 B3 F1 with it, neus-dev 0.812 -> 0.845), so it follows the layout.
    if embedded is not None and is_short_text_corpus(fields):
        vectors, params = _embedded(ctx, articles, fields, vectors, embedded)
    days = [_day(a.published) for a in articles]
    facts = without_common([incident_facts(a, f, d) for a, f, d in zip(articles, fields, days)])
    # Weekdays and numbers, for the pairs where a report is undated (events/undated.py); an all-dated run
    # (gva-a: 0.1 s of its events stage) has none.
    undated = any(d is None for d in days)
    unfacts = without_common_numbers([undated_facts(f) for f in fields]) if undated else []

    outlets = [_outlet(a) for a in articles]

    def adjust(ra: list[int], rb: list[int], sims: Any) -> Any:
        sims = pair_adjustment([facts[r] for r in ra], [facts[r] for r in rb], [days[r] for r in ra],
                               [days[r] for r in rb], sims, [outlets[r] for r in ra], [outlets[r] for r in rb])
        sims = year_adjustment([fields[r] for r in ra], [fields[r] for r in rb], [days[r] for r in ra],
                               [days[r] for r in rb], sims)  # the years, where a report is undated
        if not undated:
            return sims
        return undated_adjustment([unfacts[r] for r in ra], [unfacts[r] for r in rb], [days[r] for r in ra],
                                  [days[r] for r in rb], sims)

    prior_rows = [[row_of[a] for a in kept if a in row_of] for kept, _ in history]
    new_rows = [row_of[a.id] for a in new_articles]
    decisions, members = assign(vectors.matrix, days, new_rows, prior_rows, params, adjust,
                                [far for _, far in history], [row_of[a.id] for a in ahead_articles])
    aged = [aged_names(f, x.places) for f, x in zip(fields, facts)]
    joining = [frozenset[str]()] * len(fields)  # the names a new report joins a closed event on
    for r in new_rows:
        joining[r] = aged_names(fields[r], facts[r].places, JOIN_HEAD_CHARS)
    # The incident's day with its places, streets, people and outlet (events/bridge.py, fourth tier): as
    # an earlier report (the day it gave as its own), and as a new report (within DAY_SLACK of it).
    days_of = [_day_keys(facts[r], aged[r], outlets[r], 0) for r in range(len(articles))]
    days_joining = [frozenset[str]()] * len(fields)
    for r in new_rows:
        days_joining[r] = _day_keys(facts[r], joining[r], outlets[r], DAY_SLACK)
    # The stored reports of only the keys (aged names and incident-day keys, one index) this chunk looks up
    # or may add to (the store keeps every key ever seen): lists as they were added, so that bridges and the
    # cap below see what the whole index holds.
    people = {
        name: [list(entry) for entry in entries]
        for name, entries in store.event_people(
            {key for r in new_rows for key in (*_looked_up(joining[r]), *aged[r], *days_joining[r], *days_of[r])}
        ).items()
    }
    stored = {name: len(entries) for name, entries in people.items()}
    earlier_ids, earlier, decisions, members, bridged = _bridge(
        ctx, prior_events, decisions, members, days, aged, new_rows, people, params, joining, days_of,
        days_joining, row_of,
    )
    # Event ids: prior events keep theirs; a new event is named after its founding article.
    ids = earlier_ids + [event_id(articles[m[0]].id) if m else "" for m in members[len(earlier_ids) :]]
    by_event: dict[int, list[Assignment]] = {}
    for d in decisions:
        terms, names = ([], []) if d.matched_row is None else vectors.shared(d.row, d.matched_row)
        matched_article = None if d.matched_row is None else articles[d.matched_row].id
        b = bridged.get(d.row)
        if b is not None:
            matched_article = b.matched if isinstance(b.matched, str) else articles[b.matched].id
            how = "across the time window" if b.across else "on a named person"
            day_token = day_key_parts(b.name)
            if day_token is None:
                names = [b.name]
                note = f"joined {how}: names {b.name} (as does {matched_article})"
            else:
                names = [day_token[1]]
                day_iso = _dt.date.fromordinal(day_token[0]).isoformat()
                note = f"joined {how}: incident of {day_iso}, names {day_token[1]} (as does {matched_article})"
        elif d.opened:
            note = "opened a new event"
        else:
            m = d.matched_row
            note = "joined by average link" + _facts_note(
                facts[d.row], None if m is None else facts[m],
                # weekdays and numbers count where a report is undated (events/undated.py)
                (unfacts[d.row], unfacts[m]) if m is not None and None in (days[d.row], days[m]) else None,
            )
        by_event.setdefault(d.event, []).append(
            Assignment(
                article_id=articles[d.row].id,
                event_id=ids[d.event],
                score=d.score,
                opened=d.opened,
                shared_terms=tuple(terms),
                shared_names=tuple(names),
                matched_article=matched_article,
                note=note,
            )
        )
    out: list[Event] = []
    for e, assignments in sorted(by_event.items()):
        rows = members[e]
        member_ids = tuple(articles[r].id for r in rows)
        dates = sorted(a.published[:10] for a in (articles[r] for r in rows) if a.published)
        if e < len(earlier_ids):
            old = earlier[e]
            known = set(old.article_ids)
            added = tuple(a for a in member_ids if a not in known)
            out.append(
                Event(
                    id=old.id, title=old.title, article_ids=tuple(old.article_ids) + added,
                    date=min(dates[0], old.date) if dates and old.date else dates[0] if dates else old.date,
                    date_precision="day" if dates else old.date_precision,
                    story_id=old.story_id, assignments=tuple(old.assignments) + tuple(assignments),
                )
            )
            stats["events_extended"] += 1
        else:
            founder = articles[rows[0]]
            out.append(
                Event(
                    id=ids[e], title=founder.title or fields[rows[0]].title[:120], article_ids=member_ids,
                    date=dates[0] if dates else None, date_precision="day" if dates else "unknown",
                    assignments=tuple(assignments),
                )
            )
            stats["events_opened"] += 1
    summaries = store.event_summaries(sorted({ids[d.event] for d in decisions}))
    for d in decisions:
        eid = ids[d.event]
        summaries[eid] = (summaries.get(eid, "") + " " + _summary(fields[d.row]))[:_SUMMARY_CHARS]
    for d in decisions:
        if days[d.row] is not None:
            for name in sorted(aged[d.row] | days_of[d.row]):
                entries = people.setdefault(name, [])
                if len(entries) < _PEOPLE_PER_NAME:
                    entries.append([ids[d.event], articles[d.row].id, days[d.row]])
    added = [
        (name, pos, *entries[pos])
        for name, entries in sorted(people.items())
        for pos in range(stored.get(name, 0), len(entries))
    ]
    with store.transaction():
        store.put_events(out)
        store.put_event_summaries(summaries)
        store.add_event_people(added)
    return {ids[d.event] for d in decisions}


# Of an open event's undated reports, a chunk reads the latest this many (its dated ones: those within the
# window, see :func:`open_history`). Undated events stay open for the latest ``event_chunk`` of them, so this
# bounds an undated corpus' matrix by the window too. It never binds on the dev files: the largest events an
# incremental chunk meets on neus-dev (3 chunks) hold 6 reports; ecbplus-dev (one chunk) ends with events of
# up to 26.
_UNDATED_HISTORY = 32


def open_history(
    article_ids: tuple[str, ...] | list[str], published: dict[str, str | None], new_min_day: int | None,
    window_days: int,
) -> tuple[list[str], int]:
    """The reports of an open event that a chunk reads (in the event's order), and how many it leaves out.

    A dated report more than ``window_days`` before the chunk's first day pairs with no dated new report (the
    pair is outside the window), so only its count goes to :func:`assign` (a ``_FAR`` link each). Reading it
    anyway made the matrix grow with the corpus wherever bridges join events across years: on gva-a copied 5
    times (bench/clustering/bench_scale.py) the chunks read 695, 961, 1,109 and 1,314 reports of open events,
    237, 513, 680 and 819 of them beyond the window (the earlier copies'), the largest event 16 -> 52 reports;
    now 458, 448, 429 and 495, the largest 5-7. Undated reports (and every report when the new ones have no
    date) count against :data:`_UNDATED_HISTORY`, the latest kept."""
    undated: list[str] = []
    far = 0
    out: set[str] = set()
    for a in article_ids:
        day = _day(published.get(a)) if new_min_day is not None else None
        if day is None:
            undated.append(a)
        elif new_min_day - day > window_days:  # type: ignore[operator]
            far += 1
        else:
            out.add(a)
    out.update(undated[-_UNDATED_HISTORY:])
    return [a for a in article_ids if a in out], far


# Reports remembered per aged name (and per incident-day key) for bridging (events/bridge.py): the first reports
# that named a person are enough to find their event again, and the cap bounds the state kept for a person in
# the news for months.
_PEOPLE_PER_NAME = 8


def _outlet(a: Article) -> str:
    """The outlet's host, without scheme, port or "www." ("ktla.com:80" = "ktla.com"); "" when unknown."""
    o = (a.outlet or "").strip().lower()
    o = o.split("://")[-1].split("/")[0].split(":")[0]
    return o.removeprefix("www.")


def _day_keys(f: Any, names: frozenset[str], outlet: str, slack: int) -> frozenset[str]:
    """Incident-day keys of a report (events/bridge.py :func:`day_keys`): only for a day it gave as the
    incident's own, with its places, streets, people (full names, aged or not) and outlet."""
    if not f.day_sure:
        return frozenset()
    tokens = f.places | f.streets | getattr(names, "mentioned", frozenset())
    return day_keys(f.day, tokens | ({f"outlet {outlet}"} if outlet else set()), slack)


def _bridge(
    ctx: Context, prior_events: list[Event], decisions: list[Decision], members: list[list[int]],
    days: list[int | None], aged: list[frozenset[str]], new_rows: list[int], people: dict[str, Any],
    params: ClusterParams, joining: list[frozenset[str]], days_of: list[frozenset[str]],
    days_joining: list[frozenset[str]], loaded: dict[str, int],
) -> tuple[list[str], dict[int, Event], list[Decision], list[list[int]], dict[int, Bridge]]:
    """New events join earlier events the window closed when they name the same aged person, or the same
    incident day and place (events/bridge.py); ``people`` maps both kinds of key to the stored reports that
    gave them. Stored events outside this run that named a new article's person are loaded and
    placed after the prior events; returns the ids of the prior and those events, the decoded ones (by index:
    the prior events and the stored events bridged into), decisions, members (a bridged event left empty) and,
    per founding row of a bridged event, its bridge."""
    in_play = {e.id for e in prior_events}
    wanted = sorted({
        entry[0] for r in new_rows for name in _looked_up(joining[r]) | days_joining[r]
        for entry in people.get(name, ())
        if entry[0] not in in_play
    })
    # Ids only: a chunk reaches hundreds of stored events (10x gva-a: 500 a chunk) and joins a few; only those
    # are decoded, below.
    closed_ids = ctx.store.event_order(wanted) if wanted else []
    last = {e: _day(published) for e, published in ctx.store.event_last_published(wanted).items()}
    p, c = len(prior_events), len(closed_ids)
    members = [list(m) for m in members[:p]] + [[] for _ in closed_ids] + [list(m) for m in members[p:]]
    decisions = [replace(d, event=d.event + c) if d.event >= p else d for d in decisions]
    # Each closed event's {name: article} among the new reports' keys, in one pass over the keys (not one per
    # closed event: with the day keys, hundreds of closed events times tens of thousands of keys a chunk).
    named_in: dict[str, dict[str, str]] = {}
    for name in sorted({name for r in new_rows for name in _looked_up(joining[r]) | days_joining[r]}):
        for entry in people.get(name, ()):
            named_in.setdefault(entry[0], {})[name] = entry[1]
    closed = []
    # The open events' reports left out of the matrix (:func:`open_history`) still name their people: as the
    # store's index has them, the way a closed event's do.
    for i, e in enumerate(prior_events):
        named = {name: a for name, a in named_in.get(e.id, {}).items() if a not in loaded}
        end = max((days[r] for r in members[i] if days[r] is not None), default=None)
        if named and end is not None:
            closed.append((i, end, named))
    for i, e in enumerate(closed_ids):
        if last.get(e) is not None:
            closed.append((p + i, last[e], named_in.get(e, {})))
    found = bridges(members, days, aged, p + c, params.window_days, closed, joining, days_of, days_joining)
    moved = {b.event: b.into for b in found}
    by_founder: dict[int, Bridge] = {}
    for b in found:
        by_founder[members[b.event][0]] = b
        members[b.into].extend(members[b.event])
        members[b.event] = []
    decisions = [
        replace(d, event=moved[d.event], opened=False) if d.event in moved else d for d in decisions
    ]
    joined = sorted({d.event for d in decisions if p <= d.event < p + c})
    decoded = dict(enumerate(prior_events))
    by_id = {e.id: e for e in ctx.store.events([closed_ids[i - p] for i in joined])} if joined else {}
    decoded.update((i, by_id[closed_ids[i - p]]) for i in joined)
    return [e.id for e in prior_events] + closed_ids, decoded, decisions, members, by_founder


def _looked_up(names: frozenset[str]) -> frozenset[str]:
    """A new report's aged names and its headline's names: the stored people a bridge can reach."""
    return names | getattr(names, "titled", frozenset())


def _facts_note(a: Any, b: Any | None, undated: tuple[UndatedFacts, UndatedFacts] | None = None) -> str:
    """The incident facts the article shares with its closest event member, for the explanation (``undated``:
    the pair's weekdays and numbers, where one of the two is undated)."""
    if b is None:
        return ""
    shared = []
    if a.day is not None and a.day == b.day:
        shared.append("incident date " + _dt.date.fromordinal(a.day).isoformat())
    shared += [f"age {x}" for x in sorted(a.ages & b.ages)[:3]]
    shared += sorted(a.streets & b.streets)[:3]
    shared += sorted(a.places & b.places)[:3]
    if undated is not None:
        shared += sorted(undated[0].weekdays & undated[1].weekdays)[:2]
        shared += [f"number {x}" for x in sorted(undated[0].numbers & undated[1].numbers)[:3]]
    return "; shares " + ", ".join(shared) if shared else ""


def _embedded(
    ctx: Context, articles: list[Article], fields: list[ArticleFields], vectors: Vectors, cache: dict[str, Any]
) -> tuple[Vectors, ClusterParams]:
    """The vectors with sentence embeddings mixed in (events/dense.py), and the parameters that know it."""
    from . import dense  # lazily: it is the only path that needs the ``embeddings`` extra

    todo = [i for i, a in enumerate(articles) if a.id not in cache]
    for i, e in zip(todo, dense.embed([dense.embedding_text(fields[i]) for i in todo])):
        cache[articles[i].id] = e
    # Only this chunk's articles can come back in the next (as open events' reports the window reaches):
    # the cache kept every article of the run, 1.5 KB each.
    for gone in cache.keys() - {a.id for a in articles}:
        del cache[gone]
    emb = np.stack([cache[a.id] for a in articles])
    mixed = dense.with_embeddings(vectors, emb, ctx.settings.event_embedding_weight)
    return mixed, params_from(ctx.settings, dense_columns=mixed.dense_columns)


def _recompute_stories(ctx: Context) -> dict[str, Any]:
    """Stories brought up to date with this run's events (events/threads.py): only the events whose story text
    changed look for new candidate pairs; every stored pair is scored again under this run's idf, and only the
    stories and events' story columns that differ are rewritten."""
    stats = update_stories(ctx.store, ctx.settings.story_threshold, ctx.say)
    stats["stories"] = ctx.store.count("stories")
    return stats


STAGE = Stage(
    name="events",
    reads=("articles", "copy_groups"),
    writes=("events", "stories"),
    run=run,
    doc="Assign articles to events (TF-IDF with local scaling, time window, incremental); group events into stories.",
)
