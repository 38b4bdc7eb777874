"""A small hand-made store for the web tests (two stories, a copy group, a hostile article)."""

from __future__ import annotations

from newsweave.models import (
    Article,
    Claim,
    CopyGroup,
    Entity,
    Event,
    EventRecord,
    Evidence,
    Place,
    Quote,
    RawDocument,
    Segment,
    Story,
)
from newsweave.store import SQLiteStore

HOSTILE = (
    'Flood hits the valley <script>window.__pwned = 1</script>\n\n'
    'Water rose fast, officials said. <img src=x onerror="window.__pwned = 2"> '
    '<a href="javascript:window.__pwned=3">click</a>'
)


def _article(aid: str, text: str, outlet: str, published: str | None, url: str | None = None) -> tuple[RawDocument, Article]:
    doc = RawDocument(raw_text=text, source_format="text", outlet=outlet, published=published, url=url)
    first = text.split("\n", 1)[0]
    segs = [Segment(0, len(first), "title")]
    if len(text) > len(first) + 2:
        segs.append(Segment(len(first) + 2, len(text), "body"))
    return doc, Article(aid, text, tuple(segs), "text", outlet=outlet, published=published, title=first, url=url)


def populate(store: SQLiteStore) -> dict[str, str]:
    arts = [
        ("a1", "Dam breaks in Vell valley\n\nThe dam broke on Monday. Twelve people died, the governor said.", "Ost Daily", "2031-03-03", None),
        ("a2", "Dam breaks in Vell valley, agency says\n\nThe dam broke on Monday. Nine people died, officials said.", "Riverside Post", "2031-03-03", None),
        ("a3", "Vell dam failure: nine dead\n\nThe dam broke on Monday. Nine people died, officials said. More rain is due.", "Plain Herald", "2031-03-04", None),
        ("a4", "Landslide buries road\n\nA landslide buried the north road on Friday.", "Ost Daily", "2031-03-10", None),
        ("a5", HOSTILE, "Evil Outlet", "2031-03-11", "javascript:alert(1)"),
    ]
    for aid, text, outlet, pub, url in arts:
        doc, art = _article(aid, text, outlet, pub, url)
        store.add_documents([(aid, doc)])
        store.put_articles([art])
    store.replace_copy_groups([CopyGroup("cg-a2", "a2", ("a2", "a3"), "FPA")])
    store.replace_events([
        Event("ev-1", "Dam breaks in Vell valley", ("a1", "a2", "a3"), "2031-03-03", "day", "st-1"),
        Event("ev-2", "Landslide buries road", ("a4",), "2031-03-10", "day", "st-1"),
        Event("ev-3", HOSTILE.split("\n")[0], ("a5",), "2031-03-11", "day", "st-2"),
    ])
    store.replace_stories([Story("st-1", "Vell valley disasters", ("ev-1", "ev-2")), Story("st-2", "Hostile", ("ev-3",))])
    t1 = "The dam broke on Monday. Twelve people died, the governor said."
    ev1 = Evidence("a1", "Ost Daily", 28 + t1.index("Twelve"), 28 + t1.index("Twelve") + 6, "Twelve")
    store.put_records([
        EventRecord(
            "ev-1", event_type="Strategic developments", sub_event_type="Disrupted weapons use",
            location=Place("Vell", 45.0, 10.0, "city", "XX", "event", ev1),
            claims=(Claim("killed", 12, 12, "the governor", "people", ev1),),
            quotes=(Quote("Governor Ana Bell", "e-bell", "said", "Twelve people died", False, ev1),),
            entities=(Entity("e-bell", "person", "Ana Bell", ("Governor Bell",)),),
        ),
        EventRecord("ev-3", event_type="Riots", location=Place("Nowhere <b>", 1.0, 2.0, "city", None, "event")),
    ])
    def claim(value: str, claimant: str, aid: str, outlet: str) -> dict:
        return {"kind": "value", "value": value, "n_sources": 1,
                "claims": [{"outlet": outlet, "claimant": claimant,
                            "evidence": {"article_id": aid, "outlet": outlet, "start": 0, "end": 3, "text": "The"}}]}

    store.put_comparison("ev-1", {
        "agreements": [],
        "conflicts": [{"slot": "killed", "values": ["12", "9"]}],
        "unique": [],
        "slots": {"killed": {"conflict": True, "values": [claim("12", "the governor", "a1", "Ost Daily"),
                                                         claim("9", "officials", "a2", "Riverside Post")]}},
        "fatalities": {"low": 9, "best": 9, "high": 12, "conservative": 9, "disputed": True},
    })
    return {"event": "ev-1"}


