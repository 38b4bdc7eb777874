"""ACLED-style actors of one event: who acted (actor1), against whom (actor2) and who was with them.

Agent/patient patterns around attack verbs, over the event's reporting and quote sentences:

* ``X launched/carried out/conducted (air) strikes against/on Y`` -- X is actor1, Y a target;
* ``X struck/bombed/targeted/attacked Y`` and ``strikes on/against Y``;
* ``facilities used by Y`` / ``Y used these facilities`` / ``militia groups, including Y1 and Y2`` -- targets.

Votes are counted across sentences and outlets; the most supported agent is actor1, the most supported named
target actor2, other named targets associated actors. State agents are named as the ACLED codebook does
("Military Forces of the United States"). Clauses that recap the *cause* of the event ("in response to drone
attacks by the militia on US forces") are skipped, so the target of the provoking attack is not taken as the
event's. Written by hand: no offline library does semantic-role labelling without a model download.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Iterable, Sequence

from ..models import Entity, Evidence, Passage

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Article

__all__ = ["event_actors", "state_forces", "ActorResult"]

ActorResult = tuple[str | None, str | None, tuple[str, ...], tuple[Evidence, ...]]

# Country aliases and demonyms a news sentence uses for a state agent -> the name ACLED uses.
_STATES: dict[str, str] = {}
for _canon, _aliases in {
    "the United States": ("US", "U.S.", "USA", "U.S.A.", "United States", "America", "American", "Americans"),
    "the United Kingdom": ("UK", "U.K.", "Britain", "British", "United Kingdom"),
    "Israel": ("Israel", "Israeli", "Israelis"), "Russia": ("Russia", "Russian"), "Turkey": ("Turkey", "Turkish"),
    "Iran": ("Iran", "Iranian"), "Iraq": ("Iraq", "Iraqi"), "Syria": ("Syria", "Syrian"),
    "Saudi Arabia": ("Saudi", "Saudi Arabia", "Saudi-led"), "France": ("France", "French"),
    "Pakistan": ("Pakistan", "Pakistani"), "Afghanistan": ("Afghanistan", "Afghan"), "Nigeria": ("Nigeria", "Nigerian"),
    "Ukraine": ("Ukraine", "Ukrainian"), "Yemen": ("Yemen", "Yemeni"), "Egypt": ("Egypt", "Egyptian"),
    "Jordan": ("Jordan", "Jordanian"), "Lebanon": ("Lebanon", "Lebanese"), "India": ("India", "Indian"),
    "China": ("China", "Chinese"), "Somalia": ("Somalia", "Somali"), "Libya": ("Libya", "Libyan"),
    "Mali": ("Mali", "Malian"), "Sudan": ("Sudan", "Sudanese"), "Ethiopia": ("Ethiopia", "Ethiopian"),
}.items():
    for _a in _aliases:
        _STATES[_a.casefold()] = _canon
# Institutions that speak and act for a state's military.
_INSTITUTIONS = {
    "pentagon": "the United States", "centcom": "the United States", "central command": "the United States",
    "defense department": "the United States", "department of defense": "the United States",
    "idf": "Israel", "israel defense forces": "Israel", "kremlin": "Russia",
}

_STATE_ALT = "|".join(sorted({re.escape(a) for a in _STATES} | {re.escape(a) for a in _INSTITUTIONS}, key=len, reverse=True))
_FORCE_WORDS = r"(?:military|armed|air|naval|special operations|security|coalition|government|defen[cs]e)"
_FORCE_NOUNS = r"(?:forces|troops|military|army|air force|navy|warplanes|jets|drones|aircraft)"
_STATE_AGENT = re.compile(
    rf"(?:the\s+)?(?P<state>{_STATE_ALT})(?:['’]s)?(?:\s+{_FORCE_WORDS})*(?:\s+{_FORCE_NOUNS})?\s*$", re.I
)

# A proper-noun group: capitalised words with particles ("Kataib Sayyid al-Shuhada", "Kata’ib Hezbollah").
_NAME = r"(?:[A-Z][\w’'\-]*|al-[A-Z][\w’'\-]*)(?:\s+(?:(?:of|al|the|el|bin)\s+)?(?:[A-Z][\w’'\-]*|al-[A-Z][\w’'\-]*))*"
_NAME_RE = re.compile(_NAME)
_GENERIC = re.compile(
    r"((?:[\w’'-]+\s+){0,2}(?:militia|militias|militants|rebels|insurgents|fighters|jihadists|proxies|"
    r"militia groups?|armed groups?|paramilitaries))\b",
    re.I,
)
_STRIKE_NOUN = r"(?:air\s*-?strikes?|drone strikes?|strikes?|raids?|bombings?|shelling|offensive|operations?)"
_AGENT_VERB = re.compile(
    rf"(?P<agent>[\w’'.\- ]{{2,60}}?)\s+(?:has\s+|have\s+|had\s+)?(?:(?:launched|carried out|conducted|staged|began|"
    rf"executed|ordered)\s+(?:[\w-]+\s+){{0,4}}?{_STRIKE_NOUN}|attacks?)(?:\s+(?:against|on|targeting|at)\s+(?P<target>[^.;:“”\"]+))?",
    re.I,
)
_AGENT_HIT = re.compile(
    r"(?P<agent>[\w’'.\- ]{2,60}?)\s+(?:has\s+|have\s+)?(?:struck|bombed|targeted|attacked|hit|shelled|raided)\s+"
    r"(?P<target>[^.;:“”\"]+)",
    re.I,
)
_STRIKE_ON = re.compile(rf"{_STRIKE_NOUN}\s+(?:against|on|targeting)\s+(?P<target>[^.;:“”\"]+)", re.I)
_USED_BY = re.compile(r"(?:facilities|sites|positions|bases|buildings|locations)\s+(?:used|operated|controlled|run|belonging)\s+(?:by|to)\s+(?P<target>[^.;:“”\"]+)", re.I)
_USED = re.compile(r"(?P<target>[^.;:“”\"]{3,120}?)\s+(?:used|operated)\s+(?:these|those|the)\s+(?:facilities|sites|bases)", re.I)
_INCLUDING = re.compile(r"(?:militias?|groups?|factions?|militants|proxies),?\s+including\s+(?P<target>[^.;:“”\"]+)", re.I)
# A clause about what provoked the event: its agents and targets belong to the earlier attack.
_CAUSE = re.compile(r"(?:in response to|in retaliation for|retaliat\w* for|after|following|blamed on|responsible for)\s*$", re.I)
_STOP_NAMES = {"the", "a", "an", "it", "they", "he", "she", "mr", "president", "secretary", "officials", "the strikes"}
_CUT = re.compile(r"\s+(?:in|near|across|along|at|that|which|who|for|after|as|on|said|,)\s|,", re.I)


def state_forces(text: str) -> str | None:
    """ACLED's name for a state's military when ``text`` names the state or its forces ("US forces",
    "The United States", "Pentagon" -> "Military Forces of the United States")."""
    m = _STATE_AGENT.search(text.strip())
    if not m or m.start() > 0 and text[: m.start()].strip().casefold() not in ("", "the"):
        m2 = re.search(rf"\b({_STATE_ALT})\b", text, re.I)
        if not m2 or len(text.split()) > 5:
            return None
        key = m2.group(1).casefold()
    else:
        key = m.group("state").casefold()
    country = _STATES.get(key) or _INSTITUTIONS.get(key)
    return f"Military Forces of {country}" if country else None


def _fold(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _named(text: str, entity_kind: dict[str, str]) -> list[tuple[int, int, str]]:
    """Named non-place groups in a target phrase, with offsets into ``text``."""
    out = []
    for m in _NAME_RE.finditer(text):
        name = m.group(0).strip(" ’'")
        words = name.split()
        while words and words[0].casefold() in ("the", "and"):
            words = words[1:]
        name = " ".join(words)
        key = name.casefold()
        if not name or key in _STOP_NAMES or key in _STATES or key in _INSTITUTIONS:
            continue
        if entity_kind.get(_fold(name)) in ("place", "person"):
            continue
        if len(words) == 1 and not entity_kind.get(_fold(name)) == "org":
            continue  # a lone capitalised word is too often a place or a sentence-initial word
        out.append((m.start(), m.start() + len(m.group(0).rstrip(" ’'")), name))
    return out


def _clip_target(target: str) -> str:
    # A target phrase ends at the first location/relative clause ("... in Iraq and Syria, the Pentagon said").
    m = _CUT.search(" " + target)
    return target[: m.start() - 1] if m and m.start() > 0 else target


def _evidence(article: "Article", p: Passage, s: int, e: int) -> Evidence:
    raw = article.raw_text
    return Evidence(article.id, article.outlet, s, e, raw[s:e], raw[p.start : p.end], p.start, p.end)


def event_actors(
    sentences: Iterable[tuple["Article", Passage]], entities: Sequence[Entity] = ()
) -> ActorResult:
    """(actor1, actor2, associated actors, evidence) from ``(article, passage)`` pairs.

    Only reporting and quote passages are read: a recap's actors belong to another event."""
    entity_kind: dict[str, str] = {}
    canon: dict[str, str] = {}
    for ent in entities:
        for name in (ent.name, *ent.aliases):
            entity_kind[_fold(name)] = ent.kind
            canon[_fold(name)] = ent.name
    agents: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    generic: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    first_seen: dict[str, int] = {}
    evidence: dict[str, list[Evidence]] = {}
    order = 0
    seen: set[tuple[str, int]] = set()

    def add_target(article: "Article", p: Passage, base: int, phrase: str, weight: int = 1) -> None:
        nonlocal order
        for s, e, name in _named(phrase, entity_kind):
            key = _fold(canon.get(_fold(name), name))  # aliases of one merged entity vote together
            if state_forces(name) or (key, base + s) in seen:
                continue  # a state is never the target here; one vote per mention however many patterns match
            seen.add((key, base + s))
            targets[key] += weight
            surfaces.setdefault(key, Counter())[canon.get(_fold(name), name)] += 1
            first_seen.setdefault(key, order)
            order += 1
            evidence.setdefault(key, []).append(_evidence(article, p, base + s, base + e))
        g = _GENERIC.search(phrase)
        if g:
            generic[re.sub(r"^(?:an?|the)\s+", "", g.group(1).strip(), flags=re.I)] += 1

    for article, p in sentences:
        if p.role not in ("reporting", "quote"):
            continue
        raw = article.raw_text
        sent = raw[p.start : p.end]
        for rx in (_AGENT_VERB, _AGENT_HIT):
            for m in rx.finditer(sent):
                if _CAUSE.search(sent[: m.start("agent")] + m.group("agent")):
                    continue
                agent_text = m.group("agent")
                # The agent is the last noun phrase before the verb: cut at the last clause boundary.
                agent_text = re.split(r"[,;“”\"]|\b(?:said|that|and|when|as)\b", agent_text)[-1].strip()
                actor = state_forces(agent_text)
                sm = _STATE_AGENT.search(agent_text)
                if actor and sm:
                    agent_text = agent_text[sm.start():]  # drop debris before the state's name
                a_start = p.start + m.start("agent") + m.group("agent").rfind(agent_text) if agent_text else -1
                if actor is None:
                    names = _named(agent_text, entity_kind)
                    actor = canon.get(_fold(names[-1][2]), names[-1][2]) if names else None
                if actor:
                    agents[actor] += 1
                    evidence.setdefault("agent:" + actor, []).append(
                        _evidence(article, p, a_start, a_start + len(agent_text))
                    )
                if m.group("target"):
                    add_target(article, p, p.start + m.start("target"), _clip_target(m.group("target")))
        for rx in (_STRIKE_ON, _USED_BY, _USED, _INCLUDING):
            for m in rx.finditer(sent):
                if rx is _STRIKE_ON and _CAUSE.search(sent[: m.start()]):
                    continue
                phrase = m.group("target") if rx in (_USED, _INCLUDING) else _clip_target(m.group("target"))
                if rx is _USED:
                    phrase = phrase.split(" including ")[-1]
                add_target(article, p, p.start + m.start("target") + m.group("target").find(phrase), phrase)

    actor1 = agents.most_common(1)[0][0] if agents else None
    ranked = sorted(targets, key=lambda k: (-targets[k], first_seen[k]))
    ranked = [k for k in ranked if actor1 is None or _fold(actor1) != k]
    names = [surfaces[k].most_common(1)[0][0] for k in ranked]
    actor2 = names[0] if names else (generic.most_common(1)[0][0] if generic else None)
    assoc = tuple(names[1:])
    ev: list[Evidence] = []
    if actor1:
        ev.extend(evidence.get("agent:" + actor1, [])[:3])
    for k in ranked:
        ev.extend(evidence[k][:2])
    return actor1, actor2, assoc, tuple(ev)
