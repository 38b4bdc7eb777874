"""Bridges across the time window: a later report that names the same person, with an age, as a closed event
(or dates the same incident in the same place).

The time window closes an event some weeks after its last report, and rightly: on gva-a, among article pairs
more than 60 days apart, different incidents outnumber same-incident pairs at every similarity (pairs with
scaled similarity > 0.2 are 31% same-incident), and linking them on shared rare capitalised names gained
+0.002 B3 F1. But trials, sentencings and anniversaries come months later, and 16-21% of gva-a's
same-incident pairs are more than 30 days apart. What such a report shares with the first ones is the people,
and the people *of an incident* are the ones a report gives an age: "Marcus Seichter, 17,", "18-year-old
Hugo Martinez". On gva-a, pairs more than 60 days apart that share such a full name (first and last word)
are 63 same-incident to 9 not; within 60 days 262 to 9.

So after the window-bound clustering of a chunk, a *new* event joins an earlier event that the window had
closed (its last article more than ``window_days`` before the new event's first) when one of its reports
names a person of the earlier event, in three tiers (a fourth, of the incident's day, below), each tried only
when the one before found nothing:

1. a name the new report's head gives an age (:data:`JOIN_HEAD_CHARS`) that the earlier event gave an age;
2. such a name that the earlier event's reports mention without an age (the first reports often have the
   victim's name before the police give the age);
3. a name in the new report's headline ("Jury finds Trung Le guilty") that the earlier event gave an age.

Names are full names (first and last word); a person whose two reports give ages more than ``AGE_SLACK``
years apart is two people. Two stored events are never merged (history is not re-clustered), and undated
events never bridge. Tier 2 works within a run only (the store remembers aged names, not every name).
gva-a end to end: B3 F1 0.937 -> 0.944, pairwise 0.813 -> 0.847 (tier 1 on the whole text, 36 bridges, 5
wrong); then head-only names on the new side and the age check, 30 right / 0 wrong (0.9459 / 0.857); tier
2, 36 / 1 (0.9470 / 0.861); tier 3, 38 / 1 (0.9475 / 0.862). Measured and left out: a name the new report's
head mentions without an age (56 / 15: "Southwest Side", "Corpus Christi"), a name in both headlines (38 /
114: Title Case headlines make "One Dead", "Old Girl" names). Titles and possessives dropped from names
("Officer Mary Smith"): 39 / 1, 0.9477.

A fourth tier, tried when the names find nothing, joins on the incident's day: a follow-up months later that
dates the incident ("arrested in connection with the Downtown shooting on July 4", "the August 24 shooting
death") and shares a place, a street, a person's name or the outlet with a report that gave that day as its
own (``day_keys``: ``@<day>|<token>``; the new report's day within a day either way). Only into events the
window closed: inside the window, reports of two incidents of one day in one city share all of that.
gva-a: among report pairs more than 60 days apart with the same incident day (within a day), those sharing
such a token were 12 same-incident to 0 (the incident day alone: 8 to 269). B3 F1 0.9498 -> 0.9512 (pairwise
0.872 -> 0.875), 0.9517 / 0.878 with the outlet as a token (7 bridges right, 1 wrong); into open events too:
0.9449.

Tier 1 also joins a new event to an earlier one the window still holds open: the similarity left them apart,
but a person given consistent ages in both is the same incident's (gva-a: 43 right / 1 wrong, B3 F1 0.9477
-> 0.9491, pairwise 0.863 -> 0.871; tiers 1-2 in the window: 0.9483 / 0.863, the new reports' whole text
in the window: 0.9472). The undated corpora are unaffected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from .features import ArticleFields

__all__ = ["aged_names", "Bridge", "bridges", "day_keys", "JOIN_HEAD_CHARS"]

# A new event joins on the names of its reports' head only (headline and the first JOIN_HEAD_CHARS characters
# of the reporting sentences, as for the incident facts); the earlier event's names count from anywhere in
# its reports. A follow-up (arrest, trial, sentencing) names its people at once; a fresh report of a new
# incident names the people of an older one further down, as background ("... the Bourbon Street shooting of
# 2014, for which Trung Le, 22, was convicted"). gva-a: bridges 32 right / 4 wrong -> 30 / 2, B3 F1 0.9449 ->
# 0.9452 (pairwise 0.852 -> 0.855); the head on both sides instead: 27 / 2, 0.9445.
JOIN_HEAD_CHARS = 1500
# A trial or sentencing a year or two later gives the person's age then.
AGE_SLACK = 2
# Tiers (counted from the first) that also reach events the window holds open; OPEN_GAP: any earlier event.
OPEN_TIERS = 1
OPEN_GAP = -(10**6)

_NAME = r"([A-Z][a-z]+(?:\s[A-Z]\.)?(?:\s[A-Z][a-z'\-]+){1,2})(?:,?\s(?:Jr|Sr|II|III|IV)\.?)?"
# "Marcus Seichter, 17,", "John Henry Burnsworth III, 14,"
_NAME_AGE = re.compile(_NAME + r",\s(\d{1,2}),")
_AGE_NAME = re.compile(r"\b(\d{1,2})-year-old\s(?:[a-z]+\s){0,2}" + _NAME)  # "18-year-old Hugo Martinez"
# First words of place names that the patterns take for people ("Santa Cruz, 23,", "West Allis, 19,").
_PLACE_WORDS = {"west", "east", "north", "south", "new", "san", "santa", "los", "las", "fort", "saint", "st", "lake",
                "mount", "port", "el", "la", "des"}


# Titles before a name ("Officer Mary Smith", "Judge Tom Brown"): the person is the rest.
_TITLES = {"officer", "sgt", "sergeant", "det", "detective", "lt", "lieutenant", "capt", "captain", "chief", "sheriff",
           "deputy", "judge", "dr", "mayor", "attorney", "prosecutor", "rev", "coach", "trooper", "cpl", "corporal",
           "agent", "coroner", "mr", "mrs", "ms", "miss"}


# The new report's incident day may be a day off the earlier one's ("late Saturday" against "early Sunday"):
# gva-a B3 F1 0.9505 with the exact day only, 0.9512 within a day, 0.9509 within two.
DAY_SLACK = 1


def day_keys(day: int | None, tokens: frozenset[str], slack: int = 0) -> frozenset[str]:
    """``@<day>|<token>`` for every token (the incident's places, streets, people, outlet), and for the days
    up to ``slack`` either side; none without a day."""
    if day is None:
        return frozenset()
    return frozenset(f"@{day + d}|{t}" for d in range(-slack, slack + 1) for t in tokens)


def day_key_parts(key: str) -> tuple[int, str] | None:
    """(day, token) of a :func:`day_keys` key; None for a name."""
    if not key.startswith("@"):
        return None
    day, _, token = key[1:].partition("|")
    return int(day), token


def _full(name: str) -> str:
    words = [w.removesuffix("'s") for w in name.split()]
    while len(words) > 2 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    return f"{words[0]} {words[-1]}".lower()


class AgedNames(frozenset[str]):
    """Full names given an age, with ``ages`` (name -> the ages given), ``mentioned`` (every full name of the
    text that is not a place, aged or not) and ``titled`` (those of the headline, without an outlet suffix).
    A frozenset, so that callers that only want the aged names need not know the rest."""

    ages: dict[str, frozenset[int]]
    mentioned: frozenset[str]
    titled: frozenset[str]


def _aged(
    names: dict[str, set[int]], mentioned: frozenset[str] = frozenset(), titled: frozenset[str] = frozenset()
) -> AgedNames:
    out = AgedNames(names)
    out.ages = {n: frozenset(a) for n, a in names.items()}
    out.mentioned = mentioned
    out.titled = titled
    return out


_FULL = re.compile(_NAME)
_OUTLET_SUFFIX = re.compile(r"\s[-|–—]\s")
# Words that make a capitalised pair something other than a person ("Harborview Center", "Mesa County").
_NOT_PERSON = {"county", "center", "centre", "park", "street", "city", "hospital", "school", "church", "department",
               "police", "mount", "public", "university", "college", "jr", "sr", "mc", "sunday", "monday", "tuesday",
               "wednesday", "thursday", "friday", "saturday", "office", "court", "news", "times", "post", "club",
               "avenue", "road", "township", "beach", "valley", "heights", "island"}


def aged_names(
    fields: ArticleFields, places: frozenset[str] = frozenset(), head_chars: int | None = None
) -> AgedNames:
    """Full names (first and last word, lower case) the headline and reporting sentences give an age, minus
    ``places`` (the article's datelines and headline places) and names opening with a place word; with
    ``mentioned`` and ``titled`` (:class:`AgedNames`). With ``head_chars``, only the headline and that many
    characters of the reporting sentences."""
    text = f"{fields.title} . {fields.lead[:head_chars]}"
    names: dict[str, set[int]] = {}
    for m in _NAME_AGE.finditer(text):
        names.setdefault(_full(m.group(1)), set()).add(int(m.group(2)))
    for m in _AGE_NAME.finditer(text):
        names.setdefault(_full(m.group(2)), set()).add(int(m.group(1)))
    keep = {n: a for n, a in names.items() if n not in places and n.split()[0] not in _PLACE_WORDS}
    mentioned = frozenset(
        n for n in (_full(m.group(1)) for m in _FULL.finditer(text))
        if n not in places and n.split()[0] not in _PLACE_WORDS and not set(n.split()) & _NOT_PERSON
    )
    headline = _OUTLET_SUFFIX.split(fields.title)[0]  # "... - KiiiTV.com South Texas, Corpus Christi"
    titled = frozenset(n for n in mentioned if n in {_full(m.group(1)) for m in _FULL.finditer(headline)})
    return _aged(keep, mentioned, titled)


def _aged_of(names: frozenset[str]) -> frozenset[str]:
    return names


def _titled_of(names: frozenset[str]) -> frozenset[str]:
    return getattr(names, "titled", frozenset())


def _same_person(a: frozenset[str], b: frozenset[str], name: str) -> bool:
    """False when both reports give ``name`` ages and none are within ``AGE_SLACK`` years of each other: two
    people of one name ("Carl Johnson, 19," charged in April; "Carl Johnson, 77," killed in November)."""
    ages_a, ages_b = getattr(a, "ages", {}).get(name), getattr(b, "ages", {}).get(name)
    if not ages_a or not ages_b:
        return True
    return any(abs(x - y) <= AGE_SLACK for x in ages_a for y in ages_b)


@dataclass(frozen=True)
class Bridge:
    """New event ``event`` joins earlier event ``into``: article ``row`` names ``name``, as did ``matched``
    (a row, or for a stored event outside this run, an article id) of the earlier event; ``across``: the
    window had closed it."""

    event: int
    into: int
    name: str
    row: int
    matched: int | str
    across: bool = True  # the window had closed the earlier event (else it was open, and the similarity too low)


def bridges(
    members: Sequence[Sequence[int]],
    days: Sequence[int | None],
    names: Sequence[frozenset[str]],
    first_new: int,
    window_days: int,
    closed: Sequence[tuple[int, int, dict[str, str]]] = (),
    joining: Sequence[frozenset[str]] | None = None,
    days_of: Sequence[frozenset[str]] | None = None,
    days_joining: Sequence[frozenset[str]] | None = None,
) -> list[Bridge]:
    """Which new events (indexes ``first_new`` on of ``members``) join which earlier ones.

    ``names`` are each row's aged names as an earlier event's report (all of them); ``joining`` (default
    ``names``) the ones a new event's report joins on (those of its head, :data:`JOIN_HEAD_CHARS`).
    ``days_of`` and ``days_joining`` are the same for the fourth tier's :func:`day_keys` (the joining ones
    with :data:`DAY_SLACK`); without them there is no fourth tier.

    ``closed`` lists stored events outside this run as ``(event index, last day, {name: article id})``; their
    indexes must be below ``first_new`` (an open event may be listed too, for its reports not in ``members``).
    Events are visited in order (new events follow their founding dates), so a chain of later reports all ends
    in the first event. Among several earlier events the one sharing the most names wins, then the earliest.
    """
    root = list(range(len(members)))
    joins = names if joining is None else joining
    last: list[int | None] = [max((days[r] for r in m if days[r] is not None), default=None) for m in members]
    owners: dict[str, list[tuple[int, int | str]]] = {}  # name -> (event, row or article id) that named it
    for e, day, named in closed:
        last[e] = day
        for name, article in named.items():
            owners.setdefault(name, []).append((e, article))
    mentions: dict[str, list[tuple[int, int | str]]] = {}  # name -> (event, row) whose report names it, aged or not

    def remember(e: int, r: int) -> None:
        for name in names[r]:
            owners.setdefault(name, []).append((e, r))
        for key in days_of[r] if days_of is not None else ():
            owners.setdefault(key, []).append((e, r))
        for name in getattr(names[r], "mentioned", ()):
            mentions.setdefault(name, []).append((e, r))

    for e in range(first_new):
        for r in members[e]:
            remember(e, r)
    out: list[Bridge] = []
    for e in range(first_new, len(members)):
        first = min((days[r] for r in members[e] if days[r] is not None), default=None)
        if first is not None:
            found: dict[int, list[tuple[str, int, int | str]]] = {}
            # Four tiers, each only when the one before found nothing (module docstring): aged on both sides;
            # aged in the new report, mentioned in the earlier one; in the new report's headline, aged earlier;
            # the incident's day and a place, street, person or outlet.
            tiers: list[tuple[dict[str, list[tuple[int, int | str]]], Callable[[int], frozenset[str]]]] = [
                (owners, lambda r: _aged_of(joins[r])),
                (mentions, lambda r: _aged_of(joins[r])),
                (owners, lambda r: _titled_of(joins[r])),
            ]
            if days_joining is not None:
                tiers.append((owners, lambda r: days_joining[r]))
            for tier, (index, of) in enumerate(tiers):
                gap = OPEN_GAP if tier < OPEN_TIERS else window_days
                for r in members[e]:
                    for name in sorted(of(r)):
                        for owner, matched in index.get(name, ()):
                            o = root[owner]
                            if isinstance(matched, int) and not _same_person(joins[r], names[matched], name):
                                continue
                            if o != e and last[o] is not None and first - last[o] > gap:
                                found.setdefault(o, []).append((name, r, matched))
                if found:
                    break
            if found:
                into = min(found, key=lambda o: (-len({n for n, _, _ in found[o]}), o))
                name, row, matched = found[into][0]
                across = last[into] is not None and first - last[into] > window_days
                out.append(Bridge(e, into, name, row, matched, across))
                root = [into if x == e else x for x in root]
                days_e = [days[r] for r in members[e] if days[r] is not None]
                last[into] = max([d for d in (last[into], *days_e) if d is not None])
        for r in members[e]:
            remember(e, r)
    return out
