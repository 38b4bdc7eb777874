"""A hand-made world for comparison, report and audit tests (no seed text).

Four articles on one invented strike: A (Alpha News) and D (Delta Post) are independent; B (Wire Daily) and C
(Gamma Times) run one wire copy, so they are one copy group and count as one source. Three independent
sources in all.
"""

from __future__ import annotations

from newsweave.compare._observe import evidence_at
from newsweave.models import (
    Article,
    Claim,
    CopyDiff,
    CopyGroup,
    Entity,
    Event,
    EventDate,
    EventRecord,
    Passage,
    Place,
    Quote,
    RawDocument,
    Segment,
    Story,
)
from newsweave.store import open_store

A_TEXT = """Drone strike hits fuel depot near Exampletown

A drone strike hit a fuel depot near Exampletown on Monday, destroying tanks and trucks, officials said.

The health ministry said 7 people were killed and 12 wounded in the blast.

About 400 soldiers are stationed in the area to guard the depot.

Officials blamed the Northern Front for the attack on the depot.

Comment: This is the work of cowards <script>alert('x')</script> and everyone knows it <b>now</b>.

In 2019 a similar strike on the depot killed 30 people."""

B_TEXT = """Fuel depot near Exampletown struck by drone

A drone strike hit a fuel depot near Exampletown on Monday, destroying tanks and trucks.

A rebel spokesman said 3 people were killed in the drone strike on the depot.

About 400 soldiers are stationed in the area to guard the depot.

"We will respond to this cowardly attack," said General Maria Ortiz on Monday evening."""

C_TEXT = """Fuel depot near Exampletown struck by drone <script>alert('x')</script>

A drone strike hit a fuel depot near Exampletown on Monday, destroying tanks and trucks.

A rebel spokesman said 3 people were killed in the drone strike on the depot.

About 400 soldiers are stationed in the area to guard the depot.

"We will respond to this cowardly attack," said General Maria Ortiz on Monday evening.

Readers wrote in with <b>bold</b> claims & more."""

D_TEXT = """Exampletown depot attacked

A drone strike hit a fuel depot near Exampletown on Monday, the interior ministry said.

The ministry said 7 people were killed when the depot caught fire.

There were no immediate reports of injuries among the guards at the depot."""

OUTLETS = {"art-a": "Alpha News", "art-b": "Wire Daily", "art-c": "Gamma Times", "art-d": "Delta Post"}
TEXTS = {"art-a": A_TEXT, "art-b": B_TEXT, "art-c": C_TEXT, "art-d": D_TEXT}


def _segments(text: str) -> tuple[Segment, ...]:
    segs = []
    pos = 0
    first = True
    for para in text.split("\n\n"):
        start = text.index(para, pos)
        end = start + len(para)
        kind = "title" if first else "commentary" if para.startswith("Comment:") else "body"
        segs.append(Segment(start, end, kind))
        pos = end
        first = False
    return tuple(segs)


def articles() -> dict[str, Article]:
    return {
        aid: Article(
            id=aid,
            raw_text=text,
            segments=_segments(text),
            source_format="txt",
            path=f"/fixtures/{aid}.txt",
            title=text.split("\n", 1)[0],
            outlet=OUTLETS[aid],
            published="2023-05-02",
            wire="AFP" if aid in ("art-b", "art-c") else None,
        )
        for aid, text in TEXTS.items()
    }


def ev(arts: dict[str, Article], aid: str, surface: str, nth: int = 0):
    text = arts[aid].raw_text
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return evidence_at(arts[aid], start, start + len(surface))


def claim(arts, aid, slot, surface, low=None, high=None, claimant=None, claimant_surface=None, **kw) -> Claim:
    return Claim(
        slot=slot,
        low=low,
        high=high,
        claimant=claimant,
        subject=kw.pop("subject", None),
        evidence=ev(arts, aid, surface),
        claimant_evidence=ev(arts, aid, claimant_surface) if claimant_surface else None,
        **kw,
    )


def copy_group_of() -> dict[str, str]:
    return {"art-b": "cg-wire", "art-c": "cg-wire"}


def passage(arts, aid, surface, role) -> Passage:
    e = ev(arts, aid, surface)
    return Passage(aid, e.start, e.end, role)


def record(arts: dict[str, Article] | None = None) -> EventRecord:
    arts = arts or articles()
    place_ev = ev(arts, "art-a", "Exampletown", 1)
    claims = (
        claim(arts, "art-a", "killed", "7 people were killed", 7, 7, "health ministry", "health ministry"),
        claim(arts, "art-a", "injured", "12 wounded", 12, 12, "health ministry", "health ministry"),
        claim(arts, "art-a", "troops", "About 400 soldiers", 400, 400),
        claim(arts, "art-a", "killed", "killed 30 people", 30, 30),  # background recap
        claim(arts, "art-b", "killed", "3 people were killed", 3, 3, "rebel spokesman", "rebel spokesman"),
        claim(arts, "art-b", "troops", "About 400 soldiers", 400, 400),
        claim(arts, "art-c", "killed", "3 people were killed", 3, 3, "rebel spokesman", "rebel spokesman"),
        claim(arts, "art-c", "troops", "About 400 soldiers", 400, 400),
        claim(arts, "art-d", "killed", "7 people were killed", 7, 7, "ministry", "ministry"),
        claim(arts, "art-d", "injured", "no immediate reports of injuries", None, None, negated=True),
    )
    quotes = tuple(
        Quote(
            speaker="Maria Ortiz",
            speaker_entity="ent-ortiz",
            cue="said",
            content="We will respond to this cowardly attack,",
            direct=True,
            evidence=ev(arts, aid, "We will respond to this cowardly attack,"),
            speaker_evidence=ev(arts, aid, "General Maria Ortiz"),
        )
        for aid in ("art-b", "art-c")
    )
    passages = (
        passage(arts, "art-a", "In 2019 a similar strike on the depot killed 30 people.", "background"),
        passage(arts, "art-a", "Comment: This is the work of cowards <script>alert('x')</script> and everyone knows it <b>now</b>.", "commentary"),
    )
    return EventRecord(
        event_id="ev-1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        type_evidence=ev(arts, "art-a", "drone strike"),
        actor1="Northern Front",
        actor2="Civilians (Exampleland)",
        actor_evidence=(ev(arts, "art-a", "Northern Front"),),
        date=EventDate("2023-05-01", "day", ev(arts, "art-a", "Monday")),
        location=Place("Exampletown", 33.3152, 44.3661, "city", "IQ", "event", place_ev),
        places=(
            Place("Exampletown", 33.3152, 44.3661, "city", "IQ", "event", place_ev),
            Place("Exampletown", 33.3152, 44.3661, "city", "IQ", "event", ev(arts, "art-d", "Exampletown", 1)),
        ),
        claims=claims,
        quotes=quotes,
        entities=(Entity("ent-nf", "org", "Northern Front", ("the Front",)),),
        passages=passages,
    )


def copy_group() -> CopyGroup:
    return CopyGroup(
        id="cg-wire",
        canonical="art-b",
        members=("art-b", "art-c"),
        wire="AFP",
        diffs=(
            CopyDiff(
                "art-c",
                added=("Readers wrote in with <b>bold</b> claims & more.",),
                cut=(),
                changed=(("Fuel depot near Exampletown struck by drone", "Fuel depot near Exampletown struck by drone <script>alert('x')</script>"),),
            ),
        ),
        scores={"art-b": 1.0, "art-c": 0.93},
    )


def build_store(path: str = ":memory:", run_compare: bool = True):
    """A store holding the world (documents, articles, copy group, event, story, record) and, by default,
    the compare stage's output."""
    store = open_store(path)
    arts = articles()
    store.add_documents(
        (aid, RawDocument(raw_text=a.raw_text, source_format="txt", path=a.path, outlet=a.outlet, published=a.published))
        for aid, a in arts.items()
    )
    store.put_articles(arts.values())
    store.replace_copy_groups([copy_group()])
    store.put_events(
        [Event("ev-1", "Drone strike on Exampletown depot", tuple(arts), "2023-05-01", "day", story_id="st-1")]
    )
    store.replace_stories([Story("st-1", "Depot strikes", ("ev-1",))])
    store.put_records([record(arts)])
    if run_compare:
        from newsweave.compare.stage import run
        from newsweave.pipeline import Context

        run(Context(store=store))
    return store
