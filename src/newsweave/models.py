"""The nouns of newsweave.

Every noun is a frozen dataclass: stages produce new values rather than mutating shared ones, which keeps
runs deterministic and lets the store treat each value as a row. Character offsets (`start`, `end`) always
index into the article's ``raw_text`` -- the one string every later span can point back into.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Mapping

__all__ = [
    "SEGMENT_KINDS",
    "SegmentKind",
    "Segment",
    "RawDocument",
    "Article",
    "Rejection",
    "Evidence",
    "CopyDiff",
    "CopyGroup",
    "Assignment",
    "Event",
    "Story",
    "Entity",
    "Mention",
    "Quote",
    "Claim",
    "EventDate",
    "Place",
    "Passage",
    "EventRecord",
]

SegmentKind = Literal["title", "body", "boilerplate", "caption", "metadata", "related", "commentary"]
SEGMENT_KINDS: tuple[str, ...] = (
    "title",
    "body",
    "boilerplate",
    "caption",
    "metadata",
    "related",
    "commentary",
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A labelled stretch ``raw_text[start:end]`` (a line or a paragraph)."""

    start: int
    end: int
    kind: str

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


@dataclass(frozen=True, slots=True)
class RawDocument:
    """What ingest found in one input record, before cleaning.

    ``record`` locates the record inside ``path`` (a line number for JSONL, an index for a JSON array, the
    record id for WARC, the entry link for feeds); it is None for one-article files.
    """

    raw_text: str
    source_format: str
    path: str | None = None
    record: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    language: str | None = None
    byline: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the raw text kept whole, with labelled segments over it."""

    id: str
    raw_text: str
    segments: tuple[Segment, ...]
    source_format: str
    path: str | None = None
    record: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    wire: str | None = None
    byline: str | None = None
    language: str | None = None

    def segments_of(self, *kinds: str) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.kind in kinds)

    @property
    def text(self) -> str:
        """The body only: body segments joined by blank lines."""
        return "\n\n".join(self.raw_text[s.start : s.end] for s in self.segments if s.kind == "body")

    def text_offset_to_raw(self, offset: int) -> int:
        """Map an offset into :attr:`text` back to ``raw_text``."""
        pos = 0
        last_end = 0
        for s in self.segments:
            if s.kind != "body":
                continue
            length = s.end - s.start
            if offset <= pos + length:
                return s.start + max(0, offset - pos)
            pos += length + 2
            last_end = s.end
        return last_end


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be ingested, and why."""

    path: str
    reason: str
    record: str | None = None

    def message(self) -> str:
        where = f"{self.path}:{self.record}" if self.record else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Provenance of one value: the article, its outlet and the span ``raw_text[start:end]``.

    ``sentence`` is the sentence that holds the span (its own offsets are ``sentence_start``/``sentence_end``).
    """

    article_id: str
    outlet: str | None
    start: int
    end: int
    text: str
    sentence: str = ""
    sentence_start: int = -1
    sentence_end: int = -1

    def as_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }


# --- copies, events, stories -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CopyDiff:
    """What one copy did to the canonical article, sentence by sentence."""

    article_id: str
    added: tuple[str, ...] = ()
    cut: tuple[str, ...] = ()
    changed: tuple[tuple[str, str], ...] = ()  # (canonical sentence, copy's sentence)


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """Articles that are copies of one text (wire copy or near-duplicate): one independent source."""

    id: str
    canonical: str
    members: tuple[str, ...]  # includes canonical, sorted
    wire: str | None = None
    diffs: tuple[CopyDiff, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)  # member id -> containment vs canonical


@dataclass(frozen=True, slots=True)
class Assignment:
    """Why an article joined an event (or opened one)."""

    article_id: str
    event_id: str
    score: float
    opened: bool
    shared_terms: tuple[str, ...] = ()
    shared_names: tuple[str, ...] = ()
    matched_article: str | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "event_id": self.event_id,
            "score": round(self.score, 4),
            "opened": self.opened,
            "shared_terms": list(self.shared_terms),
            "shared_names": list(self.shared_names),
            "matched_article": self.matched_article,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world incident and the articles that report it."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    date: str | None = None
    date_precision: str = "unknown"  # day | week | month | year | unknown
    story_id: str | None = None
    assignments: tuple[Assignment, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """A thread of related events (e.g. successive US strikes on Iran-backed militias)."""

    id: str
    title: str
    event_ids: tuple[str, ...]
    terms: tuple[str, ...] = ()


# --- extraction -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence-level span with its role: reporting, quote, background or commentary."""

    article_id: str
    start: int
    end: int
    role: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place merged across articles with its aliases."""

    id: str
    kind: str  # person | org | place | other
    name: str
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()  # where each alias is written: its first mention in each article


@dataclass(frozen=True, slots=True)
class Mention:
    entity_id: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: ``content`` is the quoted or reported speech, ``speaker`` the resolved entity name."""

    speaker: str | None
    speaker_entity: str | None
    cue: str | None
    content: str
    direct: bool
    evidence: Evidence
    speaker_evidence: Evidence | None = None
    cue_evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A numeric statement with whoever makes it.

    ``slot`` is killed / injured / troops / facilities / attacks / other. ``low``/``high`` bound the figure
    ("at least five" -> low 5, high None); ``negated`` marks "no immediate reports of casualties", ``unknown``
    marks "did not say whether anyone was killed".
    """

    slot: str
    low: int | None
    high: int | None
    claimant: str | None
    subject: str | None
    evidence: Evidence
    negated: bool = False
    unknown: bool = False
    claimant_evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str | None  # ISO date (or YYYY-MM / YYYY / YYYY-Www) or None when unknown
    precision: str  # day | week | month | year | unknown
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    precision: str  # point | city | admin1 | country | region
    country: str | None
    role: str  # event | mentioned
    evidence: Evidence | None = None
    countries: tuple[str, ...] = ()  # ISO codes a region spans (both sides of a border); () for one country


@dataclass(frozen=True, slots=True)
class EventRecord:
    """The fields an analyst needs for one event, each value with its evidence."""

    event_id: str
    event_type: str | None = None
    sub_event_type: str | None = None
    type_evidence: Evidence | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: tuple[str, ...] = ()
    actor_evidence: tuple[Evidence, ...] = ()
    date: EventDate | None = None
    location: Place | None = None
    places: tuple[Place, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    passages: tuple[Passage, ...] = ()
